import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ContactRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ContactRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/contacts", "createContact", tag: "Contacts", "Create a contact",
                 description: "Likely duplicates (same email, phone, or full name within the same account) answer 409 `duplicate-suspected` unless `allowDuplicate=true`.",
                 parameters: [.allowDuplicate],
                 body: .json("ContactCreate"),
                 answers: [.bodyOrFlag, .created("Contact", location: "/api/v1/contacts/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records"), .problem(409, [.duplicateSuspected])],
                 bodyErrors: true,
                 use: ContactRoutes.create),
        Endpoint(.get, "/contacts", "listContacts", tag: "Contacts", "List contacts",
                 description: "The contacts the caller may see, in keyset-paginated pages.",
                 parameters: ListDocs.contacts.parameters,
                 answers: [.page("ContactPage"), .listQuery, .unauthorized],
                 use: ContactRoutes.list),
        Endpoint(.get, "/contacts/{id}", "getContact", tag: "Contacts", "Get a contact",
                 parameters: [.id],
                 answers: [.ok("Contact"), .unauthorized, .problem(404)],
                 use: ContactRoutes.get),
        Endpoint(.patch, "/contacts/{id}", "updateContact", tag: "Contacts", "Update a contact",
                 description: "Requires the current version as `If-Match: \"N\"` or `version` in the body.",
                 parameters: [.id, .ifMatch],
                 body: .json("ContactPatch"),
                 answers: [.ok("Contact"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(412), .problem(428)],
                 bodyErrors: true,
                 use: ContactRoutes.update),
        Endpoint(.delete, "/contacts/{id}", "deleteContact", tag: "Contacts", "Delete a contact",
                 description: "Its connections are deleted with it. A contact that opportunities, quotes, orders or qualified leads point at is refused (409 `has-dependents`): merge it into another contact instead.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.hasDependents])],
                 use: ContactRoutes.delete),
        Endpoint(.get, "/contacts/{id}/connections", "listContactConnections", tag: "Contacts", "List a contact's connections",
                 parameters: [.id],
                 answers: [.ok("ConnectionPage"), .unauthorized, .problem(404)],
                 use: ContactRoutes.connections),
        Endpoint(.post, "/contacts/{id}/merge", "mergeContact", tag: "Contacts", "Merge another contact into this one",
                 description: "Moves every related record of `otherId` to this contact, fills this contact's empty fields from it, and deletes it, in one transaction.",
                 parameters: [.id],
                 body: .json("MergeRequest"),
                 answers: [.ok("Contact"), .unauthorized, .writeForbidden("The caller's role cannot change the records"), .problem(404), .problem(409, [.mergeWithSelf])],
                 bodyErrors: true,
                 use: ContactRoutes.merge),
    ]
}
