import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `BankRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension BankRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/bank-statements", "listBankStatements", tag: "Bank reconciliation", "List imported bank statements",
                 description: "All imported statements, newest first, with their line and match counts. Other parameters are ignored.",
                 parameters: [Endpoint.Parameter("limit", in: .query, "How many statements at most.", .integer(minimum: 1, maximum: 200, default: 50)), Endpoint.Parameter("before", in: .query, "Only statements imported before this RFC 3339 UTC timestamp: pass the last item's `importedAt` for the next, older ones.", .timestamp())],
                 answers: [.ok("BankStatementSummaryPage"), .problem(400, [.invalidQuery], detail: "limit is not 1 to 200, or before is not a timestamp"), .unauthorized, .problem(403, detail: "Only administrators, managers and finance work with bank statements")],
                 use: BankRoutes.list),
        Endpoint(.post, "/bank-statements", "importBankStatement", tag: "Bank reconciliation", "Import a bank statement file",
                 description: "Reads a CSV export (`text/csv`, UTF-8 or Latin-1) through a statement profile, or an ISO 20022 CAMT.053 statement (`application/xml` or `text/xml`) whose booked entries carry their currency and credit or debit sign, and stores it in one transaction: one unreadable row and nothing is imported. Lines imported before (same date, amount, currency and reference) are answered with `duplicate: true` and not stored again. Nothing is matched yet (see reconcile).",
                 parameters: [Endpoint.Parameter("profileId", in: .query, "CSV only: the statement profile to read the file with (see `GET /bank-statement-profiles`); default the built-in `Standard` profile.", .uuid()), Endpoint.Parameter("currency", in: .query, "CSV only: the ISO 4217 currency of lines without a currency column; default the company's base currency.", .string(pattern: "^[A-Za-z]{3}$"), example: "EUR"), Endpoint.Parameter("name", in: .query, "A name for the statement (its first 200 characters are kept).", .string())],
                 body: Endpoint.Body([Endpoint.Content("text/csv", .string(minLength: 1)), Endpoint.Content("application/xml", .string(minLength: 1)), Endpoint.Content("text/xml", .string(minLength: 1))], description: "The statement file itself, at most 8 MiB (not JSON)."),
                 answers: [.created("BankStatement", location: "/api/v1/bank-statements/{id}"), .problem(400, detail: "The body is empty, or the CSV file is not text"), .unauthorized, .writeForbidden("Only administrators, managers and finance work with bank statements"), .problem(413, detail: "The file is larger than 8 MiB"), .problem(415, detail: "The Content-Type is neither text/csv nor application/xml (or text/xml)"), .problem(422, detail: "`errors` names `profileId` or `currency` when invalid; `file` when it is empty, not a CAMT.053 document or without lines; each column setting of the profile (`dateColumn`, `amountColumn`, `referenceColumn`, `currencyColumn`) whose header is missing; and each unreadable row as `lines[N]` (its line in the file) or `entries[N]` (CAMT.053)")],
                 use: BankRoutes.upload),
        Endpoint(.get, "/bank-statements/{id}", "getBankStatement", tag: "Bank reconciliation", "Get a bank statement",
                 description: "With its lines in file order; each unmatched line lists the payments it could be.",
                 parameters: [.id.described("The statement's id (a malformed id answers 404).")],
                 answers: [.ok("BankStatement"), .unauthorized, .problem(403, detail: "Only administrators, managers and finance work with bank statements"), .problem(404, detail: "The statement does not exist")],
                 use: BankRoutes.statement),
        Endpoint(.post, "/bank-statements/{id}/reconcile", "reconcileBankStatement", tag: "Bank reconciliation", "Match a statement's lines automatically",
                 description: "Each unmatched line of money received is matched to a posted payment the caller may see, not matched elsewhere, of the same amount and currency, dated at most 7 days apart, whose number, own reference (4 characters or more) or one of whose invoices' numbers the line's reference contains. Failing that, when the reference names an open invoice (`INV-…`) in the line's currency whose balance is at least the amount, a `bankTransfer` payment of the line's date, amount and reference is recorded, allocated to that invoice, and matched. Other lines stay unmatched. The answer counts both in `matched` and `paymentsCreated`. No body is read.",
                 parameters: [.id.described("The statement's id (a malformed id answers 404).")],
                 answers: [.ok("BankStatement"), .unauthorized, .writeForbidden("Only administrators, managers and finance work with bank statements"), .problem(404, detail: "The statement does not exist")],
                 use: BankRoutes.reconcile),
        Endpoint(.post, "/bank-statements/{id}/lines/{lineId}/match", "matchBankLine", tag: "Bank reconciliation", "Match a statement line to a payment by hand",
                 description: "Confirms that an unmatched line is a recorded payment: posted, of the line's amount and currency, and not matched to another line. Answers the statement.",
                 parameters: [.id.described("The statement's id (a malformed id answers 404)."), Endpoint.Parameter("lineId", in: .path, required: true, "The statement line's id (a malformed id answers 404).", .uuid())],
                 body: .json("LineMatch"),
                 answers: [.ok("BankStatement"), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("Only administrators, managers and finance work with bank statements"), .problem(404, detail: "The statement or its line does not exist, or the payment does not exist or the caller may not see it"), .problem(409, [.lineMatched, .paymentMatched], detail: "`line-matched`: unmatch the line first; `payment-matched`: the payment is another line's"), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, [.validation, .amountMismatch], detail: "`errors` names each invalid or unknown field; `amount-mismatch` when the payment is reversed or its amount or currency differs from the line's")],
                 use: BankRoutes.match),
        Endpoint(.post, "/bank-statements/{id}/lines/{lineId}/unmatch", "unmatchBankLine", tag: "Bank reconciliation", "Unmatch a statement line",
                 description: "The line is unmatched again; the payment stays recorded with its allocations (reverse it separately if it was wrong). An unmatched line stays as it is. Answers the statement. No body is read.",
                 parameters: [.id.described("The statement's id (a malformed id answers 404)."), Endpoint.Parameter("lineId", in: .path, required: true, "The statement line's id (a malformed id answers 404).", .uuid())],
                 answers: [.ok("BankStatement"), .unauthorized, .writeForbidden("Only administrators, managers and finance work with bank statements"), .problem(404, detail: "The statement or its line does not exist")],
                 use: BankRoutes.unmatch),
        Endpoint(.get, "/bank-statement-profiles", "listStatementProfiles", tag: "Bank reconciliation", "List CSV statement profiles",
                 description: "The built-in `Standard` profile first (comma-separated `date,amount,reference,counterparty` with ISO dates and a decimal point), then the stored ones by name.",
                 answers: [.ok("StatementProfilePage"), .unauthorized, .problem(403, detail: "Only administrators, managers and finance work with bank statements")],
                 use: BankRoutes.profiles),
        Endpoint(.post, "/bank-statement-profiles", "createStatementProfile", tag: "Bank reconciliation", "Create a CSV statement profile",
                 body: .json("StatementProfileCreate"),
                 answers: [.created("StatementProfile", location: nil), .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"), .unauthorized, .writeForbidden("Only administrators, managers and finance work with bank statements"), .problem(413, detail: "The body is larger than 1 MiB"), .problem(415, detail: "The Content-Type is not application/json"), .problem(422, detail: "`errors` names each invalid or unknown field, `name` also when another profile has it")],
                 use: BankRoutes.createProfile),
    ]
}
