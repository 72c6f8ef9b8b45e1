import Foundation
import FurrowDomain

/// Use cases of leads (SPEC §2): capture, edit, qualify into account + contact + opportunity in
/// one transaction, disqualify with a reason, reactivate.
public struct LeadService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct QualifyInput: Sendable {
        public var accountId: Account.ID?
        public var contactId: Contact.ID?
        public var createAccount: Bool?
        public var createContact: Bool?
        public var allowDuplicate: Bool

        public init(accountId: Account.ID? = nil, contactId: Contact.ID? = nil, createAccount: Bool? = nil,
                    createContact: Bool? = nil, allowDuplicate: Bool = false) {
            self.accountId = accountId
            self.contactId = contactId
            self.createAccount = createAccount
            self.createContact = createContact
            self.allowDuplicate = allowDuplicate
        }
    }

    public func create(_ input: LeadFields, ownerId: User.ID? = nil, by principal: Principal) async throws -> Lead {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            let ownership = try await transaction.session.ownership(requested: ownerId, by: principal)
            return try await insert(fields, ownership: ownership, in: transaction)
        }
    }

    /// Creates a validated lead inside the caller's transaction (also used by batches).
    func insert(_ fields: LeadFields, ownership: Ownership, in transaction: Transaction) async throws -> Lead {
        let session = transaction.session
        try await session.checkSource(fields.source, campaign: fields.campaignId)
        let now = env.clock.now()
        let lead = Lead(id: env.newID(), fields: fields, ownership: ownership, createdAt: now, updatedAt: now)
        try await transaction.create(lead)
        try await session.notifyAssignment(env, owner: ownership.ownerId, by: transaction.principal.userId,
                                           what: "the lead “\(fields.topic)”", link: "/leads/\(lead.id)")
        return lead
    }

    public func get(_ id: Lead.ID, by principal: Principal) async throws -> Lead {
        try await env.store.read { session in try await session.visibleLead(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Lead] {
        try await env.store.read { session in try await session.leads(query, visibleTo: principal) }
    }

    /// Edits an open lead; `markContacted` moves a new lead to contacted (rule 32).
    public func update(_ id: Lead.ID, fields input: LeadFields, ownerId: User.ID? = nil, markContacted: Bool = false,
                       expectedVersion: Int?, by principal: Principal) async throws -> Lead {
        guard let expectedVersion else { throw CoreError.versionRequired }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            try await updating(id, fields: fields, ownerId: ownerId, markContacted: markContacted, expectedVersion: expectedVersion, in: transaction)
        }
    }

    /// The change in the caller's transaction (also used by bulk updates).
    func updating(_ id: Lead.ID, fields: LeadFields, ownerId: User.ID?, markContacted: Bool = false, expectedVersion: Int,
                  in transaction: Transaction) async throws -> Lead {
        let principal = transaction.principal, session = transaction.session
        return try await transaction.change(Lead.self, id, action: "update", expectedVersion: expectedVersion) { lead in
            try lead.checkEditable()
            if fields != lead.fields { try await session.checkSource(fields.source, campaign: fields.campaignId) }
            lead.fields = fields
            if markContacted && lead.legalVerbs().contains(.markContacted) { lead.status = try lead.status.applying(.contact) }
            if let ownerId, ownerId != lead.ownership.ownerId {
                lead.ownership = try await session.ownership(requested: ownerId, by: principal)
                try await session.notifyAssignment(env, owner: ownerId, by: principal.userId,
                                                   what: "the lead “\(lead.fields.topic)”", link: "/leads/\(lead.id)")
            }
        }
    }

    public func disqualify(_ id: Lead.ID, reasonId: Reason.ID?, by principal: Principal) async throws -> Lead {
        try await change(id, expectedVersion: nil, action: "disqualify", by: principal) { lead, session in
            guard let reasonId, let reason = try await session.reason(id: reasonId), reason.kind == .disqualify, reason.active else {
                throw ValidationError([FieldError("reasonId", "choose a disqualify reason from the catalog")])
            }
            lead.status = try lead.status.applying(.disqualify)
            lead.disqualifyReasonId = reason.id
        }
    }

    /// Managers bring a disqualified lead back into the process.
    public func reactivate(_ id: Lead.ID, by principal: Principal) async throws -> Lead {
        guard principal.canReassign else { throw CoreError.forbidden("only a manager or an administrator can reactivate a lead") }
        return try await change(id, expectedVersion: nil, action: "reactivate", by: principal) { lead, _ in
            lead.status = try lead.status.applying(.reactivate)
            lead.disqualifyReasonId = nil
        }
    }

    /// Creates or links the account and contact, creates the opportunity with the lead's source,
    /// campaign and value, and marks the lead qualified — one transaction (rules 50–51).
    public func qualify(_ id: Lead.ID, _ input: QualifyInput, by principal: Principal) async throws -> Lead.Qualification {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var lead = try await transaction.loadChangeable(Lead.self, id)
            let before = lead
            lead.status = try lead.status.applying(.qualify)
            let fields = lead.fields
            let accountId = try await account(for: fields, input, in: transaction, owner: lead.ownership)
            let contactId = try await contact(for: fields, input, accountId: accountId, in: transaction, owner: lead.ownership)
            let settings = try await transaction.settings()
            let currency = fields.estimatedValue?.currency ?? Currency(settings.baseCurrency) ?? Currency("EUR")!
            let opportunityFields = OpportunityFields(name: fields.topic, accountId: accountId, contactId: contactId,
                                                      estimatedRevenue: fields.estimatedValue, currency: currency,
                                                      source: fields.source, campaignId: fields.campaignId, comment: fields.requirements)
            let opportunity = try await OpportunityService(env).insert(opportunityFields, input: OpportunityInput(fields: opportunityFields),
                                                                       ownership: lead.ownership, leadId: id, in: transaction)
            let qualification = Lead.Qualification(accountId: accountId, contactId: contactId, opportunityId: opportunity.id)
            lead.qualified = qualification
            try await transaction.save(&lead, over: before, action: "qualify")
            return qualification
        }
    }

    private func account(for fields: LeadFields, _ input: QualifyInput, in transaction: Transaction, owner: Ownership) async throws -> Account.ID? {
        let session = transaction.session, principal = transaction.principal
        if let accountId = input.accountId {
            guard let account = try await session.account(id: accountId), principal.canSee(account.ownership) else {
                throw ValidationError([FieldError("accountId", "is not an account you can see")])
            }
            return account.id
        }
        guard input.createAccount ?? (fields.companyName != nil), let accountFields = try Self.accountFields(of: fields) else { return nil }
        if !input.allowDuplicate {
            let matches = try await session.accountDuplicates(Self.accountKeys(of: fields, accountFields), excluding: nil, visibleTo: principal)
            if !matches.isEmpty { throw PartyError.duplicateSuspected(matches) }
        }
        return try await AccountService(env).insert(accountFields, ownership: owner, allowDuplicate: input.allowDuplicate, in: transaction).id
    }

    /// The account a lead's company becomes: its name, and the lead's email and phone when no
    /// person is named (they are the company's then).
    static func accountFields(of fields: LeadFields) throws -> AccountFields? {
        guard let company = fields.companyName else { return nil }
        return try AccountFields(name: company, email: fields.personName == nil ? fields.email : nil,
                                 phone: fields.personName == nil ? fields.phone : nil).validated()
    }

    /// What finds the lead's company among the stored accounts, as the account form's check does:
    /// the person's email still tells the company's domain (`tom@greenway.example` → greenway.example).
    static func accountKeys(of fields: LeadFields, _ account: AccountFields) -> DuplicateKeys {
        let keys = account.duplicateKeys
        guard keys.domain == nil, let domain = fields.email.flatMap(Normalise.domain(ofEmail:)) else { return keys }
        return DuplicateKeys(email: keys.email, phone: keys.phone, name: keys.name, domain: domain)
    }

    /// The stored accounts and contacts a lead's company and person look like (SPEC §1's duplicate
    /// rule), for the qualify form to propose before anything is created.
    public func likelyDuplicates(of id: Lead.ID, by principal: Principal) async throws -> (accounts: [DuplicateMatch], contacts: [DuplicateMatch]) {
        try await env.store.read { session in
            let lead = try await session.visibleLead(id, principal)
            var accounts: [DuplicateMatch] = []
            if let accountFields = try? Self.accountFields(of: lead.fields) {
                accounts = try await session.accountDuplicates(Self.accountKeys(of: lead.fields, accountFields), excluding: nil, visibleTo: principal)
            }
            var contacts: [DuplicateMatch] = []
            if let lastName = lead.fields.lastName,
               let contactFields = try? ContactFields(firstName: lead.fields.firstName, lastName: lastName, email: lead.fields.email,
                                                     phone: lead.fields.phone, accountId: accounts.first.flatMap { Account.ID($0.id) }).validated() {
                contacts = try await session.contactDuplicates(contactFields.duplicateKeys, excluding: nil, visibleTo: principal)
            }
            return (accounts, contacts)
        }
    }

    private func contact(for fields: LeadFields, _ input: QualifyInput, accountId: Account.ID?, in transaction: Transaction,
                         owner: Ownership) async throws -> Contact.ID? {
        let session = transaction.session, principal = transaction.principal
        if let contactId = input.contactId {
            guard let contact = try await session.contact(id: contactId), principal.canSee(contact.ownership) else {
                throw ValidationError([FieldError("contactId", "is not a contact you can see")])
            }
            return contact.id
        }
        guard input.createContact ?? (fields.lastName != nil), let lastName = fields.lastName else { return nil }
        let contactFields = try ContactFields(firstName: fields.firstName, lastName: lastName, email: fields.email,
                                              phone: fields.phone, accountId: accountId).validated()
        return try await ContactService(env).insert(contactFields, ownership: owner, allowDuplicate: input.allowDuplicate, in: transaction).id
    }

    private func change(_ id: Lead.ID, expectedVersion: Int?, action: String, by principal: Principal,
                        _ apply: @Sendable (inout Lead, any StoreSession) async throws -> Void) async throws -> Lead {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Lead.self, id, action: action, expectedVersion: expectedVersion) { lead in
                try await apply(&lead, transaction.session)
            }
        }
    }
}

extension Lead {
    var auditValues: [String: String] {
        var values = ["topic": fields.topic, "status": status.rawValue, "ownerId": ownership.ownerId.string]
        values["firstName"] = fields.firstName
        values["lastName"] = fields.lastName
        values["companyName"] = fields.companyName
        values["email"] = fields.email
        values["phone"] = fields.phone
        values["requirements"] = fields.requirements
        values["estimatedValue"] = fields.estimatedValue.map { "\($0.decimalString) \($0.currency)" }
        values["channelId"] = fields.source.channelId?.string
        values["sourceRef"] = fields.source.refId.map { "\(fields.source.refType?.rawValue ?? ""):\($0.uuidString.lowercased())" }
        values["sourceText"] = fields.source.text
        values["campaignId"] = fields.campaignId?.uuidString.lowercased()
        values["disqualifyReasonId"] = disqualifyReasonId?.string
        values["opportunityId"] = qualified?.opportunityId.string
        return values
    }

    var searchEntry: SearchEntry {
        SearchEntry(kind: .lead, id: id.uuid, title: fields.topic,
                    subtitle: [fields.personName, fields.companyName, status.label].compactMap { $0 }.joined(separator: " · "),
                    text: fields.searchText, ownership: ownership)
    }
}

extension StoreSession {
    func visibleLead(_ id: Lead.ID, _ principal: Principal) async throws -> Lead {
        guard let lead = try await lead(id: id), principal.canSee(lead.ownership) else { throw CoreError.notFound("lead") }
        return lead
    }

    func changeableLead(_ id: Lead.ID, _ principal: Principal) async throws -> Lead {
        let lead = try await visibleLead(id, principal)
        guard principal.canChange(lead.ownership) else { throw CoreError.forbidden("your role cannot change records") }
        return lead
    }
}
