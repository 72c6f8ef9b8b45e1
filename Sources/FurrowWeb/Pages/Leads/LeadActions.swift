import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// A lead's state changes (SPEC §2): mark contacted, qualify into account + contact +
/// opportunity (with the duplicate choice), disqualify with a reason, reactivate.
struct LeadActions {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.post("leads/:id/contacted", use: markContacted)
        group.get("leads/:id/qualify", use: qualifyForm)
        group.post("leads/:id/qualify", use: qualify)
        group.post("leads/:id/disqualify", use: disqualify)
        group.post("leads/:id/reactivate", use: reactivate)
    }

    func lead(_ context: AppContext, _ principal: Principal) async throws -> Lead {
        guard let id = context.parameters.get("id").flatMap(Lead.ID.init) else { throw Problem.notFound() }
        return try await LeadService(web.env).get(id, by: principal)
    }

    @Sendable func markContacted(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let lead = try await lead(context, principal)
        return try await web.act(back: "/leads/\(lead.id)", done: "Marked as contacted.", failed: "Not changed:") {
            _ = try await LeadService(web.env).update(lead.id, fields: lead.fields, markContacted: true,
                                                      expectedVersion: Int(form["version"]) ?? lead.version, by: principal)
        }
    }

    @Sendable func disqualify(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let lead = try await lead(context, principal)
        return try await web.act(back: "/leads/\(lead.id)", done: "Lead disqualified.", failed: "Not disqualified:") {
            _ = try await LeadService(web.env).disqualify(lead.id, reasonId: form.optional("reasonId").flatMap(Reason.ID.init), by: principal)
        }
    }

    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let lead = try await lead(context, principal)
        return try await web.act(back: "/leads/\(lead.id)", done: "Lead reactivated.", failed: "Not reactivated:") {
            _ = try await LeadService(web.env).reactivate(lead.id, by: principal)
        }
    }

    struct Match { let name: String, url: String, matchedOn: String, matchId: String }
    struct Model {
        let id: String
        let topic: String
        let plan: [String]
        let fields: [Field]
        let message: String?
        let matches: [Match]
        let hasMatches: Bool
        let matchKind: String
        let matchField: String
        let otherField: String
        let otherValue: String
        let accountChoice: String
        let contactChoice: String
    }

    @Sendable func qualifyForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let lead = try await lead(context, principal)
        guard principal.canChange(lead.ownership) else { throw CoreError.forbidden("Your role cannot qualify this lead.") }
        guard lead.legalVerbs().contains(.qualify) else {
            return .redirect("/leads/\(lead.id)", flash: "Only a new or contacted lead can be qualified.", isError: true)
        }
        return try await qualifyPage(request, context, principal, lead, values: WebForm(""), problem: nil)
    }

    @Sendable func qualify(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let lead = try await lead(context, principal)
        var input = LeadService.QualifyInput(allowDuplicate: form.flag("allowDuplicate"))
        switch form["accountId"] {
        case "none": input.createAccount = false
        case "new", "": break
        case let id: input.accountId = Account.ID(id)
        }
        switch form["contactId"] {
        case "none": input.createContact = false
        case "new", "": break
        case let id: input.contactId = Contact.ID(id)
        }
        do {
            let result = try await LeadService(web.env).qualify(lead.id, input, by: principal)
            return .redirect("/opportunities/\(result.opportunityId)", flash: "Lead qualified: this opportunity was created from it.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await qualifyPage(request, context, principal, lead, values: form, problem: problem)
        }
    }

    func qualifyPage(_ request: Request, _ context: AppContext, _ principal: Principal, _ lead: Lead, values: WebForm,
                     problem: Problem?) async throws -> Response {
        let f = lead.fields
        // the company and person are looked up first: an existing account or contact is proposed
        let likely = try await LeadService(web.env).likelyDuplicates(of: lead.id, by: principal)
        let accountChoice = values.optional("accountId") ?? likely.accounts.first?.id ?? (f.companyName == nil ? "none" : "new")
        let contactChoice = values.optional("contactId") ?? likely.contacts.first?.id ?? (f.lastName == nil ? "none" : "new")
        var fields = FormFields(problem)
        let accounts = try await pipeline.parts.accountOptions(by: principal, selected: accountChoice)
        let newAccount = f.companyName.map { [("new", "Create a new account “\($0)”")] } ?? []
        fields.select("accountId", "Account", newAccount + [("none", "No account")] + accounts, selected: accountChoice, required: true,
                      picker: "accounts")
        let contacts = try await pipeline.contactOptions(by: principal, selected: contactChoice)
        let newContact = f.lastName == nil ? [] : [("new", "Create a new contact “\(f.personName ?? "")”")]
        fields.select("contactId", "Contact", newContact + [("none", "No contact")] + contacts, selected: contactChoice, required: true,
                      picker: "contacts", pickerAccount: "#f-accountId")
        var plan = ["A new opportunity “\(f.topic)”" + (f.estimatedValue.map { " worth \(MoneyText.format($0))" } ?? "")
            + " is created with the lead’s source, and the lead is marked qualified."]
        if let existing = likely.accounts.first, values.optional("accountId") == nil {
            plan.insert("Account: “\(existing.name)” exists already (same \(existing.matchedOn.joined(separator: ", "))), so the "
                        + "opportunity goes to it; choose “Create a new account” only for a different company.", at: 0)
        } else if let company = f.companyName {
            plan.insert("Account: “\(company)” is created unless you choose an existing account.", at: 0)
        }
        if let existing = likely.contacts.first, values.optional("contactId") == nil {
            plan.insert("Contact: “\(existing.name)” exists already (same \(existing.matchedOn.joined(separator: ", "))), so it is "
                        + "linked instead of created again.", at: plan.count - 1)
        } else if let person = f.personName, f.lastName != nil {
            plan.insert("Contact: “\(person)”\(f.email.map { " (\($0))" } ?? "") is created unless you choose an existing contact.", at: plan.count - 1)
        }
        var matches: [Match] = []
        var kind = "account"
        var message: String?
        if let problem, problem.type == .duplicateSuspected {
            let found = problem.matches ?? []
            let accountIds = found.compactMap { Account.ID($0.id) }
            let isAccount = !(try await pipeline.parts.accountNames(accountIds)).isEmpty
            kind = isAccount ? "account" : "contact"
            matches = found.map {
                Match(name: $0.name, url: "/\(kind)s/\($0.id)", matchedOn: $0.matchedOn.joined(separator: ", "), matchId: $0.id)
            }
        } else if let problem, problem.type != .validation {
            message = problem.detail
        } else if let problem, fields.result.allSatisfy({ $0.error == nil }) {
            message = problem.sentence
        }
        let model = Model(id: lead.id.string, topic: f.topic, plan: plan, fields: fields.result, message: message, matches: matches,
                          hasMatches: !matches.isEmpty, matchKind: kind, matchField: kind + "Id",
                          otherField: kind == "account" ? "contactId" : "accountId",
                          otherValue: kind == "account" ? contactChoice : accountChoice,
                          accountChoice: accountChoice, contactChoice: contactChoice)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("qualify", "Qualify " + f.topic, model, request, context, status: status)
    }
}
