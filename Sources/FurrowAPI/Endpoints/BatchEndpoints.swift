import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The operations of `BatchRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension BatchRoutes {
    static func batch(_ collection: String, _ record: String, _ noun: String, tag: String, duplicates: Bool, extra: String = "",
                      refusals: [Endpoint.Answer] = [], use: @escaping @Sendable (BatchRoutes) -> Handler) -> Endpoint {
        let policy = duplicates
            ? " Suspected duplicates (as for a single create: same email, phone, or name and web domain — of stored records and of earlier items) follow `duplicates`: `fail` (the default: each is an error at its index), `skip` (left out, answered with the records it resembles) or `create`."
            : ""
        return Endpoint(.post, "/\(collection)/batch", "create\(record)Batch", tag: tag, "Create many \(noun)",
                        description: "Up to \(BulkCreate.maxItems) \(noun) in one call (the body at most \(BodyLimits.text(BodyLimits.batch))), each read, checked, indexed and audited as by its single create, all in one transaction: every one is stored, or none. Every bad item is named by its index (`items[3].email`); a refusal that is not about fields (a kind not allowed, a price list not valid) names its item in the detail.\(policy)\(extra) The answer lists the items in order: each `created` with its record, or `skipped` with `duplicateOf`.",
                        parameters: duplicates ? [Endpoint.Parameter("duplicates", in: .query, "What suspected duplicates do.", .values(BulkCreate.Policy.allCases.map(\.rawValue)).with { $0.defaultValue = .string("fail") })] : [],
                        body: .json("\(record)Batch"),
                        answers: [.created("\(record)BatchResult", location: nil), .problem(400, [.malformedRequest, .invalidQuery], detail: "The body is empty, not valid JSON or not an object, or a parameter other than duplicates"),
                                  .unauthorized, .writeForbidden("Read-only users cannot create records"),
                                  .problem(413, detail: "The body is larger than \(BodyLimits.text(BodyLimits.batch))")] + refusals,
                        bodyErrors: true, use: use)
    }

    static func batchPatch(_ collection: String, _ record: String, _ noun: String, tag: String, refusals: [Endpoint.Answer] = [],
                           use: @escaping @Sendable (BatchRoutes) -> Handler) -> Endpoint {
        Endpoint(.patch, "/\(collection)/batch", "update\(record)Batch", tag: tag, "Change many \(noun)",
                 description: "Up to \(BulkCreate.maxItems) changes in one call and one transaction, each `{id, version, …fields}` read and checked as by the single `PATCH` (absent fields unchanged, null clears): every one is stored, or none. Every bad item is named by its index (`items[3].email`; an `id` the caller cannot see is an error on it); a stale `version` or another refusal answers its status with the item in the detail (412 `version-conflict` for a stale one; the same record twice in one call is stale the second time). The answer lists the records in order.",
                 body: .json("\(record)BatchPatch"),
                 answers: [.ok("\(record)BatchUpdated"), .problem(400, [.malformedRequest], detail: "The body is empty, not valid JSON or not an object"),
                           .unauthorized, .writeForbidden("The caller's role cannot change the records"),
                           .problem(412, [.versionConflict], detail: "An item's version is not the record's current one (named in the detail)"),
                           .problem(413, detail: "The body is larger than \(BodyLimits.text(BodyLimits.batch))")] + refusals,
                 bodyErrors: true, use: use)
    }

    static let endpoints: [Endpoint] = [
        batch("accounts", "Account", "accounts", tag: "Accounts", duplicates: true, use: BatchRoutes.accounts),
        batch("contacts", "Contact", "contacts", tag: "Contacts", duplicates: true, use: BatchRoutes.contacts),
        batch("leads", "Lead", "leads", tag: "Leads", duplicates: false, use: BatchRoutes.leads),
        batch("opportunities", "Opportunity", "opportunities", tag: "Opportunities", duplicates: false,
              extra: " Each opportunity may bring its product lines (`lines`, priced from `priceListId`).",
              refusals: [.problem(422, [.validation, .kindNotAllowed, .primaryDemandDisabled, .priceListRequired, .priceListNotValid, .productNotOnPriceList, .currencyMismatch],
                                  detail: "`errors` names each bad item's fields; the other types name their item in the detail, as the single create answers them")],
              use: BatchRoutes.opportunities),
        batchPatch("accounts", "Account", "accounts", tag: "Accounts", refusals: [.problem(409, [.hierarchyCycle], detail: "An item's parent would make a cycle (named in the detail)")],
                   use: BatchRoutes.updateAccounts),
        batchPatch("contacts", "Contact", "contacts", tag: "Contacts", use: BatchRoutes.updateContacts),
        batchPatch("leads", "Lead", "leads", tag: "Leads", refusals: [.problem(409, [.leadAlreadyQualified, .leadDisqualified], detail: "An item is a lead no longer edited (named in the detail)")],
                   use: BatchRoutes.updateLeads),
        batchPatch("opportunities", "Opportunity", "opportunities", tag: "Opportunities",
                   refusals: [.problem(409, [.opportunityClosed], detail: "An item is a closed opportunity (named in the detail)"),
                              .problem(422, [.validation, .primaryDemandDisabled], detail: "`errors` names each bad item's fields; `primary-demand-disabled` names its item in the detail")],
                   use: BatchRoutes.updateOpportunities),
        batchPatch("products", "Product", "products", tag: "Products", use: BatchRoutes.updateProducts),
        batchPatch("activities", "Activity", "activities", tag: "Activities",
                   refusals: [.problem(409, [.budgetTrackingDisabled], detail: "An item's budgetActivityId while budget tracking is switched off")], use: BatchRoutes.updateActivities),
        batch("products", "Product", "products", tag: "Products", duplicates: false,
              extra: " Managers and administrators only; a SKU may not repeat a stored product's or an earlier item's.", use: BatchRoutes.products),
        batch("activities", "Activity", "activities", tag: "Activities", duplicates: false,
              extra: " Each may be `completed` at once with its `outcome`, as a single create.",
              refusals: [.problem(409, [.budgetTrackingDisabled], detail: "An item's budgetActivityId while budget tracking is switched off")], use: BatchRoutes.activities),
    ]
}

extension Components {
    static func batchBody(_ record: String, _ noun: String) -> Schema {
        .object("Up to \(BulkCreate.maxItems) new \(noun). Unknown fields are refused (422).", required: ["items"], closed: true, [
            "items": .array(.ref("\(record)Create"), "Each as the body of a single create.", minItems: 1, maxItems: BulkCreate.maxItems),
        ])
    }

    static func batchResult(_ record: String, _ noun: String) -> Schema {
        .object("The \(noun) of a bulk create, in the order sent.", required: ["created", "skipped", "items"], [
            "created": .integer(minimum: 0),
            "skipped": .integer(minimum: 0),
            "items": .array(.object(required: ["status"], [
                "status": .values(["created", "skipped"]),
                "record": .ref(record).described("The stored record, for `created`."),
                "duplicateOf": .array(.ref("DuplicateMatch"), "For `skipped`: the records it resembles."),
            ])),
        ])
    }

    /// A bulk update's body: items of the record's PATCH body with their `id` and `version` required.
    static func batchPatch(_ record: String, _ noun: String, _ patch: Schema) -> Schema {
        var item = patch
        item.description = "A change to one of the \(noun): its id and version, and the fields to change."
        item.properties.removeAll { $0.name == "id" || $0.name == "version" }
        item.properties.insert(.init(name: "version", schema: .integer("The record's current version.", minimum: 1)), at: 0)
        item.properties.insert(.init(name: "id", schema: .uuid("The record to change.")), at: 0)
        item.required = ["id", "version"]
        return .object("Up to \(BulkCreate.maxItems) changes to \(noun). Unknown fields are refused (422).", required: ["items"], closed: true, [
            "items": .array(item, minItems: 1, maxItems: BulkCreate.maxItems),
        ])
    }

    static func batchUpdated(_ record: String, _ noun: String) -> Schema {
        .object("The changed \(noun), in the order sent.", required: ["updated", "items"], [
            "updated": .integer(minimum: 0),
            "items": .array(.object(required: ["status", "record"], [
                "status": .values(["updated"]),
                "record": .ref(record),
            ])),
        ])
    }

    static let batchPatchSchemas: [(name: String, schema: Schema)] = [("Account", "accounts", accountPatch), ("Contact", "contacts", contactPatch),
                                                                      ("Lead", "leads", leadPatch), ("Opportunity", "opportunities", opportunityPatch),
                                                                      ("Product", "products", productPatch), ("Activity", "activities", activityPatch)]
        .flatMap { [("\($0.0)BatchPatch", batchPatch($0.0, $0.1, $0.2)), ("\($0.0)BatchUpdated", batchUpdated($0.0, $0.1))] }

    static let batchSchemas: [(name: String, schema: Schema)] = [("Account", "accounts"), ("Contact", "contacts"), ("Lead", "leads"), ("Opportunity", "opportunities"),
                                                                    ("Product", "products"), ("Activity", "activities")]
        .flatMap { [("\($0.0)Batch", batchBody($0.0, $0.1)), ("\($0.0)BatchResult", batchResult($0.0, $0.1))] }
}
