import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `PaymentRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension PaymentRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/payments", "listPayments", tag: "Payments", "List payments",
                 description: "The payments the caller may see (finance users see all), in keyset-paginated pages, newest first by default.",
                 parameters: ListDocs.payments.parameters,
                 answers: [.page("PaymentPage"), .listQuery, .unauthorized],
                 use: PaymentRoutes.list),
        Endpoint(.post, "/payments", "createPayment", tag: "Payments", "Record a payment",
                 description: "Records money received from an account the caller can see, owned by the account's owner, and allocates it to the account's open invoices: each allocation more than 0, in the payment's currency, to an `issued` or `partiallyPaid` invoice and at most its balance, all together at most the payment's amount. The rest is the customer's credit. The invoices' `amountPaid` and status follow.",
                 body: .json("PaymentCreate"),
                 answers: [.created("Payment", location: "/api/v1/payments/{id}"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("Read-only users cannot create records"), .problem(409, [.invoiceNotOpen], detail: "An allocation names a draft, paid or cancelled invoice or a credit note"), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .overAllocation, .currencyMismatch], detail: "`errors` names each invalid or unknown field (an amount that is not more than 0, an invoice the caller cannot see or of another account among them); `over-allocation` when an invoice would get more than its balance or the allocations more than the payment has left; `currency-mismatch` for an invoice in another currency")],
                 use: PaymentRoutes.create),
        Endpoint(.get, "/payments/{id}", "getPayment", tag: "Payments", "Get a payment",
                 parameters: [.id.described("The payment's id (a malformed id answers 404).")],
                 answers: [.ok("Payment"), .unauthorized, .problem(404)],
                 use: PaymentRoutes.payment),
        Endpoint(.post, "/payments/{id}/allocate", "allocatePayment", tag: "Payments", "Allocate a payment's credit to invoices",
                 description: "Allocates more of a posted payment's unallocated amount to open invoices of its account, under the same rules as when recording it. No version is needed.",
                 parameters: [.id.described("The payment's id (a malformed id answers 404).")],
                 body: .json("PaymentAllocate"),
                 answers: [.ok("Payment"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.paymentReversed, .invoiceNotOpen]), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .overAllocation, .currencyMismatch], detail: "`errors` names each invalid or unknown field (an amount that is not more than 0, an invoice the caller cannot see or of another account among them); `over-allocation` when an invoice would get more than its balance or the allocations more than the payment has left; `currency-mismatch` for an invoice in another currency")],
                 use: PaymentRoutes.allocate),
        Endpoint(.post, "/payments/{id}/reverse", "reversePayment", tag: "Payments", "Reverse a payment",
                 description: "For a bounced cheque or a wrong entry: the payment becomes `reversed` today, its allocations no longer count (its invoices are open again) and a statement line matched to it is unmatched. No body is read.",
                 parameters: [.id.described("The payment's id (a malformed id answers 404).")],
                 answers: [.ok("Payment"), .unauthorized, .writeForbidden("The caller's role cannot change the record"), .problem(404), .problem(409, [.paymentReversed])],
                 use: PaymentRoutes.reverse),
        Endpoint(.get, "/receivables", "getReceivables", tag: "Payments", "The receivables ageing",
                 description: "The open balances of the invoices the caller may see (finance users see all) as they stood at the end of `asOf`: invoices issued by then and not cancelled by then, less the payments dated by then and not reversed by then, each aged by days past due into current, 1–30, 31–60, 61–90 and over 90 days; with each account's credit (unallocated payments). Other parameters are ignored.",
                 parameters: [Endpoint.Parameter("asOf", in: .query, "The day (YYYY-MM-DD, years 1900–2999) the report is as of; default today in the company time zone.", .string(format: "date", pattern: "^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")), Endpoint.Parameter("accountId", in: .query, "Only this account.", .uuid())],
                 answers: [.ok("Receivables"), .problem(400, [.invalidQuery], detail: "asOf is not a date or accountId is not a UUID"), .unauthorized],
                 use: PaymentRoutes.receivables),
    ]
}
