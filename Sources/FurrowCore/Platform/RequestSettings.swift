import Foundation
import FurrowDomain

/// The settings one request has read. The server gives every request one; the first read fills
/// it and every later read in the same request (the page's shell, the use case, its
/// transaction) takes it from here instead of the database. A change made in the request
/// replaces it.
public actor RequestSettings {
    @TaskLocal public static var current: RequestSettings?

    private var settings: Settings?

    public init() {}

    func cached() -> Settings? { settings }
    func keep(_ settings: Settings) { self.settings = settings }

    /// The request's settings, read with `read` the first time.
    static func read(_ read: () async throws -> Settings) async throws -> Settings {
        guard let memo = current else { return try await read() }
        if let cached = await memo.cached() { return cached }
        let settings = try await read()
        await memo.keep(settings)
        return settings
    }
}
