import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `QuoteLinkRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension QuoteLinkRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/quotes/{id}/link", "getQuoteLink", tag: "Quotes", "The quote's link for the customer",
                 description: "Made when the quote is first sent (its revisions share it): `publicUrl` shows the customer the newest revision without a sign-in — read it, download its PDF, accept (typing their name, perhaps drawing a signature) or decline (perhaps saying why), which accepts or rejects the quote as its owner would, audited as via the customer's link. The link stops working when the quote expires or the link is revoked. 404 before the quote was sent.",
                 parameters: [.id],
                 answers: [.ok("QuoteLink"), .unauthorized, .problem(404)],
                 use: QuoteLinkRoutes.get),
        Endpoint(.delete, "/quotes/{id}/link", "revokeQuoteLink", tag: "Quotes", "Revoke the quote's link",
                 description: "The customer can no longer open it (a 404, with no hint).",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden(), .problem(404)],
                 use: QuoteLinkRoutes.revoke),
    ]
}

extension Components {
    static let quoteLinkSchemas: [(name: String, schema: Schema)] = [
        ("QuoteLink", .object("A quote's public link, how often the customer opened it, and their answers.", required: ["publicUrl", "active", "createdAt", "views", "answers"], [
            "publicUrl": .string("The address to send the customer.", examples: ["https://crm.example.com/q/3q2+7w…"]),
            "active": .boolean("False once revoked."),
            "createdAt": .timestamp(),
            "firstViewedAt": .timestamp("When the customer first opened it; omitted until then.", nullable: true),
            "lastViewedAt": .timestamp(nullable: true),
            "views": .integer(minimum: 0),
            "answers": .array(.object("The customer's answer through the link.", required: ["answer", "name", "signed", "address", "at"], [
                "answer": .values(["accepted", "declined"]), "name": .string("The name they typed (empty when declining)."),
                "reason": .string("Why they declined.", nullable: true), "signed": .boolean("Whether they drew a signature."),
                "address": .string("Their client address."), "at": .timestamp(),
            ])),
        ])),
    ]
}
