/// What a deal counts for in reports, the board and the funnel (`Opportunity.value`): its actual
/// revenue once won, its estimate otherwise; the covering indexes of the totals read it.
let m0015OpportunityValue = Migration(
    version: 15,
    name: "opportunity value",
    both: [
        "ALTER TABLE opportunities ADD COLUMN value_minor BIGINT",
        """
        UPDATE opportunities SET value_minor = CASE WHEN status = 'won' THEN COALESCE(actual_revenue_minor, estimated_revenue_minor)
                                                    ELSE estimated_revenue_minor END
        """,
        "DROP INDEX opportunities_status_totals",
        "DROP INDEX opportunities_kind_totals",
        "CREATE INDEX opportunities_status_totals ON opportunities (status, stage_id, currency, owner_id, team_id, value_minor, probability)",
        "CREATE INDEX opportunities_kind_totals ON opportunities (kind_id, stage_id, status, currency, owner_id, team_id, value_minor, probability)",
    ],
    sqlite: [],
    postgres: []
)
