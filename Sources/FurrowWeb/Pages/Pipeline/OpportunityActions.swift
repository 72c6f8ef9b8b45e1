import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// An opportunity's state changes (SPEC §3): advance through the stage gates, close as won or
/// lost, reopen. A refusal returns to the page with the server's reason.
struct OpportunityActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("opportunities/:id/advance", use: advance)
        group.post("opportunities/:id/close", use: close)
        group.post("opportunities/:id/reopen", use: reopen)
    }

    static func id(_ context: AppContext) throws -> Opportunity.ID {
        guard let id = context.parameters.get("id").flatMap(Opportunity.ID.init) else { throw Problem.notFound() }
        return id
    }

    /// Moves to the chosen stage; `back` (a local path, e.g. the board) is where the answer goes.
    @Sendable func advance(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try Self.id(context)
        _ = try await OpportunityService(web.env).get(id, by: principal)
        let back = form.optional("back").map { URLText.localPath($0, fallback: "/opportunities/\(id)") } ?? "/opportunities/\(id)"
        guard let stageId = form.optional("stageId").flatMap(Stage.ID.init) else {
            return .redirect(back, flash: "Not moved: choose a stage.", isError: true)
        }
        let stage = try await CatalogService(web.env).stages().first { $0.id == stageId }?.name ?? "the stage"
        return try await web.act(back: back, done: "Moved to \(stage).", failed: "Not moved to \(stage):") {
            _ = try await OpportunityService(web.env).advance(id, to: stageId, by: principal)
        }
    }

    @Sendable func close(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try Self.id(context)
        let opportunity = try await OpportunityService(web.env).get(id, by: principal).opportunity
        let back = "/opportunities/\(id)"
        let won = form["outcome"] == "won"
        guard won || form["outcome"] == "lost" else { return .redirect(back, flash: "Not closed: choose won or lost.", isError: true) }
        return try await web.act(back: back, done: won ? "Closed as won." : "Closed as lost.", failed: "Not closed:") {
            var errors: [FieldError] = []
            let revenue = MoneyText.parse(form.optional("actualRevenue"), currency: opportunity.fields.currency.code,
                                          field: "actualRevenue", errors: &errors)
            if !errors.isEmpty { throw ValidationError(errors) }
            var reasonId = form.optional("lostReasonId").flatMap(Reason.ID.init)
            if !won, reasonId == nil, let name = form.optional("newReason") {
                reasonId = try await CatalogService(web.env).createReason(.lost, name: name, by: principal).id
            }
            _ = try await OpportunityService(web.env).close(id, won: won, actualRevenue: won ? revenue : nil, lostReasonId: reasonId,
                                                            by: principal)
        }
    }

    @Sendable func reopen(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        return try await web.act(back: "/opportunities/\(id)", done: "Opportunity reopened.", failed: "Not reopened:") {
            _ = try await OpportunityService(web.env).reopen(id, by: principal)
        }
    }
}

/// The parties and primary demand lines of an opportunity: each change saves the whole list
/// with the page's version, so a concurrent change is reported, not overwritten.
struct OpportunityLists {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("opportunities/:id/parties", use: addParty)
        group.post("opportunities/:id/parties/delete", use: removeParty)
        group.post("opportunities/:id/competitors", use: addCompetitor)
        group.post("opportunities/:id/lines", use: addLine)
        group.post("opportunities/:id/lines/delete", use: removeLine)
    }

    /// Loads the opportunity, applies `change` to its detail and saves it with the form's version.
    func change(_ request: Request, _ context: AppContext, anchor: String, done: String, failed: String,
                _ change: @escaping (WebForm, Principal, inout OpportunityInput) async throws -> Void) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try OpportunityActions.id(context)
        let detail = try await OpportunityService(web.env).get(id, by: principal)
        return try await web.act(back: "/opportunities/\(id)#\(anchor)", done: done, failed: failed) {
            var input = OpportunityInput(fields: detail.opportunity.fields, parties: detail.parties, demandLines: detail.demandLines)
            try await change(form, principal, &input)
            _ = try await OpportunityService(web.env).update(id, input, expectedVersion: Int(form["version"]) ?? detail.opportunity.version,
                                                             by: principal)
        }
    }

    static func remove<T>(_ list: [T]?, _ form: WebForm) throws -> [T] {
        var list = list ?? []
        guard let index = Int(form["index"]), list.indices.contains(index) else {
            throw Problem(.versionConflict, 409, "Changed", "That entry is no longer there.")
        }
        list.remove(at: index)
        return list
    }

    @Sendable func addParty(_ request: Request, context: AppContext) async throws -> Response {
        try await change(request, context, anchor: "parties", done: "Party added.", failed: "Party not added:") { form, _, input in
            let parts = form["party"].split(separator: ":", maxSplits: 1).map(String.init)
            guard let role = OpportunityParty.Role(rawValue: form["role"]), parts.count == 2,
                  let kind = OpportunityParty.PartyKind(rawValue: parts[0]), let partyId = UUID(uuidString: parts[1]) else {
                throw ValidationError([FieldError("party", "choose a role and who it is")])
            }
            let party = OpportunityParty(role: role, partyType: kind, partyId: partyId)
            if input.parties?.contains(party) == true { throw ValidationError([FieldError("party", "is listed already in that role")]) }
            input.parties = (input.parties ?? []) + [party]
        }
    }

    @Sendable func removeParty(_ request: Request, context: AppContext) async throws -> Response {
        try await change(request, context, anchor: "parties", done: "Party removed.", failed: "Party not removed:") { form, _, input in
            input.parties = try Self.remove(input.parties, form)
        }
    }

    /// Adds a competitor to the catalog on the fly (rule 85) and records it on the opportunity.
    @Sendable func addCompetitor(_ request: Request, context: AppContext) async throws -> Response {
        try await change(request, context, anchor: "parties", done: "Competitor added.", failed: "Competitor not added:") { form, principal, input in
            let name = form["name"].trimmedSpaces()
            let existing = try await CatalogService(web.env).reasons(.competitor).first { $0.name.lowercased() == name.lowercased() }
            var competitor = existing
            if competitor == nil { competitor = try await CatalogService(web.env).createReason(.competitor, name: name, by: principal) }
            guard let competitor else { return }
            let party = OpportunityParty(role: .competitor, partyType: .competitor, partyId: competitor.id.uuid)
            if input.parties?.contains(party) == true { throw ValidationError([FieldError("name", "is listed already")]) }
            input.parties = (input.parties ?? []) + [party]
        }
    }

    @Sendable func addLine(_ request: Request, context: AppContext) async throws -> Response {
        try await change(request, context, anchor: "demand", done: "Line added.", failed: "Line not added:") { form, _, input in
            var errors: [FieldError] = []
            let description = form.optional("description")
            if description == nil { errors.append(FieldError("description", "is required")) }
            let quantity = form.optional("quantity").map { Micros(TypedNumber.plain($0)) } ?? Micros(value: Micros.scale)
            if quantity == nil || (quantity?.value ?? 0) <= 0 { errors.append(FieldError("quantity", "must be a number above 0")) }
            let amount = MoneyText.parse(form.optional("amount"), currency: input.fields.currency.code, field: "amount", errors: &errors)
            if !errors.isEmpty { throw ValidationError(errors) }
            let line = DemandLine(description: description ?? "", quantity: quantity ?? Micros(value: Micros.scale), amount: amount,
                                  comment: form.optional("comment"))
            input.demandLines = (input.demandLines ?? []) + [line]
        }
    }

    @Sendable func removeLine(_ request: Request, context: AppContext) async throws -> Response {
        try await change(request, context, anchor: "demand", done: "Line removed.", failed: "Line not removed:") { form, _, input in
            input.demandLines = try Self.remove(input.demandLines, form)
        }
    }
}
