import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

struct TaxRateDTO: Encodable, Sendable {
    let id: String, name: String, percent: String, active: Bool
    init(_ t: TaxRate) { id = t.id.string; name = t.name; percent = t.percent.decimalString; active = t.active }
}

struct ProductDTO: Encodable, Sendable {
    let id: String, sku: String, name: String, shortName: String?, unit: String, type: String, unitPrice: String?, currency: String?
    let taxRateId: String?, active: Bool, serialized: Bool, serialNumber: String?, status: String, deactivationDate: String?, version: Int
    init(_ p: Product) {
        id = p.id.string; sku = p.sku; name = p.name; shortName = p.shortName; unit = p.unit; type = p.type.rawValue
        unitPrice = p.unitPrice?.decimalString; currency = p.unitPrice?.currency.code; taxRateId = p.taxRateId?.string; active = p.active
        serialized = p.serialized; serialNumber = p.serialNumber; status = p.inventoryStatus.rawValue; deactivationDate = p.deactivationDate?.description
        version = p.version
    }
}

struct PriceListDTO: Encodable, Sendable {
    struct Item: Encodable, Sendable { let productId: String, unitPrice: String }
    let id: String, name: String, currency: String, validFrom: String, validTo: String?, items: [Item]
    init(_ l: PriceList) {
        id = l.id.string; name = l.name; currency = l.currency.code; validFrom = l.validFrom.description; validTo = l.validTo?.description
        items = l.items.sorted { $0.key < $1.key }.map { Item(productId: $0.key.string, unitPrice: $0.value.decimalString) }
    }
}

struct QuoteDTO: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        let productId: String?, description: String, quantity: String, unitPrice: String, discountPercent: String, taxPercent: String
        let taxRateId: String?, subtotal: String, discountTotal: String, taxTotal: String, total: String

        init(_ line: QuoteLine, currency: Currency) {
            let price = line.price(in: currency)
            productId = line.productId?.string; description = line.description; quantity = line.quantity.decimalString
            unitPrice = line.unitPrice.decimalString; discountPercent = line.discountPercent.decimalString
            taxPercent = line.taxPercent.decimalString; taxRateId = line.taxRateId?.string; subtotal = price.net.decimalString
            discountTotal = price.discount.decimalString; taxTotal = price.tax.decimalString; total = price.total.decimalString
        }
    }
    let id: String, number: String, revision: Int, name: String
    /// The status as read today: `expired` for a sent or negotiated quote past its validity.
    let status: QuoteReading
    let accountId: String?, contactId: String?
    let opportunityId: String, leadId: String?, priceListId: String?, currency: String, date: String, validUntil: String?
    let comments: String?, terms: String?, lines: [Line], subtotal: String, discountTotal: String, taxTotal: String, total: String
    let ownerId: String, teamId: String?, version: Int, createdAt: String, updatedAt: String
    let accountName: String?, contactName: String?, opportunityName: String?, ownerName: String?
    /// The sales order the quote became, once converted.
    var orderId: String?

    init(_ q: Quote, today: Day) {
        id = q.id.string; number = q.number; revision = q.revision; name = q.name
        status = q.reading(on: today)
        accountId = q.accountId?.string; contactId = q.contactId?.string; opportunityId = q.opportunityId.string; leadId = q.leadId?.string
        priceListId = q.priceListId?.string; currency = q.currency.code; date = q.date.description; validUntil = q.validUntil?.description
        comments = q.comments; terms = q.terms
        lines = q.lines.map { Line($0, currency: q.currency) }
        let totals = q.totals
        subtotal = totals.subtotal.decimalString; discountTotal = totals.discountTotal.decimalString
        taxTotal = totals.taxTotal.decimalString; total = totals.total.decimalString
        ownerId = q.ownership.ownerId.string; teamId = q.ownership.teamId?.string; version = q.version
        createdAt = Timestamp.string(q.createdAt); updatedAt = Timestamp.string(q.updatedAt)
        accountName = q.names["accountName"]; contactName = q.names["contactName"]; opportunityName = q.names["opportunityName"]
        ownerName = q.names["ownerName"]
    }
}

/// An outbox email as users see it: no body or attachment bytes, just what and how it went.
struct EmailDTO: Encodable, Sendable {
    let id: String, to: String, subject: String, attachmentName: String?, status: String, attempts: Int, lastError: String?
    let nextAttemptAt: String, createdAt: String, sentAt: String?, relatedEntity: String?, relatedId: String?
    init(_ e: OutboxEmail) {
        id = UUIDText.lowercase(e.id); to = e.to; subject = e.subject; attachmentName = e.attachmentName; status = e.status.rawValue
        attempts = e.attempts; lastError = e.lastError; nextAttemptAt = Timestamp.string(e.nextAttemptAt); createdAt = Timestamp.string(e.createdAt)
        sentAt = e.sentAt.map(Timestamp.string); relatedEntity = e.relatedEntity; relatedId = e.relatedId?.uuidString.lowercased()
    }
}
