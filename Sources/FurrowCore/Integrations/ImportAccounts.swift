import Foundation
import FurrowDomain

/// New accounts stored `chunk` rows at a time, as the bulk create stores them (one statement per
/// step for the chunk: the duplicate check against the stored accounts and the file's earlier rows,
/// the rows, their search and audit entries), when no row can update one: the file maps no `id`
/// and its policy is `skip` or `create`.
extension ImportRows {
    var batchesAccounts: Bool { options.type == .accounts && !mapped.contains("id") && options.duplicates != .update }

    func flushAccounts() async throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        var outcomes = [ImportReport.Row?](repeating: nil, count: rows.count)
        var items: [(fields: AccountFields, ownership: Ownership)] = [], places: [Int] = []
        for (index, (line, values)) in rows.enumerated() {
            let title = Self.title(values, .accounts)
            var errors: [FieldError] = []
            if let cells = values[Self.widthKey] { errors.append(FieldError("row", "has \(cells) cells, more than the header's columns")) }
            do {
                let owner = try await ownerId(values, &errors)
                let parent = try await accountId(values, "parentAccountName", &errors)
                guard errors.isEmpty else {
                    outcomes[index] = ImportReport.Row(line: line, outcome: .failed, recordId: nil, title: title, errors: errors)
                    continue
                }
                let fields = try accountFields(values, parent: parent, stored: nil).validated()
                items.append((fields, try await ownership(owner)))
                places.append(index)
            } catch {
                guard let explained = options.explain(error) else { throw error }
                outcomes[index] = ImportReport.Row(line: line, outcome: .failed, recordId: nil, title: title, errors: errors + explained)
            }
        }
        let results = try await AccountService(run.env).insertMany(items, allowDuplicate: options.duplicates == .create, in: writer.transaction)
        for (result, index) in zip(results, places) {
            let line = rows[index].line, title = Self.title(rows[index].values, .accounts)
            switch result {
            case .success(let account):
                outcomes[index] = ImportReport.Row(line: line, outcome: .created, recordId: account.id.uuid, title: title, errors: [])
            case .failure(PartyError.duplicateSuspected(let matches)):
                outcomes[index] = ImportReport.Row(line: line, outcome: .skipped, recordId: matches.first.flatMap { UUIDText.parse($0.id) }, title: title, errors: [])
            case .failure(let error):
                guard let explained = options.explain(error) else { throw error }
                outcomes[index] = ImportReport.Row(line: line, outcome: .failed, recordId: nil, title: title, errors: explained)
            }
        }
        for outcome in outcomes { if let outcome { add(outcome) } }
        try await writer.transaction.flush()
    }

    /// The owner and team of new records (the importing user when the row names no owner), looked up once per owner.
    func ownership(_ owner: User.ID?) async throws -> Ownership {
        if let known = ownerships[owner] { return known }
        let found = try await session.ownership(requested: owner, by: principal)
        ownerships[owner] = found
        return found
    }
}
