import Foundation
import FurrowCore
import FurrowDomain
import Hummingbird

/// Per-user (and per named token) request limits, modelled on Dataverse's service protection: at most `requests` per
/// `period` (a token bucket that refills evenly) and at most `inFlight` requests at once. Over
/// either, the API answers 429 with Retry-After. Limits are per server instance.
public actor RateLimiter {
    public struct Limits: Sendable, Equatable {
        public var requests: Int
        public var period: Double
        public var inFlight: Int
        public init(requests: Int = 6000, period: Double = 300, inFlight: Int = 52) {
            self.requests = requests
            self.period = period
            self.inFlight = inFlight
        }

        /// `FURROW_RATE_LIMIT=6000/300` (requests/seconds) and `FURROW_MAX_IN_FLIGHT=52`.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Limits {
            var limits = Limits()
            if let text = environment["FURROW_RATE_LIMIT"] {
                let parts = text.split(separator: "/").compactMap { Int($0) }
                if parts.count == 2, parts[0] > 0, parts[1] > 0 { limits.requests = parts[0]; limits.period = Double(parts[1]) }
            }
            if let value = environment["FURROW_MAX_IN_FLIGHT"].flatMap({ Int($0) }), value > 0 { limits.inFlight = value }
            return limits
        }
    }

    public struct Bucket { var tokens: Double; var updated: Double; var inFlight: Int }

    public let limits: Limits
    private var buckets: [String: Bucket] = [:]

    public init(_ limits: Limits) { self.limits = limits }

    /// Takes one request's place; nil when allowed, else the seconds to wait.
    public func admit(_ user: String, now: Double) -> Int? {
        let rate = Double(limits.requests) / limits.period
        var bucket = buckets[user] ?? Bucket(tokens: Double(limits.requests), updated: now, inFlight: 0)
        bucket.tokens = min(Double(limits.requests), bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        defer { buckets[user] = bucket }
        if bucket.inFlight >= limits.inFlight { return 1 }
        guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
        bucket.tokens -= 1
        bucket.inFlight += 1
        if buckets.count > 10_000 { buckets = buckets.filter { $0.value.inFlight > 0 || now - $0.value.updated < limits.period } }
        return nil
    }

    public func release(_ user: String) {
        buckets[user]?.inFlight -= 1
    }
}

public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    public let limiter: RateLimiter

    public init(limiter: RateLimiter) { self.limiter = limiter }

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        // A named token has its own allowance; sessions and sign-in tokens share their user's.
        guard let userId = context.principal?.userId else { return try await next(request, context) }
        let user = context.apiToken.map { "token:" + UUIDText.lowercase($0.id) } ?? "user:" + userId.string
        if let wait = await limiter.admit(user, now: Date().timeIntervalSince1970) {
            var problem = Problem(.tooManyRequests, 429, "Too many requests",
                                  "You are sending requests faster than this server allows; wait and try again.")
            problem.retryAfter = wait
            throw problem
        }
        do {
            let response = try await next(request, context)
            await limiter.release(user)
            return response
        } catch {
            await limiter.release(user)
            throw error
        }
    }
}
