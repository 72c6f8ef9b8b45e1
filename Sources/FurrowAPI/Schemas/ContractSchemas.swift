import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The maintenance contract schemas of the API's document.
extension Components {
    static let contractItem: Schema = .object("A covered item: a product, or a line of an invoice.", [
        "productId": .uuid(nullable: true),
        "invoiceId": .uuid(nullable: true),
        "line": .integer("The invoice line, 1 for the first.", nullable: true, minimum: 1),
    ])
    static let contractItemInput: Schema = .object("A product (`productId`), or an invoice of the account and its line (`invoiceId` and `line`). Unknown fields are refused (422).", closed: true, [
        "productId": .uuid(nullable: true),
        "invoiceId": .uuid(nullable: true),
        "line": .integer("The invoice line, 1 for the first.", nullable: true, minimum: 1),
    ])
    static let contract: Schema = .object("An annual maintenance contract. Optional fields are omitted when empty.", required: ["id", "accountId", "items", "startDate", "endDate", "durationMonths", "frequency", "visitMinutes", "value", "currency", "billing", "technicianIds", "status", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "number": .string("`AMC-<year>-<serial>`.", nullable: true, examples: ["AMC-2026-00001"]),
        "accountId": .uuid(),
        "contactId": .uuid(nullable: true),
        "items": .array(.ref("ContractItem")),
        "startDate": .string(format: "date"),
        "endDate": .string("The last day it covers.", format: "date"),
        "durationMonths": .integer(minimum: 1, maximum: 120),
        "frequency": .enumeration(MaintenanceContract.Frequency.self),
        "everyNDays": .integer(nullable: true, minimum: 1, maximum: 366),
        "visitMinutes": .integer(minimum: 15, maximum: 480),
        "value": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["2400.00"]),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "billing": .enumeration(MaintenanceContract.Billing.self),
        "slaResponseHours": .integer(nullable: true, minimum: 1, maximum: 720),
        "technicianIds": .array(.uuid()),
        "terms": .string(nullable: true),
        "status": .enumeration(MaintenanceContract.Status.self, "`draft` → `active` → `expired` (past its end) | `renewed` | `cancelled`."),
        "cancelReason": .string(nullable: true),
        "renewedFromId": .uuid(nullable: true),
        "renewedToId": .uuid(nullable: true),
        "renewalQuoteId": .uuid("The draft renewal quote made with this contract (renew with `createQuote`).", nullable: true),
        "renewalOpportunityId": .uuid("Only in the answer to renew with `createQuote`: the renewal opportunity the quote is on.", nullable: true),
        "ownerId": .uuid(),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let contractCreate: Schema = .object("A draft contract. Unknown fields are refused (422).", required: ["accountId", "startDate", "durationMonths", "frequency", "value", "currency"], closed: true, [
        "accountId": .uuid("An account the caller can see."),
        "contactId": .uuid("A contact of the account.", nullable: true),
        "items": .array(.ref("ContractItemInput"), "What it covers.", nullable: true, maxItems: 1000),
        "startDate": .string("The first day (YYYY-MM-DD).", format: "date"),
        "durationMonths": .integer("From 1 to 120.", minimum: 1, maximum: 120),
        "frequency": .enumeration(MaintenanceContract.Frequency.self),
        "everyNDays": .integer("Days between visits, only with `everyNDays`.", nullable: true, minimum: 1, maximum: 366),
        "visitMinutes": .integer("Length of a visit; default 60.", nullable: true, minimum: 15, maximum: 480),
        "value": .string("From 0, as a decimal string with at most the currency's decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["2400.00"]),
        "currency": .string("ISO 4217.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "billing": .enumeration(MaintenanceContract.Billing.self, "Default `upfront`.", nullable: true),
        "slaResponseHours": .integer(nullable: true, minimum: 1, maximum: 720),
        "technicianIds": .array(.uuid(), "Active users with the service role, each once.", nullable: true, maxItems: 100),
        "serviceTeamId": .uuid("A team: its active users with the service role become technicians too (as they are when the contract is made).", nullable: true),
        "terms": .string(nullable: true, maxLength: 5000),
        "ownerId": .ownerInput,
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "version": .serverOwnedOnCreate, "teamId": .derivedTeam,
        "number": .serverOwned, "status": .serverOwned, "endDate": .serverOwned, "cancelReason": .serverOwned,
        "renewedFromId": .serverOwned, "renewedToId": .serverOwned, "renewalQuoteId": .serverOwned, "renewalOpportunityId": .serverOwned, "accountName": .readName, "ownerName": .readName,
    ])
    static let contractCancel: Schema = .object("Why the contract is cancelled. Unknown fields are refused (422).", required: ["reason"], closed: true, [
        "reason": .string(minLength: 1, maxLength: 500),
    ])
    static let contractRenew: Schema = .object("How to renew: absent fields keep the contract's. Unknown fields are refused (422).", closed: true, [
        "durationMonths": .integer("From 1 to 120.", nullable: true, minimum: 1, maximum: 120),
        "value": .string("In the contract's currency.", nullable: true, pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["2600.00"]),
        "createQuote": .boolean("Also make a draft renewal quote (one line: the new contract at its value) on a new renewal opportunity for the contract's owner. Default false.", nullable: true),
    ])
    static let serviceReportRow: Schema = .object("Service visits that start in the period, of a technician, a customer, or all.", required: ["name", "due", "done", "overdue", "upcoming", "ratings"], [
        "id": .uuid("The technician's user id or the customer's account id; absent for the total."),
        "name": .string("The technician's or the account's name."),
        "due": .integer("Visits planned in the period (cancelled ones are not counted).", minimum: 0),
        "done": .integer("Completed.", minimum: 0),
        "overdue": .integer("Still open after their end.", minimum: 0),
        "upcoming": .integer("Still open, their end not yet past.", minimum: 0),
        "ratings": .integer("Completed visits with a customer rating.", minimum: 0),
        "completionPercent": .string("done ÷ (done + overdue) in percent, rounded half-even to one decimal; absent when no visit's time has come.", pattern: "^[0-9]+\\.[0-9]$", examples: ["87.5"]),
        "averageRating": .string("The average customer rating (1–5), to one decimal; absent with no rating.", pattern: "^[0-9]\\.[0-9]$", examples: ["4.5"]),
    ])
    static let serviceRenewals: Schema = .object("Active contracts ending within `withinDays` days from today and after the bucket before (0–30, 31–60, 61–90).", required: ["withinDays", "count", "totals"], [
        "withinDays": .integer(minimum: 30, maximum: 90),
        "count": .integer(minimum: 0),
        "totals": .array(.ref("FunnelAmount"), "Their value per currency."),
    ])
    static let serviceReport: Schema = .object("The service report of the visits and contracts the caller may see.", required: ["from", "to", "total", "technicians", "customers", "renewals"], [
        "from": .string(format: "date"),
        "to": .string(format: "date"),
        "total": .ref("ServiceReportRow"),
        "technicians": .array(.ref("ServiceReportRow"), "Per technician with visits in the period, by name."),
        "customers": .array(.ref("ServiceReportRow"), "Per customer account with visits in the period, by name."),
        "renewals": .array(.ref("ServiceRenewals"), "Renewals due in the next 30, 60 and 90 days."),
    ])
    static let holiday: Schema = .object("A day no maintenance visit is planned on.", required: ["day", "name"], [
        "day": .string(format: "date"),
        "name": .string(),
    ])
    static let holidayCreate: Schema = .object("A holiday. Unknown fields are refused (422).", required: ["day", "name"], closed: true, [
        "day": .string("YYYY-MM-DD, not a holiday yet.", format: "date"),
        "name": .string(minLength: 1, maxLength: 100),
    ])

    static let contractSchemas: [(name: String, schema: Schema)] = [
        ("ContractItem", contractItem), ("ContractItemInput", contractItemInput), ("Contract", contract), ("ContractCreate", contractCreate),
        ("ContractCancel", contractCancel), ("ContractRenew", contractRenew), ("ContractPage", .page("Contract", "Maintenance contracts, newest first (one page).")),
        ("ServiceReportRow", serviceReportRow), ("ServiceRenewals", serviceRenewals), ("ServiceReport", serviceReport),
        ("Holiday", holiday), ("HolidayCreate", holidayCreate), ("HolidayPage", .page("Holiday", "The company's holidays, by date (one page).")),
    ]
}
