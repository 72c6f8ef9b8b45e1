import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Bank statements over the API")
struct BankAPITests {
    @Test("a CSV import flags re-imported lines; reconciling matches payments and pays named invoices; matching by hand", arguments: TestWorld.engines)
    func reconcile(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Reconciled AG")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let a = try await issuedInvoice(api, token: token, account: account.id, amount: "500.00")    // INV-2026-00001
            let b = try await issuedInvoice(api, token: token, account: account.id, amount: "80.00")     // INV-2026-00002
            let recorded = try await api.call(.post, "/api/v1/payments", token: token, json: [
                "accountId": account.id.string, "date": "2026-11-19", "amount": "80.00", "currency": "EUR", "mode": "bankTransfer",
                "allocations": [["invoiceId": b, "amount": "80.00"]]])
            let loose = try await api.call(.post, "/api/v1/payments", token: token, json: [
                "accountId": account.id.string, "date": "2026-11-19", "amount": "33.00", "currency": "EUR", "mode": "cash"])
            let csv = """
                date,amount,reference,counterparty
                2026-11-20,80.00,Payment INV-2026-00002,Reconciled AG
                2026-11-21,300.00,inv-2026-00001 part,Reconciled AG
                2026-11-21,33.00,Unknown transfer,Someone
                2026-11-22,-12.00,Bank fee,Bank

                """
            func upload(_ body: String, type: String = "text/csv", query: String = "") async throws -> API.Reply {
                try await api.call(.post, "/api/v1/bank-statements\(query)", token: token, raw: body, headers: ["Content-Type": type])
            }
            let imported = try await upload(csv, query: "?name=November")
            #expect(imported.status == 201)
            let lines = try #require(imported.json["lines"] as? [[String: Any]])
            #expect(lines.count == 4)
            #expect(lines.allSatisfy { $0["duplicate"] as? Bool == false })
            let again = try await upload(csv + "2026-11-23,5.00,New line,X\n")
            let againLines = try #require(again.json["lines"] as? [[String: Any]])
            #expect(againLines.compactMap { $0["duplicate"] as? Bool } == [true, true, true, true, false])
            #expect(try await upload("date;amount\n", query: "").status == 422)
            #expect(try await upload("{}", type: "application/json").status == 415)

            let statementId = try #require(imported.string("id"))
            let reconciled = try await api.call(.post, "/api/v1/bank-statements/\(statementId)/reconcile", token: token)
            #expect(reconciled.json["matched"] as? Int == 1)
            #expect(reconciled.json["paymentsCreated"] as? Int == 1)
            let result = try #require(reconciled.json["lines"] as? [[String: Any]])
            #expect(result[0]["paymentId"] as? String == recorded.string("id"))
            #expect(result[1]["paymentId"] is String)
            #expect(result[2]["paymentId"] == nil)
            #expect(result[2]["candidatePaymentIds"] as? [String] == [loose.string("id") ?? ""])
            #expect(result[3]["paymentId"] == nil)
            let invoice = try await api.call(.get, "/api/v1/invoices/\(a)", token: token)
            #expect(invoice.string("status") == "partiallyPaid")
            #expect(invoice.string("balance") == "200.00")
            let created = try await api.call(.get, "/api/v1/payments/\(result[1]["paymentId"] as? String ?? "")", token: token)
            #expect(created.string("mode") == "bankTransfer")
            #expect(created.string("date") == "2026-11-21")

            // by hand: the unknown transfer is the cash payment; a second match is refused; unmatch frees it
            let lineId = try #require(result[2]["id"] as? String), feeId = try #require(result[3]["id"] as? String)
            let linePath = "/api/v1/bank-statements/\(statementId)/lines/\(lineId)"
            #expect(try await api.call(.post, "/api/v1/bank-statements/\(statementId)/lines/\(feeId)/match", token: token,
                                       json: ["paymentId": loose.string("id") ?? ""]).type == "amount-mismatch")
            let matched = try await api.call(.post, "\(linePath)/match", token: token, json: ["paymentId": loose.string("id") ?? ""])
            #expect((matched.json["lines"] as? [[String: Any]])?[2]["paymentId"] as? String == loose.string("id"))
            #expect(try await api.call(.post, "\(linePath)/match", token: token, json: ["paymentId": loose.string("id") ?? ""]).type == "line-matched")
            let unmatched = try await api.call(.post, "\(linePath)/unmatch", token: token)
            #expect((unmatched.json["lines"] as? [[String: Any]])?[2].keys.contains("paymentId") == false)
            let list = try await api.call(.get, "/api/v1/bank-statements", token: token)
            #expect(list.items.first?["name"] as? String == nil || list.items.count == 2)
            #expect(list.items.contains { $0["name"] as? String == "November" && $0["matched"] as? Int == 2 && $0["lines"] as? Int == 4 })
        }
    }

    @Test("a saved profile reads another bank's layout; CAMT.053 imports; reversing a matched payment unmatches its line", arguments: TestWorld.engines)
    func profilesAndCamt(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Camt Kunde")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let invoice = try await issuedInvoice(api, token: token, account: account.id, amount: "1234.56")
            let profile = try await api.call(.post, "/api/v1/bank-statement-profiles", token: token, json: [
                "name": "Sparkasse", "delimiter": ";", "dateColumn": "Buchungstag", "dateFormat": "DD.MM.YYYY", "amountColumn": "Betrag",
                "decimalComma": true, "referenceColumn": "Verwendungszweck", "counterpartyColumn": "Name"])
            #expect(profile.status == 201)
            let profileId = try #require(profile.string("id"))
            #expect(try await api.call(.get, "/api/v1/bank-statement-profiles", token: token).items.compactMap { $0["name"] as? String }
                    == ["Standard", "Sparkasse"])
            let csv = "Buchungstag;Betrag;Verwendungszweck;Name\n20.11.2026;1.000,00;INV-2026-00001;Camt Kunde\n"
            let imported = try await api.call(.post, "/api/v1/bank-statements?profileId=\(profileId)", token: token, raw: csv,
                                              headers: ["Content-Type": "text/csv"])
            #expect((imported.json["lines"] as? [[String: Any]])?.first?["amount"] as? String == "1000.00")
            let xml = """
                <?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
                <Ntry><Amt Ccy="EUR">234.56</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-21</Dt></BookgDt>
                <NtryDtls><TxDtls><RmtInf><Ustrd>Rest INV-2026-00001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>
                """
            let camt = try await api.call(.post, "/api/v1/bank-statements", token: token, raw: xml, headers: ["Content-Type": "application/xml"])
            #expect(camt.string("format") == "camt053")
            for statement in [imported, camt] {
                _ = try await api.call(.post, "/api/v1/bank-statements/\(statement.string("id") ?? "")/reconcile", token: token)
            }
            #expect(try await api.call(.get, "/api/v1/invoices/\(invoice)", token: token).string("status") == "paid")
            let statement = try await api.call(.get, "/api/v1/bank-statements/\(camt.string("id") ?? "")", token: token)
            let paymentId = try #require((statement.json["lines"] as? [[String: Any]])?.first?["paymentId"] as? String)
            _ = try await api.call(.post, "/api/v1/payments/\(paymentId)/reverse", token: token)
            let after = try await api.call(.get, "/api/v1/bank-statements/\(camt.string("id") ?? "")", token: token)
            #expect((after.json["lines"] as? [[String: Any]])?.first?.keys.contains("paymentId") == false)
            #expect(try await api.call(.get, "/api/v1/invoices/\(invoice)", token: token).string("balance") == "234.56")
        }
    }
}
