import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `LogoRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension LogoRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/settings/logo", "getLogo", tag: "Settings", "The company's logo",
                 description: "As it was uploaded. 404 when there is none.",
                 answers: [Endpoint.Answer(200, "The image", content: [Endpoint.Content("image/png", .string(format: "binary")), Endpoint.Content("image/jpeg", .string(format: "binary"))]),
                           .unauthorized, .problem(404)],
                 use: LogoRoutes.get),
        Endpoint(.put, "/settings/logo", "setLogo", tag: "Settings", "Set the company's logo",
                 description: "Administrators only. The body is the image as it is (any Content-Type), at most 512 KB: a JPEG (grey or colour), or a PNG without transparency (8 bits a channel, not interlaced) — told by its content; anything else is refused (422). Quotes, invoices and the customer's quote page show it.",
                 body: Endpoint.Body([Endpoint.Content("application/octet-stream", .string(format: "binary"))], description: "The image's bytes."),
                 answers: [.ok("LogoSet"), .unauthorized, .writeForbidden("Only administrators change the settings"),
                           .problem(413, detail: "The image is larger than 512 KB"), .problem(422, [.validation], detail: "Not a JPEG or a PNG without transparency")],
                 use: LogoRoutes.put),
        Endpoint(.delete, "/settings/logo", "deleteLogo", tag: "Settings", "Remove the company's logo",
                 description: "Administrators only.",
                 answers: [.noContent, .unauthorized, .writeForbidden("Only administrators change the settings")],
                 use: LogoRoutes.delete),
    ]
}

extension Components {
    static let logoSchemas: [(name: String, schema: Schema)] = [
        ("LogoSet", .object("The logo kept.", required: ["contentType", "width", "height"], [
            "contentType": .values(["image/jpeg", "image/png"]), "width": .string("Pixels."), "height": .string("Pixels."),
        ])),
    ]
}
