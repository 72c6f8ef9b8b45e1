import Foundation
import FurrowCore
import FurrowDomain

/// Parts shared by the record pages: the History section, connections, and display names.
struct RecordParts {
    let env: CoreEnvironment

    /// `via`: the named API token the change came through (`token "Webshop orders"`), if any.
    struct HistoryRow { let when: String, who: String, via: String?, action: String, changes: [Change], hasChanges: Bool }
    struct Change { let field: String, old: String?, new: String? }
    struct ConnectionRow { let id: String, role: String, name: String, url: String, kind: String, outgoing: Bool }
    struct Option { let value: String, label: String }

    /// Every user's display name by id (a handful of rows; one statement).
    func userNames() async throws -> [User.ID: String] {
        Dictionary(try await UserService(env).listAsSystem().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func accountNames(_ ids: [Account.ID]) async throws -> [Account.ID: String] {
        try await env.store.read { try await $0.accountNames(ids) }
    }

    /// The record's audit trail, newest first, with ids of users and accounts shown by name, and
    /// other ids (stages, kinds, reasons, contacts…) by the names the page passes in `names`.
    func history(_ entity: String, _ id: UUID, by principal: Principal, shell: Shell,
                 names: [String: String] = [:]) async throws -> [HistoryRow] {
        let entries = try await AuditService(env).entries(entity: entity, id: id, by: principal)
        let values = try await HistoryValues.load(entries, parts: self, extra: names, shell: shell, by: principal)
        return entries.reversed().map { entry in
            let changes = entry.changes.map { Change(field: Self.label($0.field), old: values.show($0.field, $0.old), new: values.show($0.field, $0.new)) }
            return HistoryRow(when: shell.format(entry.at), who: entry.actorId.flatMap { values.names[$0.string] } ?? "System", via: entry.via,
                              action: Self.verb(entry.action), changes: changes, hasChanges: !changes.isEmpty)
        }
    }

    /// `account.update` → `Updated`.
    static func verb(_ action: String) -> String {
        let verb = action.split(separator: ".").last.map(String.init) ?? action
        switch verb {
        case "create": return "Created"
        case "update": return "Edited"
        case "delete": return "Deleted"
        case "merge": return "Merged"
        case "add-entry": return "Booked"
        case "delete-entry": return "Entry deleted"
        case "edit": return "Edited"
        case "delete-correction": return "Correction deleted"
        case "note": return "Note written"
        case "note deleted": return "Note deleted"
        case "file": return "File added"
        case "file deleted": return "File deleted"
        default: return verb.prefix(1).uppercased() + verb.dropFirst()
        }
    }

    /// `parentAccountId` → `Parent account`.
    static func label(_ field: String) -> String { FieldError.label(field) }

    /// The party's visible connections, each naming the other party.
    func connections(of id: UUID, _ type: PartyType, by principal: Principal) async throws -> [ConnectionRow] {
        let connections = try await ConnectionService(env).list(of: id, type: type, by: principal)
        let others = connections.map { c -> (Connection, PartyType, UUID, Bool) in
            let outgoing = c.fromId == id && c.fromType == type
            return (c, outgoing ? c.toType : c.fromType, outgoing ? c.toId : c.fromId, outgoing)
        }
        let names = try await accountNames(others.filter { $0.1 == .account }.map { Account.ID($0.2) })
        var rows: [ConnectionRow] = []
        for (connection, kind, otherId, outgoing) in others {
            let name: String
            switch kind {
            case .account: name = names[Account.ID(otherId)] ?? "(account)"
            case .contact: name = (try? await ContactService(env).get(Contact.ID(otherId), by: principal).fields.fullName) ?? "(contact)"
            }
            rows.append(ConnectionRow(id: connection.id.string, role: connection.role, name: name,
                                      url: "/\(kind.rawValue)s/\(UUIDText.lowercase(otherId))", kind: kind.rawValue, outgoing: outgoing))
        }
        return rows
    }

    /// Parties the user can connect a record to (the first 200 of each kind, by name).
    func connectionTargets(excluding id: UUID, by principal: Principal) async throws -> (accounts: [Option], contacts: [Option]) {
        let accounts = try await AccountService(env).list(ListQuery(limit: 200, sort: ListFields.accounts.defaultSort), by: principal)
        let contacts = try await ContactService(env).list(ListQuery(limit: 200, sort: ListFields.contacts.defaultSort), by: principal)
        return (accounts.filter { $0.id.uuid != id }.map { Option(value: "account:" + $0.id.string, label: $0.fields.name) },
                contacts.filter { $0.id.uuid != id }.map { Option(value: "contact:" + $0.id.string, label: $0.fields.fullName) })
    }

    /// Accounts for a picker, by name (the first 200 visible; a type-ahead searches the rest), always including the selected one
    /// when the user may see it, so that saving a form never drops a value the picker did not list
    /// and a pre-filled id never shows the name of an account the user may not see.
    func accountOptions(by principal: Principal, excluding: Account.ID? = nil, selected: String? = nil) async throws -> [(String, String)] {
        let accounts = try await AccountService(env).list(ListQuery(limit: 200, sort: ListFields.accounts.defaultSort), by: principal)
        var options = accounts.filter { $0.id != excluding }.map { ($0.id.string, $0.fields.name) }
        if let id = selected.flatMap(Account.ID.init), !options.contains(where: { $0.0 == id.string }),
           let account = try? await AccountService(env).get(id, by: principal) {
            options.append((id.string, account.fields.name))
        }
        return options
    }

    /// Active users for an owner picker (plus the current owner), when the caller may assign owners.
    func ownerOptions(by principal: Principal, selected: String? = nil) async throws -> [(String, String)] {
        guard principal.canReassign else { return [] }
        return try await UserService(env).list(by: principal).filter { $0.active || $0.id.string == selected }.map { ($0.id.string, $0.name) }
    }
}
