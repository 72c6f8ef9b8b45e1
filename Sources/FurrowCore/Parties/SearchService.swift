import Foundation
import FurrowDomain

/// The global search (SPEC §1): fragments of names, emails and phone numbers across the
/// record kinds, limited to what the caller may see.
public struct SearchService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func search(_ text: String, types: Set<SearchEntry.Kind> = Set(SearchEntry.Kind.allCases), limit: Int = 20,
                       by principal: Principal) async throws -> [SearchEntry] {
        let query = text.trimmed()
        guard query.count >= 2 else { return [] }
        return try await env.store.read { session in
            try await session.search(String(query.prefix(100)), types: types, visibleTo: principal, limit: min(max(limit, 1), 100))
        }
    }
}
