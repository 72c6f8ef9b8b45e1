import Foundation
import Hummingbird
import Logging
import NIOCore

/// A real HTTP server on a loopback port that records what webhooks send it and answers each
/// request with the status `answer` picks (after `delay`, when one is set).
final class WebhookReceiver: Sendable {
    struct Request: Sendable {
        let headers: [String: String]
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    actor Log {
        var requests: [Request] = []
        func add(_ request: Request) -> Int {
            requests.append(request)
            return requests.count
        }
    }

    let log: Log
    let port: Int
    let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>, log: Log) {
        self.port = port
        self.task = task
        self.log = log
    }

    var url: String { "http://127.0.0.1:\(port)/hooks/furrow" }
    /// The requests received, in order.
    var received: [Request] { get async { await log.requests } }

    /// Starts a receiver; `answer(n)` is the status of the n-th request (1-based).
    static func start(delay: Duration? = nil, answer: @escaping @Sendable (Int) -> Int = { _ in 200 }) async throws -> WebhookReceiver {
        let log = Log()
        let router = Router()
        router.post("/hooks/furrow") { request, context -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let body = try await request.body.collect(upTo: 1 << 20)
            let number = await log.add(Request(headers: headers, body: Data(buffer: body)))
            if let delay { try await Task.sleep(for: delay) }
            return Response(status: HTTPResponse.Status(code: answer(number)))
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in stream { port = bound; break }
        return WebhookReceiver(port: port, task: task, log: log)
    }

    func stop() { task.cancel() }
}
