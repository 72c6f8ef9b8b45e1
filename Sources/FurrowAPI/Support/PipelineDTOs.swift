import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

struct SourceRefDTO: Encodable, Sendable { let type: String, id: String }

struct LeadDTO: Encodable, Sendable {
    let id: String, topic: String, firstName: String?, lastName: String?, companyName: String?, email: String?, phone: String?
    let requirements: String?, estimatedValue: String?, currency: String?, status: String, channelId: String?
    let sourceRef: SourceRefDTO?, sourceText: String?, campaignId: String?, disqualifyReasonId: String?
    let accountId: String?, contactId: String?, opportunityId: String?
    let ownerId: String, teamId: String?, version: Int, createdAt: String, updatedAt: String
    let ownerName: String?, channelName: String?

    init(_ l: Lead) {
        let f = l.fields
        id = l.id.string; topic = f.topic; firstName = f.firstName; lastName = f.lastName; companyName = f.companyName
        email = f.email; phone = f.phone; requirements = f.requirements
        estimatedValue = f.estimatedValue?.decimalString; currency = f.estimatedValue?.currency.code
        status = l.status.rawValue; channelId = f.source.channelId?.string
        sourceRef = f.source.refType.flatMap { type in f.source.refId.map { SourceRefDTO(type: type.rawValue, id: $0.uuidString.lowercased()) } }
        sourceText = f.source.text; campaignId = f.campaignId?.uuidString.lowercased(); disqualifyReasonId = l.disqualifyReasonId?.string
        accountId = l.qualified?.accountId?.string; contactId = l.qualified?.contactId?.string; opportunityId = l.qualified?.opportunityId.string
        ownerId = l.ownership.ownerId.string; teamId = l.ownership.teamId?.string; version = l.version
        createdAt = Timestamp.string(l.createdAt); updatedAt = Timestamp.string(l.updatedAt)
        ownerName = l.names["ownerName"]; channelName = l.names["channelName"]
    }
}

struct PartyDTO: Encodable, Sendable {
    let role: String, partyType: String, partyId: String
    init(_ p: OpportunityParty) { role = p.role.rawValue; partyType = p.partyType.rawValue; partyId = UUIDText.lowercase(p.partyId) }
}

struct DemandLineDTO: Encodable, Sendable {
    let description: String, productId: String?, quantity: String, amount: String?, comment: String?
    init(_ d: DemandLine) {
        description = d.description; productId = d.productId?.uuidString.lowercased(); quantity = d.quantity.decimalString
        amount = d.amount?.decimalString; comment = d.comment
    }
}

struct OpportunityDTO: Encodable, Sendable {
    let id: String, name: String, accountId: String?, contactId: String?, kindId: String, stageId: String?, status: String
    let probability: Int, termsOfSale: String?, estimatedRevenue: String?, currency: String, revenueMode: String
    let expectedCloseDate: String?, channelId: String?, sourceRef: SourceRefDTO?, sourceText: String?, campaignId: String?
    let comment: String?, actualRevenue: String?, lostReasonId: String?, closedAt: String?, leadId: String?
    let parties: [PartyDTO]?, demandLines: [DemandLineDTO]?
    let ownerId: String, teamId: String?, version: Int, createdAt: String, updatedAt: String
    let accountName: String?, contactName: String?, ownerName: String?, stageName: String?, kindName: String?

    init(_ o: Opportunity, parties: [OpportunityParty]? = nil, demandLines: [DemandLine]? = nil) {
        let f = o.fields
        id = o.id.string; name = f.name; accountId = f.accountId?.string; contactId = f.contactId?.string; kindId = o.kindId.string
        stageId = o.stageId?.string; status = o.status.rawValue; probability = o.probability; termsOfSale = f.termsOfSale
        estimatedRevenue = f.estimatedRevenue?.decimalString; currency = f.currency.code; revenueMode = f.revenueMode.rawValue
        expectedCloseDate = f.expectedCloseDate?.description; channelId = f.source.channelId?.string
        sourceRef = f.source.refType.flatMap { type in f.source.refId.map { SourceRefDTO(type: type.rawValue, id: $0.uuidString.lowercased()) } }
        sourceText = f.source.text; campaignId = f.campaignId?.uuidString.lowercased(); comment = f.comment
        actualRevenue = o.actualRevenue?.decimalString; lostReasonId = o.lostReasonId?.string; closedAt = o.closedAt.map(Timestamp.string)
        leadId = o.leadId?.string
        self.parties = parties?.map(PartyDTO.init); self.demandLines = demandLines?.map(DemandLineDTO.init)
        ownerId = o.ownership.ownerId.string; teamId = o.ownership.teamId?.string; version = o.version
        createdAt = Timestamp.string(o.createdAt); updatedAt = Timestamp.string(o.updatedAt)
        accountName = o.names["accountName"]; contactName = o.names["contactName"]; ownerName = o.names["ownerName"]
        stageName = o.names["stageName"]; kindName = o.names["kindName"]
    }

    init(_ detail: OpportunityDetail) { self.init(detail.opportunity, parties: detail.parties, demandLines: detail.demandLines) }
}

struct ChannelDTO: Encodable, Sendable {
    let id: String, name: String, impactType: String
    init(_ c: Channel) { id = c.id.string; name = c.name; impactType = c.impactType.rawValue }
}

struct ReasonDTO: Encodable, Sendable {
    let id: String, name: String, active: Bool
    init(_ r: Reason) { id = r.id.string; name = r.name; active = r.active }
}

struct StageDTO: Encodable, Sendable {
    let id: String, name: String, description: String?, defaultProbability: Int, taskTemplates: [TaskTemplate], requirements: StageRequirements
    init(_ s: Stage) {
        id = s.id.string; name = s.name; description = s.description; defaultProbability = s.defaultProbability
        taskTemplates = s.taskTemplates; requirements = s.requirements
    }
}

struct KindDTO: Encodable, Sendable {
    let id: String, name: String, type: String, stageIds: [String], allowed: Bool, recordsPrimaryDemand: Bool
    init(_ k: OpportunityKind) {
        id = k.id.string; name = k.name; type = k.type.rawValue; stageIds = k.stageIds.map(\.string); allowed = k.allowed
        recordsPrimaryDemand = k.recordsPrimaryDemand
    }
}

struct StageMoveDTO: Encodable, Sendable {
    let fromStageId: String?, toStageId: String?, actorId: String?, at: String, secondsInPreviousStage: Int
    init(_ m: StageMove) {
        fromStageId = m.fromStageId?.string; toStageId = m.toStageId?.string; actorId = m.actorId?.string; at = Timestamp.string(m.at)
        secondsInPreviousStage = m.secondsInPrevious
    }
}

struct QualificationDTO: Encodable, Sendable {
    let accountId: String?, contactId: String?, opportunityId: String
    init(_ q: Lead.Qualification) { accountId = q.accountId?.string; contactId = q.contactId?.string; opportunityId = q.opportunityId.string }
}
