import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The order schemas of the API's document.
extension Components {
    static let orderCreate: Schema = .object("An order made directly, without a quote. `id`, `version`, `createdAt`, `updatedAt`, `teamId`, `number` and `status` are accepted and ignored.", required: ["accountId"], closed: true, [
        "accountId": .uuid(),
        "contactId": .uuid(nullable: true),
        "opportunityId": .uuid(nullable: true),
        "priceListId": .uuid("Needed for catalog products; write-ins need none.", nullable: true),
        "currency": .string("ISO 4217; defaults to the price list's, the opportunity's or the base currency.", nullable: true),
        "lines": .array(.ref("QuoteLineInput"), nullable: true, maxItems: 1000),
        "id": .serverOwned,
        "version": .serverOwnedOnCreate,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .serverOwned,
        "number": .serverOwned,
        "status": .serverOwned,
    ])
    static let orderCancel: Schema = .object(closed: true, [
        "note": .string("Why it was cancelled.", nullable: true, maxLength: 1000),
    ])
    static let trackingCreate: Schema = .object(required: ["status"], closed: true, [
        "status": .values(["inFulfilment", "delivered", "installed"], "The step reached."),
        "note": .string(nullable: true, maxLength: 1000),
        "at": .timestamp("When it happened (RFC 3339 UTC); now when absent.", nullable: true),
    ])
    static let trackingEvent: Schema = .object(required: ["id", "status", "at"], [
        "id": .uuid(),
        "status": .string(),
        "note": .string(nullable: true),
        "at": .timestamp(),
        "actorId": .uuid(nullable: true),
    ])
    static let trackingPage: Schema = .page("TrackingEvent", "An order's tracking events, oldest first (one page).")
    static let orderPage: Schema = .page("Order", "A page of sales orders.")

    static let orderSchemas: [(name: String, schema: Schema)] = [
        ("OrderCreate", orderCreate),
        ("OrderCancel", orderCancel),
        ("TrackingCreate", trackingCreate),
        ("TrackingEvent", trackingEvent),
        ("TrackingPage", trackingPage),
        ("OrderPage", orderPage),
    ]
}
