import AsyncHTTPClient
import Foundation
import FurrowCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends webhook requests with AsyncHTTPClient: to the address the SSRF guard checked (the
/// client is told to connect there while TLS still checks the host's certificate), no
/// redirects followed, 10 s to connect and 10 s between bytes, the answer read up to 64 KiB.
public struct HTTPWebhookSender: WebhookSender {
    public static let answerCap = 64 * 1024
    public init() {}

    public func post(to target: TargetGuard.Target, body: Data, headers: [(String, String)]) async -> (status: Int?, error: String?) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(10), read: .seconds(10)))
        configuration.dnsOverride = [target.host: target.address]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(data: body))
        let outcome: (status: Int?, error: String?)
        do {
            let response = try await client.execute(request, timeout: .seconds(20))
            var read = 0
            for try await chunk in response.body {
                read += chunk.readableBytes
                if read > Self.answerCap { break }
            }
            outcome = (Int(response.status.code), nil)
        } catch {
            outcome = (nil, Self.describe(error))
        }
        try? await client.shutdown()
        return outcome
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "no connection within 10 s"
            case .readTimeout, .deadlineExceeded: return "no answer within 10 s"
            default: return "the request failed: \(error)"
            }
        }
        return "the request failed: \(error)"
    }
}

/// Delivers webhook events (SPEC §11): every `idle` it sends what is due, at once again while
/// there is more. Safe with several servers: deliveries are claimed, each by one server.
public struct WebhookWorker: Service {
    let env: CoreEnvironment
    let logger: Logger
    let idle: Duration

    public init(env: CoreEnvironment, logger: Logger, idle: Duration = .seconds(1)) {
        self.env = env
        self.logger = logger
        self.idle = idle
    }

    public func run() async throws {
        let dispatch = WebhookDispatch(env: env, sender: HTTPWebhookSender())
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var sent = 0
                do { sent = try await dispatch.run() } catch {
                    logger.warning("webhook delivery", metadata: ["error": .string(String(describing: error))])
                }
                if sent == 0 { try? await Task.sleep(for: idle) }
            }
        }
    }
}
