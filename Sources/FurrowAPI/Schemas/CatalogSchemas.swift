import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The catalog schemas of the API's document.
extension Components {
    static let impactType: Schema = .enumeration(ImpactType.self, "What the source of a lead or opportunity coming through a channel is: a `user`, `account` or `contact` named by `sourceRef`, a `campaign`, or `other` (a free `sourceText`).")
    static let channel: Schema = .object("An advertising channel: where leads and opportunities come from.", required: ["id", "name", "impactType"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "impactType": .ref("ImpactType"),
    ])
    static let channelCreate: Schema = .object("A new advertising channel (administrators only). Unknown fields are refused (422).", required: ["name", "impactType"], closed: true, [
        "name": .string("The channel's name (trimmed, required).", minLength: 1, maxLength: 100),
        "impactType": .ref("ImpactType"),
    ])
    static let reason: Schema = .object("An entry of a named catalog: a disqualify reason, a reason for losing, or a competitor.", required: ["id", "name", "active"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "active": .boolean("Inactive entries stay on the records that use them; an inactive disqualify reason can no longer be chosen."),
    ])
    static let reasonCreate: Schema = .object("A new catalog entry, active. Unknown fields are refused (422).", required: ["name"], closed: true, [
        "name": .string("The entry's name (trimmed, required).", minLength: 1, maxLength: 100),
    ])
    static let reasonPatch: Schema = .object("Activates or deactivates a catalog entry (administrators only). Unknown fields are refused (422).", required: ["active"], closed: true, [
        "active": .boolean("false deactivates the entry; true activates it again."),
    ])
    static let taskTemplate: Schema = .object("A task created for the opportunity's owner when the opportunity enters the stage.", required: ["subject", "type", "dueInDays"], [
        "subject": .string(),
        "type": .string("The activity type, e.g. `task`."),
        "dueInDays": .integer("Days after entering the stage when the task is due."),
    ])
    static let taskTemplateInput: Schema = .object("A task to create when an opportunity enters the stage. Unknown fields are refused (422).", required: ["subject"], closed: true, [
        "subject": .string("What to do (must not be blank).", minLength: 1),
        "type": .string("The activity type; default `task`.", nullable: true),
        "dueInDays": .integer("Days after entering the stage when the task is due; default 0.", nullable: true),
    ])
    static let stageRequirements: Schema = .object("What must hold before an opportunity can enter the stage; unmet ones answer 409 `stage-requirements-unmet` with the list in `unmet`.", required: ["requiredFields", "requiresStakeholder", "requiresCompetitor", "requiresQuote"], [
        "requiredFields": .array(.values(["accountId", "channelId", "comment", "contactId", "estimatedRevenue", "expectedCloseDate", "termsOfSale"]), "Opportunity fields that must be filled."),
        "requiresStakeholder": .boolean("At least one party with role `stakeholder`."),
        "requiresCompetitor": .boolean("At least one party with role `competitor`."),
        "requiresQuote": .boolean("At least one quote."),
    ])
    static let stageRequirementsInput: Schema = .object("The stage's gate; absent or null members are empty or false. Unknown fields are refused (422).", closed: true, [
        "requiredFields": .array(.values(["accountId", "channelId", "comment", "contactId", "estimatedRevenue", "expectedCloseDate", "termsOfSale"]), "Opportunity fields that must be filled.", nullable: true),
        "requiresStakeholder": .boolean("At least one party with role `stakeholder`.", nullable: true),
        "requiresCompetitor": .boolean("At least one party with role `competitor`.", nullable: true),
        "requiresQuote": .boolean("At least one quote.", nullable: true),
    ])
    static let stage: Schema = .object("A step of a sales process. Optional fields are omitted when empty.", required: ["id", "name", "defaultProbability", "taskTemplates", "requirements"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "description": .string(nullable: true, maxLength: 1000),
        "defaultProbability": .integer("The probability (percent) an opportunity takes on entering the stage, unless its probability was set by hand.", minimum: 0, maximum: 100),
        "taskTemplates": .array(.ref("TaskTemplate")),
        "requirements": .ref("StageRequirements"),
    ])
    static let stageCreate: Schema = .object("A new stage (administrators only). Unknown fields, also inside taskTemplates and requirements, are refused (422).", required: ["name"], closed: true, [
        "name": .string("The stage's name (trimmed, required).", minLength: 1, maxLength: 100),
        "description": .string("What happens in the stage.", nullable: true, maxLength: 1000),
        "defaultProbability": .integer("The probability (percent) an opportunity takes on entering the stage, unless its probability was set by hand; default 0.", nullable: true, minimum: 0, maximum: 100),
        "taskTemplates": .array(.ref("TaskTemplateInput"), "Tasks created for the opportunity's owner when an opportunity enters the stage.", nullable: true),
        "requirements": .nullable("StageRequirementsInput", "What must hold before an opportunity can enter the stage; default none."),
    ])
    static let kindType: Schema = .enumeration(KindType.self, "How a kind uses stages: `standard` passes its stages in order (advance only to the next one); `custom` moves to any of its stages; `none` has no stages and is not part of the funnel.")
    static let opportunityKind: Schema = .object("A kind of opportunity: its stage process, whether it may be chosen, whether it records primary demand.", required: ["id", "name", "type", "stageIds", "allowed", "recordsPrimaryDemand"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "type": .ref("KindType"),
        "stageIds": .array(.uuid(), "The kind's stages in process order; empty for `none`."),
        "allowed": .boolean("Whether the kind may be chosen for new opportunities."),
        "recordsPrimaryDemand": .boolean("Whether opportunities of this kind record demand lines."),
    ])
    static let opportunityKindCreate: Schema = .object("A new opportunity kind (administrators only). Unknown fields are refused (422).", required: ["name", "type"], closed: true, [
        "name": .string("The kind's name (trimmed, required).", minLength: 1, maxLength: 100),
        "type": .ref("KindType"),
        "stageIds": .array(.uuid(), "Existing stages in process order, each at most once; at least one for `standard` and `custom`, ignored for `none`.", nullable: true, uniqueItems: true),
        "allowed": .boolean("Whether the kind may be chosen for new opportunities; default true.", nullable: true),
        "recordsPrimaryDemand": .boolean("Whether opportunities of this kind record demand lines; default false.", nullable: true),
    ])
    static let opportunityKindPatch: Schema = .object("Allows or forbids choosing a kind for new opportunities (administrators only). Unknown fields are refused (422).", required: ["allowed"], closed: true, [
        "allowed": .boolean("Whether the kind may be chosen for new opportunities."),
    ])
    static let channelPage: Schema = .page("Channel", "All advertising channels, by name (one page).")
    static let reasonPage: Schema = .page("Reason", "All entries of one catalog, active and inactive, by name (one page).")
    static let stagePage: Schema = .page("Stage", "All stages, by name (one page).")
    static let opportunityKindPage: Schema = .page("OpportunityKind", "All opportunity kinds, in order (one page).")

    static let catalogSchemas: [(name: String, schema: Schema)] = [
        ("ImpactType", impactType),
        ("Channel", channel),
        ("ChannelCreate", channelCreate),
        ("Reason", reason),
        ("ReasonCreate", reasonCreate),
        ("ReasonPatch", reasonPatch),
        ("TaskTemplate", taskTemplate),
        ("TaskTemplateInput", taskTemplateInput),
        ("StageRequirements", stageRequirements),
        ("StageRequirementsInput", stageRequirementsInput),
        ("Stage", stage),
        ("StageCreate", stageCreate),
        ("KindType", kindType),
        ("OpportunityKind", opportunityKind),
        ("OpportunityKindCreate", opportunityKindCreate),
        ("OpportunityKindPatch", opportunityKindPatch),
        ("ChannelPage", channelPage),
        ("ReasonPage", reasonPage),
        ("StagePage", stagePage),
        ("OpportunityKindPage", opportunityKindPage),
    ]
}
