import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The bar above a record list that acts on the rows ticked (`bulk-bar.mustache`): give them to
/// an owner (managers and administrators), add them to a static marketing list of their kind, or
/// delete them where single records may be deleted. One transaction each (`BulkActions`).
struct BulkBar {
    struct Option { let value: String, label: String }
    let type: String
    let noun: String
    let back: String
    let canAssign: Bool
    let owners: [Option]
    let hasLists: Bool
    let lists: [Option]
    let canDelete: Bool

    static func make(_ web: Web, _ type: BulkActions.RecordType, noun: String, back: String, by principal: Principal) async throws -> BulkBar? {
        guard principal.canWriteRecords else { return nil }
        let owners = principal.canReassign ? try await RecordParts(env: web.env).ownerOptions(by: principal) : []
        let target = MarketingList.TargetType(rawValue: type.rawValue)
        let lists = target == nil ? [] : try await MarketingListService(web.env).list(by: principal)
            .filter { $0.targetType == target && $0.listType == .static && $0.active && principal.canChange($0.ownership) }
        return BulkBar(type: type.rawValue, noun: noun, back: back, canAssign: principal.canReassign,
                       owners: owners.map { Option(value: $0.0, label: $0.1) }, hasLists: !lists.isEmpty,
                       lists: lists.map { Option(value: $0.id.string, label: $0.name) }, canDelete: type.deletable)
    }
}

/// `POST /bulk`: what the bar asked, then back to the list with what happened.
struct BulkActionsPage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("bulk", use: apply)
    }

    @Sendable func apply(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let back = URLText.localPath(form["back"], fallback: "/home")
        guard let type = BulkActions.RecordType(rawValue: form["type"]) else { throw Problem.notFound() }
        let ids = form.all("ids").compactMap(UUIDText.parse)
        let noun = ids.count == 1 ? String(type.rawValue.dropLast()) : type.rawValue
        guard !ids.isEmpty else { return .redirect(back, flash: "Tick the rows to act on first.", isError: true) }
        do {
            switch form["action"] {
            case "owner":
                guard let owner = User.ID(form["ownerId"]) else { return .redirect(back, flash: "Choose the new owner.", isError: true) }
                let changed = try await BulkActions(web.env).assignOwner(type, ids: ids, ownerId: owner, by: principal)
                let name = try await RecordParts(env: web.env).userNames()[owner] ?? "the new owner"
                return .redirect(back, flash: "\(changed) of \(ids.count) \(noun) now belong to \(name)" + (changed < ids.count ? " (the others did already)." : "."))
            case "list":
                guard let list = MarketingList.ID(form["listId"]) else { return .redirect(back, flash: "Choose the marketing list.", isError: true) }
                let added = try await MarketingListService(web.env).addMembers(list, ids, by: principal)
                let name = try await MarketingListService(web.env).get(list, by: principal).name
                return .redirect(back, flash: "\(added) of \(ids.count) \(noun) added to “\(name)”" + (added < ids.count ? " (the others were on it)." : "."))
            case "delete":
                let deleted = try await BulkActions(web.env).delete(type, ids: ids, by: principal)
                return .redirect(back, flash: "\(deleted) \(deleted == 1 ? String(type.rawValue.dropLast()) : type.rawValue) deleted.")
            default:
                return .redirect(back, flash: "Choose what to do with them.", isError: true)
            }
        } catch {
            let problem = try Problem.forForm(error)
            let reasons = (problem.errors ?? []).map { error -> String in
                if let index = Int(error.field.drop { !$0.isNumber }.prefix { $0.isNumber }), ids.indices.contains(index) {
                    return "ticked record \(index + 1): \(error.message)"
                }
                return error.message
            }
            let text = reasons.isEmpty ? (problem.detail ?? problem.title) : reasons.joined(separator: "; ")
            return .redirect(back, flash: "Nothing was changed: \(text)", isError: true)
        }
    }
}
