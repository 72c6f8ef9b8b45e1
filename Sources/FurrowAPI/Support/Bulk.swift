import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The shared parts of the bulk creates (`POST /{records}/batch`): the `items` of the body, the
/// `duplicates` policy, and the answer, one entry per item in order.
enum Bulk {
    /// The body's `items`, each readable with `allowed` (server-owned fields among them, ignored).
    static func items(_ request: Request, _ context: AppContext, allowed: Set<String>) async throws -> (body: JSONBody, items: [JSONBody]) {
        var body = try await JSONBody(request, context: context, allowed: ["items"], limit: BodyLimits.batch)
        body.require("items")
        let items = body.list("items", allowed: allowed) ?? []
        return (body, items)
    }

    /// `?duplicates=fail|skip|create` (default fail); nothing else is taken.
    static func policy(_ request: Request) throws -> BulkCreate.Policy {
        var policy = BulkCreate.Policy.fail
        for (name, value) in request.uri.queryParameters {
            guard name == "duplicates", let chosen = BulkCreate.Policy(rawValue: String(value)) else {
                throw Problem.invalidQuery("The only parameter is duplicates: fail, skip or create.")
            }
            policy = chosen
        }
        return policy
    }

    /// Each item read by `read`: nil where it has errors (they stay in `body`).
    static func parse<Item>(_ items: [JSONBody], into body: inout JSONBody, _ read: (inout JSONBody) async throws -> Item) async rethrows -> [Item?] {
        var parsed: [Item?] = []
        parsed.reserveCapacity(items.count)
        for var item in items {
            let value = try await read(&item)
            parsed.append(item.errors.isEmpty ? value : nil)
            body.absorb(item)
        }
        return parsed
    }

    struct Entry<Record: Encodable & Sendable>: Encodable, Sendable {
        let status: String
        let record: Record?
        let duplicateOf: [DuplicateMatch]?
    }

    struct Answer<Record: Encodable & Sendable>: Encodable, Sendable {
        let created: Int, skipped: Int
        let items: [Entry<Record>]
    }

    static func answer<Record: Sendable, DTO: Encodable & Sendable>(_ outcomes: [BulkCreate.Outcome<Record>], _ dto: (Record) -> DTO) throws -> Response {
        let entries = outcomes.map { outcome -> Entry<DTO> in
            switch outcome {
            case .created(let record): Entry(status: "created", record: dto(record), duplicateOf: nil)
            case .skipped(let matches): Entry(status: "skipped", record: nil, duplicateOf: matches)
            }
        }
        let created = entries.filter { $0.status == "created" }.count
        return try .json(Answer(created: created, skipped: entries.count - created, items: entries), status: .created)
    }
}
