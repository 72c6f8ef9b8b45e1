import FurrowHTTP
/// The component schemas of the API's document, by area, in document order. Each area's file
/// in `Schemas/` declares its schemas; operations refer to them by name (`.ref("Account")`).
public enum Components {
    public static let all: [(name: String, schema: Schema)] = [
        backboneSchemas, catalogSchemas, leadSchemas, opportunitySchemas, boardSchemas, reportSchemas, notificationSchemas,
        salesSchemas, mailSchemas, orderSchemas, ledgerSchemas, activitySchemas, budgetSchemas, contractSchemas, campaignSchemas, integrationSchemas, importJobSchemas, homeSchemas, bulkSchemas, savedViewSchemas, noteSchemas, quoteLinkSchemas, logoSchemas, selfServiceSchemas, batchSchemas, batchPatchSchemas, webhookSchemas, problemSchemas,
    ].flatMap { $0 }
}

/// Schemas many bodies and answers share.
extension Schema {
    /// A field the server owns: a client may send it back, and it is ignored.
    static let serverOwned = Schema().described("Server-owned; accepted and ignored.")
    static let serverOwnedOnCreate = Schema().described("Server-owned; accepted and ignored on create.")
    static let derivedTeam = Schema().described("Derived from the owner; accepted and ignored.")
    /// The display name of a record an answer refers to (`accountName`).
    static func referenceName(_ what: String) -> Schema {
        .string("\(what), read with the record: absent when it refers to none, and it may be absent from the answer to a change of that reference.")
    }

    /// A display name an answer carries (`accountName`): sent back, it is ignored.
    static let readName = Schema().described("A name read with the record; accepted and ignored.")

    /// A record's version in an answer.
    static let version = Schema.integer("Optimistic-concurrency version; send it back as `If-Match: \"N\"` when changing the record.",
                                        minimum: 1)
    /// The version a change expects, in a PATCH body.
    static let expectedVersion = Schema.integer("The expected current version, when not sent as `If-Match: \"N\"` (the header wins). "
                                                + "A stale version answers 412 `version-conflict`.", nullable: true, minimum: 1)
    static let ownerInput = Schema.uuid("The owning user (an active user). Only managers and administrators may name someone other "
                                        + "than themselves. Absent or null: the caller on create, unchanged on update.", nullable: true)

    /// A page of a list: `items` of the component `item`, and the cursor of the next page.
    static func page(_ item: String, _ description: String) -> Schema {
        .object(description, required: ["items", "nextCursor"], [
            "items": .array(.ref(item)),
            "nextCursor": .string("The cursor of the next page; null on the last page.", nullable: true),
        ])
    }
}
