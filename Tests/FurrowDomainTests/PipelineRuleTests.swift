import Foundation
import FurrowDomain
import Testing

@Suite("Pipeline rules")
struct PipelineRuleTests {
    static let a = Stage.ID(UUID()), b = Stage.ID(UUID()), c = Stage.ID(UUID()), outside = Stage.ID(UUID())
    static let stages = [a, b, c]

    static func kind(_ type: KindType) -> OpportunityKind {
        OpportunityKind(id: OpportunityKind.ID(UUID()), name: type.rawValue, type: type, stageIds: stages)
    }

    /// Every (current, target) pair for each kind type: nil means allowed, else the error.
    static let moves: [(KindType, Stage.ID?, Stage.ID, PipelineError?)] = [
        (.standard, nil, a, nil), (.standard, nil, b, .stageSkipNotAllowed), (.standard, nil, c, .stageSkipNotAllowed),
        (.standard, a, a, .stageSkipNotAllowed), (.standard, a, b, nil), (.standard, a, c, .stageSkipNotAllowed),
        (.standard, b, a, .stageSkipNotAllowed), (.standard, b, b, .stageSkipNotAllowed), (.standard, b, c, nil),
        (.standard, c, a, .stageSkipNotAllowed), (.standard, c, b, .stageSkipNotAllowed), (.standard, c, c, .stageSkipNotAllowed),
        (.standard, a, outside, .stageNotInKind),
        (.custom, nil, c, nil), (.custom, a, c, nil), (.custom, c, a, nil), (.custom, b, a, nil),
        (.custom, a, a, .alreadyInStage), (.custom, a, outside, .stageNotInKind),
        (.none, nil, a, .kindHasNoStages), (.none, nil, outside, .kindHasNoStages),
    ]

    @Test("stage moves follow the kind's type", arguments: moves.indices)
    func stageMoves(index: Int) {
        let (type, current, target, expected) = Self.moves[index]
        let kind = Self.kind(type)
        do {
            try kind.checkMove(from: current, to: target)
            #expect(expected == nil, "\(type) \(String(describing: current)) → \(target) should fail")
        } catch {
            #expect(error == expected, "\(type) move")
        }
    }

    @Test("a kind without stages keeps none")
    func noneKind() {
        #expect(Self.kind(.none).stageIds.isEmpty)
        #expect(Self.kind(.none).nextStage(after: nil) == nil)
        #expect(Self.kind(.standard).nextStage(after: Self.b) == Self.c)
        #expect(Self.kind(.standard).nextStage(after: Self.c) == nil)
    }

    @Test("the opportunity status table: every status × verb", arguments: OpportunityStatus.allCases)
    func opportunityStatus(status: OpportunityStatus) {
        for verb in OpportunityStatus.Verb.allCases {
            let expected = OpportunityStatus.transitions[status]?[verb]
            let actual = try? status.applying(verb)
            #expect(actual == expected, "\(status) \(verb)")
        }
        #expect(OpportunityStatus.won.isClosed && OpportunityStatus.lost.isClosed && !OpportunityStatus.inProgress.isClosed)
    }

    @Test("the lead status table: every status × verb", arguments: LeadStatus.allCases)
    func leadStatus(status: LeadStatus) {
        for verb in LeadStatus.Verb.allCases {
            let expected = LeadStatus.transitions[status]?[verb]
            #expect((try? status.applying(verb)) == expected, "\(status) \(verb)")
        }
        #expect(throws: PipelineError.leadAlreadyQualified) { try LeadStatus.qualified.applying(.qualify) }
        #expect(throws: PipelineError.leadDisqualified) { try LeadStatus.disqualified.applying(.qualify) }
    }

    @Test("stage gates list every unmet condition")
    func gates() {
        let gate = StageRequirements(requiredFields: ["accountId", "expectedCloseDate"], requiresStakeholder: true,
                                     requiresCompetitor: true, requiresQuote: true)
        let none = StageFacts(filledFields: [], hasStakeholder: false, hasCompetitor: false, hasQuote: false)
        #expect(gate.unmet(by: none).count == 5)
        let all = StageFacts(filledFields: ["accountId", "expectedCloseDate"], hasStakeholder: true, hasCompetitor: true, hasQuote: true)
        #expect(gate.unmet(by: all).isEmpty)
        #expect(gate.unmet(by: StageFacts(filledFields: ["accountId"], hasStakeholder: true, hasCompetitor: true, hasQuote: false))
                == ["the expected close date is required", "a quote is required"])
    }

    static let eur = Currency("EUR")!

    static func opportunity() -> Opportunity {
        Opportunity(id: Opportunity.ID(UUID()), fields: OpportunityFields(name: "Deal", estimatedRevenue: Money(minorUnits: 500_00, currency: eur), currency: eur),
                    kindId: OpportunityKind.ID(UUID()), stageId: nil, probability: 10,
                    ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date(), updatedAt: Date())
    }

    @Test("advancing takes the stage's probability unless it was set by hand")
    func probability() throws {
        var deal = Self.opportunity()
        let stage = Stage(id: Self.a, name: "A", defaultProbability: 40)
        try deal.advance(to: stage, kind: Self.kind(.standard), facts: StageFacts(filledFields: [], hasStakeholder: false, hasCompetitor: false, hasQuote: false))
        #expect(deal.probability == 40)
        var manual = Self.opportunity()
        manual.probabilitySetByHand = true
        try manual.advance(to: stage, kind: Self.kind(.standard), facts: StageFacts(filledFields: [], hasStakeholder: false, hasCompetitor: false, hasQuote: false))
        #expect(manual.probability == 10)
    }

    @Test("closing: lost needs a reason, open quotes block, closed refuses moves")
    func closing() throws {
        var deal = Self.opportunity()
        #expect(throws: PipelineError.lostReasonRequired) { try deal.close(won: false, actualRevenue: nil, lostReason: nil, hasOpenQuotes: false, at: Date()) }
        #expect(deal.status == .inProgress)
        #expect(throws: PipelineError.openQuotes) { try deal.close(won: true, actualRevenue: nil, lostReason: nil, hasOpenQuotes: true, at: Date()) }
        try deal.close(won: true, actualRevenue: nil, lostReason: nil, hasOpenQuotes: false, at: Date())
        #expect(deal.status == .won)
        #expect(deal.actualRevenue == Money(minorUnits: 500_00, currency: Self.eur))
        #expect(throws: PipelineError.opportunityClosed) {
            try deal.advance(to: Stage(id: Self.a, name: "A", defaultProbability: 1), kind: Self.kind(.standard),
                             facts: StageFacts(filledFields: [], hasStakeholder: false, hasCompetitor: false, hasQuote: false))
        }
        #expect(throws: PipelineError.opportunityClosed) { try deal.close(won: true, actualRevenue: nil, lostReason: nil, hasOpenQuotes: false, at: Date()) }
        try deal.reopen()
        #expect(deal.status == .inProgress && deal.actualRevenue == nil)
    }

    @Test("a source must match its channel's impact type")
    func sources() {
        let referral = Channel(id: Channel.ID(UUID()), name: "Referral", impactType: .account)
        let web = Channel(id: Channel.ID(UUID()), name: "Web", impactType: .other)
        #expect(throws: Never.self) { try LeadSource(channelId: referral.id, refType: .account, refId: UUID()).check(against: referral) }
        #expect(throws: ValidationError.self) { try LeadSource(channelId: referral.id, refType: .contact, refId: UUID()).check(against: referral) }
        #expect(throws: ValidationError.self) { try LeadSource(channelId: web.id, refType: .account, refId: UUID()).check(against: web) }
        #expect(throws: Never.self) { try LeadSource(channelId: web.id, text: "Google").check(against: web) }
        #expect(throws: ValidationError.self) { try LeadSource(refType: .account, refId: UUID()).check(against: nil) }
    }

    @Test("a lead names a person or a company")
    func leadNames() {
        #expect(throws: ValidationError.self) { try LeadFields(topic: "Tractors").validated() }
        #expect(throws: Never.self) { try LeadFields(topic: "Tractors", companyName: "Farm Co").validated() }
        #expect(throws: ValidationError.self) { try LeadFields(topic: " ", lastName: "Lee").validated() }
    }
}
