import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The opportunity schemas of the API's document.
extension Components {
    static let opportunityStatus: Schema = .enumeration(OpportunityStatus.self, "`inProgress` until closed as `won` or `lost`; a manager may reopen a closed one.")
    static let revenueMode: Schema = .enumeration(RevenueMode.self, "`user`: the estimated revenue is typed in; `system`: it is the subtotal of the opportunity's product lines (see `PUT /opportunities/{id}/lines`), recomputed when they or the opportunity change.")
    static let opportunityParty: Schema = .object("A party of an opportunity with its role. Unknown fields are refused (422).", required: ["role", "partyType", "partyId"], closed: true, [
        "role": .enumeration(OpportunityParty.Role.self, "A `competitor` party is a competitor entry or an account."),
        "partyType": .enumeration(OpportunityParty.PartyKind.self),
        "partyId": .uuid("An account or contact the caller can see, a user, or an entry of `GET /competitors`."),
    ])
    static let demandLine: Schema = .object("A line of the customer's initial request. Optional fields are omitted when empty.", required: ["description", "quantity"], [
        "description": .string(),
        "productId": .uuid(nullable: true),
        "quantity": .string("A decimal string.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1", "2.5"]),
        "amount": .string("In the opportunity's currency.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "comment": .string(nullable: true),
    ])
    static let demandLineInput: Schema = .object("A line of the customer's initial request. Unknown fields are refused (422).", required: ["description"], closed: true, [
        "description": .string("What the customer asks for."),
        "productId": .uuid("The product asked for, if known.", nullable: true),
        "quantity": .string("A decimal string with at most 6 decimals; default 1.", nullable: true, pattern: "^[+-]?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1", "2.5"]),
        "amount": .string("In the opportunity's currency, as a decimal string with at most the currency's decimals.", nullable: true, pattern: "^[+-]?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "comment": .string(nullable: true),
    ])
    static let opportunity: Schema = .object("A sales opportunity. Optional fields are omitted when empty.", required: ["id", "name", "kindId", "status", "probability", "currency", "revenueMode", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "name": .string(maxLength: 200),
        "accountId": .uuid(nullable: true),
        "contactId": .uuid(nullable: true),
        "kindId": .uuid(),
        "stageId": .uuid("The current stage; omitted for kinds without stages.", nullable: true),
        "status": .ref("OpportunityStatus"),
        "probability": .integer("The win probability in percent: 100 when won, 0 when lost.", minimum: 0, maximum: 100),
        "termsOfSale": .string(nullable: true),
        "estimatedRevenue": .string("In `currency`.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency of the opportunity's amounts.", pattern: "^[A-Z]{3}$"),
        "revenueMode": .ref("RevenueMode"),
        "expectedCloseDate": .string(nullable: true, format: "date"),
        "channelId": .uuid(nullable: true),
        "sourceRef": .nullable("SourceRef"),
        "sourceText": .string(nullable: true),
        "campaignId": .uuid(nullable: true),
        "comment": .string(nullable: true),
        "actualRevenue": .string("Set when closed: for `won` the actual revenue, by default the estimate.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "lostReasonId": .uuid("Set when lost: the reason for losing.", nullable: true),
        "closedAt": .timestamp("Set while closed.", nullable: true),
        "leadId": .uuid("The lead the opportunity was qualified from.", nullable: true),
        "parties": .array(.ref("OpportunityParty"), "Present (possibly empty) in the responses of create, get, update and generate; omitted from lists and from the responses of advance, close and reopen.", nullable: true),
        "demandLines": .array(.ref("DemandLine"), "Present (possibly empty) in the responses of create, get, update and generate; omitted from lists and from the responses of advance, close and reopen.", nullable: true),
        "ownerId": .uuid(),
        "teamId": .uuid("The owner's team when the record was assigned.", nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "contactName": .referenceName("The contact's full name"),
        "ownerName": .referenceName("The owner's name"),
        "stageName": .referenceName("The stage's name"),
        "kindName": .referenceName("The opportunity kind's name"),
    ])
    static let opportunityCreate: Schema = .object("A new opportunity, `inProgress` in the first stage of its kind. Unknown fields are refused (422); the fields changed only by the opportunity's verbs are accepted and ignored.", required: ["name"], closed: true, [
        "name": .string("The opportunity's name (trimmed, required).", minLength: 1, maxLength: 200),
        "kindId": .uuid("An allowed opportunity kind (see `GET /opportunity-kinds`); absent or null: the default kind. A kind that is not allowed answers 422 `kind-not-allowed`.", nullable: true),
        "currency": .string("The ISO 4217 currency of the opportunity's amounts (stored upper-case); default the company's base currency. Cannot be null.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "accountId": .uuid("The customer account, one the caller can see; null clears it.", nullable: true),
        "contactId": .uuid("The customer contact, one the caller can see; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "termsOfSale": .string("Terms of sale; empty or null clears it.", nullable: true, maxLength: 1000),
        "estimatedRevenue": .string("The expected revenue in the opportunity's currency, not negative, as a decimal string with at most the currency's decimals; null clears it.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "revenueMode": .nullable("RevenueMode", "Absent or null: unchanged (`user` on create)."),
        "probability": .integer("The win probability in percent. Set by hand, it is kept when the opportunity enters a stage. Absent or null: the first stage's default (10 without stages) on create, unchanged on update.", nullable: true, minimum: 0, maximum: 100),
        "expectedCloseDate": .string("The expected closing date (YYYY-MM-DD); null clears it.", nullable: true, format: "date"),
        "channelId": .uuid("The advertising channel (see `GET /channels`); null clears it.", nullable: true),
        "sourceRef": .nullable("SourceRef", "The record the lead or opportunity came through: an existing user, account or contact of the channel's impact type. Refused without a channel and for channels of type `other`. null clears it."),
        "sourceText": .string("The source as free text, e.g. for channels of type `other`; empty or null clears it.", nullable: true, maxLength: 200),
        "campaignId": .uuid("The campaign it came from; null clears it.", nullable: true),
        "comment": .string("Comment; empty or null clears it.", nullable: true, maxLength: 4000),
        "parties": .array(.ref("OpportunityParty"), "Replaces all parties of the opportunity; absent or null leaves them unchanged.", nullable: true),
        "demandLines": .array(.ref("DemandLineInput"), "Replaces all demand lines; absent or null leaves them unchanged. A non-empty list needs a kind that records primary demand (else 422 `primary-demand-disabled`).", nullable: true),
        "lines": .array(.ref("QuoteLineInput"), "Product lines made with it, priced as of today as `PUT /opportunities/{id}/lines` prices them; in revenue mode `system` the estimated revenue is their subtotal. Null: none.", nullable: true, maxItems: 1000),
        "priceListId": .uuid("The price list the lines' catalog products are priced from (in the opportunity's currency, valid today).", nullable: true),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "stageId": Schema().described("Changed only by `POST /opportunities/{id}/advance`; accepted and ignored."),
        "status": Schema().described("Changed only by close and reopen; accepted and ignored."),
        "actualRevenue": Schema().described("Set only by close; accepted and ignored."),
        "lostReasonId": Schema().described("Set only by close; accepted and ignored."),
        "closedAt": Schema().described("Set only by close; accepted and ignored."),
        "leadId": Schema().described("Set only by lead qualification; accepted and ignored."),
        "accountName": .readName, "contactName": .readName, "ownerName": .readName, "stageName": .readName, "kindName": .readName,
    ])
    static let opportunityPatch: Schema = .object("Changes to an open opportunity: absent fields are unchanged, null clears a field. Unknown fields are refused (422); the fields changed only by the opportunity's verbs are accepted and ignored.", closed: true, [
        "name": .string("The opportunity's name (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "kindId": .uuid("The kind cannot change: only the current kind (or null) is accepted.", nullable: true),
        "currency": .string("The ISO 4217 currency of the opportunity's amounts (stored upper-case); cannot be null. Without estimatedRevenue the current estimate is kept in the new currency.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "accountId": .uuid("The customer account, one the caller can see; null clears it.", nullable: true),
        "contactId": .uuid("The customer contact, one the caller can see; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "termsOfSale": .string("Terms of sale; empty or null clears it.", nullable: true, maxLength: 1000),
        "estimatedRevenue": .string("The expected revenue in the opportunity's currency, not negative, as a decimal string with at most the currency's decimals; null clears it.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "revenueMode": .nullable("RevenueMode", "Absent or null: unchanged (`user` on create)."),
        "probability": .integer("The win probability in percent. Set by hand, it is kept when the opportunity enters a stage. Absent or null: the first stage's default (10 without stages) on create, unchanged on update.", nullable: true, minimum: 0, maximum: 100),
        "expectedCloseDate": .string("The expected closing date (YYYY-MM-DD); null clears it.", nullable: true, format: "date"),
        "channelId": .uuid("The advertising channel (see `GET /channels`); null clears it.", nullable: true),
        "sourceRef": .nullable("SourceRef", "The record the lead or opportunity came through: an existing user, account or contact of the channel's impact type. Refused without a channel and for channels of type `other`. null clears it."),
        "sourceText": .string("The source as free text, e.g. for channels of type `other`; empty or null clears it.", nullable: true, maxLength: 200),
        "campaignId": .uuid("The campaign it came from; null clears it.", nullable: true),
        "comment": .string("Comment; empty or null clears it.", nullable: true, maxLength: 4000),
        "parties": .array(.ref("OpportunityParty"), "Replaces all parties of the opportunity; absent or null leaves them unchanged.", nullable: true),
        "demandLines": .array(.ref("DemandLineInput"), "Replaces all demand lines; absent or null leaves them unchanged. A non-empty list needs a kind that records primary demand (else 422 `primary-demand-disabled`).", nullable: true),
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "stageId": Schema().described("Changed only by `POST /opportunities/{id}/advance`; accepted and ignored."),
        "status": Schema().described("Changed only by close and reopen; accepted and ignored."),
        "actualRevenue": Schema().described("Set only by close; accepted and ignored."),
        "lostReasonId": Schema().described("Set only by close; accepted and ignored."),
        "closedAt": Schema().described("Set only by close; accepted and ignored."),
        "leadId": Schema().described("Set only by lead qualification; accepted and ignored."),
        "accountName": .readName, "contactName": .readName, "ownerName": .readName, "stageName": .readName, "kindName": .readName,
    ])
    static let opportunityAdvance: Schema = .object("The stage to move to. Unknown fields are refused (422).", required: ["stageId"], closed: true, [
        "stageId": .uuid("A stage of the opportunity's kind: for `standard` kinds the next one, for `custom` kinds any but the current one."),
    ])
    static let opportunityClose: Schema = .object("How the opportunity ended. Unknown fields are refused (422).", required: ["outcome"], closed: true, [
        "outcome": .values(["won", "lost"]),
        "actualRevenue": .string("In the opportunity's currency, as a decimal string with at most the currency's decimals. For `won` it defaults to the estimated revenue.", nullable: true, pattern: "^[+-]?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "lostReasonId": .uuid("A reason for losing (see `GET /lost-reasons`): required for `lost`, dropped for `won`.", nullable: true),
    ])
    static let stageMove: Schema = .object("One move of an opportunity into a stage. Optional fields are omitted when empty.", required: ["at", "secondsInPreviousStage"], [
        "fromStageId": .uuid("The stage left; omitted for the first stage entered.", nullable: true),
        "toStageId": .uuid("The stage entered.", nullable: true),
        "actorId": .uuid("The user who moved the opportunity.", nullable: true),
        "at": .timestamp(),
        "secondsInPreviousStage": .integer("How long the opportunity was in the previous stage; 0 for the first."),
    ])
    static let opportunityPage: Schema = .page("Opportunity", "A page of opportunities (without parties and demand lines).")
    static let stageMovePage: Schema = .page("StageMove", "An opportunity's stage moves, oldest first (one page).")

    static let opportunitySchemas: [(name: String, schema: Schema)] = [
        ("OpportunityStatus", opportunityStatus),
        ("RevenueMode", revenueMode),
        ("OpportunityParty", opportunityParty),
        ("DemandLine", demandLine),
        ("DemandLineInput", demandLineInput),
        ("Opportunity", opportunity),
        ("OpportunityCreate", opportunityCreate),
        ("OpportunityPatch", opportunityPatch),
        ("OpportunityAdvance", opportunityAdvance),
        ("OpportunityClose", opportunityClose),
        ("StageMove", stageMove),
        ("OpportunityPage", opportunityPage),
        ("StageMovePage", stageMovePage),
    ]
}
