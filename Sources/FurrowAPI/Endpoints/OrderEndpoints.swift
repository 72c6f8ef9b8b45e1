import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `OrderRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension OrderRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/quotes/{id}/get-products", "copyProductsToQuote", tag: "Quotes", "Copy an opportunity's product lines into a draft quote",
                 description: "Appends the product lines of `fromOpportunityId` to the draft's lines: catalog products priced again from the quote's price list (or, when it has none, the opportunity's, which the quote then takes), write-ins at their own price. No version is needed.",
                 parameters: [.id.described("The quote's id (a malformed id answers 404).")],
                 body: .json("QuoteGetProducts"),
                 answers: [.ok("Quote"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404, detail: "The quote or the opportunity does not exist or the caller may not see it"), .problem(409, [.quoteNotDraft]), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .priceListRequired, .priceListNotValid, .productNotOnPriceList, .currencyMismatch], detail: "`errors` names each invalid or unknown field; `price-list-required` for catalog products without a price list, `price-list-not-valid` when it is not valid on the quote's date, `product-not-on-price-list` for a product it has no price for, `currency-mismatch` when the price list, the quote and the opportunity do not share one currency")],
                 use: OrderRoutes.getProducts),
        Endpoint(.post, "/quotes/{id}/convert", "convertQuote", tag: "Orders", "Convert an accepted quote into a sales order",
                 description: "Creates a `draft` sales order numbered `SO-<year>-<serial>` with the quote's lines, once per quote. No body is read.",
                 parameters: [.id.described("The quote's id (a malformed id answers 404).")],
                 answers: [.created("Order", location: "/api/v1/orders/{id}"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.quoteNotAccepted, .quoteConverted])],
                 use: OrderRoutes.convert),
        Endpoint(.get, "/orders/{id}", "getOrder", tag: "Orders", "Get a sales order",
                 parameters: [.id.described("The order's id (a malformed id answers 404).")],
                 answers: [.ok("Order"), .unauthorized, .problem(404)],
                 use: OrderRoutes.order),
        Endpoint(.get, "/opportunities/{id}/lines", "getOpportunityLines", tag: "Opportunities", "Get an opportunity's product lines",
                 parameters: [.id],
                 answers: [.ok("OpportunityLines"), .unauthorized, .problem(404)],
                 use: OrderRoutes.lines),
        Endpoint(.put, "/opportunities/{id}/lines", "replaceOpportunityLines", tag: "Opportunities", "Replace an opportunity's product lines",
                 description: "Prices the lines as of today and stores them with the price list. In revenue mode `system` the estimated revenue becomes their subtotal. Open opportunities only; no version is needed.",
                 parameters: [.id],
                 body: .json("OpportunityLinesPut"),
                 answers: [.ok("OpportunityLines"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.opportunityClosed]), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .priceListRequired, .priceListNotValid, .productNotOnPriceList, .currencyMismatch], detail: "`errors` names each invalid or unknown field; `price-list-required` for catalog products without a price list, `price-list-not-valid` when it is not valid today, `product-not-on-price-list` for a product it has no price for, `currency-mismatch` when the price list and the opportunity do not share one currency")],
                 use: OrderRoutes.replaceLines),
    ]
}
