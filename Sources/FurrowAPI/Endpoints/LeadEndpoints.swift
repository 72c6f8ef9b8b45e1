import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `LeadRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension LeadRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/leads", "createLead", tag: "Leads", "Create a lead",
                 description: "The source must match its channel: a `sourceRef` of the channel's impact type, none for channels of type `other` and none without a channel.",
                 body: .json("LeadCreate"),
                 answers: [.created("Lead", location: "/api/v1/leads/{id}"), .unauthorized, .writeForbidden("Read-only users cannot create records")],
                 bodyErrors: true,
                 use: LeadRoutes.create),
        Endpoint(.get, "/leads", "listLeads", tag: "Leads", "List leads",
                 description: "The leads the caller may see, in keyset-paginated pages, newest first by default.",
                 parameters: ListDocs.leads.parameters,
                 answers: [.page("LeadPage"), .listQuery, .unauthorized],
                 use: LeadRoutes.list),
        Endpoint(.get, "/leads/{id}", "getLead", tag: "Leads", "Get a lead",
                 parameters: [.id],
                 answers: [.ok("Lead"), .unauthorized, .problem(404)],
                 use: LeadRoutes.get),
        Endpoint(.patch, "/leads/{id}", "updateLead", tag: "Leads", "Update a lead",
                 description: "Requires the current version as `If-Match: \"N\"` or `version` in the body. Only `new` and `contacted` leads can be edited; `status: contacted` marks a new lead as contacted.",
                 parameters: [.id, .ifMatch],
                 body: .json("LeadPatch"),
                 answers: [.ok("Lead"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.leadAlreadyQualified, .leadDisqualified]), .problem(412), .problem(428)],
                 bodyErrors: true,
                 use: LeadRoutes.update),
        Endpoint(.post, "/leads/{id}/qualify", "qualifyLead", tag: "Leads", "Qualify a lead",
                 description: "In one transaction: links or creates the account and the contact, creates an opportunity of the default kind from the lead (topic → name, estimated value → estimated revenue, source, campaign, requirements → comment; owned by the lead's owner) and marks the lead `qualified`.",
                 parameters: [.id, .allowDuplicateQualify],
                 body: Endpoint.Body([Endpoint.Content("application/json", .ref("LeadQualify"))], description: "Optional: no body (or `{}`) takes the defaults.", required: false),
                 answers: [.bodyOrFlag, .ok("Qualification"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.leadAlreadyQualified, .leadDisqualified, .duplicateSuspected]), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .kindNotAllowed], detail: "`errors` names each invalid or unknown field; `kind-not-allowed` when no opportunity kind is allowed")],
                 use: LeadRoutes.qualify),
        Endpoint(.post, "/leads/{id}/disqualify", "disqualifyLead", tag: "Leads", "Disqualify a lead",
                 parameters: [.id],
                 body: .json("LeadDisqualify"),
                 answers: [.ok("Lead"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.leadAlreadyQualified, .leadDisqualified])],
                 bodyErrors: true,
                 use: LeadRoutes.disqualify),
        Endpoint(.post, "/leads/{id}/reactivate", "reactivateLead", tag: "Leads", "Reactivate a disqualified lead",
                 description: "Managers and administrators only. The lead goes back to `contacted` and loses its disqualify reason. No body is read.",
                 parameters: [.id],
                 answers: [.ok("Lead"), .unauthorized, .writeForbidden("Only managers and administrators reactivate leads"), .problem(404), .problem(409, [.leadAlreadyQualified, .leadNotDisqualified])],
                 use: LeadRoutes.reactivate),
    ]
}
