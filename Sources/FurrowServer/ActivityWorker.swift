import Foundation
import FurrowCore
import Logging
import ServiceLifecycle

/// Fires due reminders every `tick` and runs the follow-up rule and the maintenance rounds every `sweep` (SPEC §6, §7). Safe
/// with several servers on one PostgreSQL database: reminders are claimed with
/// `FOR UPDATE SKIP LOCKED` and sweeps take an advisory lock.
public struct ActivityWorker: Service {
    let env: CoreEnvironment
    let logger: Logger
    let tick: Duration
    let sweep: Duration

    public init(env: CoreEnvironment, logger: Logger, tick: Duration = .seconds(15), sweep: Duration = .seconds(600)) {
        self.env = env
        self.logger = logger
        self.tick = tick
        self.sweep = sweep
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            var sinceSweep = sweep
            while !Task.isCancelled {
                do {
                    while try await ReminderService(env).fireDueReminders() > 0 {}
                    if sinceSweep >= sweep {
                        sinceSweep = .zero
                        let made = try await ReminderService(env).createFollowUps()
                        if made > 0 { logger.info("follow-up tasks created", metadata: ["count": .stringConvertible(made)]) }
                        let rounds = try await MaintenanceSweep(env).run()
                        if rounds != MaintenanceSweep.Result() {
                            logger.info("maintenance rounds", metadata: ["expired": .stringConvertible(rounds.expired),
                                                                         "escalated": .stringConvertible(rounds.escalated),
                                                                         "reminded": .stringConvertible(rounds.reminded)])
                        }
                    }
                } catch {
                    logger.warning("activity worker", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: tick)
                sinceSweep += tick
            }
        }
    }
}
