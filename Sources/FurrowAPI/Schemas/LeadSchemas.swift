import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The lead schemas of the API's document.
extension Components {
    static let leadStatus: Schema = .enumeration(LeadStatus.self, "`new` → `contacted` → `qualified` or `disqualified`; a manager may reactivate a disqualified lead (back to `contacted`).")
    static let sourceRef: Schema = .object("A record a lead or opportunity came through. Unknown fields are refused (422).", required: ["type", "id"], closed: true, [
        "type": .ref("ImpactType"),
        "id": .uuid(),
    ])
    static let lead: Schema = .object("A prospect before qualification. Optional fields are omitted when empty.", required: ["id", "topic", "status", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "topic": .string(maxLength: 200),
        "firstName": .string(nullable: true),
        "lastName": .string(nullable: true),
        "companyName": .string(nullable: true),
        "email": .string(nullable: true, format: "email"),
        "phone": .string(nullable: true),
        "requirements": .string(nullable: true),
        "estimatedValue": .string("Present with `currency`.", nullable: true, pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "currency": .string("The currency of estimatedValue; present with it.", nullable: true, pattern: "^[A-Z]{3}$"),
        "status": .ref("LeadStatus"),
        "channelId": .uuid(nullable: true),
        "sourceRef": .nullable("SourceRef"),
        "sourceText": .string(nullable: true),
        "campaignId": .uuid(nullable: true),
        "disqualifyReasonId": .uuid("Set while the lead is disqualified.", nullable: true),
        "accountId": .uuid("Set once qualified: the linked or created account, if any.", nullable: true),
        "contactId": .uuid("Set once qualified: the linked or created contact, if any.", nullable: true),
        "opportunityId": .uuid("Set once qualified: the opportunity created from the lead.", nullable: true),
        "ownerId": .uuid(),
        "teamId": .uuid("The owner's team when the record was assigned.", nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "ownerName": .referenceName("The owner's name"),
        "channelName": .referenceName("The channel's name"),
    ])
    static let leadCreate: Schema = .object("A new lead, status `new`. It needs a lastName or a companyName. Unknown fields are refused (422), `status` too.", required: ["topic"], closed: true, [
        "topic": .string("What the lead is about (trimmed, required).", minLength: 1, maxLength: 200),
        "firstName": .string("Given name; empty or null clears it.", nullable: true, maxLength: 100),
        "lastName": .string("Family name; empty or null clears it. A lead needs a lastName or a companyName.", nullable: true, maxLength: 100),
        "companyName": .string("The prospect's organisation; empty or null clears it. A lead needs a lastName or a companyName.", nullable: true, maxLength: 200),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "requirements": .string("What the prospect needs; empty or null clears it.", nullable: true, maxLength: 4000),
        "estimatedValue": .string("The expected value, not negative, as a decimal string with at most the currency's decimals; null clears it.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency of estimatedValue (stored upper-case). Default: the current value's currency, else the company's base currency. Sent without estimatedValue it changes the currency of the current value.", nullable: true, pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "channelId": .uuid("The advertising channel (see `GET /channels`); null clears it.", nullable: true),
        "sourceRef": .nullable("SourceRef", "The record the lead or opportunity came through: an existing user, account or contact of the channel's impact type. Refused without a channel and for channels of type `other`. null clears it."),
        "sourceText": .string("The source as free text, e.g. for channels of type `other`; empty or null clears it.", nullable: true, maxLength: 200),
        "campaignId": .uuid("The campaign it came from; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "ownerName": .readName, "channelName": .readName,
    ])
    static let leadPatch: Schema = .object("Changes to a `new` or `contacted` lead: absent fields are unchanged, null clears a field. Unknown fields are refused (422).", closed: true, [
        "topic": .string("What the lead is about (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "firstName": .string("Given name; empty or null clears it.", nullable: true, maxLength: 100),
        "lastName": .string("Family name; empty or null clears it. A lead needs a lastName or a companyName.", nullable: true, maxLength: 100),
        "companyName": .string("The prospect's organisation; empty or null clears it. A lead needs a lastName or a companyName.", nullable: true, maxLength: 200),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "requirements": .string("What the prospect needs; empty or null clears it.", nullable: true, maxLength: 4000),
        "estimatedValue": .string("The expected value, not negative, as a decimal string with at most the currency's decimals; null clears it.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency of estimatedValue (stored upper-case). Default: the current value's currency, else the company's base currency. Sent without estimatedValue it changes the currency of the current value.", nullable: true, pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "channelId": .uuid("The advertising channel (see `GET /channels`); null clears it.", nullable: true),
        "sourceRef": .nullable("SourceRef", "The record the lead or opportunity came through: an existing user, account or contact of the channel's impact type. Refused without a channel and for channels of type `other`. null clears it."),
        "sourceText": .string("The source as free text, e.g. for channels of type `other`; empty or null clears it.", nullable: true, maxLength: 200),
        "campaignId": .uuid("The campaign it came from; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "status": .nullable("LeadStatus", "Only `contacted` changes anything: it moves a `new` lead to `contacted`. The lead's current status is accepted and changes nothing; other values are refused (422). Qualifying, disqualifying and reactivating have their own operations."),
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "ownerName": .readName, "channelName": .readName,
    ])
    static let leadQualify: Schema = .object("How to qualify a lead: link existing records or create them from the lead. Absent or null members take their defaults; send `{}` for all defaults. Unknown fields are refused (422).", closed: true, [
        "accountId": .uuid("An account the caller can see, linked instead of creating one.", nullable: true),
        "contactId": .uuid("A contact the caller can see, linked instead of creating one.", nullable: true),
        "createAccount": .boolean("Without accountId: whether to create an account from the lead's companyName (nothing is created without one). Default: true when the lead has a companyName.", nullable: true),
        "createContact": .boolean("Without contactId: whether to create a contact from the lead's name, email and phone, at the linked or created account (nothing is created without a lastName). Default: true when the lead has a lastName.", nullable: true),
    ])
    static let qualification: Schema = .object("The records a qualification linked or created.", required: ["opportunityId"], [
        "accountId": .uuid("The linked or created account; omitted when none.", nullable: true),
        "contactId": .uuid("The linked or created contact; omitted when none.", nullable: true),
        "opportunityId": .uuid("The opportunity created from the lead."),
    ])
    static let leadDisqualify: Schema = .object("Why the lead is disqualified. Unknown fields are refused (422).", required: ["reasonId"], closed: true, [
        "reasonId": .uuid("An active disqualify reason (see `GET /disqualify-reasons`)."),
    ])
    static let leadPage: Schema = .page("Lead", "A page of leads.")

    static let leadSchemas: [(name: String, schema: Schema)] = [
        ("LeadStatus", leadStatus),
        ("SourceRef", sourceRef),
        ("Lead", lead),
        ("LeadCreate", leadCreate),
        ("LeadPatch", leadPatch),
        ("LeadQualify", leadQualify),
        ("Qualification", qualification),
        ("LeadDisqualify", leadDisqualify),
        ("LeadPage", leadPage),
    ]
}
