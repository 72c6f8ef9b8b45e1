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
        if let probability = input.probability, !(0...100).contains(probability) {
            throw ValidationError([FieldError("probability", "must be from 0 to 100")])
        }
        return try await env.store.write { session in
            let ownership = try await session.ownership(requested: input.ownerId, by: principal)
            return try await insert(fields, input: input, ownership: ownership, leadId: leadId, in: session, by: principal)
        }
    }

    /// Creates the opportunity inside the caller's transaction (also used by lead qualification).
    func insert(_ fields: OpportunityFields, input: OpportunityInput, ownership: Ownership, leadId: Lead.ID?,
                in session: any StoreSession, by principal: Principal) async throws -> Opportunity {
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
        let opportunity = Opportunity(id: env.newID(), fields: fields, kindId: kind.id, stageId: firstStage?.id,
                                      probability: input.probability ?? firstStage?.defaultProbability ?? 10,
                                      probabilitySetByHand: input.probability != nil, leadId: leadId, ownership: ownership,
                                      createdAt: now, updatedAt: now)
        try await session.insertOpportunity(opportunity)
        try await session.notifyAssignment(env, owner: ownership.ownerId, by: principal.userId,
                                           what: "the opportunity “\(fields.name)”", link: "/opportunities/\(opportunity.id)")
        try await session.replaceParties(of: opportunity.id, with: input.parties ?? [])
        try await session.replaceDemandLines(of: opportunity.id, with: input.demandLines ?? [])
        try await session.index(opportunity.searchEntry)
        try await session.audit(env, entity: "opportunity", id: opportunity.id.uuid, action: "create", actor: principal.userId,
                                changes: AuditDiff.changes(from: [:], to: opportunity.auditValues))
        if let firstStage {
            try await enter(firstStage, opportunity: opportunity, from: nil, secondsInPrevious: 0, in: session, by: principal)
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
        return try await env.store.write { session in
            var opportunity = try await session.changeableOpportunity(id, principal)
            guard opportunity.version == expectedVersion else { throw CoreError.versionConflict(current: opportunity.version) }
            try opportunity.checkOpen()
            if let kindId = input.kindId, kindId != opportunity.kindId {
                throw ValidationError([FieldError("kindId", "the kind of an opportunity cannot change; create a new one")])
            }
            let kind = try await session.kind(id: opportunity.kindId)
            if let lines = input.demandLines, !lines.isEmpty, kind?.recordsPrimaryDemand != true { throw PipelineError.primaryDemandDisabled }
            if let probability = input.probability {
                guard (0...100).contains(probability) else { throw ValidationError([FieldError("probability", "must be from 0 to 100")]) }
                if probability != opportunity.probability { opportunity.probability = probability; opportunity.probabilitySetByHand = true }
            }
            let before = opportunity.auditValues
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
            var changes = AuditDiff.changes(from: before, to: opportunity.auditValues)
            if let parties = input.parties, parties != (try await session.parties(of: id)) {
                try await session.checkParties(parties, by: principal)
                try await session.replaceParties(of: id, with: parties)
                changes.append(FieldChange(field: "parties", old: nil, new: "\(parties.count) parties"))
            }
            if let lines = input.demandLines, lines != (try await session.demandLines(of: id)) {
                try await session.replaceDemandLines(of: id, with: lines)
                changes.append(FieldChange(field: "demandLines", old: nil, new: "\(lines.count) lines"))
            }
            guard !changes.isEmpty else { return opportunity }
            try await save(&opportunity, expectedVersion: expectedVersion, in: session)
            try await session.audit(env, entity: "opportunity", id: id.uuid, action: "update", actor: principal.userId, changes: changes)
            return opportunity
        }
    }

    /// Moves the opportunity to a stage of its kind (SPEC §3 stage gates; rules 100–102, 85–86).
    public func advance(_ id: Opportunity.ID, to stageId: Stage.ID, by principal: Principal) async throws -> Opportunity {
        try await env.store.write { session in
            var opportunity = try await session.changeableOpportunity(id, principal)
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
            let before = opportunity.auditValues
            let from = opportunity.stageId
            try opportunity.advance(to: target, kind: kind, facts: facts)
            let version = opportunity.version
            try await save(&opportunity, expectedVersion: version, in: session)
            try await session.audit(env, entity: "opportunity", id: id.uuid, action: "advance", actor: principal.userId,
                                    changes: AuditDiff.changes(from: before, to: opportunity.auditValues))
            let last = try await session.stageHistory(of: id).last
            let seconds = last.map { Int(env.clock.now().timeIntervalSince($0.at)) } ?? 0
            try await enter(target, opportunity: opportunity, from: from, secondsInPrevious: seconds, in: session, by: principal)
            return opportunity
        }
    }

    public func close(_ id: Opportunity.ID, won: Bool, actualRevenue: Money?, lostReasonId: Reason.ID?,
                      by principal: Principal) async throws -> Opportunity {
        try await env.store.write { session in
            var opportunity = try await session.changeableOpportunity(id, principal)
            if let lostReasonId, try await session.reason(id: lostReasonId).map({ $0.kind == .lost && $0.active }) != true {
                throw ValidationError([FieldError("lostReasonId", "is not an active reason for losing")])
            }
            if let actualRevenue, actualRevenue.currency != opportunity.fields.currency {
                throw ValidationError([FieldError("actualRevenue", "must be in the opportunity's currency \(opportunity.fields.currency)")])
            }
            let before = opportunity.auditValues
            let openQuotes = try await session.openQuoteCount(of: id) > 0
            do {
                try opportunity.close(won: won, actualRevenue: actualRevenue, lostReason: lostReasonId, hasOpenQuotes: openQuotes,
                                      at: env.clock.now())
            } catch PipelineError.lostReasonRequired {
                throw ValidationError([FieldError("lostReasonId", "is required to close an opportunity as lost")])
            }
            let version = opportunity.version
            try await save(&opportunity, expectedVersion: version, in: session)
            try await session.audit(env, entity: "opportunity", id: id.uuid, action: "close", actor: principal.userId,
                                    changes: AuditDiff.changes(from: before, to: opportunity.auditValues))
            try await AutomaticTasks.cancel(ofOpportunity: id, env, in: session, by: principal.userId)
            return opportunity
        }
    }

    /// Reopens a closed opportunity; managers and administrators only (SPEC §3).
    public func reopen(_ id: Opportunity.ID, by principal: Principal) async throws -> Opportunity {
        guard principal.canReassign else { throw CoreError.forbidden("only a manager or an administrator can reopen an opportunity") }
        return try await env.store.write { session in
            var opportunity = try await session.changeableOpportunity(id, principal)
            let before = opportunity.auditValues
            try opportunity.reopen()
            let version = opportunity.version
            try await save(&opportunity, expectedVersion: version, in: session)
            try await session.audit(env, entity: "opportunity", id: id.uuid, action: "reopen", actor: principal.userId,
                                    changes: AuditDiff.changes(from: before, to: opportunity.auditValues))
            return opportunity
        }
    }

    /// Creates an opportunity from a business interaction (rule 97): its subject names the
    /// opportunity, its regarding account or contact becomes the opportunity's party.
    public func generate(fromActivity activityId: Activity.ID, by principal: Principal) async throws -> Opportunity {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.store.write { session in
            guard let activity = try await session.activity(id: activityId), principal.canSee(activity.ownership) else {
                throw CoreError.notFound("activity")
            }
            let currency = Currency(Settings(try await session.settings()).baseCurrency) ?? Currency("EUR")!
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
                                    in: session, by: principal)
        }
    }

    public func stageHistory(_ id: Opportunity.ID, by principal: Principal) async throws -> [StageMove] {
        try await env.store.read { session in
            _ = try await session.visibleOpportunity(id, principal)
            return try await session.stageHistory(of: id)
        }
    }

    func save(_ opportunity: inout Opportunity, expectedVersion: Int, in session: any StoreSession) async throws {
        opportunity.version = expectedVersion + 1
        opportunity.updatedAt = env.clock.now()
        guard try await session.updateOpportunity(opportunity, expectedVersion: expectedVersion) else {
            throw CoreError.versionConflict(current: expectedVersion + 1)
        }
        try await session.index(opportunity.searchEntry)
    }

    /// Records the move and creates the stage's tasks for the owner (rule 104).
    func enter(_ stage: Stage, opportunity: Opportunity, from: Stage.ID?, secondsInPrevious: Int,
                       in session: any StoreSession, by principal: Principal) async throws {
        let now = env.clock.now()
        try await session.appendStageMove(StageMove(id: env.ids.next(), opportunityId: opportunity.id, fromStageId: from, toStageId: stage.id,
                                                    actorId: principal.userId, at: now, secondsInPrevious: secondsInPrevious))
        let zone = stage.taskTemplates.isEmpty ? nil : TimeZone(identifier: Settings(try await session.settings()).timeZone)
        for template in stage.taskTemplates {
            let due = AutomaticTasks.dueMorning(after: now, days: template.dueInDays, timeZone: zone ?? TimeZone(identifier: "UTC")!)
            let kind = Activity.Kind(rawValue: template.type) ?? .task
            let activity = Activity(id: env.newID(), kind: kind, subject: template.subject, regarding: Regarding(.opportunity, opportunity.id.uuid),
                                    dueAt: kind.isScheduled ? nil : due, startAt: kind.isScheduled ? due : nil,
                                    endAt: kind.isScheduled ? due.addingTimeInterval(3600) : nil, ownership: opportunity.ownership,
                                    createdAt: now, updatedAt: now)
            try await session.insertActivity(activity)
            try await session.markOrigin(activity.id, .stage)
            try await session.audit(env, entity: "activity", id: activity.id.uuid, action: "create", actor: principal.userId,
                                    changes: AuditDiff.changes(from: [:], to: activity.auditValues))
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
        try await session.checkSource(fields.source)
    }
}
