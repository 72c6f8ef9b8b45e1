import Foundation
import FurrowCore
import Logging
import ServiceLifecycle

/// Distributes running campaign activities in batches (SPEC §8): as long as one is running it
/// works through it; otherwise it looks again every `idle`. Safe with several servers: a batch
/// takes its activity's row with `FOR UPDATE SKIP LOCKED` on PostgreSQL, and each member's
/// delivery is recorded once.
public struct DistributionWorker: Service {
    let env: CoreEnvironment
    let logger: Logger
    let idle: Duration

    public init(env: CoreEnvironment, logger: Logger, idle: Duration = .seconds(2)) {
        self.env = env
        self.logger = logger
        self.idle = idle
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var worked = false
                do { worked = try await CampaignDistribution(env: env).step() } catch {
                    logger.warning("campaign distribution", metadata: ["error": .string(String(describing: error))])
                }
                if !worked { try? await Task.sleep(for: idle) }
            }
        }
    }
}
