import Foundation
import FurrowAPI
import FurrowHTTP
import FurrowDomain
import Testing

@Suite("Per-user request limits")
struct RateLimitTests {
    @Test("a user over the request rate waits for the bucket to refill; others are not held up")
    func rate() async {
        let limiter = RateLimiter(.init(requests: 3, period: 30, inFlight: 10))
        let ann = "user:ann", bob = "user:bob"
        for _ in 0..<3 {
            #expect(await limiter.admit(ann, now: 1000) == nil)
            await limiter.release(ann)
        }
        #expect(await limiter.admit(ann, now: 1000) == 10)      // one token per 10 s
        #expect(await limiter.admit(bob, now: 1000) == nil)
        #expect(await limiter.admit(ann, now: 1010) == nil)
    }

    @Test("too many requests in flight at once are refused until one finishes")
    func inFlight() async {
        let limiter = RateLimiter(.init(requests: 100, period: 1, inFlight: 2))
        let ann = "user:ann"
        #expect(await limiter.admit(ann, now: 0) == nil)
        #expect(await limiter.admit(ann, now: 0) == nil)
        #expect(await limiter.admit(ann, now: 0) == 1)
        await limiter.release(ann)
        #expect(await limiter.admit(ann, now: 0) == nil)
    }

    @Test("limits come from FURROW_RATE_LIMIT and FURROW_MAX_IN_FLIGHT, defaults otherwise")
    func environment() {
        #expect(RateLimiter.Limits.fromEnvironment([:]) == .init(requests: 6000, period: 300, inFlight: 52))
        #expect(RateLimiter.Limits.fromEnvironment(["FURROW_RATE_LIMIT": "100/60", "FURROW_MAX_IN_FLIGHT": "4"]) == .init(requests: 100, period: 60, inFlight: 4))
        #expect(RateLimiter.Limits.fromEnvironment(["FURROW_RATE_LIMIT": "lots"]) == .init())
    }
}
