import Foundation
import FurrowDomain
import Testing

/// The verbs each record allows in each state: the buttons the pages show and what the use cases
/// accept, from one rule per record (`check`), walked over every state.
@Suite("Legal verbs: leads, opportunities, activities")
struct LegalVerbTests {
    static let owner = Ownership(ownerId: User.ID(UUID()), teamId: nil)
    static let eur = Currency("EUR")!

    static func lead(_ status: LeadStatus) -> Lead {
        Lead(id: Lead.ID(UUID()), fields: LeadFields(topic: "Irrigation", lastName: "Moss"), status: status, ownership: owner,
             createdAt: Date(), updatedAt: Date())
    }

    static func opportunity(_ status: OpportunityStatus) -> Opportunity {
        Opportunity(id: Opportunity.ID(UUID()), fields: OpportunityFields(name: "Deal", currency: eur), kindId: OpportunityKind.ID(UUID()),
                    stageId: nil, status: status, probability: 10, ownership: owner, createdAt: Date(), updatedAt: Date())
    }

    static func activity(_ status: Activity.Status) -> Activity {
        Activity(id: Activity.ID(UUID()), kind: .task, subject: "Call back", status: status, ownership: owner, createdAt: Date(), updatedAt: Date())
    }

    static let leadTable: [LeadStatus: Set<Lead.Verb>] = [
        .new: [.edit, .markContacted, .qualify, .disqualify, .newQuote],
        .contacted: [.edit, .qualify, .disqualify, .newQuote],
        .qualified: [.newQuote],
        .disqualified: [.reactivate],
    ]

    @Test("a lead's legal verbs in each status", arguments: LeadStatus.allCases)
    func leadVerbs(status: LeadStatus) {
        // given
        let lead = Self.lead(status)
        // when
        let legal = lead.legalVerbs()
        // then
        #expect(legal == Self.leadTable[status], "\(status)")
        for verb in Lead.Verb.allCases {
            if let transition = verb.transition {
                #expect(legal.contains(verb) == (LeadStatus.transitions[status]?[transition] != nil), "\(status) \(verb) follows the table")
            }
        }
    }

    static let leadRefusals: [(LeadStatus, Lead.Verb, PipelineError)] = [
        (.qualified, .edit, .leadAlreadyQualified), (.disqualified, .edit, .leadDisqualified),
        (.qualified, .qualify, .leadAlreadyQualified), (.disqualified, .disqualify, .leadDisqualified),
        (.new, .reactivate, .leadNotDisqualified), (.disqualified, .newQuote, .leadDisqualified),
    ]

    @Test("a refused lead verb names the use case's error", arguments: leadRefusals.indices)
    func leadRefusal(index: Int) {
        let (status, verb, error) = Self.leadRefusals[index]
        #expect(throws: error, "\(status) \(verb)") { try Self.lead(status).check(verb) }
    }

    static let opportunityTable: [OpportunityStatus: Set<Opportunity.Verb>] = [
        .inProgress: [.edit, .advance, .win, .lose, .newQuote, .editProducts],
        .won: [.reopen],
        .lost: [.reopen],
    ]

    @Test("an opportunity's legal verbs in each status", arguments: OpportunityStatus.allCases)
    func opportunityVerbs(status: OpportunityStatus) {
        // given
        let opportunity = Self.opportunity(status)
        // when
        let legal = opportunity.legalVerbs()
        // then
        #expect(legal == Self.opportunityTable[status], "\(status)")
        for verb in Opportunity.Verb.allCases {
            if let transition = verb.transition {
                #expect(legal.contains(verb) == (OpportunityStatus.transitions[status]?[transition] != nil), "\(status) \(verb) follows the table")
            } else if status.isClosed {
                #expect(throws: PipelineError.opportunityClosed, "\(status) \(verb)") { try opportunity.check(verb) }
            }
        }
    }

    @Test("the activity status table: every status × move", arguments: Activity.Status.allCases)
    func activityStatus(status: Activity.Status) {
        for verb in Activity.Status.Verb.allCases {
            #expect((try? status.applying(verb)) == Activity.Status.transitions[status]?[verb], "\(status) \(verb)")
        }
    }

    static let activityTable: [Activity.Status: Set<Activity.Verb>] = [
        .open: [.edit, .reschedule, .complete, .cancel],
        .completed: [.edit, .reopen],
        .cancelled: [.edit, .reopen],
    ]

    @Test("an activity's legal verbs in each status", arguments: Activity.Status.allCases)
    func activityVerbs(status: Activity.Status) {
        #expect(Self.activity(status).legalVerbs() == Self.activityTable[status], "\(status)")
    }

    static let activityRefusals: [(Activity.Status, Activity.Verb, ActivityError)] = [
        (.completed, .complete, .notOpen), (.cancelled, .cancel, .notOpen), (.completed, .reschedule, .notOpen),
        (.open, .reopen, .alreadyOpen),
    ]

    @Test("a refused activity verb names the use case's error", arguments: activityRefusals.indices)
    func activityRefusal(index: Int) throws {
        let (status, verb, error) = Self.activityRefusals[index]
        #expect(throws: error, "\(status) \(verb)") { try Self.activity(status).check(verb) }
    }

    @Test("completing, cancelling and reopening follow the table")
    func activityMoves() throws {
        // given
        var activity = Self.activity(.open)
        // when, then
        try activity.complete(outcome: "Ordered", at: Date())
        #expect(activity.status == .completed && activity.completedAt != nil)
        #expect(throws: ActivityError.notOpen) { try activity.cancel() }
        try activity.reopen()
        #expect(activity.status == .open && activity.completedAt == nil)
        #expect(throws: ActivityError.alreadyOpen) { try activity.reopen() }
        try activity.cancel()
        #expect(activity.status == .cancelled)
    }
}
