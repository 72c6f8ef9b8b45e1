import Foundation
import FurrowDomain

/// The rows of one import run made into records, one after the other inside the run's
/// transaction: the references each row names (looked up once per run), the duplicate policy
/// (one step for every type: a matched row is skipped or updates its record, else it creates
/// one) and each row's outcome in the report.
final class ImportRows {
    /// Set on a row with more cells than the header has.
    static let widthKey = "\u{0}cells"

    let run: ImportRun
    let options: ImportRun.Options
    let writer: BatchWriter
    let baseCurrency: Currency
    /// The file's delimiter: with `;` a decimal comma is the usual one.
    let delimiter: Character
    var report: ImportReport
    let mapped: Set<String>

    // references found so far (nil: looked up and not found)
    var owners: [String: User.ID?] = [:]
    var accounts: [String: Account.ID?] = [:]
    var contacts: [String: Contact.ID?] = [:]
    var products: [String: Product?] = [:]
    var catalog: Catalog?
    /// The rows of the opportunity being read: those that follow it with its name and account add product lines.
    var group: [(line: Int, values: [String: String])] = []
    /// Accounts read but not stored yet, when they are stored `chunk` at a time.
    var pending: [(line: Int, values: [String: String])] = []
    var ownerships: [User.ID?: Ownership] = [:]
    static let chunk = 1000
    /// Prices for price lists, written when the rows are done.
    var prices: [PriceList.ID: [Product.ID: Micros]] = [:]

    /// Named things read once per run.
    struct Catalog {
        var kinds: [OpportunityKind]
        var defaultKind: OpportunityKind?
        var stages: [Stage]
        var channels: [Channel]
        var taxRates: [TaxRate]
        var priceLists: [PriceList]
    }

    init(run: ImportRun, options: ImportRun.Options, writer: BatchWriter, baseCurrency: Currency, delimiter: Character) {
        self.run = run
        self.delimiter = delimiter
        self.options = options
        self.writer = writer
        self.baseCurrency = baseCurrency
        self.report = ImportReport(dryRun: options.dryRun)
        self.mapped = Set(options.mapping.values)
    }

    var principal: Principal { writer.principal }
    var session: any StoreSession { writer.session }

    func take(_ values: [String: String], line: Int) async throws {
        if batchesAccounts {
            pending.append((line, values))
            if pending.count >= Self.chunk { try await flushAccounts() }
            return
        }
        // the trail entries are written as the rows go, so memory does not grow with the file
        if report.rowsRead % Self.chunk == 0 { try await writer.transaction.flush() }
        guard options.type == .opportunities else { return add(try await row(values, line: line)) }
        if let first = group.first?.values, Self.sameOpportunity(first, values) {
            group.append((line, values))
        } else {
            try await flushGroup()
            group = [(line, values)]
        }
    }

    func finish() async throws {
        try await flushAccounts()
        try await flushGroup()
        for (listId, items) in prices.sorted(by: { $0.key.string < $1.key.string }) {
            try await ProductService(run.env).setPrices(items, on: listId, in: writer.transaction)
        }
        options.progress?(report.rowsRead, options.rowsTotal)
    }

    func add(_ row: ImportReport.Row) {
        report.add(row)
        // told every hundred rows (and at the end): often enough for a bar, rarely enough to cost nothing
        if report.rowsRead % 100 == 0 { options.progress?(report.rowsRead, options.rowsTotal) }
    }

    func flushGroup() async throws {
        guard let first = group.first else { return }
        let lines = group
        group = []
        let outcome = try await row(first.values, line: first.line, more: Array(lines.dropFirst()))
        for (line, _) in lines {
            add(ImportReport.Row(line: line, outcome: outcome.outcome, recordId: outcome.recordId, title: outcome.title,
                                 errors: line == first.line ? outcome.errors.map { FieldError($0.field, $0.message) } : []))
        }
    }

    /// Rows following an opportunity's first row add lines to it when they name it and its account again (or leave both empty).
    static func sameOpportunity(_ first: [String: String], _ next: [String: String]) -> Bool {
        let name = next["name"], account = next["accountName"]
        if name == nil && account == nil && next["id"] == nil { return true }
        return name == first["name"] && account == first["accountName"] && next["id"] == first["id"]
    }

    /// One row (and, for an opportunity, the rows adding its lines) stored, or why not.
    func row(_ values: [String: String], line: Int, more: [(line: Int, values: [String: String])] = []) async throws -> ImportReport.Row {
        let title = Self.title(values, options.type)
        func made(_ outcome: ImportReport.Row.Outcome, _ id: UUID?, _ errors: [FieldError] = []) -> ImportReport.Row {
            ImportReport.Row(line: line, outcome: outcome, recordId: id, title: title, errors: errors)
        }
        var errors: [FieldError] = []
        if let cells = values[Self.widthKey] { errors.append(FieldError("row", "has \(cells) cells, more than the header's columns")) }
        do {
            let id = values["id"].flatMap(UUIDText.parse)
            if values["id"] != nil && id == nil { errors.append(FieldError("id", "is not a Furrow id")) }
            let target = try await target(values, errors: &errors, more: more)
            guard errors.isEmpty, let target else { return made(.failed, nil, errors) }
            var match = id
            if match == nil && options.duplicates != .create { match = try await target.match() }
            if let match {
                if options.duplicates == .skip { return made(.skipped, match) }
                if options.duplicates == .update || id != nil { return made(.updated, try await target.update(match)) }
            }
            return made(.created, try await target.create())
        } catch {
            guard let explained = options.explain(error) else { throw error }
            return made(.failed, nil, errors + explained)
        }
    }

    /// What a row names its record by.
    static func title(_ values: [String: String], _ type: ImportType) -> String? {
        switch type {
        case .accounts, .opportunities: return values["name"]
        case .contacts: return values["lastName"].map { [values["firstName"], $0].compactMap { $0 }.joined(separator: " ") }
        case .leads: return values["topic"]
        case .products: return values["sku"].map { [$0, values["name"]].compactMap { $0 }.joined(separator: " · ") }
        }
    }

    func accountFields(_ values: [String: String], parent: Account.ID?, stored: AccountFields?) -> AccountFields {
        AccountFields(name: pick(values, "name", stored?.name) ?? "",
                      parentAccountId: mapped.contains("parentAccountName") ? parent : stored?.parentAccountId,
                      email: pick(values, "email", stored?.email), phone: pick(values, "phone", stored?.phone),
                      website: pick(values, "website", stored?.website), industry: pick(values, "industry", stored?.industry),
                      billingAddress: PostalAddress.parts.contains(where: mapped.contains)
                        ? PostalAddress(street: pick(values, "street", stored?.billingAddress?.street), postcode: pick(values, "postcode", stored?.billingAddress?.postcode),
                                        city: pick(values, "city", stored?.billingAddress?.city), region: pick(values, "region", stored?.billingAddress?.region),
                                        country: pick(values, "country", stored?.billingAddress?.country))
                        : stored?.billingAddress,
                      shippingAddress: stored?.shippingAddress, vatNumber: pick(values, "vatNumber", stored?.vatNumber),
                      paymentTermId: stored?.paymentTermId)
    }

    /// What a row does to its type: find the record it matches, update it, or create one.
    struct Target {
        let match: () async throws -> UUID?
        let update: (UUID) async throws -> UUID
        let create: () async throws -> UUID
    }

    /// The value of a field for a record: the row's when the file maps the field, else the stored one's.
    func pick(_ values: [String: String], _ field: String, _ stored: String?) -> String? {
        mapped.contains(field) ? values[field] : stored
    }

    func target(_ values: [String: String], errors: inout [FieldError], more: [(line: Int, values: [String: String])]) async throws -> Target? {
        let owner = try await ownerId(values, &errors)
        let writer = writer, principal = principal, session = session
        switch options.type {
        case .accounts:
            let parent = try await accountId(values, "parentAccountName", &errors)
            func fields(_ stored: AccountFields?) -> AccountFields { accountFields(values, parent: parent, stored: stored) }
            return Target(
                match: { try await session.accountDuplicates(fields(nil).duplicateKeys, excluding: nil, visibleTo: principal.ledger).first.flatMap { UUIDText.parse($0.id) } },
                update: { id in
                    let current = try await writer.transaction.loadChangeable(Account.self, Account.ID(id))
                    return try await writer.updateAccount(current.id, fields: fields(current.fields), ownerId: owner, expectedVersion: current.version).id.uuid
                },
                create: { try await writer.account(fields(nil), ownerId: owner, allowDuplicate: true).id.uuid })
        case .contacts:
            let account = try await accountId(values, "accountName", &errors)
            func fields(_ stored: ContactFields?) -> ContactFields {
                ContactFields(firstName: pick(values, "firstName", stored?.firstName), lastName: pick(values, "lastName", stored?.lastName) ?? "",
                              email: pick(values, "email", stored?.email), phone: pick(values, "phone", stored?.phone),
                              mobile: pick(values, "mobile", stored?.mobile), title: pick(values, "title", stored?.title),
                              accountId: mapped.contains("accountName") ? account : stored?.accountId)
            }
            return Target(
                match: { try await session.contactDuplicates(fields(nil).duplicateKeys, excluding: nil, visibleTo: principal).first.flatMap { UUIDText.parse($0.id) } },
                update: { id in
                    let current = try await writer.transaction.loadChangeable(Contact.self, Contact.ID(id))
                    return try await writer.updateContact(current.id, fields: fields(current.fields), ownerId: owner, expectedVersion: current.version).id.uuid
                },
                create: { try await writer.contact(fields(nil), ownerId: owner, allowDuplicate: true).id.uuid })
        case .leads:
            let channel = try await named(values, "channelName", in: \.channels, name: \.name, &errors)
            let currency = currency(values, &errors)
            let value = money(values, "estimatedValue", currency, &errors)
            func fields(_ stored: LeadFields?) -> LeadFields {
                var source = stored?.source ?? LeadSource()
                if mapped.contains("channelName") { source = LeadSource(channelId: channel?.id) }
                return LeadFields(topic: pick(values, "topic", stored?.topic) ?? "", firstName: pick(values, "firstName", stored?.firstName),
                                  lastName: pick(values, "lastName", stored?.lastName), companyName: pick(values, "companyName", stored?.companyName),
                                  email: pick(values, "email", stored?.email), phone: pick(values, "phone", stored?.phone),
                                  requirements: pick(values, "requirements", stored?.requirements),
                                  estimatedValue: mapped.contains("estimatedValue") ? value : stored?.estimatedValue,
                                  source: source, campaignId: stored?.campaignId)
            }
            return Target(
                match: {
                    guard let email = values["email"].map(Normalise.email) else { return nil }
                    return try await session.leadIDs(emails: [email], visibleTo: principal)[email]?.uuid
                },
                update: { id in
                    let current = try await writer.transaction.loadChangeable(Lead.self, Lead.ID(id))
                    return try await writer.updateLead(current.id, fields: fields(current.fields), ownerId: owner, markContacted: false,
                                                       expectedVersion: current.version).id.uuid
                },
                create: { try await writer.lead(fields(nil), ownerId: owner).id.uuid })
        case .products:
            return try await productTarget(values, &errors)
        case .opportunities:
            return try await opportunityTarget(values, owner: owner, more: more, &errors)
        }
    }
}
