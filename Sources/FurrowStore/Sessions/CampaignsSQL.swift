import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Marketing lists, their members, campaigns and their links (`M0021Campaigns`).
extension SQLSession {
    func insertMarketingList(_ l: MarketingList) async throws {
        try await run("""
            INSERT INTO marketing_lists (id, name, description, target_type, list_type, query, active, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: l.id.string), \(bind: l.name), \(bind: l.description), \(bind: l.targetType.rawValue), \(bind: l.listType.rawValue),
                \(bind: l.query), \(bind: l.active), \(bind: l.ownership.ownerId.string), \(bind: l.ownership.teamId?.string), \(bind: l.version),
                \(bind: Timestamp.string(l.createdAt)), \(bind: Timestamp.string(l.updatedAt)))
            """)
    }

    func updateMarketingList(_ l: MarketingList, over before: MarketingList) async throws -> Bool {
        !(try await rows("""
            UPDATE marketing_lists SET name = \(bind: l.name), description = \(bind: l.description), query = \(bind: l.query), active = \(bind: l.active),
                owner_id = \(bind: l.ownership.ownerId.string), team_id = \(bind: l.ownership.teamId?.string), version = \(bind: l.version),
                updated_at = \(bind: Timestamp.string(l.updatedAt))
            WHERE id = \(bind: l.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func marketingList(id: MarketingList.ID, locked: Bool) async throws -> MarketingList? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE" : ""
        return try await rows("SELECT * FROM marketing_lists WHERE id = \(bind: id.string)\(lock)").first.map(marketingListRecord)
    }

    func marketingLists(visibleTo principal: Principal, limit: Int) async throws -> [MarketingList] {
        try await rows("""
            SELECT * FROM marketing_lists WHERE \(visibility(principal)) ORDER BY created_at DESC, id DESC LIMIT \(literal: max(1, min(limit, 1000)))
            """).map(marketingListRecord)
    }

    func staticMembers(of list: MarketingList.ID, after: UUID?, limit: Int) async throws -> [UUID] {
        let from: SQLQueryString = after.map { " AND member_id > \(bind: UUIDText.lowercase($0))" } ?? ""
        return try await rows("""
            SELECT member_id FROM marketing_list_members WHERE list_id = \(bind: list.string)\(from)
            ORDER BY member_id LIMIT \(literal: max(1, min(limit, 10_000)))
            """).compactMap { UUIDText.parse(try $0.string("member_id")) }
    }

    func staticMemberCount(of list: MarketingList.ID) async throws -> Int {
        try await rows("SELECT COUNT(*) AS n FROM marketing_list_members WHERE list_id = \(bind: list.string)").first?.int("n") ?? 0
    }

    func insertMembers(of list: MarketingList.ID, _ ids: [UUID], at time: Date) async throws -> Int {
        var added = 0
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let values = chunk.map { id -> SQLQueryString in "(\(bind: list.string), \(bind: UUIDText.lowercase(id)), \(bind: Timestamp.string(time)))" }
            added += try await rows("""
                INSERT INTO marketing_list_members (list_id, member_id, added_at) VALUES \(values.joined(separator: ", "))
                ON CONFLICT (list_id, member_id) DO NOTHING RETURNING member_id
                """).count
        }
        return added
    }

    func deleteMember(of list: MarketingList.ID, _ id: UUID) async throws -> Bool {
        !(try await rows("""
            DELETE FROM marketing_list_members WHERE list_id = \(bind: list.string) AND member_id = \(bind: UUIDText.lowercase(id)) RETURNING member_id
            """)).isEmpty
    }

    static func targetTable(_ type: MarketingList.TargetType) -> SQLQueryString {
        switch type {
        case .accounts: "accounts"
        case .contacts: "contacts"
        case .leads: "leads"
        }
    }

    func matchCount(_ query: ListQuery, of type: MarketingList.TargetType, visibleTo principal: Principal) async throws -> Int {
        let statement: SQLQueryString = switch type {
        case .accounts: Self.accountList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .contacts: Self.contactList.count(query, visibility: "\(visibility(principal)) AND \(unsafeRaw: Self.settled)", engine: engine)
        case .leads: Self.leadList.count(query, visibility: visibility(principal), engine: engine)
        }
        return try await count(statement)
    }

    func visibleTargets(_ ids: [UUID], of type: MarketingList.TargetType, visibleTo principal: Principal) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let seen = type == .accounts ? principal.ledger : principal
        let settled: SQLQueryString = type == .contacts ? " AND \(unsafeRaw: Self.settled)" : ""
        var found = Set<UUID>()
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for row in try await rows("""
                SELECT id FROM \(Self.targetTable(type)) WHERE id IN (\(binds: chunk.map(UUIDText.lowercase)))\(settled) AND \(visibility(seen))
                """) {
                if let id = UUIDText.parse(try row.string("id")) { found.insert(id) }
            }
        }
        return found
    }

    func members(_ ids: [UUID], of type: MarketingList.TargetType) async throws -> [ListMember] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(UUIDText.lowercase)
        let sql: SQLQueryString = switch type {
        case .accounts:
            "SELECT id, name, email, NULL AS organisation, NULL AS first_name, NULL AS last_name FROM accounts WHERE id IN (\(binds: keys))"
        case .contacts:
            """
            SELECT c.id, TRIM(COALESCE(c.first_name, '') || ' ' || c.last_name) AS name, c.email, a.name AS organisation,
                c.first_name, c.last_name FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.id IN (\(binds: keys))
            """
        case .leads:
            """
            SELECT id, COALESCE(NULLIF(TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')), ''), topic) AS name, email,
                company_name AS organisation, first_name, last_name FROM leads WHERE id IN (\(binds: keys))
            """
        }
        var found: [UUID: ListMember] = [:]
        for row in try await rows(sql) {
            guard let id = UUIDText.parse(try row.string("id")) else { continue }
            found[id] = ListMember(id: id, name: try row.string("name"), email: try row.optional("email"), organisation: try row.optional("organisation"),
                                   firstName: try row.optional("first_name"), lastName: try row.optional("last_name"))
        }
        return ids.compactMap { found[$0] }
    }

    func insertCampaign(_ c: Campaign) async throws {
        try await run("""
            INSERT INTO campaigns (id, name, type, status, active, start_day, end_day, currency, budgeted_cost_minor, actual_cost_minor,
                expected_revenue_minor, offer, description, quick, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: c.id.string), \(bind: c.name), \(bind: c.kind.rawValue), \(bind: c.status.rawValue), \(bind: c.active),
                \(bind: c.startDate?.description), \(bind: c.endDate?.description), \(bind: c.currency.code), \(bind: c.budgetedCost?.minorUnits),
                \(bind: c.actualCost?.minorUnits), \(bind: c.expectedRevenue?.minorUnits), \(bind: c.offer), \(bind: c.description), \(bind: c.quick),
                \(bind: c.ownership.ownerId.string), \(bind: c.ownership.teamId?.string), \(bind: c.version),
                \(bind: Timestamp.string(c.createdAt)), \(bind: Timestamp.string(c.updatedAt)))
            """)
    }

    func updateCampaign(_ c: Campaign, over before: Campaign) async throws -> Bool {
        !(try await rows("""
            UPDATE campaigns SET name = \(bind: c.name), type = \(bind: c.kind.rawValue), status = \(bind: c.status.rawValue), active = \(bind: c.active),
                start_day = \(bind: c.startDate?.description), end_day = \(bind: c.endDate?.description), currency = \(bind: c.currency.code),
                budgeted_cost_minor = \(bind: c.budgetedCost?.minorUnits), actual_cost_minor = \(bind: c.actualCost?.minorUnits),
                expected_revenue_minor = \(bind: c.expectedRevenue?.minorUnits), offer = \(bind: c.offer), description = \(bind: c.description),
                owner_id = \(bind: c.ownership.ownerId.string), team_id = \(bind: c.ownership.teamId?.string), version = \(bind: c.version),
                updated_at = \(bind: Timestamp.string(c.updatedAt))
            WHERE id = \(bind: c.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func campaign(id: Campaign.ID, locked: Bool) async throws -> Campaign? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE" : ""
        return try await rows("SELECT * FROM campaigns WHERE id = \(bind: id.string)\(lock)").first.map(campaignRecord)
    }

    func campaigns(quick: Bool?, limit: Int) async throws -> [Campaign] {
        let kind: SQLQueryString = quick.map { " WHERE quick = \(bind: $0)" } ?? ""
        return try await rows("""
            SELECT * FROM campaigns\(kind) ORDER BY created_at DESC, id DESC LIMIT \(literal: max(1, min(limit, 1000)))
            """).map(campaignRecord)
    }

    func linkList(_ list: MarketingList.ID, to campaign: Campaign.ID, at time: Date) async throws -> Bool {
        !(try await rows("""
            INSERT INTO campaign_lists (campaign_id, list_id, linked_at) VALUES (\(bind: campaign.string), \(bind: list.string), \(bind: Timestamp.string(time)))
            ON CONFLICT (campaign_id, list_id) DO NOTHING RETURNING list_id
            """)).isEmpty
    }

    func unlinkList(_ list: MarketingList.ID, from campaign: Campaign.ID) async throws -> Bool {
        !(try await rows("""
            DELETE FROM campaign_lists WHERE campaign_id = \(bind: campaign.string) AND list_id = \(bind: list.string) RETURNING list_id
            """)).isEmpty
    }

    func linkedLists(of campaign: Campaign.ID) async throws -> [MarketingList.ID] {
        try await rows("SELECT list_id FROM campaign_lists WHERE campaign_id = \(bind: campaign.string) ORDER BY linked_at, list_id").map { try $0.id("list_id") }
    }

    func addTargetProduct(_ product: Product.ID, to campaign: Campaign.ID, at time: Date) async throws -> Bool {
        !(try await rows("""
            INSERT INTO campaign_products (campaign_id, product_id, linked_at) VALUES (\(bind: campaign.string), \(bind: product.string), \(bind: Timestamp.string(time)))
            ON CONFLICT (campaign_id, product_id) DO NOTHING RETURNING product_id
            """)).isEmpty
    }

    func removeTargetProduct(_ product: Product.ID, from campaign: Campaign.ID) async throws -> Bool {
        !(try await rows("""
            DELETE FROM campaign_products WHERE campaign_id = \(bind: campaign.string) AND product_id = \(bind: product.string) RETURNING product_id
            """)).isEmpty
    }

    func targetProducts(of campaign: Campaign.ID) async throws -> [Product.ID] {
        try await rows("SELECT product_id FROM campaign_products WHERE campaign_id = \(bind: campaign.string) ORDER BY linked_at, product_id")
            .map { try $0.id("product_id") }
    }

    func linkedCampaigns(of list: MarketingList.ID) async throws -> [Campaign.ID] {
        try await rows("SELECT campaign_id FROM campaign_lists WHERE list_id = \(bind: list.string) ORDER BY linked_at, campaign_id").map { try $0.id("campaign_id") }
    }

    func insertCampaignActivity(_ a: CampaignActivity) async throws {
        try await run("""
            INSERT INTO campaign_activities (id, campaign_id, channel, subject, body, scheduled_start, scheduled_end, distribution, cursor, total,
                processed, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: a.id.string), \(bind: a.campaignId.string), \(bind: a.channel.rawValue), \(bind: a.subject), \(bind: a.body),
                \(bind: a.scheduledStart.map(Timestamp.string)), \(bind: a.scheduledEnd.map(Timestamp.string)), \(bind: a.distribution.rawValue),
                \(bind: a.cursor), \(bind: a.total), \(bind: a.processed), \(bind: a.ownership.ownerId.string), \(bind: a.ownership.teamId?.string),
                \(bind: a.version), \(bind: Timestamp.string(a.createdAt)), \(bind: Timestamp.string(a.updatedAt)))
            """)
    }

    func updateCampaignActivity(_ a: CampaignActivity, over before: CampaignActivity) async throws -> Bool {
        !(try await rows("""
            UPDATE campaign_activities SET channel = \(bind: a.channel.rawValue), subject = \(bind: a.subject), body = \(bind: a.body),
                scheduled_start = \(bind: a.scheduledStart.map(Timestamp.string)), scheduled_end = \(bind: a.scheduledEnd.map(Timestamp.string)),
                distribution = \(bind: a.distribution.rawValue), cursor = \(bind: a.cursor), total = \(bind: a.total), processed = \(bind: a.processed),
                owner_id = \(bind: a.ownership.ownerId.string), team_id = \(bind: a.ownership.teamId?.string), version = \(bind: a.version),
                updated_at = \(bind: Timestamp.string(a.updatedAt))
            WHERE id = \(bind: a.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func campaignActivity(id: CampaignActivity.ID, locked: Bool) async throws -> CampaignActivity? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await rows("SELECT * FROM campaign_activities WHERE id = \(bind: id.string)\(lock)").first.map(campaignActivityRecord)
    }

    func campaignActivities(of campaign: Campaign.ID) async throws -> [CampaignActivity] {
        try await rows("SELECT * FROM campaign_activities WHERE campaign_id = \(bind: campaign.string) ORDER BY created_at, id LIMIT 500")
            .map(campaignActivityRecord)
    }

    func runningDistributions(limit: Int) async throws -> [CampaignActivity.ID] {
        try await rows("""
            SELECT id FROM campaign_activities WHERE distribution = 'running' ORDER BY updated_at, id LIMIT \(literal: max(1, min(limit, 100)))
            """).map { try $0.id("id") }
    }

    func insertDeliveries(_ deliveries: [CampaignDelivery], of activity: CampaignActivity.ID, at time: Date) async throws -> Set<UUID> {
        var fresh = Set<UUID>()
        for chunk in stride(from: 0, to: deliveries.count, by: 400).map({ Array(deliveries[$0..<min($0 + 400, deliveries.count)]) }) {
            let values = chunk.map { d -> SQLQueryString in
                """
                (\(bind: activity.string), \(bind: UUIDText.lowercase(d.memberId)), \(bind: d.outcome.rawValue), \(bind: d.address), \(bind: d.token),
                 \(bind: d.emailId.map(UUIDText.lowercase)), \(bind: d.recordId.map(UUIDText.lowercase)), \(bind: Timestamp.string(time)))
                """
            }
            for row in try await rows("""
                INSERT INTO campaign_deliveries (activity_id, member_id, outcome, address, token, email_id, record_id, created_at)
                VALUES \(values.joined(separator: ", ")) ON CONFLICT (activity_id, member_id) DO NOTHING RETURNING member_id
                """) {
                if let id = UUIDText.parse(try row.string("member_id")) { fresh.insert(id) }
            }
        }
        return fresh
    }

    func deliveryCounts(of activity: CampaignActivity.ID) async throws -> [CampaignDelivery.Outcome: Int] {
        var counts: [CampaignDelivery.Outcome: Int] = [:]
        for row in try await rows("SELECT outcome, COUNT(*) AS n FROM campaign_deliveries WHERE activity_id = \(bind: activity.string) GROUP BY outcome") {
            if let outcome = CampaignDelivery.Outcome(rawValue: try row.string("outcome")) { counts[outcome] = try row.int("n") }
        }
        return counts
    }

    func delivery(token: String) async throws -> (activity: CampaignActivity.ID, member: UUID, address: String?)? {
        guard let row = try await rows("SELECT activity_id, member_id, address FROM campaign_deliveries WHERE token = \(bind: token)").first,
              let member = UUIDText.parse(try row.string("member_id")) else { return nil }
        return (try row.id("activity_id"), member, try row.optional("address"))
    }

    func suppress(_ address: String, reason: String, at time: Date) async throws -> Bool {
        !(try await rows("""
            INSERT INTO email_suppressions (address, reason, created_at) VALUES (\(bind: address.lowercased()), \(bind: reason), \(bind: Timestamp.string(time)))
            ON CONFLICT (address) DO NOTHING RETURNING address
            """)).isEmpty
    }

    func suppressed(_ addresses: [String]) async throws -> Set<String> {
        guard !addresses.isEmpty else { return [] }
        return Set(try await rows("SELECT address FROM email_suppressions WHERE address IN (\(binds: addresses.map { $0.lowercased() }))")
            .map { try $0.string("address") })
    }

    func delivery(emailId: UUID) async throws -> (activity: CampaignActivity.ID, member: UUID, token: String?)? {
        guard let row = try await rows("SELECT activity_id, member_id, token FROM campaign_deliveries WHERE email_id = \(bind: UUIDText.lowercase(emailId))").first,
              let member = UUIDText.parse(try row.string("member_id")) else { return nil }
        return (try row.id("activity_id"), member, try row.optional("token"))
    }

    func partyKind(of id: UUID) async throws -> CampaignResponse.PartyKind? {
        let key = UUIDText.lowercase(id)
        let row = try await rows("""
            SELECT 'lead' AS kind FROM leads WHERE id = \(bind: key) UNION ALL SELECT 'contact' FROM contacts WHERE id = \(bind: key)
            UNION ALL SELECT 'account' FROM accounts WHERE id = \(bind: key)
            """).first
        return try row.flatMap { CampaignResponse.PartyKind(rawValue: try $0.string("kind")) }
    }

    func insertCampaignResponse(_ r: CampaignResponse) async throws {
        try await run("""
            INSERT INTO campaign_responses (id, campaign_id, activity_id, channel, party_kind, party_id, name, email, subject, body, received_at, outcome,
                converted_kind, converted_id, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: r.id.string), \(bind: r.campaignId.string), \(bind: r.activityId?.string), \(bind: r.channel.rawValue),
                \(bind: r.party?.kind.rawValue), \(bind: r.party.map { UUIDText.lowercase($0.id) }), \(bind: r.name), \(bind: r.email), \(bind: r.subject),
                \(bind: r.body), \(bind: Timestamp.string(r.receivedAt)), \(bind: r.outcome.rawValue), \(bind: r.convertedTo?.kind.rawValue),
                \(bind: r.convertedTo.map { UUIDText.lowercase($0.id) }), \(bind: r.ownership.ownerId.string), \(bind: r.ownership.teamId?.string),
                \(bind: r.version), \(bind: Timestamp.string(r.createdAt)), \(bind: Timestamp.string(r.updatedAt)))
            """)
    }

    func updateCampaignResponse(_ r: CampaignResponse, over before: CampaignResponse) async throws -> Bool {
        !(try await rows("""
            UPDATE campaign_responses SET channel = \(bind: r.channel.rawValue), party_kind = \(bind: r.party?.kind.rawValue),
                party_id = \(bind: r.party.map { UUIDText.lowercase($0.id) }), name = \(bind: r.name), email = \(bind: r.email), subject = \(bind: r.subject),
                body = \(bind: r.body), outcome = \(bind: r.outcome.rawValue), converted_kind = \(bind: r.convertedTo?.kind.rawValue),
                converted_id = \(bind: r.convertedTo.map { UUIDText.lowercase($0.id) }), owner_id = \(bind: r.ownership.ownerId.string),
                team_id = \(bind: r.ownership.teamId?.string), version = \(bind: r.version), updated_at = \(bind: Timestamp.string(r.updatedAt))
            WHERE id = \(bind: r.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func campaignResponse(id: CampaignResponse.ID) async throws -> CampaignResponse? {
        try await rows("SELECT * FROM campaign_responses WHERE id = \(bind: id.string)").first.map(campaignResponseRecord)
    }

    func campaignResponses(of campaign: Campaign.ID, limit: Int) async throws -> [CampaignResponse] {
        try await rows("""
            SELECT * FROM campaign_responses WHERE campaign_id = \(bind: campaign.string) ORDER BY received_at DESC, id DESC LIMIT \(literal: max(1, min(limit, 1000)))
            """).map(campaignResponseRecord)
    }

    func campaignFigures(of campaign: Campaign.ID, visibleTo principal: Principal) async throws -> CampaignFigures {
        var figures = CampaignFigures()
        let id = campaign.string
        for row in try await rows("""
            SELECT d.outcome, e.status, COUNT(*) AS n FROM campaign_deliveries d JOIN campaign_activities a ON a.id = d.activity_id
            LEFT JOIN outbox_emails e ON e.id = d.email_id WHERE a.campaign_id = \(bind: id) GROUP BY d.outcome, e.status
            """) {
            let n = try row.int("n")
            figures.deliveries[try row.string("outcome"), default: 0] += n
            if let status = try row.optional("status") { figures.emails[status, default: 0] += n }
        }
        figures.unsubscribed = try await rows("""
            SELECT COUNT(DISTINCT s.address) AS n FROM campaign_deliveries d JOIN campaign_activities a ON a.id = d.activity_id
            JOIN email_suppressions s ON s.address = LOWER(d.address) WHERE a.campaign_id = \(bind: id) AND d.outcome = 'sent'
            """).first?.int("n") ?? 0
        for row in try await rows("SELECT outcome, COUNT(*) AS n FROM campaign_responses WHERE campaign_id = \(bind: id) GROUP BY outcome") {
            if let outcome = CampaignResponse.Outcome(rawValue: try row.string("outcome")) { figures.responses[outcome] = try row.int("n") }
        }
        figures.leads = try await rows("SELECT COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: id) AND \(visibility(principal))").first?.int("n") ?? 0
        for row in try await rows("""
            SELECT status, currency, COUNT(*) AS n, CAST(COALESCE(SUM(value_minor), 0) AS BIGINT) AS total FROM opportunities
            WHERE campaign_id = \(bind: id) AND \(visibility(principal)) GROUP BY status, currency
            """) {
            guard let status = OpportunityStatus(rawValue: try row.string("status")) else { continue }
            let currency = try row.currency("currency")
            figures.opportunities[status, default: [:]][currency] = (try row.int("n"), Int128(try row.decode(column: "total", as: Int64.self)))
        }
        return figures
    }

    private func campaignResponseRecord(_ row: any SQLRow) throws -> CampaignResponse {
        var r = CampaignResponse(id: try row.id("id"), campaignId: try row.id("campaign_id"), activityId: try row.optionalID("activity_id"),
                                 channel: try row.status("channel", CampaignResponse.Channel.self), name: try row.optional("name"),
                                 email: try row.optional("email"), subject: try row.string("subject"), body: try row.optional("body"),
                                 receivedAt: try row.date("received_at"), outcome: try row.status("outcome", CampaignResponse.Outcome.self),
                                 ownership: try row.ownership(), version: try row.int("version"), createdAt: try row.date("created_at"),
                                 updatedAt: try row.date("updated_at"))
        if let kind = try row.optional("party_kind").flatMap(CampaignResponse.PartyKind.init), let id = try row.optional("party_id").flatMap(UUIDText.parse) {
            r.party = .init(kind, id)
        }
        if let kind = try row.optional("converted_kind").flatMap(CampaignResponse.Conversion.init), let id = try row.optional("converted_id").flatMap(UUIDText.parse) {
            r.convertedTo = (kind, id)
        }
        return r
    }

    private func campaignActivityRecord(_ row: any SQLRow) throws -> CampaignActivity {
        CampaignActivity(id: try row.id("id"), campaignId: try row.id("campaign_id"), channel: try row.status("channel", CampaignActivity.Channel.self),
                         subject: try row.string("subject"), body: try row.optional("body"),
                         scheduledStart: try row.optional("scheduled_start").flatMap(Timestamp.date),
                         scheduledEnd: try row.optional("scheduled_end").flatMap(Timestamp.date),
                         distribution: try row.status("distribution", CampaignActivity.Distribution.self), cursor: try row.optional("cursor"),
                         total: try row.int("total"), processed: try row.int("processed"), ownership: try row.ownership(), version: try row.int("version"),
                         createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    private func marketingListRecord(_ row: any SQLRow) throws -> MarketingList {
        var list = MarketingList(id: try row.id("id"), name: try row.string("name"), description: try row.optional("description"),
                                 targetType: try row.status("target_type", MarketingList.TargetType.self),
                                 listType: try row.status("list_type", MarketingList.ListType.self), query: try row.optional("query"),
                                 active: try row.decode(column: "active", as: Bool.self), ownership: try row.ownership(), version: try row.int("version"),
                                 createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        list.query = try row.optional("query")
        return list
    }

    private func campaignRecord(_ row: any SQLRow) throws -> Campaign {
        let currency = try row.currency("currency")
        func money(_ column: String) throws -> Money? {
            try row.decodeNil(column: column) ? nil : Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
        }
        return Campaign(id: try row.id("id"), name: try row.string("name"), kind: try row.status("type", Campaign.Kind.self),
                        status: try row.status("status", Campaign.Status.self), active: try row.decode(column: "active", as: Bool.self),
                        startDate: try row.optionalDay("start_day"), endDate: try row.optionalDay("end_day"), currency: currency,
                        budgetedCost: try money("budgeted_cost_minor"), actualCost: try money("actual_cost_minor"),
                        expectedRevenue: try money("expected_revenue_minor"), offer: try row.optional("offer"), description: try row.optional("description"),
                        quick: try row.decode(column: "quick", as: Bool.self), ownership: try row.ownership(), version: try row.int("version"),
                        createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
