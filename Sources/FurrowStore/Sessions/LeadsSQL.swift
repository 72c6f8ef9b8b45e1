import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let leadList = ListStatement(
        table: "leads",
        fields: .leads,
        columns: ["topic": "topic", "createdAt": "created_at", "updatedAt": "updated_at", "status": "status", "ownerId": "owner_id",
                  "channelId": "channel_id", "campaignId": "campaign_id", "estimatedValue": "COALESCE(estimated_value_minor, 0)",
                  "companyName": "COALESCE(company_name, '')", "lastName": "COALESCE(last_name, '')"],
        textKind: .lead,
        names: [ListStatement.ownerName, (key: "channelName", sql: "SELECT name FROM channels WHERE channels.id = page.channel_id")]
    )

    func insertLead(_ lead: Lead) async throws {
        try await run("INSERT INTO leads (id, version, created_at, updated_at, owner_id, topic, status) VALUES (\(bind: lead.id.string), \(bind: lead.version), \(bind: Timestamp.string(lead.createdAt)), \(bind: Timestamp.string(lead.updatedAt)), \(bind: lead.ownership.ownerId.string), '', 'new')")
        _ = try await updateLead(lead, expectedVersion: lead.version)
    }

    func updateLead(_ lead: Lead, expectedVersion: Int) async throws -> Bool {
        let f = lead.fields, q = lead.qualified
        return !(try await rows("""
            UPDATE leads SET topic = \(bind: f.topic), first_name = \(bind: f.firstName), last_name = \(bind: f.lastName),
                company_name = \(bind: f.companyName), email = \(bind: f.email), phone = \(bind: f.phone), requirements = \(bind: f.requirements),
                estimated_value_minor = \(bind: f.estimatedValue?.minorUnits), currency = \(bind: f.estimatedValue?.currency.code),
                status = \(bind: lead.status.rawValue), channel_id = \(bind: f.source.channelId?.string),
                source_ref_type = \(bind: f.source.refType?.rawValue), source_ref_id = \(bind: f.source.refId?.uuidString.lowercased()),
                source_text = \(bind: f.source.text), campaign_id = \(bind: f.campaignId?.uuidString.lowercased()),
                disqualify_reason_id = \(bind: lead.disqualifyReasonId?.string),
                qualified_account_id = \(bind: q?.accountId?.string), qualified_contact_id = \(bind: q?.contactId?.string),
                qualified_opportunity_id = \(bind: q?.opportunityId.string),
                owner_id = \(bind: lead.ownership.ownerId.string), team_id = \(bind: lead.ownership.teamId?.string),
                version = \(bind: lead.version), created_at = \(bind: Timestamp.string(lead.createdAt)), updated_at = \(bind: Timestamp.string(lead.updatedAt))
            WHERE id = \(bind: lead.id.string) AND version = \(bind: expectedVersion)
            RETURNING id
            """)).isEmpty
    }

    func lead(id: Lead.ID) async throws -> Lead? {
        let rows = try await rows(Self.leadList.named("SELECT * FROM leads WHERE id = \(bind: id.string)"))
        return try Self.leadList.named(try rows.map(leadRecord), from: rows, \.names).first
    }

    func leads(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Lead] {
        let rows = try await rows(Self.leadList.build(query, visibility: visibility(principal), engine: engine))
        return try Self.leadList.named(try rows.map(leadRecord), from: rows, \.names)
    }

    private func leadRecord(_ row: any SQLRow) throws -> Lead {
        let fields = LeadFields(topic: try row.string("topic"), firstName: try row.optional("first_name"), lastName: try row.optional("last_name"),
                                companyName: try row.optional("company_name"), email: try row.optional("email"), phone: try row.optional("phone"),
                                requirements: try row.optional("requirements"),
                                estimatedValue: try row.money("estimated_value_minor", currency: "currency"),
                                source: try row.source(), campaignId: try row.optional("campaign_id").flatMap(UUIDText.parse))
        let opportunityId: Opportunity.ID? = try row.optionalID("qualified_opportunity_id")
        return Lead(id: try row.id("id"), fields: fields, status: try row.status("status", LeadStatus.self),
                    disqualifyReasonId: try row.optionalID("disqualify_reason_id"),
                    qualified: opportunityId.map { Lead.Qualification(accountId: try? row.optionalID("qualified_account_id"),
                                                                      contactId: try? row.optionalID("qualified_contact_id"), opportunityId: $0) },
                    ownership: try row.ownership(), version: try row.int("version"),
                    createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension SQLRow {
    func money(_ column: String, currency currencyColumn: String) throws -> Money? {
        guard try !decodeNil(column: column), case let minor = try decode(column: column, as: Int64.self),
              let code = try optional(currencyColumn), let currency = Currency(code) else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }

    func source() throws -> LeadSource {
        LeadSource(channelId: try optionalID("channel_id"), refType: try optional("source_ref_type").flatMap(ImpactType.init(rawValue:)),
                   refId: try optional("source_ref_id").flatMap(UUIDText.parse), text: try optional("source_text"))
    }
}
