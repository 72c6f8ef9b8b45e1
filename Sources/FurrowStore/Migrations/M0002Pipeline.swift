/// Leads, opportunities, stages, kinds and their catalogs, seeded with seed 003's process
/// (Qualify → Develop → Propose → Close), seed 000's quote-driven stages (New → In Negotiation)
/// and a kind without stages.
let m0002Pipeline = Migration(
    version: 2,
    name: "pipeline",
    both: [
        "CREATE TABLE channels (id TEXT PRIMARY KEY, name TEXT NOT NULL, impact_type TEXT NOT NULL CHECK (impact_type IN ('user','account','contact','campaign','other')))",
        """
        CREATE TABLE reasons (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('disqualify','lost','competitor')),
            name TEXT NOT NULL, active BOOLEAN NOT NULL)
        """,
        """
        CREATE TABLE stages (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT,
            default_probability BIGINT NOT NULL CHECK (default_probability BETWEEN 0 AND 100),
            task_templates TEXT NOT NULL, requirements TEXT NOT NULL)
        """,
        """
        CREATE TABLE opportunity_kinds (id TEXT PRIMARY KEY, name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('standard','custom','none')), stage_ids TEXT NOT NULL,
            allowed BOOLEAN NOT NULL, records_primary_demand BOOLEAN NOT NULL, is_default BOOLEAN NOT NULL, position BIGINT NOT NULL)
        """,
        """
        CREATE TABLE leads (
            id TEXT PRIMARY KEY, topic TEXT NOT NULL, first_name TEXT, last_name TEXT, company_name TEXT, email TEXT, phone TEXT,
            requirements TEXT, estimated_value_minor BIGINT, currency TEXT,
            status TEXT NOT NULL CHECK (status IN ('new','contacted','qualified','disqualified')),
            channel_id TEXT REFERENCES channels(id), source_ref_type TEXT, source_ref_id TEXT, source_text TEXT, campaign_id TEXT,
            disqualify_reason_id TEXT REFERENCES reasons(id),
            qualified_account_id TEXT, qualified_contact_id TEXT, qualified_opportunity_id TEXT,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX leads_team_created ON leads (team_id, created_at, id)",
        "CREATE INDEX leads_owner_created ON leads (owner_id, created_at, id)",
        "CREATE INDEX leads_created ON leads (created_at, id)",
        "CREATE INDEX leads_status ON leads (status, created_at, id)",
        """
        CREATE TABLE opportunities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, account_id TEXT REFERENCES accounts(id), contact_id TEXT REFERENCES contacts(id),
            kind_id TEXT NOT NULL REFERENCES opportunity_kinds(id), stage_id TEXT REFERENCES stages(id),
            status TEXT NOT NULL CHECK (status IN ('inProgress','won','lost')),
            probability BIGINT NOT NULL CHECK (probability BETWEEN 0 AND 100), probability_set_by_hand BOOLEAN NOT NULL,
            terms_of_sale TEXT, estimated_revenue_minor BIGINT, currency TEXT NOT NULL,
            revenue_mode TEXT NOT NULL CHECK (revenue_mode IN ('user','system')), expected_close_date TEXT,
            channel_id TEXT REFERENCES channels(id), source_ref_type TEXT, source_ref_id TEXT, source_text TEXT, campaign_id TEXT,
            comment TEXT, actual_revenue_minor BIGINT, lost_reason_id TEXT REFERENCES reasons(id), closed_at TEXT,
            lead_id TEXT REFERENCES leads(id),
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            CHECK (status <> 'lost' OR lost_reason_id IS NOT NULL))
        """,
        "CREATE INDEX opportunities_team_created ON opportunities (team_id, created_at, id)",
        "CREATE INDEX opportunities_owner_created ON opportunities (owner_id, created_at, id)",
        "CREATE INDEX opportunities_created ON opportunities (created_at, id)",
        "CREATE INDEX opportunities_status_revenue ON opportunities (status, estimated_revenue_minor, id)",
        "CREATE INDEX opportunities_kind_stage ON opportunities (kind_id, stage_id, status)",
        "CREATE INDEX opportunities_account ON opportunities (account_id)",
        """
        CREATE TABLE opportunity_parties (opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            position BIGINT NOT NULL, role TEXT NOT NULL, party_type TEXT NOT NULL, party_id TEXT NOT NULL,
            PRIMARY KEY (opportunity_id, position))
        """,
        """
        CREATE TABLE demand_lines (opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            position BIGINT NOT NULL, description TEXT NOT NULL, product_id TEXT, quantity_micros BIGINT NOT NULL,
            amount_minor BIGINT, currency TEXT, comment TEXT, PRIMARY KEY (opportunity_id, position))
        """,
        """
        CREATE TABLE stage_moves (id TEXT PRIMARY KEY, opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
            from_stage_id TEXT, to_stage_id TEXT, actor_id TEXT, at TEXT NOT NULL, seconds_in_previous BIGINT NOT NULL)
        """,
        "CREATE INDEX stage_moves_opportunity ON stage_moves (opportunity_id, at, id)",
        """
        CREATE TABLE activities (id TEXT PRIMARY KEY, type TEXT NOT NULL, subject TEXT NOT NULL, regarding_type TEXT NOT NULL,
            regarding_id TEXT NOT NULL, due_at TEXT, status TEXT NOT NULL, owner_id TEXT NOT NULL, team_id TEXT, created_at TEXT NOT NULL)
        """,
        "CREATE INDEX activities_regarding ON activities (regarding_id, created_at)",
        "CREATE INDEX activities_owner ON activities (owner_id, status, due_at)",
    ] + PipelineSeed.statements,
    sqlite: [],
    postgres: []
)

/// The default catalogs, with fixed ids so every database names them alike.
enum PipelineSeed {
    static let qualify = "5e000000-0000-4000-8000-000000000001", develop = "5e000000-0000-4000-8000-000000000002"
    static let propose = "5e000000-0000-4000-8000-000000000003", close = "5e000000-0000-4000-8000-000000000004"
    static let new = "5e000000-0000-4000-8000-000000000005", negotiation = "5e000000-0000-4000-8000-000000000006"
    static let standardSale = "6b000000-0000-4000-8000-000000000001", quoteDriven = "6b000000-0000-4000-8000-000000000002"
    static let other = "6b000000-0000-4000-8000-000000000003"

    static func stage(_ id: String, _ name: String, _ description: String, _ probability: Int, tasks: String, requirements: String) -> String {
        "INSERT INTO stages VALUES ('\(id)', '\(name)', '\(description)', \(probability), '\(tasks)', '\(requirements)')"
    }

    static let none = #"{"requiredFields":[],"requiresStakeholder":false,"requiresCompetitor":false,"requiresQuote":false}"#

    static let statements: [String] = [
        stage(qualify, "Qualify", "Confirm need, budget, authority and timing.", 10,
              tasks: #"[{"subject":"Confirm budget and decision maker","type":"phoneCall","dueInDays":2}]"#, requirements: none),
        stage(develop, "Develop", "Understand the decision process, the stakeholders and the competition.", 30,
              tasks: #"[{"subject":"Map stakeholders and competitors","type":"task","dueInDays":5}]"#,
              requirements: #"{"requiredFields":["accountId"],"requiresStakeholder":true,"requiresCompetitor":false,"requiresQuote":false}"#),
        stage(propose, "Propose", "Present a quote and negotiate.", 60,
              tasks: #"[{"subject":"Present the proposal","type":"appointment","dueInDays":7}]"#,
              requirements: #"{"requiredFields":[],"requiresStakeholder":false,"requiresCompetitor":false,"requiresQuote":true}"#),
        stage(close, "Close", "Agree terms and close the deal.", 90,
              tasks: #"[{"subject":"Agree final terms","type":"task","dueInDays":3}]"#, requirements: none),
        stage(new, "New", "Budget created, not yet presented.", 20, tasks: "[]", requirements: none),
        stage(negotiation, "In Negotiation", "Budget sent; details under discussion.", 50,
              tasks: #"[{"subject":"Follow up on the budget","type":"phoneCall","dueInDays":3}]"#, requirements: none),
        "INSERT INTO opportunity_kinds VALUES ('\(standardSale)', 'Standard sale', 'standard', '[\"\(qualify)\",\"\(develop)\",\"\(propose)\",\"\(close)\"]', TRUE, TRUE, TRUE, 1)",
        "INSERT INTO opportunity_kinds VALUES ('\(quoteDriven)', 'Quote-driven', 'standard', '[\"\(new)\",\"\(negotiation)\"]', TRUE, FALSE, FALSE, 2)",
        "INSERT INTO opportunity_kinds VALUES ('\(other)', 'Other', 'none', '[]', TRUE, FALSE, FALSE, 3)",
    ] + [
        ("7c000000-0000-4000-8000-000000000001", "Website", "other"), ("7c000000-0000-4000-8000-000000000002", "Customer referral", "account"),
        ("7c000000-0000-4000-8000-000000000003", "Personal referral", "contact"), ("7c000000-0000-4000-8000-000000000004", "Sales representative", "user"),
        ("7c000000-0000-4000-8000-000000000005", "Marketing campaign", "campaign"), ("7c000000-0000-4000-8000-000000000006", "Trade show", "other"),
    ].map { "INSERT INTO channels VALUES ('\($0.0)', '\($0.1)', '\($0.2)')" } + [
        ("7e000000-0000-4000-8000-000000000001", "disqualify", "No budget"), ("7e000000-0000-4000-8000-000000000002", "disqualify", "No need"),
        ("7e000000-0000-4000-8000-000000000003", "disqualify", "Could not reach"), ("7e000000-0000-4000-8000-000000000004", "disqualify", "Duplicate lead"),
        ("7e000000-0000-4000-8000-000000000011", "lost", "Price too high"), ("7e000000-0000-4000-8000-000000000012", "lost", "Chose a competitor"),
        ("7e000000-0000-4000-8000-000000000013", "lost", "No decision"), ("7e000000-0000-4000-8000-000000000014", "lost", "Bad timing"),
        ("7e000000-0000-4000-8000-000000000015", "lost", "Product did not fit"),
    ].map { "INSERT INTO reasons VALUES ('\($0.0)', '\($0.1)', '\($0.2)', TRUE)" }
}
