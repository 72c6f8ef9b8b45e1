import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The ledger schemas of the API's document.
extension Components {
    static let orderLine: Schema = .object("A priced line of a sales order, numbered by `orderLineId` (what `POST /orders/{id}/invoice` names); amounts as in `QuoteLine`.", required: ["orderLineId", "description", "quantity", "unitPrice", "discountPercent", "taxPercent", "subtotal", "discountTotal", "taxTotal", "total"], [
        "orderLineId": .string("The order line's number within its order, as a string: `\"1\"`, `\"2\"`, … in the order's line order.", pattern: "^[1-9][0-9]*$", examples: ["1"]),
        "productId": .uuid("The catalog product; omitted for write-in lines.", nullable: true),
        "description": .string(),
        "quantity": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1", "2.5"]),
        "unitPrice": .string("From the price list for catalog products.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1250.5"]),
        "discountPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0", "10"]),
        "taxPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["19"]),
        "taxRateId": .uuid("The tax rate applied; omitted when none.", nullable: true),
        "subtotal": .string("quantity × unitPrice less the discount.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
    ])
    static let invoiceLine: Schema = .object("A priced line of an invoice or a credit note; amounts as in `QuoteLine`.", required: ["description", "quantity", "unitPrice", "discountPercent", "taxPercent", "subtotal", "discountTotal", "taxTotal", "total"], [
        "orderLineId": .string("The order line this line bills (part or all of); omitted on invoices written from scratch.", pattern: "^[1-9][0-9]*$", examples: ["1"]),
        "productId": .uuid("The catalog product; omitted for write-in lines.", nullable: true),
        "description": .string(),
        "quantity": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1", "2.5"]),
        "unitPrice": .string("From the price list for catalog products.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1250.5"]),
        "discountPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0", "10"]),
        "taxPercent": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["19"]),
        "taxRateId": .uuid("The tax rate applied; omitted when none.", nullable: true),
        "subtotal": .string("quantity × unitPrice less the discount.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
    ])
    static let invoiceStatus: Schema = .enumeration(InvoiceStatus.self, "`draft` → `issued` → `partiallyPaid` → `paid`, following the payments allocated to it (a reversed payment opens it again); `cancelled` only by a credit note. Credit notes are `issued` from the start.")
    static let invoice: Schema = .object("An invoice or a credit note. Drafts can be edited and deleted; once issued it is numbered and immutable, and only a credit note cancels it. What is paid is the sum of the payments allocated to it. Optional fields are omitted when empty.", required: ["id", "kind", "status", "accountId", "currency", "lines", "subtotal", "discountTotal", "taxTotal", "total", "amountPaid", "balance", "ownerId", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "kind": .enumeration(Invoice.Kind.self, "`creditNote`: the document that cancels an invoice in full."),
        "number": .string("`INV-<year>-<serial>` (credit notes `CN-<year>-<serial>`), gap-free per year, given when issued; omitted on drafts.", nullable: true, examples: ["INV-2026-00012"]),
        "status": .ref("InvoiceStatus"),
        "orderId": .uuid("The sales order it bills; omitted on invoices written from scratch.", nullable: true),
        "accountId": .uuid(),
        "contactId": .uuid(nullable: true),
        "opportunityId": .uuid("The order's opportunity.", nullable: true),
        "relatedInvoiceId": .uuid("On a credit note the invoice it cancels; on a cancelled invoice its credit note.", nullable: true),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "lines": .array(.ref("InvoiceLine")),
        "paymentTermId": .uuid(nullable: true),
        "issueDate": .string(nullable: true, format: "date"),
        "dueDate": .string("The issue date plus the payment term's days.", nullable: true, format: "date"),
        "cancelledOn": .string("The day a credit note cancelled the invoice.", nullable: true, format: "date"),
        "subtotal": .string("The sum of the lines' subtotals (after discounts, before tax).", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1125.45"]),
        "discountTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["125.05"]),
        "taxTotal": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["213.84"]),
        "total": .string("subtotal + taxTotal.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "amountPaid": .string("What the posted payments allocated to it add up to.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["500.00"]),
        "balance": .string("What is still owed: total − amountPaid on issued, partly paid and paid invoices; `0` on drafts, credit notes and cancelled invoices.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["839.29"]),
        "notes": .string("On a credit note, the reason given.", nullable: true),
        "ownerId": .uuid("The order's owner, or the account's for invoices written from scratch."),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "contactName": .referenceName("The contact's full name"),
        "ownerName": .referenceName("The owner's name"),
    ])
    static let invoiceCreate: Schema = .object("A draft invoice written from scratch. Unknown fields are refused (422); server-owned fields, `number`, `status` and `kind` are accepted and ignored.", required: ["accountId", "lines"], closed: true, [
        "accountId": .uuid("The customer account, one the caller can see (else 422)."),
        "priceListId": .uuid("The price list catalog products are priced from; it must be in the invoice's currency and valid today.", nullable: true),
        "currency": .string("The ISO 4217 currency (stored upper-case). Absent: the price list's, else the company's base currency. Cannot be null.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "contactId": .uuid("The customer contact, one the caller can see (else 422); null clears it.", nullable: true),
        "paymentTermId": .uuid("An active payment term (see `GET /payment-terms`; else 422) that sets the due date when the invoice is issued. Absent or null: Net 30 on create, unchanged on update.", nullable: true),
        "notes": .string("Notes printed on the invoice (trimmed); empty or null clears them.", nullable: true, maxLength: 2000),
        "lines": .array(.ref("QuoteLineInput"), "The invoice's lines in order, priced like quote lines; may be empty, but an invoice needs a line to be issued.", maxItems: 1000),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "number": Schema().described("Given when issued; accepted and ignored."),
        "status": Schema().described("Changed only by the invoice's verbs and its payments; accepted and ignored."),
        "kind": Schema().described("Credit notes are made only by `POST /invoices/{id}/credit-note`; accepted and ignored."),
    ])
    static let invoicePatch: Schema = .object("Changes to a draft invoice: absent fields are unchanged. The account and the currency cannot change (sending them is refused, 422). Unknown fields are refused (422); server-owned fields, `number`, `status` and `kind` are accepted and ignored.", closed: true, [
        "contactId": .uuid("The customer contact, one the caller can see (else 422); null clears it.", nullable: true),
        "paymentTermId": .uuid("An active payment term (see `GET /payment-terms`; else 422) that sets the due date when the invoice is issued. Absent or null: Net 30 on create, unchanged on update.", nullable: true),
        "notes": .string("Notes printed on the invoice (trimmed); empty or null clears them.", nullable: true, maxLength: 2000),
        "lines": .array(.ref("QuoteLineInput"), "Replaces all lines (null or `[]` removes them), priced as of today. Not allowed on invoices made from an order, whose lines come from the order (422).", nullable: true, maxItems: 1000),
        "priceListId": .uuid("The price list the new `lines`' catalog products are priced from (in the invoice's currency, valid today); it is not stored.", nullable: true),
        "version": .expectedVersion,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "number": Schema().described("Given when issued; accepted and ignored."),
        "status": Schema().described("Changed only by the invoice's verbs and its payments; accepted and ignored."),
        "kind": Schema().described("Accepted and ignored."),
    ])
    static let orderLinePart: Schema = .object("A quantity of one order line to invoice. Unknown fields are refused (422).", required: ["orderLineId", "quantity"], closed: true, [
        "orderLineId": .string("The order line's `orderLineId` (a string).", pattern: "^[1-9][0-9]*$", examples: ["1"]),
        "quantity": .string("More than 0 and at most what of the line is not invoiced yet (else 422 `over-invoicing`), as a decimal string with at most 6 decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1", "2.5"]),
    ])
    static let invoiceFromOrder: Schema = .object("What of the order to invoice. Unknown fields are refused (422).", closed: true, [
        "lines": .array(.ref("OrderLinePart"), "The parts to invoice, at least one. Absent: everything of the order not invoiced yet.", minItems: 1),
        "paymentTermId": .uuid("An active payment term (see `GET /payment-terms`; else 422). Absent or null: Net 30.", nullable: true),
    ])
    static let invoiceIssue: Schema = .object("Optional details of issuing. Unknown fields are refused (422).", closed: true, [
        "issueDate": .string("The issue date (YYYY-MM-DD); absent or null: today in the company time zone. Its year numbers the invoice.", nullable: true, format: "date"),
        "email": .boolean("Also email the PDF to the invoice's contact through the outbox.", nullable: true),
    ])
    static let creditNoteCreate: Schema = .object("Optional details of a credit note. Unknown fields are refused (422).", closed: true, [
        "reason": .string("Why the invoice is cancelled (trimmed), kept as the credit note's `notes`.", nullable: true, maxLength: 1000),
    ])
    static let creditNote: Schema = .object("A new credit note and the invoice it cancelled.", required: ["creditNote", "invoice"], [
        "creditNote": .ref("Invoice"),
        "invoice": .ref("Invoice"),
    ])
    static let paymentTerm: Schema = .object("A payment term: an invoice is due its issue date plus `days` (0: due on receipt).", required: ["id", "name", "days", "active"], [
        "id": .uuid(),
        "name": .string(examples: ["Net 30"]),
        "days": .integer(minimum: 0),
        "active": .boolean("Inactive terms cannot be chosen for invoices."),
    ])
    static let paymentTermCreate: Schema = .object("A new payment term. Unknown fields are refused (422).", required: ["name", "days"], closed: true, [
        "name": .string("Not taken yet (compared without case).", minLength: 1, maxLength: 60, examples: ["Net 45"]),
        "days": .integer("Days from issue to due; 0: due on receipt.", minimum: 0, maximum: 365),
        "id": .serverOwned,
        "active": .serverOwned,
    ])
    static let allocation: Schema = .object("What a payment put on one invoice.", required: ["invoiceId", "amount"], [
        "invoiceId": .uuid(),
        "amount": .string("In the payment's currency.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["500.00"]),
    ])
    static let allocationInput: Schema = .object("An amount of a payment to put on one invoice. Unknown fields are refused (422).", required: ["invoiceId", "amount"], closed: true, [
        "invoiceId": .uuid("An `issued` or `partiallyPaid` invoice (not a credit note) of the payment's account, in its currency, that the caller can see."),
        "amount": .string("More than 0 and at most the invoice's balance, as a decimal string with at most the currency's decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
    ])
    static let payment: Schema = .object("Money received from a customer, allocated to some of their invoices; what is not allocated is the customer's credit. Optional fields are omitted when empty.", required: ["id", "number", "accountId", "date", "amount", "currency", "mode", "status", "allocations", "allocated", "unallocated", "ownerId", "version", "createdAt"], [
        "id": .uuid(),
        "number": .string("`PAY-<year>-<serial>` by the payment date's year, gap-free per year.", examples: ["PAY-2026-00003"]),
        "accountId": .uuid(),
        "date": .string("The day the money was received.", format: "date"),
        "amount": .string("More than 0, in `currency`.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "mode": .enumeration(Payment.Mode.self),
        "reference": .string("The bank or cheque reference.", nullable: true),
        "status": .enumeration(Payment.Status.self, "`reversed` payments no longer count for their invoices."),
        "reversedOn": .string(nullable: true, format: "date"),
        "allocations": .array(.ref("Allocation"), "One entry per invoice (a reversed payment keeps them, but they no longer count)."),
        "allocated": .string("The sum of the allocations.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "unallocated": .string("The customer credit the payment still holds: amount − allocated; `0` once reversed.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "ownerId": .uuid("The account's owner."),
        "version": .version,
        "createdAt": .timestamp(),
        "accountName": .referenceName("The account's name"),
        "ownerName": .referenceName("The owner's name"),
    ])
    static let paymentCreate: Schema = .object("A payment received. Unknown fields are refused (422); server-owned fields, `number` and `status` are accepted and ignored.", required: ["accountId", "amount", "currency", "mode"], closed: true, [
        "accountId": .uuid("The paying account, one the caller can see (else 422)."),
        "date": .string("The day the money was received (YYYY-MM-DD); absent or null: today in the company time zone.", nullable: true, format: "date"),
        "amount": .string("More than 0, as a decimal string with at most the currency's decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1234.50"]),
        "currency": .string("The ISO 4217 currency (stored upper-case).", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "mode": .enumeration(Payment.Mode.self),
        "reference": .string("The bank or cheque reference (trimmed), which bank reconciliation matches on; empty or null: none.", nullable: true, maxLength: 200),
        "allocations": .array(.ref("AllocationInput"), "Invoices to allocate the payment to; several entries for one invoice add up. Absent or null: none, the whole amount is the customer's credit.", nullable: true),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "number": .serverOwned,
        "status": Schema().described("Changed only by `POST /payments/{id}/reverse`; accepted and ignored."),
        "accountName": .readName, "ownerName": .readName,
    ])
    static let paymentAllocate: Schema = .object("More allocations of a payment. Unknown fields are refused (422).", required: ["allocations"], closed: true, [
        "allocations": .array(.ref("AllocationInput"), "At least one; in the payment's currency, together at most its unallocated amount.", minItems: 1),
    ])
    static let invoicePayment: Schema = .object("A payment allocated to an invoice and the amount it put on that invoice.", required: ["payment", "allocated"], [
        "payment": .ref("Payment"),
        "allocated": .string("What the payment put on this invoice.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["500.00"]),
    ])
    static let ageingBuckets: Schema = .object("Open balances by days past due on the report's day, in one currency.", required: ["current", "days1to30", "days31to60", "days61to90", "over90", "total"], [
        "current": .string("Not yet due, or due that day.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1000.00"]),
        "days1to30": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "days31to60": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "days61to90": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "over90": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "total": .string("The sum of the buckets.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1000.00"]),
    ])
    static let receivableInvoice: Schema = .object("An invoice open on the report's day.", required: ["invoiceId", "number", "issueDate", "dueDate", "total", "amountPaid", "balance", "daysPastDue"], [
        "invoiceId": .uuid(),
        "number": .string(),
        "issueDate": .string(format: "date"),
        "dueDate": .string(format: "date"),
        "total": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "amountPaid": .string("Paid by payments dated on or before the report's day and not reversed by then.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["500.00"]),
        "balance": .string("total − amountPaid.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["839.29"]),
        "daysPastDue": .integer("The report's day less the due date; 0 or less: not yet overdue."),
    ])
    static let receivableAccount: Schema = .object("One account's open invoices and credit in one currency.", required: ["accountId", "accountName", "currency", "balance", "credit", "buckets", "invoices"], [
        "accountId": .uuid(),
        "accountName": .string(),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "balance": .string("What the account owes: the sum of its invoices' balances.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["839.29"]),
        "credit": .string("The unallocated amount of its posted payments: money it could be refunded or have allocated.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "buckets": .ref("AgeingBuckets"),
        "invoices": .array(.ref("ReceivableInvoice"), "Its open invoices, earliest due first; empty when only credit is listed."),
    ])
    static let receivableTotal: Schema = .object("The totals of one currency.", required: ["currency", "balance", "credit", "buckets"], [
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "balance": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["839.29"]),
        "credit": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["0.00"]),
        "buckets": .ref("AgeingBuckets"),
    ])
    static let receivables: Schema = .object("The receivables ageing as it stood at the end of `asOf`.", required: ["asOf", "accounts", "totals"], [
        "asOf": .string(format: "date"),
        "accounts": .array(.ref("ReceivableAccount"), "One row per account and currency, by account name."),
        "totals": .array(.ref("ReceivableTotal"), "Per currency, by currency code; never summed across currencies."),
    ])
    static let bankLine: Schema = .object("One line of a bank statement. Optional fields are omitted when empty.", required: ["id", "date", "amount", "currency", "reference", "duplicate"], [
        "id": .uuid(),
        "date": .string("The booking date.", format: "date"),
        "amount": .string("Positive for money received, negative for money paid out.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1339.29"]),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "reference": .string("The remittance text or reference, possibly empty.", maxLength: 500),
        "counterparty": .string("The payer (or, for money paid out, the payee).", nullable: true),
        "paymentId": .uuid("The payment the line is matched to; omitted while unmatched.", nullable: true),
        "duplicate": .boolean("true only in an import's answer, for a line imported before and not stored again."),
        "candidatePaymentIds": .array(.uuid(), "On unmatched lines, except in an import's answer: the posted payments the caller may see of the same amount and currency, dated within 30 days and not matched to another line (none for money paid out)."),
    ])
    static let bankStatement: Schema = .object("An imported bank statement with its lines in file order. Optional fields are omitted when empty.", required: ["id", "format", "importedAt", "importedBy", "lines"], [
        "id": .uuid(),
        "format": .enumeration(BankStatement.Format.self),
        "name": .string(nullable: true, maxLength: 200),
        "importedAt": .timestamp(),
        "importedBy": .uuid("The user who imported it."),
        "lines": .array(.ref("BankLine"), "In an import's answer every line read, duplicates included; otherwise the stored lines."),
        "matched": .integer("Only in the answer of reconcile: the lines it matched to recorded payments.", minimum: 0),
        "paymentsCreated": .integer("Only in the answer of reconcile: the lines it recorded as new payments of the invoices their references name.", minimum: 0),
    ])
    static let bankStatementSummary: Schema = .object("An imported statement without its lines.", required: ["id", "format", "importedAt", "lines", "matched"], [
        "id": .uuid(),
        "format": .enumeration(BankStatement.Format.self),
        "name": .string(nullable: true),
        "importedAt": .timestamp(),
        "lines": .integer("How many lines it holds.", minimum: 0),
        "matched": .integer("How many of them are matched to payments.", minimum: 0),
    ])
    static let statementProfile: Schema = .object("How a bank's CSV export reads: the header names of its columns and their formats. Header names are compared case-insensitively.", required: ["name", "delimiter", "dateColumn", "dateFormat", "amountColumn", "decimalComma", "referenceColumn"], [
        "id": .uuid("Omitted on the built-in `Standard` profile, which is used when an import names none.", nullable: true),
        "name": .string(maxLength: 100),
        "delimiter": .values([",", ";", "\t", "|"], "One of `,` `;` tab `|`."),
        "dateColumn": .string(),
        "dateFormat": .enumeration(StatementProfile.DateFormat.self),
        "amountColumn": .string("Amounts are signed: negative for money paid out."),
        "decimalComma": .boolean("true: a comma is the decimal mark and points group thousands; false: the other way round."),
        "referenceColumn": .string(),
        "counterpartyColumn": .string(nullable: true),
        "currencyColumn": .string("Omitted: every line is in the import's `currency`.", nullable: true),
    ])
    static let statementProfileCreate: Schema = .object("A new CSV statement profile. Unknown fields are refused (422); `id` is accepted and ignored.", required: ["name", "dateColumn", "amountColumn", "referenceColumn"], closed: true, [
        "name": .string("Unique, case-insensitively (trimmed, required).", minLength: 1, maxLength: 100),
        "delimiter": .values([",", ";", "\t", "|"], "One of `,` `;` tab `|`; absent or null: `,`.", nullable: true),
        "dateColumn": .string("The header of the booking date column.", minLength: 1, maxLength: 100),
        "dateFormat": .enumeration(StatementProfile.DateFormat.self, "Absent or null: `YYYY-MM-DD`.", nullable: true),
        "amountColumn": .string("The header of the signed amount column.", minLength: 1, maxLength: 100),
        "decimalComma": .boolean("Amounts use a decimal comma; absent or null: false.", nullable: true),
        "referenceColumn": .string("The header of the reference column.", minLength: 1, maxLength: 100),
        "counterpartyColumn": .string("The header of the payer's name; absent or null: none.", nullable: true),
        "currencyColumn": .string("The header of a currency column (its header must then exist); absent or null: every line is in the import's `currency`.", nullable: true),
        "id": .serverOwned,
    ])
    static let lineMatch: Schema = .object("The payment a statement line is. Unknown fields are refused (422).", required: ["paymentId"], closed: true, [
        "paymentId": .uuid("A posted payment the caller can see, of the line's amount and currency, not matched to another line."),
    ])
    static let invoicePage: Schema = .page("Invoice", "A page of invoices and credit notes.")
    static let paymentTermPage: Schema = .page("PaymentTerm", "All payment terms, by days then name (one page).")
    static let paymentPage: Schema = .page("Payment", "A page of payments.")
    static let invoicePaymentPage: Schema = .page("InvoicePayment", "An invoice's payments, by date (one page).")
    static let bankStatementSummaryPage: Schema = .page("BankStatementSummary", "Imported statements, newest first (one page; `nextCursor` is never set).")
    static let statementProfilePage: Schema = .page("StatementProfile", "The `Standard` profile, then the stored ones by name (one page).")

    static let ledgerSchemas: [(name: String, schema: Schema)] = [
        ("OrderLine", orderLine),
        ("InvoiceLine", invoiceLine),
        ("InvoiceStatus", invoiceStatus),
        ("Invoice", invoice),
        ("InvoiceCreate", invoiceCreate),
        ("InvoicePatch", invoicePatch),
        ("OrderLinePart", orderLinePart),
        ("InvoiceFromOrder", invoiceFromOrder),
        ("InvoiceIssue", invoiceIssue),
        ("CreditNoteCreate", creditNoteCreate),
        ("CreditNote", creditNote),
        ("PaymentTerm", paymentTerm),
        ("PaymentTermCreate", paymentTermCreate),
        ("Allocation", allocation),
        ("AllocationInput", allocationInput),
        ("Payment", payment),
        ("PaymentCreate", paymentCreate),
        ("PaymentAllocate", paymentAllocate),
        ("InvoicePayment", invoicePayment),
        ("AgeingBuckets", ageingBuckets),
        ("ReceivableInvoice", receivableInvoice),
        ("ReceivableAccount", receivableAccount),
        ("ReceivableTotal", receivableTotal),
        ("Receivables", receivables),
        ("BankLine", bankLine),
        ("BankStatement", bankStatement),
        ("BankStatementSummary", bankStatementSummary),
        ("StatementProfile", statementProfile),
        ("StatementProfileCreate", statementProfileCreate),
        ("LineMatch", lineMatch),
        ("InvoicePage", invoicePage),
        ("PaymentTermPage", paymentTermPage),
        ("PaymentPage", paymentPage),
        ("InvoicePaymentPage", invoicePaymentPage),
        ("BankStatementSummaryPage", bankStatementSummaryPage),
        ("StatementProfilePage", statementProfilePage),
    ]
}
