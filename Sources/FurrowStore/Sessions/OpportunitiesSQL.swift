import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let opportunityList = ListStatement(
        table: "opportunities",
        fields: .opportunities,
        columns: ["name": "name", "createdAt": "created_at", "updatedAt": "updated_at", "status": "status", "ownerId": "owner_id",
                  "kindId": "kind_id", "stageId": "stage_id", "accountId": "account_id", "contactId": "contact_id",
                  "estimatedRevenue": "COALESCE(estimated_revenue_minor, 0)", "probability": "probability", "currency": "currency",
                  "expectedCloseDate": "COALESCE(expected_close_date, '')", "channelId": "channel_id", "campaignId": "campaign_id",
                  "leadId": "lead_id", "closedAt": "COALESCE(closed_at, '')"],
        textKind: .opportunity,
        names: [
            ListStatement.accountName, ListStatement.contactName, ListStatement.ownerName,
            ("stageName", "SELECT name FROM stages WHERE stages.id = page.stage_id"),
            ("kindName", "SELECT name FROM opportunity_kinds WHERE opportunity_kinds.id = page.kind_id"),
        ]
    )

    func insertOpportunity(_ o: Opportunity) async throws {
        try await insertOpportunities([o])
    }

    /// Many opportunities, 500 to a statement (30 values each: SQLite takes 32,766 at most).
    func insertOpportunities(_ list: [Opportunity]) async throws {
        var start = 0
        while start < list.count {
            let end = min(start + 500, list.count)
            let values = list[start..<end].map { o -> SQLQueryString in
                let f = o.fields
                return """
                    (\(bind: o.id.string), \(bind: f.name), \(bind: f.accountId?.string), \(bind: f.contactId?.string), \(bind: o.kindId.string),
                    \(bind: o.stageId?.string), \(bind: o.status.rawValue), \(bind: o.probability), \(bind: o.probabilitySetByHand),
                    \(bind: f.termsOfSale), \(bind: f.estimatedRevenue?.minorUnits), \(bind: o.value?.minorUnits), \(bind: f.currency.code),
                    \(bind: f.revenueMode.rawValue), \(bind: f.expectedCloseDate?.description), \(bind: f.source.channelId?.string),
                    \(bind: f.source.refType?.rawValue), \(bind: f.source.refId?.uuidString.lowercased()), \(bind: f.source.text),
                    \(bind: f.campaignId?.uuidString.lowercased()), \(bind: f.comment), \(bind: o.actualRevenue?.minorUnits),
                    \(bind: o.lostReasonId?.string), \(bind: o.closedAt.map(Timestamp.string)), \(bind: o.leadId?.string),
                    \(bind: o.ownership.ownerId.string), \(bind: o.ownership.teamId?.string), \(bind: o.version),
                    \(bind: Timestamp.string(o.createdAt)), \(bind: Timestamp.string(o.updatedAt)))
                    """
            }
            try await run("""
                INSERT INTO opportunities (id, name, account_id, contact_id, kind_id, stage_id, status, probability, probability_set_by_hand,
                    terms_of_sale, estimated_revenue_minor, value_minor, currency, revenue_mode, expected_close_date, channel_id, source_ref_type,
                    source_ref_id, source_text, campaign_id, comment, actual_revenue_minor, lost_reason_id, closed_at, lead_id, owner_id, team_id,
                    version, created_at, updated_at)
                VALUES \(values.joined(separator: ", "))
                """)
            start = end
        }
    }

    func updateOpportunity(_ o: Opportunity, expectedVersion: Int) async throws -> Bool {
        let f = o.fields
        return !(try await rows("""
            UPDATE opportunities SET name = \(bind: f.name), account_id = \(bind: f.accountId?.string), contact_id = \(bind: f.contactId?.string),
                kind_id = \(bind: o.kindId.string), stage_id = \(bind: o.stageId?.string), status = \(bind: o.status.rawValue),
                probability = \(bind: o.probability), probability_set_by_hand = \(bind: o.probabilitySetByHand),
                terms_of_sale = \(bind: f.termsOfSale), estimated_revenue_minor = \(bind: f.estimatedRevenue?.minorUnits),
                value_minor = \(bind: o.value?.minorUnits),
                currency = \(bind: f.currency.code), revenue_mode = \(bind: f.revenueMode.rawValue), expected_close_date = \(bind: f.expectedCloseDate?.description),
                channel_id = \(bind: f.source.channelId?.string), source_ref_type = \(bind: f.source.refType?.rawValue),
                source_ref_id = \(bind: f.source.refId?.uuidString.lowercased()), source_text = \(bind: f.source.text),
                campaign_id = \(bind: f.campaignId?.uuidString.lowercased()), comment = \(bind: f.comment),
                actual_revenue_minor = \(bind: o.actualRevenue?.minorUnits), lost_reason_id = \(bind: o.lostReasonId?.string),
                closed_at = \(bind: o.closedAt.map(Timestamp.string)), lead_id = \(bind: o.leadId?.string),
                owner_id = \(bind: o.ownership.ownerId.string), team_id = \(bind: o.ownership.teamId?.string),
                version = \(bind: o.version), updated_at = \(bind: Timestamp.string(o.updatedAt))
            WHERE id = \(bind: o.id.string) AND version = \(bind: expectedVersion)
            RETURNING id
            """)).isEmpty
    }

    func opportunity(id: Opportunity.ID) async throws -> Opportunity? {
        let statement = Self.opportunityList.named("SELECT * FROM opportunities WHERE id = \(bind: id.string)")
        return try await rows(statement).first.map(namedOpportunity)
    }

    func opportunities(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Opportunity] {
        try await rows(Self.opportunityList.build(query, visibility: visibility(principal), engine: engine)).map(namedOpportunity)
    }

    /// An opportunity read with the names of what it refers to.
    func namedOpportunity(_ row: any SQLRow) throws -> Opportunity {
        var opportunity = try opportunityRecord(row)
        opportunity.names = try Self.opportunityList.names(of: row)
        return opportunity
    }

    func replaceParties(of id: Opportunity.ID, with parties: [OpportunityParty]) async throws {
        try await run("DELETE FROM opportunity_parties WHERE opportunity_id = \(bind: id.string)")
        for (position, party) in parties.enumerated() {
            try await run("""
                INSERT INTO opportunity_parties (opportunity_id, position, role, party_type, party_id)
                VALUES (\(bind: id.string), \(bind: position), \(bind: party.role.rawValue), \(bind: party.partyType.rawValue),
                        \(bind: UUIDText.lowercase(party.partyId)))
                """)
        }
    }

    func parties(of id: Opportunity.ID) async throws -> [OpportunityParty] {
        try await rows("SELECT * FROM opportunity_parties WHERE opportunity_id = \(bind: id.string) ORDER BY position").compactMap { row in
            guard let role = OpportunityParty.Role(rawValue: try row.string("role")),
                  let type = OpportunityParty.PartyKind(rawValue: try row.string("party_type")),
                  let partyId = UUIDText.parse(try row.string("party_id")) else { return nil }
            return OpportunityParty(role: role, partyType: type, partyId: partyId)
        }
    }

    func replaceDemandLines(of id: Opportunity.ID, with lines: [DemandLine]) async throws {
        try await run("DELETE FROM demand_lines WHERE opportunity_id = \(bind: id.string)")
        guard !lines.isEmpty else { return }
        let values = lines.enumerated().map { position, line -> SQLQueryString in
            """
            (\(bind: id.string), \(bind: position), \(bind: line.description), \(bind: line.productId?.uuidString.lowercased()),
             \(bind: line.quantity.value), \(bind: line.amount?.minorUnits), \(bind: line.amount?.currency.code), \(bind: line.comment))
            """
        }
        try await run("""
            INSERT INTO demand_lines (opportunity_id, position, description, product_id, quantity_micros, amount_minor, currency, comment)
            VALUES \(values.joined(separator: ", "))
            """)
    }

    func demandLines(of id: Opportunity.ID) async throws -> [DemandLine] {
        try await rows("SELECT * FROM demand_lines WHERE opportunity_id = \(bind: id.string) ORDER BY position").map { row in
            DemandLine(description: try row.string("description"), productId: try row.optional("product_id").flatMap(UUIDText.parse),
                       quantity: Micros(value: try row.decode(column: "quantity_micros", as: Int64.self)),
                       amount: try row.money("amount_minor", currency: "currency"), comment: try row.optional("comment"))
        }
    }

    func appendStageMove(_ move: StageMove) async throws {
        try await appendStageMoves([move])
    }

    func appendStageMoves(_ moves: [StageMove]) async throws {
        guard !moves.isEmpty else { return }
        let values = moves.map { move -> SQLQueryString in
            """
            (\(bind: UUIDText.lowercase(move.id)), \(bind: move.opportunityId.string), \(bind: move.fromStageId?.string),
             \(bind: move.toStageId?.string), \(bind: move.actorId?.string), \(bind: Timestamp.string(move.at)), \(bind: move.secondsInPrevious))
            """
        }
        try await run("""
            INSERT INTO stage_moves (id, opportunity_id, from_stage_id, to_stage_id, actor_id, at, seconds_in_previous)
            VALUES \(values.joined(separator: ", "))
            """)
    }

    func stageHistory(of id: Opportunity.ID) async throws -> [StageMove] {
        try await rows("SELECT * FROM stage_moves WHERE opportunity_id = \(bind: id.string) ORDER BY at, id").map { row in
            StageMove(id: UUIDText.parse(try row.string("id")) ?? UUID(), opportunityId: id, fromStageId: try row.optionalID("from_stage_id"),
                      toStageId: try row.optionalID("to_stage_id"), actorId: try row.optionalID("actor_id"), at: try row.date("at"),
                      secondsInPrevious: try row.int("seconds_in_previous"))
        }
    }


    func opportunityRecord(_ row: any SQLRow) throws -> Opportunity {
        let currency = Currency(try row.string("currency")) ?? Currency("EUR")!
        let fields = OpportunityFields(
            name: try row.string("name"), accountId: try row.optionalID("account_id"), contactId: try row.optionalID("contact_id"),
            termsOfSale: try row.optional("terms_of_sale"), estimatedRevenue: try row.money("estimated_revenue_minor", currency: "currency"),
            currency: currency, revenueMode: try row.status("revenue_mode", RevenueMode.self),
            expectedCloseDate: try row.optionalDay("expected_close_date"), source: try row.source(),
            campaignId: try row.optional("campaign_id").flatMap(UUIDText.parse), comment: try row.optional("comment"))
        return Opportunity(
            id: try row.id("id"), fields: fields, kindId: try row.id("kind_id"), stageId: try row.optionalID("stage_id"),
            status: try row.status("status", OpportunityStatus.self), probability: try row.int("probability"),
            probabilitySetByHand: try row.decode(column: "probability_set_by_hand", as: Bool.self),
            actualRevenue: try row.money("actual_revenue_minor", currency: "currency"), lostReasonId: try row.optionalID("lost_reason_id"),
            closedAt: try row.optional("closed_at").flatMap(Timestamp.date), leadId: try row.optionalID("lead_id"),
            ownership: try row.ownership(), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension SQLSession {
    private func boardConditions(kind: OpportunityKind.ID, filter: BoardFilter, principal: Principal) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["kind_id = \(bind: kind.string)", "status IN (\(binds: filter.statuses.map(\.rawValue)))",
                                            visibility(principal)]
        if let owner = filter.ownerId { conditions.append("owner_id = \(bind: owner.string)") }
        return conditions.joined(separator: " AND ")
    }

    func opportunityTotals(groupBy: [OpportunityGrouping], filter: OpportunityTotalsFilter,
                           visibleTo principal: Principal) async throws -> [GroupTotal] {
        let columns = groupBy.map { grouping -> String in
            switch grouping {
            case .stage: return "stage_id"
            case .status: return "status"
            case .owner: return "owner_id"
            }
        }
        var conditions: [SQLQueryString] = ["status IN (\(binds: filter.statuses.map(\.rawValue)))", visibility(principal)]
        if let kind = filter.kindId { conditions.append("kind_id = \(bind: kind.string)") }
        if let owner = filter.ownerId { conditions.append("owner_id = \(bind: owner.string)") }
        let keys = columns.enumerated().map { "\($0.element) AS key\($0.offset)" }.joined(separator: ", ")
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: keys), currency, COUNT(*) AS n, \(unsafeRaw: WideSum.select("value_minor", as: "total")),
                   \(unsafeRaw: WideSum.select("value_minor", times: "probability", as: "weighted"))
            FROM opportunities WHERE \(conditions.joined(separator: " AND "))
            GROUP BY \(unsafeRaw: (columns + ["currency"]).joined(separator: ", "))
            """
        return try await rows(query).compactMap { row in
            guard let currency = Currency(try row.string("currency")) else { return nil }
            return GroupTotal(keys: try columns.indices.map { try row.optional("key\($0)") }, currency: currency,
                              count: try row.int("n"), totalMinor: try row.wideSum("total"),
                              weightedHundredths: try row.wideSum("weighted"))
        }
    }

    func boardCards(kind: OpportunityKind.ID, stage: Stage.ID?, filter: BoardFilter, limit: Int, visibleTo principal: Principal) async throws -> [Opportunity] {
        let stageCondition: SQLQueryString = stage.map { "stage_id = \(bind: $0.string)" } ?? "stage_id IS NULL"
        return try await rows("""
            SELECT * FROM opportunities WHERE \(boardConditions(kind: kind, filter: filter, principal: principal)) AND \(stageCondition)
            ORDER BY COALESCE(estimated_revenue_minor, 0) DESC, id LIMIT \(literal: limit)
            """).map(opportunityRecord)
    }
}
