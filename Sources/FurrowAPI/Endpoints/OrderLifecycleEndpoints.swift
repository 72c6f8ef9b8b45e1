import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `OrderLifecycleRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension OrderLifecycleRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/orders", "listOrders", tag: "Orders", "List sales orders",
                 parameters: ListDocs.orders.parameters,
                 answers: [.page("OrderPage"), .listQuery, .unauthorized],
                 use: OrderLifecycleRoutes.list),
        Endpoint(.post, "/orders", "createOrder", tag: "Orders", "Create an order directly",
                 description: "A closed opportunity refuses new orders (409 `opportunity-closed`).",
                 body: .json("OrderCreate"),
                 answers: [.created("Order", location: "/api/v1/orders/{id}"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.opportunityClosed]), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .priceListRequired, .priceListNotValid, .productNotOnPriceList, .currencyMismatch], detail: "`errors` names each invalid or unknown field; `price-list-required` for catalog products without a price list, `price-list-not-valid` when it is not valid on the order's date, `product-not-on-price-list` for a product it has no price for, `currency-mismatch` when the price list and the order do not share one currency")],
                 use: OrderLifecycleRoutes.create),
        Endpoint(.post, "/orders/{id}/confirm", "confirmOrder", tag: "Orders", "Confirm an order (the customer approved)",
                 parameters: [.id],
                 answers: [.ok("Order"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.orderIllegalMove, .orderCancelled, .orderEmpty])],
                 use: OrderLifecycleRoutes.confirm),
        Endpoint(.post, "/orders/{id}/cancel", "cancelOrder", tag: "Orders", "Cancel an order",
                 description: "Its draft invoices are deleted with it; an order with an issued invoice cannot be cancelled (409 `order-invoiced`): credit the invoice first.",
                 parameters: [.id],
                 body: Endpoint.Body([Endpoint.Content("application/json", .ref("OrderCancel"))], required: false),
                 answers: [.ok("Order"), .problem(400), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.orderIllegalMove, .orderCancelled, .orderInvoiced]), .problem(422)],
                 use: OrderLifecycleRoutes.cancel),
        Endpoint(.get, "/orders/{id}/tracking", "listOrderTracking", tag: "Orders", "An order's tracking timeline",
                 parameters: [.id],
                 answers: [.ok("TrackingPage"), .unauthorized, .problem(404)],
                 use: OrderLifecycleRoutes.tracking),
        Endpoint(.post, "/orders/{id}/tracking", "trackOrder", tag: "Orders", "Record a fulfilment, delivery or installation step",
                 parameters: [.id],
                 body: .json("TrackingCreate"),
                 answers: [.created("Order", location: nil), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.orderIllegalMove, .orderCancelled])],
                 bodyErrors: true,
                 use: OrderLifecycleRoutes.track),
    ]
}
