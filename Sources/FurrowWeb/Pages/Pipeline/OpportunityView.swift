import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// What an opportunity's page shows: the process bar with the next stage's requirements, the
/// facts, parties, primary demand, stage history and audit history, and the buttons of the verbs
/// the opportunity allows (`Opportunity.legalVerbs`) to a user whose role may change it.
struct OpportunityView {
    struct Step { let name: String, done: Bool, current: Bool }
    struct Requirement { let text: String, state: String, stateText: String }
    struct NextStage { let stageId: String, name: String, requirements: [Requirement], hasRequirements: Bool }
    struct PartyRow { let index: Int, role: String, name: String, url: String?, kind: String }
    struct LineRow { let index: Int, description: String, quantity: String, amount: String, comment: String }
    struct MoveRow { let from: String, to: String, who: String, when: String, spent: String }

    let id: String
    let name: String
    let status: String
    let statusKey: String
    let version: Int
    let kindName: String
    let steps: [Step]
    let hasSteps: Bool
    let next: NextStage?
    let canAdvance: Bool
    let moveChoices: [RecordParts.Option]
    let canMove: Bool
    let facts: [Fact]
    let parties: [PartyRow]
    let hasParties: Bool
    let roles: [RecordParts.Option]
    let contactChoices: [RecordParts.Option]
    let accountChoices: [RecordParts.Option]
    let userChoices: [RecordParts.Option]
    let competitorChoices: [RecordParts.Option]
    let recordsDemand: Bool
    let lines: [LineRow]
    let hasLines: Bool
    let currency: String
    let moves: [MoveRow]
    let hasMoves: Bool
    let history: [RecordParts.HistoryRow]
    let canEdit: Bool
    let canClose: Bool
    let canReopen: Bool
    let lostReasons: [RecordParts.Option]
    let estimate: String
    let quotes: QuoteSection?
    let products: OpportunityProducts.Section?
    let activities: ActivitySection
    /// Notes and files on the record, set by its page.
    var recordNotes: NotesSection? = nil
    let economy: BudgetSection?

    /// Catalogs and names an opportunity's page needs, read before the page is drawn.
    struct Data {
        var kind: OpportunityKind?
        var kinds: [OpportunityKind] = []
        var stages: [Stage] = []
        var lostReasons: [Reason] = []
        var competitors: [Reason] = []
        var channels: [Channel] = []
        var users: [User.ID: String] = [:]
        var accounts: [Account.ID: String] = [:]
        var contacts: [Contact.ID: String] = [:]
        var contactChoices: [(String, String)] = []
        var accountChoices: [(String, String)] = []
        var userChoices: [(String, String)] = []
        var source: (channel: String, source: String, href: String?) = ("—", "—", nil)
        var quotes: QuoteSection?
        var products: OpportunityProducts.Section?
    }

    struct Builder {
        let env: CoreEnvironment
        let principal: Principal
        var pipeline: PipelineParts { PipelineParts(env: env) }

        func load(_ detail: OpportunityDetail) async throws -> Data {
            let o = detail.opportunity
            let catalog = CatalogService(env)
            var data = Data()
            data.kinds = try await catalog.kinds()
            data.kind = data.kinds.first { $0.id == o.kindId }
            data.stages = try await catalog.stages()
            data.lostReasons = try await catalog.reasons(.lost)
            data.competitors = try await catalog.reasons(.competitor)
            data.channels = try await catalog.channels()
            data.users = try await pipeline.parts.userNames()
            let accountIds = [o.fields.accountId].compactMap { $0 } + detail.parties.filter { $0.partyType == .account }.map { Account.ID($0.partyId) }
            data.accounts = try await pipeline.parts.accountNames(accountIds)
            let contactIds = [o.fields.contactId].compactMap { $0 } + detail.parties.filter { $0.partyType == .contact }.map { Contact.ID($0.partyId) }
            for contactId in contactIds where data.contacts[contactId] == nil {
                data.contacts[contactId] = try? await ContactService(env).get(contactId, by: principal).fields.fullName
            }
            let allowed = o.legalVerbs()
            let legal = principal.canChange(o.ownership) ? allowed : []
            if legal.contains(.edit) {
                data.contactChoices = try await pipeline.contactOptions(by: principal)
                data.accountChoices = try await pipeline.parts.accountOptions(by: principal)
                data.userChoices = try await pipeline.userOptions()
            }
            data.source = await pipeline.describe(o.fields.source, channels: data.channels, by: principal)
            data.quotes = try await QuoteSection.load(env, "opportunityId", o.id.string,
                                                      newURL: legal.contains(.newQuote) ? "/quotes/new?opportunity=\(o.id)" : nil,
                                                      note: allowed.contains(.newQuote) ? nil : "The opportunity is closed: no new ones.", by: principal)
            data.products = try await OpportunityProducts.section(env, o, canEdit: legal.contains(.editProducts), by: principal)
            return data
        }

        func model(_ detail: OpportunityDetail, _ data: Data, moves: [StageMove], shell: Shell) async throws -> OpportunityView {
            let o = detail.opportunity
            let f = o.fields
            let stageName = { (id: Stage.ID?) in id.flatMap { id in data.stages.first { $0.id == id }?.name } ?? "—" }
            let allowed = o.legalVerbs()
            let legal = principal.canChange(o.ownership) ? allowed : []
            let kind = data.kind
            let stageIds = kind?.stageIds ?? []
            let currentIndex = o.stageId.flatMap { stageIds.firstIndex(of: $0) } ?? -1
            let steps = stageIds.enumerated().map { index, id in Step(name: stageName(id), done: index < currentIndex, current: index == currentIndex) }
            var next: NextStage?
            if kind?.type == .standard, allowed.contains(.advance), let nextId = kind?.nextStage(after: o.stageId),
               let stage = data.stages.first(where: { $0.id == nextId }) {
                let requirements = Self.requirements(stage.requirements, o, detail.parties)
                next = NextStage(stageId: nextId.string, name: stage.name, requirements: requirements, hasRequirements: !requirements.isEmpty)
            }
            let moveChoices = kind?.type == .custom ? stageIds.filter { $0 != o.stageId }.map { RecordParts.Option(value: $0.string, label: stageName($0)) } : []
            let accountName = { (id: Account.ID) in data.accounts[id] ?? "(account)" }
            let contactName = { (id: Contact.ID) in data.contacts[id] ?? "(contact)" }
            var facts: [Fact] = [
                .init(label: "Kind", value: kind?.name ?? "—", href: nil),
                .init(label: "Stage", value: stageName(o.stageId), href: nil),
                .init(label: "Status", value: PipelineText.status(o.status), href: nil),
                .init(label: "Account", value: f.accountId.map(accountName) ?? "—", href: f.accountId.map { "/accounts/\($0)" }),
                .init(label: "Contact", value: f.contactId.map(contactName) ?? "—", href: f.contactId.map { "/contacts/\($0)" }),
                .init(label: "Estimated revenue", value: MoneyText.format(f.estimatedRevenue), href: nil),
                .init(label: "Revenue", value: f.revenueMode == .user ? "Typed by hand" : "Sum of the product lines", href: nil),
                .init(label: "Probability", value: "\(o.probability) %", href: nil),
                .init(label: "Expected close date", value: f.expectedCloseDate?.description ?? "—", href: nil),
                .init(label: "Terms of sale", value: f.termsOfSale ?? "—", href: nil),
                .init(label: "Channel", value: data.source.channel, href: nil),
                .init(label: "Source", value: data.source.source, href: data.source.href),
                .init(label: "Comment", value: f.comment ?? "—", href: nil),
                .init(label: "Owner", value: data.users[o.ownership.ownerId] ?? "—", href: nil),
            ]
            if o.status == .won { facts.append(.init(label: "Actual revenue", value: MoneyText.format(o.actualRevenue), href: nil)) }
            if o.status == .lost {
                facts.append(.init(label: "Reason for losing", value: data.lostReasons.first { $0.id == o.lostReasonId }?.name ?? "—", href: nil))
            }
            if let closedAt = o.closedAt { facts.append(.init(label: "Closed", value: shell.format(closedAt), href: nil)) }
            if let leadId = o.leadId { facts.append(.init(label: "From lead", value: "Open the lead", href: "/leads/\(leadId)")) }
            facts += [.init(label: "Created", value: shell.format(o.createdAt), href: nil),
                      .init(label: "Last changed", value: shell.format(o.updatedAt) + " (version \(o.version))", href: nil)]
            let parties = detail.parties.enumerated().map { index, party in
                let (name, url): (String, String?) = switch party.partyType {
                case .account: (accountName(Account.ID(party.partyId)), "/accounts/\(UUIDText.lowercase(party.partyId))")
                case .contact: (contactName(Contact.ID(party.partyId)), "/contacts/\(UUIDText.lowercase(party.partyId))")
                case .user: (data.users[User.ID(party.partyId)] ?? "(user)", nil)
                case .competitor: (data.competitors.first { $0.id.uuid == party.partyId }?.name ?? "(competitor)", nil)
                }
                return PartyRow(index: index, role: PipelineText.role(party.role), name: name, url: url, kind: party.partyType.rawValue)
            }
            let lines = detail.demandLines.enumerated().map { index, line in
                LineRow(index: index, description: line.description, quantity: line.quantity.decimalString,
                        amount: line.amount.map { MoneyText.format($0) } ?? "", comment: line.comment ?? "")
            }
            let moveRows = moves.reversed().map { move in
                MoveRow(from: move.fromStageId == nil ? "(start)" : stageName(move.fromStageId), to: stageName(move.toStageId),
                        who: move.actorId.flatMap { data.users[$0] } ?? "System", when: shell.format(move.at),
                        spent: move.fromStageId == nil ? "—" : PipelineText.duration(move.secondsInPrevious))
            }
            var names: [String: String] = [:]
            for stage in data.stages { names[stage.id.string] = stage.name }
            for kind in data.kinds { names[kind.id.string] = kind.name }
            for reason in data.lostReasons { names[reason.id.string] = reason.name }
            for channel in data.channels { names[channel.id.string] = channel.name }
            for (id, name) in data.contacts { names[id.string] = name }
            let option = { (pair: (String, String)) in RecordParts.Option(value: pair.0, label: pair.1) }
            return OpportunityView(
                id: o.id.string, name: f.name, status: PipelineText.status(o.status), statusKey: o.status.rawValue, version: o.version,
                kindName: kind?.name ?? "", steps: steps, hasSteps: !steps.isEmpty, next: next,
                canAdvance: legal.contains(.advance) && next != nil, moveChoices: moveChoices,
                canMove: legal.contains(.advance) && !moveChoices.isEmpty, facts: facts,
                parties: parties, hasParties: !parties.isEmpty,
                roles: OpportunityParty.Role.allCases.map { RecordParts.Option(value: $0.rawValue, label: PipelineText.role($0)) },
                contactChoices: data.contactChoices.map { option(("contact:" + $0.0, $0.1)) },
                accountChoices: data.accountChoices.map { option(("account:" + $0.0, $0.1)) },
                userChoices: data.userChoices.map { option(("user:" + $0.0, $0.1)) },
                competitorChoices: data.competitors.filter(\.active).map { option(("competitor:" + $0.id.string, $0.name)) },
                recordsDemand: kind?.recordsPrimaryDemand ?? false, lines: lines, hasLines: !lines.isEmpty, currency: f.currency.code,
                moves: moveRows, hasMoves: !moveRows.isEmpty,
                history: try await pipeline.parts.history("opportunity", o.id.uuid, by: principal, shell: shell, names: names),
                canEdit: legal.contains(.edit), canClose: legal.contains(.win) || legal.contains(.lose),
                canReopen: principal.canReassign && legal.contains(.reopen),
                lostReasons: data.lostReasons.filter(\.active).map { option(($0.id.string, $0.name)) },
                estimate: f.estimatedRevenue?.decimalString ?? "", quotes: data.quotes,
                products: data.products,
                activities: try await ActivitySection.load(env, Regarding(.opportunity, o.id.uuid), shell: shell, by: principal),
                recordNotes: try await NotesSection.load(env, Regarding(.opportunity, o.id.uuid), shell: shell, by: principal),
                economy: try await BudgetSection.load(env, BudgetTarget(.opportunity, o.id.uuid), canChange: principal.canChange(o.ownership),
                                                      shell: shell, by: principal))
        }

        /// Each condition of a stage gate, met or not as the server will judge it (a quote is
        /// checked only when advancing).
        static func requirements(_ gate: StageRequirements, _ o: Opportunity, _ parties: [OpportunityParty]) -> [Requirement] {
            let filled = o.fields.filledFields
            func item(_ text: String, _ met: Bool?) -> Requirement {
                switch met {
                case true?: Requirement(text: text, state: "met", stateText: "done")
                case false?: Requirement(text: text, state: "missing", stateText: "missing")
                case nil: Requirement(text: text, state: "open", stateText: "checked when advancing")
                }
            }
            var items = gate.requiredFields.map { item(fieldText[$0] ?? $0, filled.contains($0)) }
            if gate.requiresStakeholder { items.append(item("at least one stakeholder", parties.contains { $0.role == .stakeholder })) }
            if gate.requiresCompetitor { items.append(item("at least one competitor", parties.contains { $0.role == .competitor })) }
            if gate.requiresQuote { items.append(item("a quote", nil)) }
            return items
        }

        static let fieldText = ["accountId": "an account", "contactId": "a contact", "estimatedRevenue": "an estimated revenue",
                                "expectedCloseDate": "an expected close date", "termsOfSale": "terms of sale", "comment": "a comment",
                                "channelId": "a channel"]
    }
}
