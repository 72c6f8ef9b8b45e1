import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The backbone schemas of the API's document.
extension Components {
    static let account: Schema = .object("A company or organisation, optionally below a parent account. Optional fields are omitted when empty.", required: ["id", "name", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "name": .string(maxLength: 200),
        "parentAccountId": .uuid(nullable: true),
        "email": .string(nullable: true, format: "email"),
        "phone": .string(nullable: true),
        "website": .string(nullable: true),
        "industry": .string(nullable: true),
        "ownerId": .uuid(),
        "teamId": .uuid("The owner's team when the record was assigned.", nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "parentAccountName": .referenceName("The parent account's name"),
        "ownerName": .referenceName("The owner's name"),
        "billingAddress": .nullable("PostalAddress", "Where invoices go; printed on quotes and invoices."),
        "shippingAddress": .nullable("PostalAddress", "Where goods go, when it differs."),
        "vatNumber": .string("The customer's tax (VAT) number, upper-case.", nullable: true),
        "paymentTermId": .uuid("The payment term its invoices get unless one is chosen.", nullable: true),
    ])
    static let postalAddress: Schema = .object("A postal address; empty parts are omitted.", [
        "street": .string("One or more lines.", nullable: true), "postcode": .string(nullable: true), "city": .string(nullable: true),
        "region": .string(nullable: true), "country": .string(nullable: true),
    ])
    static let postalAddressInput: Schema = .object("A postal address: each part optional, empty or null for none; an address with no part is cleared. Unknown fields are refused (422).", closed: true, [
        "street": .string("One or more lines.", nullable: true, maxLength: 300), "postcode": .string(nullable: true, maxLength: 20),
        "city": .string(nullable: true, maxLength: 100), "region": .string(nullable: true, maxLength: 100),
        "country": .string(nullable: true, maxLength: 100),
    ])
    static let accountCreate: Schema = .object("A new account. Unknown fields are refused (422).", required: ["name"], closed: true, [
        "name": .string("The account's name (trimmed, required).", minLength: 1, maxLength: 200),
        "parentAccountId": .uuid("The parent account, which must be an account the caller can see; null clears it.", nullable: true),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "website": .string("Web address such as `example.com` or `https://www.example.com/`; empty or null clears it.", nullable: true, maxLength: 253),
        "industry": .string("Industry; empty or null clears it.", nullable: true, maxLength: 100),
        "ownerId": .ownerInput,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "parentAccountName": .readName, "ownerName": .readName,
        "billingAddress": .nullable("PostalAddressInput", "Where invoices go; null clears it."),
        "shippingAddress": .nullable("PostalAddressInput", "Where goods go, when it differs; null clears it."),
        "vatNumber": .string("The customer's tax (VAT) number: letters, digits, spaces, dots and hyphens; empty or null clears it.", nullable: true, pattern: "^[A-Za-z0-9 .-]*$", maxLength: 30),
        "paymentTermId": .uuid("An active payment term its invoices get unless one is chosen; null clears it.", nullable: true),
    ])
    static let accountPatch: Schema = .object("Changes to an account: absent fields are unchanged, null clears a field. Unknown fields are refused (422).", closed: true, [
        "name": .string("The account's name (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "parentAccountId": .uuid("The parent account, which must be an account the caller can see; null clears it.", nullable: true),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "website": .string("Web address such as `example.com` or `https://www.example.com/`; empty or null clears it.", nullable: true, maxLength: 253),
        "industry": .string("Industry; empty or null clears it.", nullable: true, maxLength: 100),
        "ownerId": .ownerInput,
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "parentAccountName": .readName, "ownerName": .readName,
        "billingAddress": .nullable("PostalAddressInput", "Where invoices go; null clears it."),
        "shippingAddress": .nullable("PostalAddressInput", "Where goods go, when it differs; null clears it."),
        "vatNumber": .string("The customer's tax (VAT) number: letters, digits, spaces, dots and hyphens; empty or null clears it.", nullable: true, pattern: "^[A-Za-z0-9 .-]*$", maxLength: 30),
        "paymentTermId": .uuid("An active payment term its invoices get unless one is chosen; null clears it.", nullable: true),
    ])
    static let contact: Schema = .object("An individual, optionally working for an account. Optional fields are omitted when empty.", required: ["id", "lastName", "fullName", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "firstName": .string(nullable: true),
        "lastName": .string(maxLength: 100),
        "fullName": .string("firstName and lastName joined by a space."),
        "email": .string(nullable: true, format: "email"),
        "phone": .string(nullable: true),
        "mobile": .string(nullable: true),
        "title": .string(nullable: true),
        "accountId": .uuid(nullable: true),
        "ownerId": .uuid(),
        "teamId": .uuid("The owner's team when the record was assigned.", nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "ownerName": .referenceName("The owner's name"),
    ])
    static let contactCreate: Schema = .object("A new contact. Unknown fields are refused (422).", required: ["lastName"], closed: true, [
        "lastName": .string("Family name (trimmed, required).", minLength: 1, maxLength: 100),
        "firstName": .string("Given name; empty or null clears it.", nullable: true, maxLength: 100),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "mobile": .string("Mobile number, same format as `phone`; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "title": .string("Job title; empty or null clears it.", nullable: true, maxLength: 100),
        "accountId": .uuid("The account the contact works for, which must be one the caller can see; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "fullName": Schema().described("Derived from firstName and lastName; accepted and ignored."),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "accountName": .readName, "ownerName": .readName,
    ])
    static let contactPatch: Schema = .object("Changes to a contact: absent fields are unchanged, null clears a field. Unknown fields are refused (422).", closed: true, [
        "lastName": .string("Family name (trimmed, cannot be cleared).", minLength: 1, maxLength: 100),
        "firstName": .string("Given name; empty or null clears it.", nullable: true, maxLength: 100),
        "email": .string("Email address; empty or null clears it.", nullable: true, format: "email", maxLength: 254),
        "phone": .string("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "mobile": .string("Mobile number, same format as `phone`; empty or null clears it.", nullable: true, pattern: "^[0-9+()./ eExXtT-]+$", maxLength: 40),
        "title": .string("Job title; empty or null clears it.", nullable: true, maxLength: 100),
        "accountId": .uuid("The account the contact works for, which must be one the caller can see; null clears it.", nullable: true),
        "ownerId": .ownerInput,
        "fullName": Schema().described("Derived from firstName and lastName; accepted and ignored."),
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "accountName": .readName, "ownerName": .readName,
    ])
    static let role: Schema = .enumeration(Role.self, "A user's role. admin sees and manages everything; manager sees their own, their team's and their managed teams' records and may reassign owners; sales, service and finance see their own and their team's records, except that finance sees every invoice and payment; admin, manager and finance import and reconcile bank statements; readonly reads like sales and writes nothing.")
    static let user: Schema = .object("A user. The password is write-only and never returned.", required: ["id", "email", "name", "role", "active", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "email": .string(format: "email"),
        "name": .string(),
        "role": .ref("Role"),
        "teamId": .uuid("Omitted when the user has no team.", nullable: true),
        "active": .boolean("Inactive users cannot sign in and their tokens stop working."),
        "version": .integer(minimum: 1),
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let userCreate: Schema = .object("A new user (administrators only): with a `password`, or with `invite: true` and no password, which emails the user a one-time link to choose theirs (valid a week). Unknown fields are refused (422).", required: ["email"], closed: true, [
        "email": .string("Unique (case-insensitive) email address; a taken one answers 409 `email-taken`.", format: "email", maxLength: 254),
        "name": .string("Display name; defaults to the email address.", nullable: true, maxLength: 100),
        "password": .string("8 to 72 characters; required unless `invite` is true, refused with it.", minLength: 8, maxLength: 72).with { $0.writeOnly = true },
        "invite": .boolean("Email the user a link to choose their own password instead of setting one.", nullable: true),
        "role": .nullable("Role", "Defaults to `sales`."),
        "teamId": .uuid("An existing team, or null for none.", nullable: true),
        "active": .boolean("Defaults to true.", nullable: true),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
    ])
    static let userPatch: Schema = .object("Changes to a user (administrators only): absent or null fields are unchanged, except that `teamId: null` removes the user from their team. Unknown fields are refused (422).", closed: true, [
        "email": .string("Unique email address; a taken one answers 409 `email-taken`.", nullable: true, format: "email", maxLength: 254),
        "name": .string("Display name (cannot be cleared).", nullable: true, minLength: 1, maxLength: 100),
        "password": .string("A new password of 8 to 72 characters.", nullable: true, minLength: 8, maxLength: 72).with { $0.writeOnly = true },
        "role": .nullable("Role"),
        "teamId": .uuid("An existing team; null removes the user from their team (their records follow).", nullable: true),
        "active": .boolean("false deactivates the user (not allowed for yourself).", nullable: true),
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
    ])
    static let me: Schema = .object("The signed-in user.", required: ["id", "email", "name", "role"], [
        "id": .uuid(),
        "email": .string(format: "email"),
        "name": .string(),
        "role": .ref("Role"),
        "teamId": .uuid("Omitted when the user has no team.", nullable: true),
    ])
    static let team: Schema = .object(required: ["id", "name", "createdAt"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "managerId": .uuid("Omitted when the team has no manager.", nullable: true),
        "createdAt": .timestamp(),
    ])
    static let teamCreate: Schema = .object("A new team (administrators only). Unknown fields are refused (422).", required: ["name"], closed: true, [
        "name": .string("The team's name (trimmed, required).", minLength: 1, maxLength: 100),
        "managerId": .uuid("An existing user who manages the team.", nullable: true),
    ])
    static let teamPatch: Schema = .object("Changes to a team (administrators only): absent fields are unchanged; `managerId: null` removes the manager. Unknown fields are refused (422).", closed: true, [
        "name": .string("The team's name (trimmed).", nullable: true, minLength: 1, maxLength: 100),
        "managerId": .uuid("An existing user who manages the team, or null for none.", nullable: true),
        "id": .serverOwned,
        "createdAt": .serverOwned,
    ])
    static let partyType: Schema = .values(["account", "contact"], "The kind of party a connection joins.")
    static let connection: Schema = .object("A relation with a role between two parties (accounts or contacts).", required: ["id", "fromType", "fromId", "toType", "toId", "role", "createdAt"], [
        "id": .uuid(),
        "fromType": .ref("PartyType"),
        "fromId": .uuid(),
        "toType": .ref("PartyType"),
        "toId": .uuid(),
        "role": .string("The relation, e.g. `partner of`.", maxLength: 100),
        "createdAt": .timestamp(),
    ])
    static let connectionCreate: Schema = .object("A new connection. Both parties must be visible to the caller and the caller must be allowed to change at least one of them; a party cannot be connected to itself. Unknown fields are refused (422).", required: ["fromType", "fromId", "toType", "toId", "role"], closed: true, [
        "fromType": .ref("PartyType"),
        "fromId": .uuid(),
        "toType": .ref("PartyType"),
        "toId": .uuid(),
        "role": .string("The relation, e.g. `partner of` (trimmed, required).", minLength: 1, maxLength: 100),
    ])
    static let mergeRequest: Schema = .object("The record to merge into the one in the path; it is deleted and its related records move to the survivor.", required: ["otherId"], closed: true, [
        "otherId": .uuid("The record merged into the survivor and then deleted."),
    ])
    static let fieldChange: Schema = .object("One field's change: old → new. A side is omitted where the field had no value.", required: ["field"], [
        "field": .string(),
        "old": .string(nullable: true),
        "new": .string(nullable: true),
    ])
    static let auditEntry: Schema = .object("One audited change of a record.", required: ["id", "entity", "entityId", "action", "at", "changes"], [
        "id": .uuid(),
        "entity": .values(AuditService.entities.sorted()),
        "entityId": .uuid(),
        "action": .string("`entity.action`, e.g. `account.create`, `account.update`, `account.merge`, `account.delete`.", examples: ["account.update"]),
        "actorId": .uuid("The user who made the change; omitted for system changes.", nullable: true),
        "at": .timestamp(),
        "changes": .array(.ref("FieldChange")),
        "via": .string("The named API token the change came through (`token \"Nightly sync\"`); omitted for the web UI and sign-in tokens."),
    ])
    static let searchResult: Schema = .object(required: ["type", "id", "title", "subtitle"], [
        "type": .values(["account", "contact", "lead", "opportunity", "quote", "order", "invoice", "payment"]),
        "id": .uuid(),
        "title": .string(),
        "subtitle": .string("Secondary text, possibly empty."),
    ])
    static let accountSummary: Schema = .object(required: ["id", "name"], [
        "id": .uuid(),
        "name": .string(),
    ])
    static let hierarchyNode: Schema = .object("An account and its visible child accounts, recursively.", required: ["id", "name", "children"], [
        "id": .uuid(),
        "name": .string(),
        "children": .array(.ref("HierarchyNode")),
    ])
    static let hierarchy: Schema = .object("An account's visible ancestors (root first) and the tree of its visible descendants.", required: ["ancestors", "tree"], [
        "ancestors": .array(.ref("AccountSummary")),
        "tree": .ref("HierarchyNode"),
    ])
    static let tokenCreate: Schema = .object("Credentials to sign in with. Unknown fields are refused (422).", required: ["email", "password"], closed: true, [
        "email": .string(),
        "password": .string().with { $0.writeOnly = true },
    ])
    static let token: Schema = .object("A new API bearer token. The secret is shown only once.", required: ["token", "expiresAt", "userId"], [
        "token": .string("The bearer secret: send it as `Authorization: Bearer <token>`."),
        "expiresAt": .timestamp("The token expires 30 days after it was issued."),
        "userId": .uuid(),
    ])
    static let settings: Schema = .object("Company settings.", required: ["companyName", "companyAddress", "timeZone", "baseCurrency", "quoteWord", "autoCreateOpportunity", "opportunityNameFromQuote", "useProductShortNames", "smtpHost", "smtpPort", "mailFrom", "smtpUsername", "smtpPasswordSet", "smtpSecurity", "smtpVerifyCertificates", "followUpDays", "calendarStates", "budgetTracking", "budgetCostDate", "budgetIncomeDate", "workingDays", "workingHours", "renewalReminderDays", "publicURL", "inboundDomain", "sendingRate", "webhookAllowedHosts", "bankDetails", "companyRegistration", "companyTaxNumber", "documentAccent", "documentFooter", "documentPaper", "quoteTerms", "invoiceNotes"], [
        "companyName": .string(maxLength: 200),
        "companyAddress": .string(maxLength: 500),
        "timeZone": .string("An IANA time zone identifier.", examples: ["Europe/Berlin"]),
        "baseCurrency": .string("An ISO 4217 currency code.", pattern: "^[A-Z]{3}$", examples: ["EUR"]),
        "quoteWord": .string("What the company calls a quote.", maxLength: 30),
        "autoCreateOpportunity": .boolean("A quote created for a lead or an account without an opportunity creates one (default true); when false such a quote needs `opportunityId`."),
        "opportunityNameFromQuote": .boolean("The automatic opportunity is named after the quote (default true); when false it is called `Opportunity for quote`."),
        "useProductShortNames": .boolean("The automatic opportunity is named after its lines' product short names (or names, or write-in descriptions), which wins over opportunityNameFromQuote (default false)."),
        "smtpHost": .string("The SMTP server the outbox delivers through; empty switches email off.", maxLength: 253),
        "smtpPort": .integer(minimum: 1, maximum: 65535),
        "mailFrom": .string("The sender address of outgoing email."),
        "smtpUsername": .string("The SMTP user for AUTH PLAIN; empty for none."),
        "smtpPasswordSet": .boolean("Whether an SMTP password is stored (the password itself is never sent)."),
        "smtpSecurity": .values(["none", "starttls", "tls"], "`starttls`, `tls` (implicit) or `none`."),
        "smtpVerifyCertificates": .boolean("Check the SMTP server's certificate against the system's trust store."),
        "followUpDays": .integer("Days a sent quote or an in-progress opportunity may go unchanged, with no open activity and none changed in that time, before its owner gets a follow-up task due a day later; 0 (the default) switches the rule off.", minimum: 0, maximum: 365),
        "calendarStates": .array(.anyOf([.enumeration(OpportunityStatus.self), .uuid()]), "Which opportunities the calendar and the calendar feeds show, all-day on their expected close date: statuses (`inProgress`, `won`, `lost`) and stage ids (in-progress opportunities in that stage). Default `[\"inProgress\"]`."),
        "budgetTracking": .boolean("Budget tracking on accounts and opportunities (default on); off hides it and its routes answer 409 `budget-tracking-disabled`, keeping what is stored."),
        "budgetCostDate": .values(["expenseDate", "taskCreated"], "On which day a task's expense counts for budget vs actual."),
        "budgetIncomeDate": .values(["incomeDate", "taskCreated"], "On which day a task's income counts for budget vs actual."),
        "workingDays": .array(.integer(minimum: 1, maximum: 7), "The ISO weekdays (1 Monday … 7 Sunday) maintenance visits are planned on."),
        "workingHours": .string("The hours maintenance visits are planned in, company time (default `09:00-17:00`).", pattern: "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$", examples: ["09:00-17:00"]),
        "renewalReminderDays": .integer("How many days before a maintenance contract ends its owner is reminded to renew it (default 30); a second reminder goes out 7 days before.", minimum: 1, maximum: 365),
        "publicURL": .string("The server's address as customers reach it, for the links in emails (unsubscribe).", examples: ["https://crm.example.com"]),
        "inboundDomain": .string("Replies to campaign emails go to `<sender's local part>+<token>@<inboundDomain>`; empty: the sender's own domain."),
        "sendingRate": .integer("Emails sent per minute at most; 0: no limit.", minimum: 0, maximum: 100000),
        "webhookAllowedHosts": .string("Hosts webhooks may reach although they resolve to loopback or private addresses, separated by commas; empty: none."),
        "bankDetails": .string("The company's bank account as invoices print it under “Please pay to” (IBAN, BIC, bank); empty: not printed."),
        "companyRegistration": .string("The company's registration (as documents print it under the address); empty: not printed."),
        "companyTaxNumber": .string("The company's tax (VAT) number, printed under the address; empty: not printed."),
        "documentAccent": .string("The colour of documents' titles and rules.", pattern: "^#[0-9a-f]{6}$", examples: ["#2e6b4f"]),
        "documentFooter": .string("Printed at the foot of every page of a document; empty: none."),
        "documentPaper": .values(PaperSizes.names, "The paper documents print on."),
        "quoteTerms": .string("The terms a new quote starts with when none are given."),
        "invoiceNotes": .string("The notes a new invoice starts with when none are given."),
    ])
    static let settingsPatch: Schema = .object("Changes to the settings (administrators only): absent or null fields are unchanged. Unknown fields are refused (422).", closed: true, [
        "companyName": .string("Required, so it cannot be made empty.", nullable: true, minLength: 1, maxLength: 200),
        "companyAddress": .string(nullable: true, maxLength: 500),
        "timeZone": .string("An IANA time zone identifier.", nullable: true, examples: ["Europe/Berlin"]),
        "baseCurrency": .string("An ISO 4217 currency code (stored upper-case).", nullable: true, pattern: "^[A-Za-z]{3}$"),
        "quoteWord": .string("Required, so it cannot be made empty.", nullable: true, minLength: 1, maxLength: 30),
        "autoCreateOpportunity": .boolean("A quote created for a lead or an account without an opportunity creates one (default true); when false such a quote needs `opportunityId`.", nullable: true),
        "opportunityNameFromQuote": .boolean("The automatic opportunity is named after the quote (default true); when false it is called `Opportunity for quote`.", nullable: true),
        "useProductShortNames": .boolean("The automatic opportunity is named after its lines' product short names (or names, or write-in descriptions), which wins over opportunityNameFromQuote (default false).", nullable: true),
        "smtpHost": .string("The SMTP server; empty switches email off.", nullable: true, maxLength: 253),
        "smtpPort": .integer(nullable: true, minimum: 1, maximum: 65535),
        "mailFrom": .string("The sender address of outgoing email.", nullable: true),
        "smtpUsername": .string("The SMTP user for AUTH PLAIN; empty for none.", nullable: true),
        "smtpPassword": .string("Write-only: the SMTP password.", nullable: true).with { $0.writeOnly = true },
        "smtpPasswordSet": Schema().described("Accepted and ignored (read-only)."),
        "smtpSecurity": .values(["none", "starttls", "tls"], "`starttls`, `tls` (implicit) or `none`.", nullable: true),
        "smtpVerifyCertificates": .boolean("Check the SMTP server's certificate.", nullable: true),
        "followUpDays": .integer("Days a sent quote or an in-progress opportunity may go unchanged, with no open activity and none changed in that time, before its owner gets a follow-up task due a day later; 0 (the default) switches the rule off.", nullable: true, minimum: 0, maximum: 365),
        "calendarStates": .array(.anyOf([.enumeration(OpportunityStatus.self), .uuid()]), "Which opportunities the calendar and the calendar feeds show, all-day on their expected close date: statuses (`inProgress`, `won`, `lost`) and stage ids (in-progress opportunities in that stage). Default `[\"inProgress\"]`. Replaces the whole list: blank entries and repeats are dropped, stage ids are stored lower-case; `[]` or null shows no opportunities.", nullable: true),
        "budgetTracking": .boolean("Switches budget tracking on or off.", nullable: true),
        "budgetCostDate": .values(["expenseDate", "taskCreated"], "On which day a task's expense counts.", nullable: true),
        "budgetIncomeDate": .values(["incomeDate", "taskCreated"], "On which day a task's income counts.", nullable: true),
        "workingDays": .array(.integer(minimum: 1, maximum: 7), "The ISO weekdays visits are planned on, at least one.", nullable: true, minItems: 1, maxItems: 7),
        "workingHours": .string("`HH:MM-HH:MM`, at least 15 minutes apart; visits planned before keep their times.", nullable: true, maxLength: 11, examples: ["08:00-16:30"]),
        "renewalReminderDays": .integer("From 1 to 365.", nullable: true, minimum: 1, maximum: 365),
        "publicURL": .string("An http or https address.", nullable: true, maxLength: 300, examples: ["https://crm.example.com"]),
        "inboundDomain": .string("A domain name, or empty.", nullable: true, maxLength: 253, examples: ["replies.example.com"]),
        "sendingRate": .integer("0 for no limit.", nullable: true, minimum: 0, maximum: 100000),
        "webhookAllowedHosts": .string("Host names or addresses separated by commas, or empty.", nullable: true, maxLength: 2000, examples: ["hooks.internal, 10.0.0.5"]),
        "bankDetails": .string("A few lines: IBAN, BIC, bank; empty clears it.", nullable: true, maxLength: 500, examples: ["IBAN GB33 BUKB 2020 1555 5555 55 · BIC BUKBGB22"]),
        "companyRegistration": .string("Such as `Registered in England, no. 01234567`; empty clears it.", nullable: true, maxLength: 100),
        "companyTaxNumber": .string("Such as `GB 123 4567 89`; empty clears it.", nullable: true, maxLength: 50),
        "documentAccent": .string("A colour as `#RRGGBB`.", nullable: true, pattern: "^#[0-9A-Fa-f]{6}$", maxLength: 7),
        "documentFooter": .string("Empty clears it.", nullable: true, maxLength: 200),
        "documentPaper": .values(PaperSizes.names, "A4 or Letter.", nullable: true),
        "quoteTerms": .string("Empty clears it.", nullable: true, maxLength: 4000),
        "invoiceNotes": .string("Empty clears it.", nullable: true, maxLength: 2000),
    ])
    static let accountPage: Schema = .page("Account", "A page of accounts.")
    static let contactPage: Schema = .page("Contact", "A page of contacts.")
    static let userPage: Schema = .page("User", "All users (one page).")
    static let teamPage: Schema = .page("Team", "All teams (one page).")
    static let connectionPage: Schema = .page("Connection", "All visible connections of a party (one page).")
    static let auditPage: Schema = .page("AuditEntry", "The audit trail of one record (one page).")
    static let searchPage: Schema = .page("SearchResult", "Search results (one page).")

    static let backboneSchemas: [(name: String, schema: Schema)] = [
        ("Account", account),
        ("PostalAddress", postalAddress),
        ("PostalAddressInput", postalAddressInput),
        ("AccountCreate", accountCreate),
        ("AccountPatch", accountPatch),
        ("Contact", contact),
        ("ContactCreate", contactCreate),
        ("ContactPatch", contactPatch),
        ("Role", role),
        ("User", user),
        ("UserCreate", userCreate),
        ("UserPatch", userPatch),
        ("Me", me),
        ("Team", team),
        ("TeamCreate", teamCreate),
        ("TeamPatch", teamPatch),
        ("PartyType", partyType),
        ("Connection", connection),
        ("ConnectionCreate", connectionCreate),
        ("MergeRequest", mergeRequest),
        ("FieldChange", fieldChange),
        ("AuditEntry", auditEntry),
        ("SearchResult", searchResult),
        ("AccountSummary", accountSummary),
        ("HierarchyNode", hierarchyNode),
        ("Hierarchy", hierarchy),
        ("TokenCreate", tokenCreate),
        ("Token", token),
        ("Settings", settings),
        ("SettingsPatch", settingsPatch),
        ("AccountPage", accountPage),
        ("ContactPage", contactPage),
        ("UserPage", userPage),
        ("TeamPage", teamPage),
        ("ConnectionPage", connectionPage),
        ("AuditPage", auditPage),
        ("SearchPage", searchPage),
    ]
}
