import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `BulkRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension BulkRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/bulk/assign-owner", "bulkAssignOwner", tag: "Bulk", "Give selected records a new owner",
                 description: "Managers and administrators. Up to 500 accounts, contacts, leads or opportunities get the owner (and the owner's team), each as its single update would (visibility, a closed opportunity refused, the audit trail, the new owner notified of leads and opportunities); records that have that owner already are left. One transaction: all change, or none, the first record that cannot named by its index (`ids[3]`).",
                 body: .json("BulkAssignOwner"),
                 answers: [.ok("BulkAssigned"), .unauthorized, .writeForbidden("Only managers and administrators assign owners")],
                 bodyErrors: true,
                 use: BulkRoutes.assignOwner),
        Endpoint(.post, "/bulk/delete", "bulkDelete", tag: "Bulk", "Delete selected records",
                 description: "Up to 500 accounts or contacts, each as its single delete would (refused while other records use it: child accounts, contacts, documents). One transaction: all are deleted, or none, the first that cannot named by its index (`ids[3]`). Leads and opportunities are not deleted (422): disqualify or close them.",
                 body: .json("BulkDelete"),
                 answers: [.ok("BulkDeleted"), .unauthorized, .writeForbidden("Read-only users cannot delete records")],
                 bodyErrors: true,
                 use: BulkRoutes.delete),
    ]
}

extension Components {
    static let bulkIds: Schema = .array(.uuid(), "The selected records, each once.", minItems: 1, maxItems: 500)
    static let bulkSchemas: [(name: String, schema: Schema)] = [
        ("BulkAssignOwner", .object("A selection and its new owner. Unknown fields are refused (422).", required: ["type", "ids", "ownerId"], closed: true, [
            "type": .values(BulkActions.RecordType.allCases.map(\.rawValue), "What the ids are."),
            "ids": bulkIds,
            "ownerId": .uuid("An active user; a manager gives records to the people of the teams they manage."),
        ])),
        ("BulkDelete", .object("A selection to delete. Unknown fields are refused (422).", required: ["type", "ids"], closed: true, [
            "type": .values(["accounts", "contacts"], "What the ids are."),
            "ids": bulkIds,
        ])),
        ("BulkAssigned", .object("How many records got the new owner.", required: ["changed"], ["changed": .integer(minimum: 0)])),
        ("BulkDeleted", .object("How many records were deleted.", required: ["deleted"], ["deleted": .integer(minimum: 0)])),
    ]
}
