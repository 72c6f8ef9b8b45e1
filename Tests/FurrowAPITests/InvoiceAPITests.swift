import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// A confirmed direct order of 10 × 100.00 + 2 × 50.00 at 20 % tax (total 1,320.00), over the API.
func confirmedOrder(_ api: API, token: String, account: Account.ID, tax: TaxRate) async throws -> String {
    let order = try await api.call(.post, "/api/v1/orders", token: token, json: [
        "accountId": account.string, "lines": [
            ["description": "Pump", "quantity": "10", "unitPrice": "100.00", "taxRateId": tax.id.string],
            ["description": "Fitting", "quantity": "2", "unitPrice": "50.00", "taxRateId": tax.id.string]]])
    let id = try #require(order.string("id"))
    #expect(try await api.call(.post, "/api/v1/orders/\(id)/confirm", token: token).string("status") == "confirmed")
    return id
}

@Suite("Invoices over the API")
struct InvoiceAPITests {
    @Test("partial invoices never exceed the order; issuing numbers, dates and freezes; a credit note cancels", arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Invoiced Ltd")
        let tax = try await world.taxRate("Standard 20 %")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let draftOrder = try await api.call(.post, "/api/v1/orders", token: token, json: ["accountId": account.id.string, "lines": []])
            #expect(try await api.call(.post, "/api/v1/orders/\(draftOrder.string("id") ?? "")/invoice", token: token).type == "order-not-invoiceable")
            let order = try await confirmedOrder(api, token: token, account: account.id, tax: tax)

            // a partial invoice: 4 of the 10 pumps, on net 15
            let first = try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token, json: [
                "lines": [["orderLineId": "1", "quantity": "4"]], "paymentTermId": "8d000000-0000-4000-8000-000000000002"])
            #expect(first.status == 201)
            #expect(first.string("status") == "draft")
            #expect(first.json["number"] == nil)
            #expect(first.string("total") == "480.00")
            let over = try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token, json: ["lines": [["orderLineId": "1", "quantity": "7"]]])
            #expect(over.status == 422)
            #expect(over.type == "over-invoicing")
            #expect(try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token,
                                       json: ["lines": [["orderLineId": "3", "quantity": "1"]]]).status == 422)

            // issuing gives the first number, the date and the due date from the terms; then it is frozen
            let firstId = try #require(first.string("id"))
            let issued = try await api.call(.post, "/api/v1/invoices/\(firstId)/issue", token: token)
            #expect(issued.string("number") == "INV-2026-00001")
            #expect(issued.string("status") == "issued")
            #expect(issued.string("issueDate") == "2026-11-18")
            #expect(issued.string("dueDate") == "2026-12-03")
            #expect(issued.string("balance") == "480.00")
            #expect(try await api.call(.patch, "/api/v1/invoices/\(firstId)", token: token,
                                       json: ["notes": "late change", "version": issued.json["version"] as? Int ?? 0]).type == "invoice-not-draft")
            #expect(try await api.call(.post, "/api/v1/invoices/\(firstId)/issue", token: token).type == "invoice-not-draft")
            #expect(try await api.call(.delete, "/api/v1/invoices/\(firstId)", token: token).type == "invoice-not-draft")

            // the rest of the order in one invoice; a third finds nothing left
            let rest = try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token)
            #expect(rest.string("total") == "840.00")
            #expect((rest.json["lines"] as? [[String: Any]])?.compactMap { $0["orderLineId"] as? String } == ["1", "2"])
            #expect(try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token).type == "order-fully-invoiced")
            let restId = try #require(rest.string("id"))
            #expect(try await api.call(.post, "/api/v1/invoices/\(restId)/issue", token: token, json: ["issueDate": "2026-11-19"])
                .string("number") == "INV-2026-00002")

            // an invoiced order cannot be cancelled; the PDF is served
            #expect(try await api.call(.post, "/api/v1/orders/\(order)/cancel", token: token).type == "order-invoiced")
            let pdf = try await api.raw(.get, "/api/v1/invoices/\(firstId)/pdf", token: token)
            #expect(pdf.contentType == "application/pdf")
            #expect(pdf.body.starts(with: Data("%PDF".utf8)))

            // a credit note reverses the first invoice and cancels it
            let credit = try await api.call(.post, "/api/v1/invoices/\(firstId)/credit-note", token: token, json: ["reason": "Wrong quantity"])
            #expect(credit.status == 201)
            let note = try #require(credit.json["creditNote"] as? [String: Any]), cancelled = try #require(credit.json["invoice"] as? [String: Any])
            #expect(note["number"] as? String == "CN-2026-00001")
            #expect(note["kind"] as? String == "creditNote")
            #expect(note["total"] as? String == "480.00")
            #expect(cancelled["status"] as? String == "cancelled")
            #expect(cancelled["relatedInvoiceId"] as? String == note["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/invoices/\(firstId)/credit-note", token: token).type == "invoice-not-issued")
            // the cancelled quantity can be invoiced again
            #expect(try await api.call(.post, "/api/v1/orders/\(order)/invoice", token: token).string("total") == "480.00")
            let listed = try await api.call(.get, "/api/v1/invoices?status=issued&sort=number", token: token)
            #expect(listed.items.compactMap { $0["number"] as? String } == ["CN-2026-00001", "INV-2026-00002"])
            let audit = try await api.call(.get, "/api/v1/audit?entity=invoice&id=\(firstId)", token: token)
            #expect(audit.items.compactMap { $0["action"] as? String } == ["invoice.create", "invoice.issue", "invoice.credit"])
        }
    }

    @Test("an invoice from scratch is edited while a draft; a draft can be deleted; sending queues the PDF", arguments: TestWorld.engines)
    func fromScratch(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Scratch plc")
        let contact = try await world.makeContact("Payable", account: account.id, email: "ap@scratch.example")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let invoice = try await api.call(.post, "/api/v1/invoices", token: token, json: [
                "accountId": account.id.string, "contactId": contact.id.string, "lines": [["description": "Consulting", "quantity": "3", "unitPrice": "90"]]])
            #expect(invoice.status == 201)
            #expect(invoice.string("paymentTermId") == "8d000000-0000-4000-8000-000000000003")
            let id = try #require(invoice.string("id"))
            #expect(try await api.call(.post, "/api/v1/invoices/\(id)/send", token: token).type == "invoice-not-issued")
            #expect(try await api.call(.patch, "/api/v1/invoices/\(id)", token: token, json: ["notes": "x"]).status == 428)
            let edited = try await api.call(.patch, "/api/v1/invoices/\(id)", token: token, json: [
                "version": 1, "paymentTermId": "8d000000-0000-4000-8000-000000000001",
                "lines": [["description": "Consulting", "quantity": "4", "unitPrice": "90"]]])
            #expect(edited.string("total") == "360.00")
            #expect(try await api.call(.patch, "/api/v1/invoices/\(id)", token: token, json: ["version": 1, "notes": "stale"]).status == 412)
            let issued = try await api.call(.post, "/api/v1/invoices/\(id)/issue", token: token, json: ["email": true])
            #expect(issued.string("dueDate") == "2026-11-18")
            let outbox = try await api.call(.get, "/api/v1/outbox", token: token)
            #expect(outbox.items.contains { ($0["subject"] as? String)?.hasPrefix("Invoice INV-2026-00001") == true })
            #expect(try await api.call(.post, "/api/v1/invoices/\(id)/send", token: token).status == 202)

            let other = try await api.call(.post, "/api/v1/invoices", token: token, json: [
                "accountId": account.id.string, "lines": [["description": "Mistake", "quantity": "1", "unitPrice": "1"]]])
            let otherId = try #require(other.string("id"))
            #expect(try await api.call(.post, "/api/v1/invoices/\(otherId)/issue", token: token, json: ["issueDate": "2026-02-30"]).status == 422)
            #expect(try await api.call(.delete, "/api/v1/invoices/\(otherId)", token: token).status == 204)
            #expect(try await api.call(.get, "/api/v1/invoices/\(otherId)", token: token).status == 404)
            #expect(try await api.call(.get, "/api/v1/payment-terms", token: token).items.compactMap { $0["days"] as? Int } == [0, 15, 30, 60])
        }
    }
}
