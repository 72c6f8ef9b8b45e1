import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// What an order's page shows: number, status, customer, the quote it came from, its frozen lines
/// and totals, only the steps it allows (`SalesOrder.legalVerbs`: confirm, cancel with a note,
/// track delivery or installation) to a user whose role may change it, the tracking timeline
/// (newest last, with who and when), its invoices, and the forms that invoice the rest of it,
/// whole or line by line.
struct OrderView {
    struct Event { let status: String, statusKey: String, when: String, whenISO: String, who: String, note: String? }
    /// One order line in the partial-invoice form: what was ordered, invoiced, and is left.
    struct PartRow {
        let number: Int, description: String, ordered: String, invoiced: String, remaining: String
        let field: String, fieldId: String, open: Bool
    }

    let id: String
    let number: String
    let status: String
    let statusKey: String
    let facts: [Fact]
    let lines: [QuoteView.LineRow]
    let hasLines: Bool
    let discountTotal: String
    let subtotal: String
    let taxTotal: String
    let total: String
    let canConfirm: Bool
    let canCancel: Bool
    let trackOptions: [RecordParts.Option]
    let canTrack: Bool
    let today: String
    let events: [Event]
    let hasEvents: Bool
    let invoices: [InvoiceRow]
    let hasInvoices: Bool
    let canInvoice: Bool
    let parts: [PartRow]
    let invoiceNote: String?
    let history: [RecordParts.HistoryRow]
    let activities: ActivitySection?
    /// Notes and files on the record, set by its page.
    var recordNotes: NotesSection? = nil

    struct Data {
        var today: String
        var account: String?
        var contact: String?
        var quote: Quote?
        var opportunity: String?
        var catalog: SalesCatalog
        var users: [User.ID: String]
        var events: [TrackingEvent]
        var invoices: [Invoice]
    }

    struct Builder {
        let env: CoreEnvironment
        let principal: Principal

        func load(_ order: SalesOrder) async throws -> Data {
            let settings = try await SettingsService(env).current()
            let parts = RecordParts(env: env)
            var data = Data(today: settings.today(env.clock.now()).description, catalog: try await SalesCatalog.load(env, priceLists: false),
                            users: try await parts.userNames(), events: try await OrderService(env).tracking(order.id, by: principal),
                            invoices: (try? await InvoiceService(env).invoices(ofOrder: order.id, by: principal)) ?? [])
            if let id = order.accountId { data.account = try await parts.accountNames([id])[id] }
            if let id = order.contactId { data.contact = try? await ContactService(env).get(id, by: principal).fields.fullName }
            if let id = order.quoteId { data.quote = try? await QuoteService(env).get(id, by: principal) }
            if let id = order.opportunityId { data.opportunity = try? await OpportunityService(env).get(id, by: principal).opportunity.fields.name }
            return data
        }

        /// Ids in the history shown by name.
        func names(_ order: SalesOrder, _ data: Data) -> [String: String] {
            var names: [String: String] = [:]
            if let id = order.quoteId, let quote = data.quote { names[id.string] = "\(quote.number) revision \(quote.revision)" }
            if let id = order.opportunityId { names[id.string] = data.opportunity }
            if let id = order.contactId { names[id.string] = data.contact }
            return names
        }

        func model(_ order: SalesOrder, _ data: Data, shell: Shell, activities: ActivitySection?) async -> OrderView {
            var facts: [Fact] = [
                .init(label: "Customer", value: data.account ?? "—", href: order.accountId.map { "/accounts/\($0)" }),
                .init(label: "Contact", value: data.contact ?? "—", href: data.contact == nil ? nil : order.contactId.map { "/contacts/\($0)" }),
            ]
            if let id = order.quoteId {
                facts.append(.init(label: "Quote", value: data.quote.map { "\($0.number) revision \($0.revision)" } ?? "(quote)", href: "/quotes/\(id)"))
            }
            if let id = order.opportunityId {
                facts.append(.init(label: "Opportunity", value: data.opportunity ?? "(opportunity)", href: "/opportunities/\(id)"))
            }
            facts += [
                .init(label: "Currency", value: order.currency.code, href: nil),
                .init(label: "Owner", value: data.users[order.ownership.ownerId] ?? "—", href: nil),
                .init(label: "Created", value: shell.format(order.createdAt), href: nil),
                .init(label: "Last changed", value: shell.format(order.updatedAt) + " (version \(order.version))", href: nil),
            ]
            let invoiced = order.invoicedQuantities(data.invoices)
            let uninvoiced = order.uninvoicedQuantities(invoiced)
            let allowed = order.legalVerbs(uninvoiced: uninvoiced)
            let legal = principal.canChange(order.ownership) ? allowed : []
            let tracks = LedgerText.trackable.filter { status in
                OrderStatus.verb(tracking: status).map { legal.contains(SalesOrder.Verb($0)) } ?? false
            }
            let events = data.events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element).map { e in
                Event(status: LedgerText.status(e.status), statusKey: e.status.rawValue, when: shell.format(e.at), whenISO: Timestamp.string(e.at),
                      who: e.actorId.flatMap { data.users[$0] } ?? "System", note: e.note?.nonEmpty)
            }
            let parts = order.lines.enumerated().map { index, line in
                PartRow(number: index + 1, description: line.description, ordered: line.quantity.decimalString,
                        invoiced: invoiced[index].decimalString, remaining: uninvoiced[index].decimalString,
                        field: "part-\(index + 1)", fieldId: "part-\(index + 1)", open: uninvoiced[index].value > 0)
            }
            var note: String?
            if allowed.contains(.invoice) {
                // nothing to explain
            } else if order.status == .cancelled {
                note = "A cancelled order is not invoiced."
            } else if !order.status.isInvoiceable {
                note = "Confirm the order before invoicing it."
            } else if order.accountId == nil {
                note = "An order without a customer account is not invoiced."
            } else {
                note = "Everything on this order is invoiced."
            }
            let totals = order.totals
            let lines = QuoteView.rows(order.lines, order.currency, data.catalog)
            let invoices = data.invoices.sorted { $0.createdAt < $1.createdAt }.map { InvoiceRow($0, account: data.account ?? "") }
            return OrderView(
                id: order.id.string, number: order.number, status: LedgerText.status(order.status), statusKey: order.status.rawValue,
                facts: facts, lines: lines, hasLines: !lines.isEmpty, discountTotal: MoneyText.format(totals.discountTotal),
                subtotal: MoneyText.format(totals.subtotal), taxTotal: MoneyText.format(totals.taxTotal), total: MoneyText.format(totals.total),
                canConfirm: legal.contains(.confirm), canCancel: legal.contains(.cancel),
                trackOptions: tracks.map { RecordParts.Option(value: $0.rawValue, label: LedgerText.status($0)) },
                canTrack: !tracks.isEmpty, today: data.today, events: events, hasEvents: !events.isEmpty,
                invoices: invoices, hasInvoices: !invoices.isEmpty,
                canInvoice: principal.canWriteRecords && allowed.contains(.invoice), parts: parts, invoiceNote: note,
                history: await RecordParts(env: env).historyIfKnown("order", order.id.uuid, by: principal, shell: shell, names: names(order, data)),
                activities: activities)
        }
    }
}
