import Foundation
import FurrowDomain

/// Many new opportunities in one transaction with the same steps as one create each, and a few
/// statements for the lot (bulk creates): the kinds, first stages, owners and linked records
/// looked up once, then the rows, their search entries, their first stage moves, the stages'
/// tasks and the trail. Items with product lines, parties or demand lines go one by one.
extension OpportunityService {
    func insertMany(_ inputs: [OpportunityInput], in transaction: Transaction) async throws -> [Result<Opportunity, any Error>] {
        let session = transaction.session, principal = transaction.principal
        var results = [Result<Opportunity, any Error>?](repeating: nil, count: inputs.count)
        var kinds: [OpportunityKind.ID: OpportunityKind] = [:], stages: [Stage.ID: Stage] = [:], ownerships: [User.ID?: Ownership] = [:]
        for kind in try await session.kinds() { kinds[kind.id] = kind }
        for stage in try await session.stages() { stages[stage.id] = stage }
        let fallback = try await session.defaultKind()
        var accounts: [Account.ID: Account] = [:], contacts: [Contact.ID: Contact] = [:]
        for account in try await session.accounts(ids: Array(Set(inputs.compactMap(\.fields.accountId)))) { accounts[account.id] = account }
        for id in Set(inputs.compactMap(\.fields.contactId)) { if let contact = try await session.contact(id: id) { contacts[id] = contact } }
        var made: [(index: Int, opportunity: Opportunity, stage: Stage?)] = []
        let now = env.clock.now()
        for (index, input) in inputs.enumerated() {
            if input.productLines?.isEmpty == false || input.parties?.isEmpty == false || input.demandLines?.isEmpty == false {
                do {
                    let fields = try input.fields.validated()
                    let ownership = try await session.ownership(requested: input.ownerId, by: principal)
                    results[index] = .success(try await insert(fields, input: input, ownership: ownership, leadId: nil, in: transaction))
                } catch { results[index] = .failure(error) }
                continue
            }
            do {
                let fields = try input.fields.validated()
                if let error = Opportunity.probabilityError(input.probability) { throw ValidationError([error]) }
                let ownership: Ownership
                if let known = ownerships[input.ownerId] { ownership = known } else {
                    ownership = try await session.ownership(requested: input.ownerId, by: principal)
                    ownerships[input.ownerId] = ownership
                }
                let kind: OpportunityKind
                if let kindId = input.kindId {
                    guard let chosen = kinds[kindId] else { throw ValidationError([FieldError("kindId", "is not an opportunity kind")]) }
                    guard chosen.allowed else { throw PipelineError.kindNotAllowed }
                    kind = chosen
                } else {
                    guard let fallback else { throw PipelineError.kindNotAllowed }
                    kind = fallback
                }
                if let id = fields.accountId, accounts[id].map({ principal.canSee($0.ownership) }) != true {
                    throw ValidationError([FieldError("accountId", "is not an account you can see")])
                }
                if let id = fields.contactId, contacts[id].map({ principal.canSee($0.ownership) }) != true {
                    throw ValidationError([FieldError("contactId", "is not a contact you can see")])
                }
                if fields.source != LeadSource() || fields.campaignId != nil { try await session.checkSource(fields.source, campaign: fields.campaignId) }
                let first = kind.firstStage.flatMap { stages[$0] }
                let opportunity = Opportunity(id: env.newID(), fields: fields, kindId: kind.id, stageId: first?.id,
                                              probability: input.probability ?? first?.defaultProbability ?? 10,
                                              probabilitySetByHand: input.probability != nil, leadId: nil, ownership: ownership,
                                              createdAt: now, updatedAt: now)
                made.append((index, opportunity, first))
                results[index] = .success(opportunity)
            } catch { results[index] = .failure(error) }
        }
        let created = made.map(\.opportunity)
        try await session.insertOpportunities(created)
        try await session.indexNew(created.compactMap(\.indexEntry))
        for opportunity in created {
            transaction.audit(Opportunity.entity, opportunity.id.uuid, "create", AuditDiff.changes(from: [:], to: opportunity.auditValues))
            try await session.notifyAssignment(env, owner: opportunity.ownership.ownerId, by: principal.userId,
                                               what: "the opportunity “\(opportunity.fields.name)”", link: "/opportunities/\(opportunity.id)")
        }
        try await enter(made.compactMap { item in item.stage.map { (item.opportunity, $0) } }, in: transaction)
        return results.map { $0! }
    }

    /// The first stage of new opportunities: their moves, and the stage's tasks for each owner (rule 104), as `enter` does one.
    func enter(_ entries: [(opportunity: Opportunity, stage: Stage)], in transaction: Transaction) async throws {
        guard !entries.isEmpty else { return }
        let session = transaction.session, now = env.clock.now()
        try await session.appendStageMoves(entries.map { entry in
            StageMove(id: env.ids.next(), opportunityId: entry.opportunity.id, fromStageId: nil, toStageId: entry.stage.id,
                      actorId: transaction.principal.userId, at: now, secondsInPrevious: 0)
        })
        guard entries.contains(where: { !$0.stage.taskTemplates.isEmpty }) else { return }
        let zone = TimeZone(identifier: try await transaction.settings().timeZone) ?? TimeZone(identifier: "UTC")!
        var tasks: [Activity] = []
        for (opportunity, stage) in entries {
            for template in stage.taskTemplates {
                tasks.append(AutomaticTasks.stageTask(template, for: opportunity, at: now, timeZone: zone, id: env.newID()))
            }
        }
        try await session.insertActivities(tasks, origin: .stage)
        try await session.indexNew(tasks.compactMap(\.indexEntry))
        for task in tasks { transaction.audit(Activity.entity, task.id.uuid, "create", AuditDiff.changes(from: [:], to: task.auditValues)) }
    }
}

extension AutomaticTasks {
    /// The task a stage's template makes for an opportunity entering it.
    static func stageTask(_ template: TaskTemplate, for opportunity: Opportunity, at now: Date, timeZone: TimeZone, id: Activity.ID) -> Activity {
        let due = dueMorning(after: now, days: template.dueInDays, timeZone: timeZone)
        let kind = Activity.Kind(rawValue: template.type) ?? .task
        return Activity(id: id, kind: kind, subject: template.subject, regarding: Regarding(.opportunity, opportunity.id.uuid),
                        dueAt: kind.isScheduled ? nil : due, startAt: kind.isScheduled ? due : nil,
                        endAt: kind.isScheduled ? due.addingTimeInterval(3600) : nil, ownership: opportunity.ownership,
                        createdAt: now, updatedAt: now)
    }
}
