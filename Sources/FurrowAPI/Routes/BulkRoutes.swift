import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Changes to a list's selection at once (issue 22): a new owner, or deletion.
struct BulkRoutes: RouteSet {
    let env: CoreEnvironment

    func selection(_ body: inout JSONBody) -> (BulkActions.RecordType?, [UUID]) {
        body.require("type")
        body.require("ids")
        let type = body.enumValue("type", BulkActions.RecordType.self)
        let ids = body.strings("ids").enumerated().compactMap { index, text -> UUID? in
            if let id = UUIDText.parse(text) { return id }
            body.fail("ids[\(index)]", "\(text) is not a UUID")
            return nil
        }
        return (type, ids)
    }

    @Sendable func assignOwner(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["type", "ids", "ownerId"])
        let (type, ids) = selection(&body)
        body.require("ownerId")
        let owner = body.id("ownerId", User.self)
        try body.check()
        guard let type, let owner else { throw Problem.malformed("type and ownerId are required") }
        let changed = try await BulkActions(env).assignOwner(type, ids: ids, ownerId: owner, by: principal)
        return try .json(["changed": changed])
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["type", "ids"])
        let (type, ids) = selection(&body)
        try body.check()
        guard let type else { throw Problem.malformed("type is required") }
        let deleted = try await BulkActions(env).delete(type, ids: ids, by: principal)
        return try .json(["deleted": deleted])
    }
}
