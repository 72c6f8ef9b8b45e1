import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Synchronization

/// How long connections may idle and how many one client address may hold open (the outside
/// probe's finding 11: ~19,800 idle or half-sent connections from one client used up the file
/// descriptors). A connection that sends nothing for `idleSeconds` (a keep-alive connection
/// between requests, or one that never finishes its header) is closed; a client address over
/// `perClient` open connections has the newest closed at once, so other clients and `/healthz`
/// are still served. Env `FURROW_IDLE_TIMEOUT` (seconds, default 30) and
/// `FURROW_MAX_CONNECTIONS_PER_CLIENT` (default 256) change them.
public struct ConnectionLimits: Sendable {
    public var idleSeconds: Int64
    public var perClient: Int

    public init(idleSeconds: Int64 = 30, perClient: Int = 256) {
        self.idleSeconds = idleSeconds
        self.perClient = perClient
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectionLimits {
        var limits = ConnectionLimits()
        if let text = environment["FURROW_IDLE_TIMEOUT"], let seconds = Int64(text), seconds > 0 { limits.idleSeconds = seconds }
        if let text = environment["FURROW_MAX_CONNECTIONS_PER_CLIENT"], let count = Int(text), count > 0 { limits.perClient = count }
        return limits
    }

    /// The HTTP/1 server with these limits.
    public func server() -> HTTPServerBuilder {
        let counter = ConnectionCounter(limit: perClient)
        return .http1(configuration: .init(additionalChannelHandlers: [ConnectionLimitHandler(counter: counter)],
                                           idleTimeout: .seconds(idleSeconds)))
    }
}

/// Open connections per client address.
final class ConnectionCounter: Sendable {
    let limit: Int
    private let counts = Mutex([String: Int]())

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection; false when the address holds `limit` already.
    func acquire(_ key: String) -> Bool {
        counts.withLock { counts in
            guard counts[key, default: 0] < limit else { return false }
            counts[key, default: 0] += 1
            return true
        }
    }

    func release(_ key: String) {
        counts.withLock { counts in
            let left = counts[key, default: 1] - 1
            counts[key] = left > 0 ? left : nil
        }
    }
}

/// Counts its connection while it is open and closes it when its address is over the limit.
// unchecked: NIO calls a handler on its channel's event loop only
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny
    let counter: ConnectionCounter
    private var key: String?

    init(counter: ConnectionCounter) { self.counter = counter }

    func handlerAdded(context: ChannelHandlerContext) {
        let key = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if counter.acquire(key) { self.key = key } else { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let key { counter.release(key) }
        key = nil
    }
}
