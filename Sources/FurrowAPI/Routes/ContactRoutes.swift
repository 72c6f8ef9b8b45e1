import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct ContactRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["firstName", "lastName", "email", "phone", "mobile", "title", "accountId", "ownerId", "fullName"]
    /// Server-owned fields and the names an answer carries: a client may send them back.
    static let ignored = JSONBody.serverOwned.union(["accountName", "ownerName"])


    static func fields(_ body: inout JSONBody, over base: ContactFields) -> ContactFields {
        var fields = base
        if body.has("firstName") { fields.firstName = body.string("firstName") }
        if body.has("lastName") { fields.lastName = body.string("lastName") ?? "" }
        if body.has("email") { fields.email = body.string("email") }
        if body.has("phone") { fields.phone = body.string("phone") }
        if body.has("mobile") { fields.mobile = body.string("mobile") }
        if body.has("title") { fields.title = body.string("title") }
        if body.has("accountId") { fields.accountId = body.id("accountId", Account.self) }
        return fields
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        let fields = Self.fields(&body, over: ContactFields(lastName: ""))
        let owner = body.id("ownerId", User.self)
        try body.check()
        let contact = try await ContactService(env).create(fields, ownerId: owner, allowDuplicate: try request.flag("allowDuplicate"), by: principal)
        return try .json(ContactDTO(contact), status: .created, location: "/api/v1/contacts/\(contact.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .contacts)
        return try await ListExport.answer(request, query, .contacts, env: env, by: principal)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ContactDTO(try await ContactService(env).get(try context.id(Contact.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Contact.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        let version = try request.expectedVersion(&body)
        let current = try await ContactService(env).get(id, by: principal)
        let fields = Self.fields(&body, over: current.fields)
        let owner = body.id("ownerId", User.self)
        try body.check()
        let contact = try await ContactService(env).update(id, fields: fields, ownerId: owner, expectedVersion: version, by: principal)
        return try .json(ContactDTO(contact))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await ContactService(env).delete(try context.id(Contact.self), by: principal)
        return .noContent
    }

    @Sendable func connections(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Contact.self)
        let connections = try await ConnectionService(env).list(of: id.uuid, type: .contact, by: principal)
        return try .json(Page(items: connections.map(ConnectionDTO.init), nextCursor: nil))
    }

    @Sendable func merge(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Contact.self)
        let other = try await JSONBody.id("otherId", Contact.self, of: request, context: context)
        return try .json(ContactDTO(try await ContactService(env).merge(id, with: other, by: principal)))
    }
}
