import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The marketing list and campaign schemas of the API's document.
extension Components {
    static let amount: Schema = .string(nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["5000.00"])

    static let marketingList: Schema = .object("A marketing list. Optional fields are omitted when empty.", required: ["id", "name", "targetType", "listType", "active", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "name": .string(),
        "description": .string(nullable: true),
        "targetType": .enumeration(MarketingList.TargetType.self, "What its members are; fixed once saved."),
        "listType": .enumeration(MarketingList.ListType.self, "`static`: members added by hand; `dynamic`: the records its query matches when read. Fixed once saved."),
        "query": .string("A dynamic list's rule, in the filter language of the target's list (`industry=Logistics&createdAt[gte]=2026-01-01&q=acme`).", nullable: true),
        "active": .boolean("An inactive list is not linked, distributed to or changed in membership."),
        "memberCount": .integer("How many members it has now (a dynamic list's matches as its owner sees them); omitted in lists.", minimum: 0),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let marketingListCreate: Schema = .object("A marketing list. Unknown fields are refused (422).", required: ["name", "targetType", "listType"], closed: true, [
        "name": .string(minLength: 1, maxLength: 200),
        "description": .string(nullable: true, maxLength: 2000),
        "targetType": .enumeration(MarketingList.TargetType.self),
        "listType": .enumeration(MarketingList.ListType.self),
        "query": .string("Required for a dynamic list, refused for a static one: filters of the target's list and `q`.", nullable: true, maxLength: 2000, examples: ["industry=Logistics"]),
        "ownerId": .ownerInput,
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "version": .serverOwnedOnCreate, "teamId": .derivedTeam,
        "active": .serverOwned, "memberCount": .serverOwned, "ownerName": .readName,
    ])
    static let marketingListPatch: Schema = .object("Changes to a list: absent fields are unchanged. `targetType` and `listType` may be sent only unchanged (else 409 `marketing-list-immutable`). Unknown fields are refused (422).", closed: true, [
        "name": .string(minLength: 1, maxLength: 200),
        "description": .string("Empty clears it.", nullable: true, maxLength: 2000),
        "targetType": .enumeration(MarketingList.TargetType.self),
        "listType": .enumeration(MarketingList.ListType.self),
        "query": .string("A dynamic list's new rule.", nullable: true, maxLength: 2000),
        "ownerId": .ownerInput,
        "version": .expectedVersion,
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "teamId": .derivedTeam,
        "active": .serverOwned, "memberCount": .serverOwned, "ownerName": .readName,
    ])
    static let listMember: Schema = .object("A member of a marketing list.", required: ["id", "name"], [
        "id": .uuid("The account's, contact's or lead's id."),
        "name": .string(),
        "email": .string(nullable: true),
        "organisation": .string("A contact's account, a lead's company.", nullable: true),
    ])
    static let membersAdd: Schema = .object("Records to add to a static list: `memberIds`, or `query` (its current matches, at most 50,000, as the caller sees them; later records are not added). One of the two. Unknown fields are refused (422).", closed: true, [
        "memberIds": .array(.uuid(), "Records of the list's target type the caller can see.", nullable: true, maxItems: 1000),
        "query": .string("A filter of the target's list.", nullable: true, maxLength: 2000),
    ])
    static let membersAdded: Schema = .object(required: ["added", "memberCount"], [
        "added": .integer("How many were not members yet.", minimum: 0),
        "memberCount": .integer(minimum: 0),
    ])
    static let listPreview: Schema = .object("The records a filter matches now for the caller (the seed's Find).", required: ["count", "items"], [
        "count": .integer("How many match in all.", minimum: 0),
        "items": .array(.ref("ListMember"), "The first ones, in the target list's default order."),
    ])
    static let listCopy: Schema = .object("The copy's name (default: the list's name and “(copy)”). Unknown fields are refused (422).", closed: true, [
        "name": .string(nullable: true, minLength: 1, maxLength: 200),
    ])
    static let campaignLink: Schema = .object("The campaign to link. Unknown fields are refused (422).", required: ["campaignId"], closed: true, ["campaignId": .uuid()])
    static let campaignProductAdd: Schema = .object("The product to target. Unknown fields are refused (422).", required: ["productId"], closed: true, ["productId": .uuid()])
    static let listLink: Schema = .object("The marketing list to link. Unknown fields are refused (422).", required: ["listId"], closed: true, ["listId": .uuid()])

    static let campaign: Schema = .object("A campaign. Optional fields are omitted when empty.", required: ["id", "name", "type", "status", "active", "currency", "quick", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "name": .string(),
        "type": .enumeration(Campaign.Kind.self),
        "status": .enumeration(Campaign.Status.self, "`planning` → `readyToLaunch` → `launched` → `completed`."),
        "active": .boolean("A deactivated campaign does not move or take lists until reactivated."),
        "startDate": .string(nullable: true, format: "date"),
        "endDate": .string(nullable: true, format: "date"),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "budgetedCost": .string(nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$"),
        "actualCost": .string(nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$"),
        "expectedRevenue": .string(nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$"),
        "offer": .string(nullable: true),
        "description": .string(nullable: true),
        "quick": .boolean("Made by the quick campaign wizard from a list."),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let campaignCreate: Schema = .object("A campaign, in planning. Amounts are in its currency and not negative. Unknown fields are refused (422).", required: ["name"], closed: true, [
            "name": .string(minLength: 1, maxLength: 200),
            "type": .enumeration(Campaign.Kind.self, "Default (or null) `other`.", nullable: true),
            "startDate": .string(nullable: true, format: "date"),
            "endDate": .string("Not before startDate.", nullable: true, format: "date"),
            "currency": .string("ISO 4217; default (or null) the base currency.", nullable: true, pattern: "^[A-Za-z]{3}$"),
            "budgetedCost": amount, "actualCost": amount, "expectedRevenue": amount,
            "offer": .string(nullable: true, maxLength: 2000),
            "description": .string(nullable: true, maxLength: 5000),
            "ownerId": .ownerInput,
            "version": .serverOwnedOnCreate,
            "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "teamId": .derivedTeam,
            "status": .serverOwned, "active": .serverOwned, "quick": .serverOwned, "ownerName": .readName,
    ])
    static let campaignPatch: Schema = .object("Changes to a campaign: absent fields are unchanged, null clears an optional one. Unknown fields are refused (422).", closed: true, [
            "name": .string(minLength: 1, maxLength: 200),
            "type": .enumeration(Campaign.Kind.self, nil),
            "startDate": .string(nullable: true, format: "date"),
            "endDate": .string("Not before startDate.", nullable: true, format: "date"),
            "currency": .string("ISO 4217; the amounts sent are read in it.", pattern: "^[A-Za-z]{3}$"),
            "budgetedCost": amount, "actualCost": amount, "expectedRevenue": amount,
            "offer": .string(nullable: true, maxLength: 2000),
            "description": .string(nullable: true, maxLength: 5000),
            "ownerId": .ownerInput,
            "version": .expectedVersion,
            "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "teamId": .derivedTeam,
            "status": .serverOwned, "active": .serverOwned, "quick": .serverOwned, "ownerName": .readName,
    ])

    static let campaignActivity: Schema = .object("A campaign activity and how far its distribution went. Optional fields are omitted when empty.", required: ["id", "campaignId", "channel", "subject", "distribution", "total", "processed", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "campaignId": .uuid(),
        "channel": .enumeration(CampaignActivity.Channel.self, "`email`: a templated email to every member with an address; the others: an activity made for every member (a letter is a task)."),
        "subject": .string(),
        "body": .string("The email's text, with merge fields such as `{{contact.firstName}}`, or what each activity is about.", nullable: true),
        "scheduledStart": .timestamp(nullable: true),
        "scheduledEnd": .timestamp(nullable: true),
        "distribution": .enumeration(CampaignActivity.Distribution.self, "`running` while batches are still going out."),
        "total": .integer("The members of the campaign's active lists when the distribution started.", minimum: 0),
        "processed": .integer("Members read so far (one read twice through two lists counts twice).", minimum: 0),
        "counts": .ref("DeliveryCounts"),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let deliveryCounts: Schema = .object("Members reached, each once: emails queued, members without an address, addresses that unsubscribed, activities made. Omitted in lists.", required: ["sent", "skipped", "suppressed", "created"], [
        "sent": .integer(minimum: 0), "skipped": .integer(minimum: 0), "suppressed": .integer(minimum: 0), "created": .integer(minimum: 0),
    ])
    static let campaignActivityCreate: Schema = .object("A campaign activity. Unknown fields are refused (422).", required: ["channel", "subject"], closed: true, [
        "channel": .enumeration(CampaignActivity.Channel.self),
        "subject": .string("Merge fields allowed.", minLength: 1, maxLength: 200),
        "body": .string("Required for email. Merge fields: \(MergeTemplate.fields.map { "`{{\($0)}}`" }.joined(separator: ", ")); values are HTML-escaped in the HTML part.", nullable: true, maxLength: 20000),
        "scheduledStart": .string("RFC 3339 UTC: emails are not sent before it; the activities made are due (or start) then.", nullable: true, format: "date-time"),
        "scheduledEnd": .string("Not before scheduledStart.", nullable: true, format: "date-time"),
        "ownerId": .ownerInput,
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "version": .serverOwnedOnCreate, "teamId": .derivedTeam,
        "campaignId": .serverOwned, "distribution": .serverOwned, "total": .serverOwned, "processed": .serverOwned, "counts": .serverOwned,
    ])
    static let previewMessage: Schema = .object("The email as a member gets it.", required: ["subject", "text", "html"], [
        "memberId": .uuid(nullable: true), "memberName": .string(nullable: true), "to": .string(nullable: true),
        "subject": .string(), "text": .string(), "html": .string("The HTML part: the member's values escaped."),
    ])

    static let campaignResponse: Schema = .object("A response to a campaign. Optional fields are omitted when empty.", required: ["id", "campaignId", "channel", "subject", "receivedAt", "outcome", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "campaignId": .uuid(),
        "activityId": .uuid("The campaign activity a captured reply answers.", nullable: true),
        "channel": .enumeration(CampaignResponse.Channel.self),
        "party": .nullable("ResponseParty"),
        "name": .string(nullable: true),
        "email": .string(nullable: true),
        "subject": .string(),
        "body": .string(nullable: true),
        "receivedAt": .timestamp(),
        "outcome": .enumeration(CampaignResponse.Outcome.self),
        "convertedTo": .nullable("ResponseConversion"),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let responseParty: Schema = .object("Who responded: a lead, a contact or an account.", required: ["type", "id"], [
        "type": .enumeration(CampaignResponse.PartyKind.self),
        "id": .uuid(),
    ])
    static let responsePartyInput: Schema = .object("A lead, contact or account the caller can see. Unknown fields are refused (422).", required: ["type", "id"], closed: true, [
        "type": .enumeration(CampaignResponse.PartyKind.self),
        "id": .uuid(),
    ])
    static let responseConversion: Schema = .object("What the response became.", required: ["to", "id"], [
        "to": .enumeration(CampaignResponse.Conversion.self),
        "id": .uuid("The lead's or the opportunity's id."),
    ])
    static let campaignResponseCreate: Schema = .object("A response entered by hand: from a party, or someone named by name or address (at least one). Unknown fields are refused (422).", required: ["campaignId", "subject"], closed: true, [
        "campaignId": .uuid(),
        "channel": .enumeration(CampaignResponse.Channel.self, "Default `other`.", nullable: true),
        "party": .nullable("ResponsePartyInput", "Who responded, if known."),
        "name": .string(nullable: true, maxLength: 200),
        "email": .string(nullable: true, maxLength: 320),
        "subject": .string(minLength: 1, maxLength: 300),
        "body": .string("Kept up to 20,000 characters.", nullable: true),
        "receivedAt": .string("RFC 3339 UTC; default now.", nullable: true, format: "date-time"),
        "outcome": .enumeration(CampaignResponse.Outcome.self, "Default `other`.", nullable: true),
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "version": .serverOwnedOnCreate, "teamId": .derivedTeam,
        "activityId": .serverOwned, "convertedTo": .serverOwned, "ownerId": .serverOwned,
    ])
    static let responseConvert: Schema = .object("Into what: `newLead` (filled in from the response), `existingLead` (with `leadId`), `opportunity` (for `accountId`, or the responding account or contact's account), or — rule 74 — a draft `quote` or an `order` (without lines) on such an opportunity. Unknown fields are refused (422).", required: ["to"], closed: true, [
        "to": .enumeration(CampaignResponse.Conversion.self),
        "leadId": .uuid(nullable: true),
        "accountId": .uuid(nullable: true),
    ])

    static let campaignResults: Schema = .object("A campaign's results: whom it reached, what came back, what it earned against its cost.", required: ["campaignId", "members", "sent", "delivered", "failed", "skipped", "suppressed", "unsubscribed", "activitiesMade", "responses", "responsesByOutcome", "leads", "opportunities", "won", "lost", "money"], [
        "campaignId": .uuid(),
        "members": .integer("Members of its active lists now.", minimum: 0),
        "sent": .integer("Emails queued.", minimum: 0),
        "delivered": .integer("Emails the mail server took.", minimum: 0),
        "failed": .integer("Emails given up after their retries.", minimum: 0),
        "skipped": .integer("Members without an address.", minimum: 0),
        "suppressed": .integer("Members whose address had unsubscribed.", minimum: 0),
        "unsubscribed": .integer("Addresses it reached that unsubscribed since.", minimum: 0),
        "activitiesMade": .integer("Calls, letters, appointments and tasks made for members.", minimum: 0),
        "responses": .integer(minimum: 0),
        "responsesByOutcome": .object("Responses per outcome; an outcome without any is omitted.", [
            "interested": .integer(minimum: 1), "moreInformation": .integer(minimum: 1), "notInterested": .integer(minimum: 1),
            "doNotContact": .integer(minimum: 1), "other": .integer(minimum: 1),
        ]),
        "leads": .integer("Leads the caller may see with this source campaign.", minimum: 0),
        "opportunities": .integer("Opportunities the caller may see with this source campaign.", minimum: 0),
        "won": .integer(minimum: 0),
        "lost": .integer(minimum: 0),
        "money": .array(.ref("CampaignMoney"), "Per currency."),
    ])
    static let campaignMoney: Schema = .object("Won revenue against the actual cost in one currency.", required: ["currency", "won"], [
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "won": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$"),
        "cost": .string("The campaign's actual cost, in its own currency only.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$"),
        "returnPercent": .string("(won − cost) ÷ cost in percent, one decimal.", nullable: true, pattern: "^-?[0-9]+\\.[0-9]$"),
    ])

    static let quickCampaignCreate: Schema = .object("The quick campaign wizard's answers. Unknown fields are refused (422).", required: ["name", "channel", "subject"], closed: true, [
        "name": .string("The quick campaign's name.", minLength: 1, maxLength: 200),
        "channel": .enumeration(CampaignActivity.Channel.self),
        "subject": .string("Merge fields allowed.", minLength: 1, maxLength: 200),
        "description": .string("An email's text (required for email, merge fields allowed), or what each activity is about.", nullable: true, maxLength: 20000),
    ])
    static let quickCampaign: Schema = .object("The quick campaign made and its activity, distributing.", required: ["campaign", "activity"], [
        "campaign": .ref("Campaign"),
        "activity": .ref("CampaignActivity"),
    ])

    static let literature: Schema = .object("Sales literature. Optional fields are omitted when empty.", required: ["id", "title", "productIds", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "title": .string(),
        "description": .string(nullable: true),
        "productIds": .array(.uuid(), "The products it is about."),
        "files": .array(.ref("LiteratureFile"), "Its files (omitted in lists)."),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let literatureFile: Schema = .object("A file of sales literature.", required: ["id", "name", "contentType", "size", "createdAt"], [
        "id": .uuid(),
        "name": .string(),
        "contentType": .string(),
        "size": .integer(minimum: 1, maximum: 5_242_880),
        "createdAt": .timestamp(),
    ])
    static let literatureCreate: Schema = .object("Sales literature. Unknown fields are refused (422).", required: ["title"], closed: true, [
        "title": .string(minLength: 1, maxLength: 200),
        "description": .string(nullable: true, maxLength: 2000),
        "productIds": .array(.uuid(), "Existing products, at most 100.", nullable: true, maxItems: 100),
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "version": .serverOwnedOnCreate, "teamId": .derivedTeam,
        "files": .serverOwned, "ownerId": .serverOwned,
    ])
    static let literatureLink: Schema = .object("The literature to hand out. Unknown fields are refused (422).", required: ["literatureId"], closed: true, ["literatureId": .uuid()])

    static let campaignSchemas: [(name: String, schema: Schema)] = [
        ("MarketingList", marketingList), ("MarketingListCreate", marketingListCreate), ("MarketingListPatch", marketingListPatch),
        ("MarketingListPage", .page("MarketingList", "Marketing lists, newest first (one page).")), ("ListMember", listMember),
        ("ListMemberPage", .page("ListMember", "A page of members; follow nextCursor for the next.")), ("MembersAdd", membersAdd),
        ("MembersAdded", membersAdded), ("ListPreview", listPreview), ("ListCopy", listCopy), ("CampaignLink", campaignLink), ("ListLink", listLink), ("CampaignProductAdd", campaignProductAdd),
        ("Literature", literature), ("LiteratureFile", literatureFile), ("LiteratureCreate", literatureCreate), ("LiteratureLink", literatureLink),
        ("LiteraturePage", .page("Literature", "Sales literature by title (one page).")),
        ("Campaign", campaign), ("CampaignCreate", campaignCreate), ("CampaignPatch", campaignPatch),
        ("CampaignPage", .page("Campaign", "Campaigns, newest first (one page).")),
        ("CampaignActivity", campaignActivity), ("DeliveryCounts", deliveryCounts), ("CampaignActivityCreate", campaignActivityCreate),
        ("CampaignActivityPage", .page("CampaignActivity", "A campaign's activities, oldest first (one page).")), ("PreviewMessage", previewMessage),
        ("CampaignResponse", campaignResponse), ("ResponseParty", responseParty), ("ResponsePartyInput", responsePartyInput),
        ("ResponseConversion", responseConversion), ("CampaignResponseCreate", campaignResponseCreate), ("ResponseConvert", responseConvert),
        ("CampaignResponsePage", .page("CampaignResponse", "A campaign's responses, newest first (one page).")),
        ("CampaignResults", campaignResults), ("CampaignMoney", campaignMoney), ("QuickCampaignCreate", quickCampaignCreate), ("QuickCampaign", quickCampaign),
    ]
}
