import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

/// A document line with the order line it is (orders) or bills (invoices).
struct LineDTO: Encodable, Sendable {
    let orderLineId: String?
    let productId: String?, description: String, quantity: String, unitPrice: String, discountPercent: String, taxPercent: String
    let taxRateId: String?, subtotal: String, discountTotal: String, taxTotal: String, total: String
    init(_ line: InvoiceLine, currency: Currency) {
        let base = QuoteDTO.Line(line.line, currency: currency)
        orderLineId = line.orderLine.map(String.init); productId = base.productId; description = base.description; quantity = base.quantity
        unitPrice = base.unitPrice; discountPercent = base.discountPercent; taxPercent = base.taxPercent; taxRateId = base.taxRateId
        subtotal = base.subtotal; discountTotal = base.discountTotal; taxTotal = base.taxTotal; total = base.total
    }
}

struct InvoiceDTO: Encodable, Sendable {
    let id: String, kind: String, number: String?, status: String, orderId: String?, accountId: String, contactId: String?
    let opportunityId: String?, relatedInvoiceId: String?, currency: String, lines: [LineDTO], paymentTermId: String?
    let issueDate: String?, dueDate: String?, cancelledOn: String?, subtotal: String, discountTotal: String, taxTotal: String, total: String
    let amountPaid: String, balance: String, notes: String?, ownerId: String, version: Int, createdAt: String, updatedAt: String
    let accountName: String?, contactName: String?, ownerName: String?

    init(_ i: Invoice) {
        id = i.id.string; kind = i.kind.rawValue; number = i.number; status = i.status.rawValue; orderId = i.orderId?.string
        accountId = i.accountId.string; contactId = i.contactId?.string; opportunityId = i.opportunityId?.string
        relatedInvoiceId = i.relatedInvoiceId?.string; currency = i.currency.code; lines = i.lines.map { LineDTO($0, currency: i.currency) }
        paymentTermId = i.paymentTermId?.string; issueDate = i.issueDate?.description; dueDate = i.dueDate?.description
        cancelledOn = i.cancelledOn?.description
        let totals = i.totals
        subtotal = totals.subtotal.decimalString; discountTotal = totals.discountTotal.decimalString; taxTotal = totals.taxTotal.decimalString
        total = totals.total.decimalString; amountPaid = i.amountPaid.decimalString; balance = i.balance.decimalString; notes = i.notes
        ownerId = i.ownership.ownerId.string; version = i.version; createdAt = Timestamp.string(i.createdAt); updatedAt = Timestamp.string(i.updatedAt)
        accountName = i.names["accountName"]; contactName = i.names["contactName"]; ownerName = i.names["ownerName"]
    }
}

struct PaymentDTO: Encodable, Sendable {
    struct AllocationDTO: Encodable, Sendable {
        let invoiceId: String, amount: String
    }
    let id: String, number: String, accountId: String, date: String, amount: String, currency: String, mode: String, reference: String?
    let status: String, reversedOn: String?, allocations: [AllocationDTO], allocated: String, unallocated: String
    let ownerId: String, version: Int, createdAt: String
    let accountName: String?, ownerName: String?

    init(_ p: Payment) {
        id = p.id.string; number = p.number; accountId = p.accountId.string; date = p.date.description; amount = p.amount.decimalString
        currency = p.amount.currency.code; mode = p.mode.rawValue; reference = p.reference; status = p.status.rawValue
        reversedOn = p.reversedOn?.description
        allocations = p.allocations.map { AllocationDTO(invoiceId: $0.invoiceId.string, amount: $0.amount.decimalString) }
        allocated = p.allocated.decimalString; unallocated = p.unallocated.decimalString
        ownerId = p.ownership.ownerId.string; version = p.version; createdAt = Timestamp.string(p.createdAt)
        accountName = p.names["accountName"]; ownerName = p.names["ownerName"]
    }
}

struct InvoicePaymentDTO: Encodable, Sendable {
    let payment: PaymentDTO, allocated: String
}

struct PaymentTermDTO: Encodable, Sendable {
    let id: String, name: String, days: Int, active: Bool
    init(_ t: PaymentTerm) { id = t.id.string; name = t.name; days = t.days; active = t.active }
}

struct BucketsDTO: Encodable, Sendable {
    let current: String, days1to30: String, days31to60: String, days61to90: String, over90: String, total: String
    init(_ b: ReceivablesService.Buckets, _ currency: Currency) {
        func m(_ v: Int128) -> String { Money.decimalString(v, currency: currency) }
        current = m(b.current); days1to30 = m(b.days1to30); days31to60 = m(b.days31to60); days61to90 = m(b.days61to90)
        over90 = m(b.over90); total = m(b.total)
    }
}

struct ReceivablesDTO: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let invoiceId: String, number: String, issueDate: String, dueDate: String, total: String, amountPaid: String, balance: String
        let daysPastDue: Int
    }
    struct AccountRow: Encodable, Sendable {
        let accountId: String, accountName: String, currency: String, balance: String, credit: String, buckets: BucketsDTO, invoices: [Item]
    }
    struct Total: Encodable, Sendable {
        let currency: String, balance: String, credit: String, buckets: BucketsDTO
    }
    let asOf: String, accounts: [AccountRow], totals: [Total]

    init(_ r: ReceivablesService.Report) {
        asOf = r.asOf.description
        accounts = r.accounts.map { a in
            func m<T: BinaryInteger>(_ v: T) -> String { Money.decimalString(Int128(v), currency: a.currency) }
            return AccountRow(accountId: a.accountId.string, accountName: a.accountName, currency: a.currency.code, balance: m(a.buckets.total),
                              credit: a.credit.decimalString, buckets: BucketsDTO(a.buckets, a.currency),
                              invoices: a.items.map { Item(invoiceId: $0.row.invoiceId.string, number: $0.row.number, issueDate: $0.row.issueDate.description,
                                                           dueDate: $0.row.dueDate.description, total: m($0.row.total), amountPaid: m($0.row.paid),
                                                           balance: m($0.balance), daysPastDue: $0.daysPastDue) })
        }
        let currencies = Set(r.totals.keys).union(r.credits.keys).sorted { $0.code < $1.code }
        totals = currencies.map { c in
            let b = r.totals[c] ?? ReceivablesService.Buckets()
            return Total(currency: c.code, balance: Money.decimalString(b.total, currency: c),
                         credit: Money.decimalString(r.credits[c] ?? 0, currency: c), buckets: BucketsDTO(b, c))
        }
    }
}

struct BankLineDTO: Encodable, Sendable {
    let id: String, date: String, amount: String, currency: String, reference: String, counterparty: String?, paymentId: String?
    let duplicate: Bool, candidatePaymentIds: [String]?
    init(_ l: BankLine, candidates: [Payment]? = nil) {
        id = l.id.string; date = l.date.description; amount = l.amount.decimalString; currency = l.amount.currency.code; reference = l.reference
        counterparty = l.counterparty; paymentId = l.paymentId?.string; duplicate = l.duplicate; candidatePaymentIds = candidates?.map(\.id.string)
    }
}

struct StatementDTO: Encodable, Sendable {
    let id: String, format: String, name: String?, importedAt: String, importedBy: String, lines: [BankLineDTO]
    let matched: Int?, paymentsCreated: Int?
    init(_ s: BankStatement, lines: [BankLineDTO]? = nil, matched: Int? = nil, created: Int? = nil) {
        id = s.id.string; format = s.format.rawValue; name = s.name; importedAt = Timestamp.string(s.importedAt); importedBy = s.importedBy.string
        self.lines = lines ?? s.lines.map { BankLineDTO($0) }; self.matched = matched; paymentsCreated = created
    }
}

struct StatementSummaryDTO: Encodable, Sendable {
    let id: String, format: String, name: String?, importedAt: String, lines: Int, matched: Int
    init(_ s: StatementSummary) {
        id = s.id.string; format = s.format.rawValue; name = s.name; importedAt = Timestamp.string(s.importedAt); lines = s.lines; matched = s.matched
    }
}

struct ProfileDTO: Encodable, Sendable {
    let id: String?, name: String, delimiter: String, dateColumn: String, dateFormat: String, amountColumn: String, decimalComma: Bool
    let referenceColumn: String, counterpartyColumn: String?, currencyColumn: String?
    init(_ p: StatementProfile) {
        id = p.id?.string; name = p.name; delimiter = String(p.delimiter); dateColumn = p.dateColumn; dateFormat = p.dateFormat.rawValue
        amountColumn = p.amountColumn; decimalComma = p.decimalComma; referenceColumn = p.referenceColumn
        counterpartyColumn = p.counterpartyColumn; currencyColumn = p.currencyColumn
    }
}
