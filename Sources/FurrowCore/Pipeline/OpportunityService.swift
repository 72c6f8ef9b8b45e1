import Foundation
import FurrowDomain

/// Use cases of opportunities (SPEC §3): create under a kind, edit, advance through stage gates,
/// close as won or lost, reopen. Every change is audited; every stage move is kept.
public struct OpportunityService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func create(_ input: OpportunityInput, leadId: Lead.ID? = nil, by principal: Principal) async throws -> Opportunity {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let fields = try input.fields.validated()
        if let error = Opportunity.probabilityError(input.probability) { throw ValidationError([error]) }
        return try await env.transaction(by: principal) { transaction in
            let ownership = try await transaction.session.ownership(requested: input.ownerId, by: principal)
            return try await insert(fields, input: input, ownership: ownership, leadId: leadId, in: transaction)
        }
    }

    /// Creates the opportunity inside the caller's transaction (also used by lead qualification).
    func insert(_ fields: OpportunityFields, input: OpportunityInput, ownership: Ownership, leadId: Lead.ID?,
                in transaction: Transaction) async throws -> Opportunity {
        let session = transaction.session, principal = transaction.principal
        let kind: OpportunityKind
        if let kindId = input.kindId {
            guard let chosen = try await session.kind(id: kindId) else { throw ValidationError([FieldError("kindId", "is not an opportunity kind")]) }
            guard chosen.allowed else { throw PipelineError.kindNotAllowed }
            kind = chosen
        } else {
            guard let fallback = try await session.defaultKind() else { throw PipelineError.kindNotAllowed }
            kind = fallback
        }
        try await checkLinks(fields, in: session, by: principal)
        if let lines = input.demandLines, !lines.isEmpty, !kind.recordsPrimaryDemand { throw PipelineError.primaryDemandDisabled }
        try await session.checkParties(input.parties ?? [], by: principal)
        let firstStage = try await kind.firstStage.asyncMap { try await session.stage(id: $0) } ?? nil
        let now = env.clock.now()
        var fields = fields
        var productLines: [QuoteLine] = []
        if let lines = input.productLines, !lines.isEmpty {
            productLines = try await session.resolveLines(lines, priceListId: input.priceListId, currency: fields.currency,
                                                          date: try await transaction.today())
            if fields.revenueMode == .system {
                fields.estimatedRevenue = DocumentTotals(productLines.map { $0.price(in: fields.currency) }, currency: fields.currency).subtotal
            }
        }
        let opportunity = Opportunity(id: env.newID(), fields: fields, kindId: kind.id, stageId: firstStage?.id,
                                      probability: input.probability ?? firstStage?.defaultProbability ?? 10,
                                      probabilitySetByHand: input.probability != nil, leadId: leadId, ownership: ownership,
                                      createdAt: now, updatedAt: now)
        try await transaction.create(opportunity)
        try await session.notifyAssignment(env, owner: ownership.ownerId, by: principal.userId,
                                           what: "the opportunity “\(fields.name)”", link: "/opportunities/\(opportunity.id)")
        if let parties = input.parties, !parties.isEmpty { try await session.replaceParties(of: opportunity.id, with: parties) }
        if let lines = input.demandLines, !lines.isEmpty { try await session.replaceDemandLines(of: opportunity.id, with: lines) }
        if !productLines.isEmpty { try await session.replaceOpportunityLines(of: opportunity.id, priceList: input.priceListId, lines: productLines) }
        if let firstStage {
            try await enter(firstStage, opportunity: opportunity, from: nil, secondsInPrevious: 0, in: transaction)
        }
        return opportunity
    }

    public func get(_ id: Opportunity.ID, by principal: Principal) async throws -> OpportunityDetail {
        try await env.store.read { session in
            let opportunity = try await session.visibleOpportunity(id, principal)
            return OpportunityDetail(opportunity: opportunity, parties: try await session.parties(of: id),
                                     demandLines: try await session.demandLines(of: id))
        }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Opportunity] {
        try await env.store.read { session in try await session.opportunities(query, visibleTo: principal) }
    }

    public func update(_ id: Opportunity.ID, _ input: OpportunityInput, expectedVersion: Int?, by principal: Principal) async throws -> Opportunity {
        guard let expectedVersion else { throw CoreError.versionRequired }
        let fields = try input.fields.validated()
        return try await env.transaction(by: principal) { transaction in
            try await updating(id, input, fields: fields, expectedVersion: expectedVersion, in: transaction)
        }
    }

    /// The change in the caller's transaction (also used by bulk updates).
    func updating(_ id: Opportunity.ID, _ input: OpportunityInput, fields: OpportunityFields, expectedVersion: Int, in transaction: Transaction) async throws -> Opportunity {
        let principal = transaction.principal
        let session = transaction.session
        var opportunity = try await transaction.loadChangeable(Opportunity.self, id)
        guard opportunity.version == expectedVersion else { throw CoreError.versionConflict(current: opportunity.version) }
        try opportunity.checkOpen()
        let stored = opportunity
        if let kindId = input.kindId, kindId != opportunity.kindId {
            throw ValidationError([FieldError("kindId", "the kind of an opportunity cannot change; create a new one")])
        }
        let kind = try await session.kind(id: opportunity.kindId)
        if let lines = input.demandLines, !lines.isEmpty, kind?.recordsPrimaryDemand != true { throw PipelineError.primaryDemandDisabled }
        if let probability = input.probability {
            if let error = Opportunity.probabilityError(probability) { throw ValidationError([error]) }
            if probability != opportunity.probability { opportunity.probability = probability; opportunity.probabilitySetByHand = true }
        }
        if fields != opportunity.fields { try await checkLinks(fields, in: session, by: principal) }
        opportunity.fields = fields
        if fields.revenueMode == .system {
            let (_, lines) = try await session.opportunityLines(of: id)
            opportunity.fields.estimatedRevenue = DocumentTotals(lines.map { $0.price(in: fields.currency) }, currency: fields.currency).subtotal
        }
        if let ownerId = input.ownerId, ownerId != opportunity.ownership.ownerId {
            opportunity.ownership = try await session.ownership(requested: ownerId, by: principal)
            try await session.notifyAssignment(env, owner: ownerId, by: principal.userId,
                                               what: "the opportunity “\(fields.name)”", link: "/opportunities/\(id)")
        }
        var changes: [FieldChange] = []
        if let parties = input.parties, parties != (try await session.parties(of: id)) {
            try await session.checkParties(parties, by: principal)
            try await session.replaceParties(of: id, with: parties)
            changes.append(FieldChange(field: "parties", old: nil, new: "\(parties.count) parties"))
        }
        if let lines = input.demandLines, lines != (try await session.demandLines(of: id)) {
            try await session.replaceDemandLines(of: id, with: lines)
            changes.append(FieldChange(field: "demandLines", old: nil, new: "\(lines.count) lines"))
        }
        try await transaction.save(&opportunity, over: stored, action: "update", extra: changes)
        return opportunity
    }

    /// Moves the opportunity to a stage of its kind (SPEC §3 stage gates; rules 100–102, 85–86).
    public func advance(_ id: Opportunity.ID, to stageId: Stage.ID, by principal: Principal) async throws -> Opportunity {
        try await env.transaction(by: principal) { transaction in try await advancing(id, to: stageId, in: transaction) }
    }

    /// The move in the caller's transaction (also used by imports).
    func advancing(_ id: Opportunity.ID, to stageId: Stage.ID, in transaction: Transaction) async throws -> Opportunity {
        do {
            let session = transaction.session
            var opportunity = try await transaction.loadChangeable(Opportunity.self, id)
            guard let kind = try await session.kind(id: opportunity.kindId) else { throw CoreError.notFound("opportunity kind") }
            guard let target = try await session.stage(id: stageId) else {
                if kind.type == .none { throw PipelineError.kindHasNoStages }
                throw ValidationError([FieldError("stageId", "is not a stage")])
            }
            let parties = try await session.parties(of: id)
            let facts = StageFacts(filledFields: opportunity.fields.filledFields,
                                   hasStakeholder: parties.contains { $0.role == .stakeholder },
                                   hasCompetitor: parties.contains { $0.role == .competitor },
                                   hasQuote: try await session.quoteCount(of: id) > 0)
            let before = opportunity
            try opportunity.advance(to: target, kind: kind, facts: facts)
            try await transaction.save(&opportunity, over: before, action: "advance")
            let last = try await session.stageHistory(of: id).last
            let seconds = last.map { Int(env.clock.now().timeIntervalSince($0.at)) } ?? 0
            try await enter(target, opportunity: opportunity, from: before.stageId, secondsInPrevious: seconds, in: transaction)
            return opportunity
        }
    }

    public func close(_ id: Opportunity.ID, won: Bool, actualRevenue: Money?, lostReasonId: Reason.ID?,
                      by principal: Principal) async throws -> Opportunity {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var opportunity = try await transaction.loadChangeable(Opportunity.self, id)
            if let lostReasonId, try await session.reason(id: lostReasonId).map({ $0.kind == .lost && $0.active }) != true {
                throw ValidationError([FieldError("lostReasonId", "is not an active reason for losing")])
            }
            if let actualRevenue, actualRevenue.currency != opportunity.fields.currency {
                throw ValidationError([FieldError("actualRevenue", "must be in the opportunity's currency \(opportunity.fields.currency)")])
            }
            let before = opportunity
            let openQuotes = try await session.openQuoteCount(of: id) > 0
            do {
                try opportunity.close(won: won, actualRevenue: actualRevenue, lostReason: lostReasonId, hasOpenQuotes: openQuotes,
                                      at: env.clock.now())
            } catch PipelineError.lostReasonRequired {
                throw ValidationError([FieldError("lostReasonId", "is required to close an opportunity as lost")])
            }
            try await transaction.save(&opportunity, over: before, action: "close")
            try await AutomaticTasks.cancel(ofOpportunity: id, in: transaction)
            return opportunity
        }
    }

    /// Reopens a closed opportunity; managers and administrators only (SPEC §3).
    public func reopen(_ id: Opportunity.ID, by principal: Principal) async throws -> Opportunity {
        guard principal.canReassign else { throw CoreError.forbidden("only a manager or an administrator can reopen an opportunity") }
        return try await env.transaction(by: principal) { transaction in
            try await transaction.change(Opportunity.self, id, action: "reopen") { try $0.reopen() }
        }
    }

    /// Creates an opportunity from a business interaction (rule 97): its subject names the
    /// opportunity, its regarding account or contact becomes the opportunity's party.
    public func generate(fromActivity activityId: Activity.ID, by principal: Principal) async throws -> Opportunity {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            guard let activity = try await session.activity(id: activityId), principal.canSee(activity.ownership) else {
                throw CoreError.notFound("activity")
            }
            let currency = Currency(try await transaction.settings().baseCurrency) ?? Currency("EUR")!
            var fields = OpportunityFields(name: activity.subject, currency: currency, comment: "From \(activity.kind.rawValue): \(activity.subject)")
            switch activity.regarding?.kind {
            case .account?: fields.accountId = Account.ID(activity.regarding!.id)
            case .contact?:
                fields.contactId = Contact.ID(activity.regarding!.id)
                fields.accountId = try await session.contact(id: Contact.ID(activity.regarding!.id))?.fields.accountId
            case .opportunity?:
                if let source = try await session.opportunity(id: Opportunity.ID(activity.regarding!.id)) {
                    fields.accountId = source.fields.accountId
                    fields.contactId = source.fields.contactId
                }
            default: break
            }
            let ownership = Ownership(ownerId: principal.userId, teamId: principal.teamId)
            return try await insert(try fields.validated(), input: OpportunityInput(fields: fields), ownership: ownership, leadId: nil,
                                    in: transaction)
        }
    }

    public func stageHistory(_ id: Opportunity.ID, by principal: Principal) async throws -> [StageMove] {
        try await env.store.read { session in
            _ = try await session.visibleOpportunity(id, principal)
            return try await session.stageHistory(of: id)
        }
    }

    /// Records the move and creates the stage's tasks for the owner (rule 104).
    func enter(_ stage: Stage, opportunity: Opportunity, from: Stage.ID?, secondsInPrevious: Int, in transaction: Transaction) async throws {
        let session = transaction.session
        let now = env.clock.now()
        try await session.appendStageMove(StageMove(id: env.ids.next(), opportunityId: opportunity.id, fromStageId: from, toStageId: stage.id,
                                                    actorId: transaction.principal.userId, at: now, secondsInPrevious: secondsInPrevious))
        let zone = stage.taskTemplates.isEmpty ? nil : TimeZone(identifier: try await transaction.settings().timeZone)
        for template in stage.taskTemplates {
            let activity = AutomaticTasks.stageTask(template, for: opportunity, at: now, timeZone: zone ?? TimeZone(identifier: "UTC")!, id: env.newID())
            try await transaction.create(activity) { try await $0.insertActivity(activity, origin: .stage) }
        }
    }

    private func checkLinks(_ fields: OpportunityFields, in session: any StoreSession, by principal: Principal) async throws {
        if let accountId = fields.accountId {
            guard let account = try await session.account(id: accountId), principal.canSee(account.ownership) else {
                throw ValidationError([FieldError("accountId", "is not an account you can see")])
            }
        }
        if let contactId = fields.contactId {
            guard let contact = try await session.contact(id: contactId), principal.canSee(contact.ownership) else {
                throw ValidationError([FieldError("contactId", "is not a contact you can see")])
            }
        }
        try await session.checkSource(fields.source, campaign: fields.campaignId)
    }
}
