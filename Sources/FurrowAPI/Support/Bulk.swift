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

    struct Updated<Record: Encodable & Sendable>: Encodable, Sendable {
        let updated: Int
        let items: [Entry<Record>]
    }

    /// An item of a bulk update: its `id` and `version` (required), read by `read` over the record
    /// as the caller sees it now; nil when it has errors or is no record of theirs.
    static func changes<Item>(_ items: [JSONBody], into body: inout JSONBody, noun: String,
                              _ read: (inout JSONBody, UUID, Int) async throws -> Item?) async throws -> [Item?] {
        try await parse(items, into: &body) { item -> Item? in
            item.require("id")
            item.require("version")
            guard let id = item.uuid("id"), let version = item.int("version") else { return nil }
            do {
                return try await read(&item, id, version)
            } catch CoreError.notFound {
                item.fail("id", "is not \(noun) you can see")
                return nil
            }
        }.map { $0.flatMap { $0 } }
    }

    struct Answer<Record: Encodable & Sendable>: Encodable, Sendable {
        let created: Int, skipped: Int
        let items: [Entry<Record>]
    }

    static func answer<Record: Sendable, DTO: Encodable & Sendable>(_ outcomes: [BulkCreate.Outcome<Record>], done: String = "created",
                                                                    _ dto: (Record) -> DTO) throws -> Response {
        let entries = outcomes.map { outcome -> Entry<DTO> in
            switch outcome {
            case .created(let record): Entry(status: done, record: dto(record), duplicateOf: nil)
            case .skipped(let matches): Entry(status: "skipped", record: nil, duplicateOf: matches)
            }
        }
        let stored = entries.filter { $0.status == done }.count
        if done == "updated" { return try .json(Updated(updated: stored, items: entries)) }
        return try .json(Answer(created: stored, skipped: entries.count - stored, items: entries), status: .created)
    }
}
