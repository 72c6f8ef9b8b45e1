import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Adding and removing connections from a party's page; the answer returns to that page.
struct ConnectionForms {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("accounts/:id/connections") { request, context in try await create(request, context, from: .account) }
        group.post("contacts/:id/connections") { request, context in try await create(request, context, from: .contact) }
        group.post("connections/:id/delete", use: delete)
    }

    func create(_ request: Request, _ context: AppContext, from type: PartyType) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Problem.notFound() }
        let back = "/\(type.rawValue)s/\(UUIDText.lowercase(id))"
        let target = form["target"].split(separator: ":", maxSplits: 1).map(String.init)
        guard target.count == 2, let toType = PartyType(rawValue: target[0]), let toId = UUID(uuidString: target[1]) else {
            return .redirect(back + "#connections", flash: "Choose the account or contact to connect to.", isError: true)
        }
        do {
            _ = try await ConnectionService(web.env).create(fromType: type, fromId: id, toType: toType, toId: toId,
                                                            role: form["role"], by: principal)
        } catch {
            guard let problem = Problem.from(error), [403, 409, 422].contains(problem.status) else { throw error }
            let detail = problem.errors.map { $0.map { Self.describe($0) }.joined(separator: "; ") } ?? problem.detail
            return .redirect(back + "#connections", flash: "Connection not added: " + detail, isError: true)
        }
        return .redirect(back + "#connections", flash: "Connection added.")
    }

    static func describe(_ error: FieldError) -> String {
        switch error.field {
        case "role": return "the relation " + error.message
        case "toId": return "the other record " + error.message
        default: return error.field + " " + error.message
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(Connection.ID.init) else { throw Problem.notFound() }
        let back = URLText.localPath(form["back"])
        do {
            try await ConnectionService(web.env).delete(id, by: principal)
        } catch {
            guard let problem = Problem.from(error), [403, 409].contains(problem.status) else { throw error }
            return .redirect(back + "#connections", flash: "Connection not removed: " + problem.detail, isError: true)
        }
        return .redirect(back + "#connections", flash: "Connection removed.")
    }
}
