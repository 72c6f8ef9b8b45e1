/// Indexes measured by the benchmark suite (BENCHMARKS.md): the opportunity list sorted by amount
/// walks an index in order instead of sorting every match; the pipeline report, the board and the
/// funnel aggregate from covering indexes without touching the table; board cards come in order.
let m0010Indexes = Migration(
    version: 10,
    name: "indexes for lists and reports",
    both: [
        "DROP INDEX opportunities_status_revenue",
        "DROP INDEX opportunities_kind_stage",
        """
        CREATE INDEX opportunities_status_totals ON opportunities
            (status, stage_id, currency, owner_id, team_id, estimated_revenue_minor, probability)
        """,
        """
        CREATE INDEX opportunities_kind_totals ON opportunities
            (kind_id, stage_id, status, currency, owner_id, team_id, estimated_revenue_minor, probability)
        """,
    ],
    sqlite: [
        "CREATE INDEX opportunities_status_amount ON opportunities (status, COALESCE(estimated_revenue_minor, 0) DESC, id)",
        "CREATE INDEX opportunities_amount ON opportunities (COALESCE(estimated_revenue_minor, 0) DESC, id)",
        "CREATE INDEX opportunities_board_cards ON opportunities (kind_id, stage_id, COALESCE(estimated_revenue_minor, 0) DESC, id)",
    ],
    postgres: [
        "CREATE INDEX opportunities_status_amount ON opportunities (status, (COALESCE(estimated_revenue_minor, 0)) DESC, id)",
        "CREATE INDEX opportunities_amount ON opportunities ((COALESCE(estimated_revenue_minor, 0)) DESC, id)",
        "CREATE INDEX opportunities_board_cards ON opportunities (kind_id, stage_id, (COALESCE(estimated_revenue_minor, 0)) DESC, id)",
    ]
)
