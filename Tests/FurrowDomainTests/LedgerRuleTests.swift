import Foundation
import FurrowDomain
import Testing

@Suite("Ledger rules: days, statements, allocations")
struct LedgerRuleTests {
    let eur = Currency("EUR")!

    @Test("days parse strictly, add across months and leap years, and print back")
    func days() throws {
        let day = try #require(Day("2026-11-18"))
        #expect(day.adding(days: 30).description == "2026-12-18")
        #expect(day.adding(days: 60).description == "2027-01-17")
        #expect(Day("2028-02-28")!.adding(days: 1).description == "2028-02-29")
        #expect(Day("2027-02-29") == nil)
        #expect(Day("2026-13-01") == nil)
        #expect(Day("26-11-18") == nil)
        #expect(Day("1970-01-01")!.ordinal == 0)
    }

    @Test("the default CSV profile reads quoted fields, signs and every bad row with its line number")
    func csv() throws {
        let text = "date,amount,reference,counterparty\r\n2026-11-20,1200.00,\"INV-2026-00001, part\",\"Acme \"\"North\"\"\"\n2026-11-21,-35.10,Bank fee,\n"
        let entries = try StatementParser.csv(text, profile: .standard, currency: eur)
        #expect(entries.count == 2)
        #expect(entries[0].reference == "INV-2026-00001, part")
        #expect(entries[0].counterparty == "Acme \"North\"")
        #expect(entries[0].amount == Money(minorUnits: 120_000, currency: eur))
        #expect(entries[1].amount.minorUnits == -3510)
        #expect(entries[1].counterparty == nil)
        let error = #expect(throws: LedgerError.self) {
            try StatementParser.csv("date,amount,reference\n2026-11-40,1.00,x\n2026-11-20,abc,y\n", profile: .standard, currency: eur)
        }
        #expect(error == .badStatement([FieldError("lines[2]", "has no valid date (YYYY-MM-DD)"), FieldError("lines[3]", "has no valid amount")]))
        #expect(throws: LedgerError.self) { try StatementParser.csv("when,value\n", profile: .standard, currency: eur) }
        let nul = #expect(throws: LedgerError.self) {
            try StatementParser.csv("date,amount,reference\n2026-11-20,1.00,ok\n2026-11-21,2.00,ref\u{0}x\n", profile: .standard, currency: eur)
        }
        #expect(nul == .badStatement([FieldError("lines[3]", "may not contain the NUL character (U+0000)")]))
    }

    @Test("a saved profile reads semicolons, day-first dates and decimal commas")
    func profile() throws {
        let profile = StatementProfile(name: "Bank", delimiter: ";", dateColumn: "Buchungstag", dateFormat: .dotted, amountColumn: "Betrag",
                                       decimalComma: true, referenceColumn: "Verwendungszweck", counterpartyColumn: "Name")
        let entries = try StatementParser.csv("Buchungstag;Betrag;Verwendungszweck;Name\n20.11.2026;1.234,56;INV-2026-00002;Müller GmbH\n",
                                              profile: profile, currency: eur)
        #expect(entries == [StatementEntry(date: Day("2026-11-20")!, amount: Money(minorUnits: 123_456, currency: eur),
                                           reference: "INV-2026-00002", counterparty: "Müller GmbH")])
    }

    @Test("CAMT.053 entries give signed amounts, booking dates, remittance text and the other party")
    func camt() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>1</Id>
            <Ntry><Amt Ccy="EUR">500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>
              <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Acme &amp; Sons</Nm></Dbtr></RltdPties><RmtInf><Ustrd>INV-2026-00001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            <Ntry><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-21</Dt></BookgDt>
              <NtryDtls><TxDtls><Refs><EndToEndId>FEE-11</EndToEndId></Refs><RltdPties><Cdtr><Nm>Bank</Nm></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>
            </Stmt></BkToCstmrStmt></Document>
            """
        let entries = try StatementParser.camt053(Data(xml.utf8))
        #expect(entries.count == 2)
        #expect(entries[0] == StatementEntry(date: Day("2026-11-20")!, amount: Money(minorUnits: 50_000, currency: eur),
                                             reference: "INV-2026-00001", counterparty: "Acme & Sons"))
        #expect(entries[1].amount.minorUnits == -1200)
        #expect(entries[1].reference == "FEE-11")
        #expect(entries[1].counterparty == "Bank")
        #expect(throws: LedgerError.self) { try StatementParser.camt053(Data("<html><body/></html>".utf8)) }
        #expect(throws: LedgerError.self) { try StatementParser.camt053(Data("not xml".utf8)) }
    }

    func invoice(_ total: Int64, paid: Int64 = 0, status: InvoiceStatus = .issued, account: Account.ID) -> Invoice {
        Invoice(id: Invoice.ID(UUID()), number: "INV-2026-00001", status: status, orderId: nil, accountId: account, contactId: nil, opportunityId: nil,
                currency: eur, lines: [InvoiceLine(QuoteLine(productId: nil, description: "x", quantity: Micros("1")!, unitPrice: Micros(value: total * 10_000)))],
                paymentTermId: nil, amountPaid: Money(minorUnits: paid, currency: eur),
                ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date(), updatedAt: Date())
    }

    @Test("allocations are refused beyond a balance, beyond the payment, across currencies and to closed invoices")
    func allocations() throws {
        let account = Account.ID(UUID())
        let open = invoice(10_000, paid: 4_000, status: .partiallyPaid, account: account)
        let other = invoice(5_000, account: account)
        let payment = Payment(id: Payment.ID(UUID()), number: "PAY-2026-00001", accountId: account, date: Day("2026-11-20")!,
                              amount: Money(minorUnits: 8_000, currency: eur), mode: .cash, reference: nil,
                              ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date())
        let invoices = [open.id: open, other.id: other]
        func allocation(_ id: Invoice.ID, _ minor: Int64, _ currency: Currency? = nil) -> Allocation {
            Allocation(invoiceId: id, amount: Money(minorUnits: minor, currency: currency ?? eur))
        }
        try payment.check([allocation(open.id, 6_000), allocation(other.id, 2_000)], against: invoices)
        #expect(throws: LedgerError.overAllocation) { try payment.check([allocation(open.id, 6_001)], against: invoices) }
        #expect(throws: LedgerError.overAllocation) { try payment.check([allocation(open.id, 3_000), allocation(open.id, 3_001)], against: invoices) }
        #expect(throws: LedgerError.overAllocation) { try payment.check([allocation(open.id, 6_000), allocation(other.id, 2_001)], against: invoices) }
        #expect(throws: LedgerError.currencyMismatch) { try payment.check([allocation(open.id, 100, Currency("USD")!)], against: invoices) }
        #expect(throws: LedgerError.notPositive) { try payment.check([allocation(open.id, 0)], against: invoices) }
        let paid = invoice(5_000, paid: 5_000, status: .paid, account: account)
        #expect(throws: LedgerError.invoiceNotOpen) { try payment.check([allocation(paid.id, 1)], against: [paid.id: paid]) }
        let foreign = invoice(5_000, account: Account.ID(UUID()))
        #expect(throws: LedgerError.otherAccount) { try payment.check([allocation(foreign.id, 1)], against: [foreign.id: foreign]) }
    }

    @Test("an invoice's status follows what is paid")
    func derivedStatus() {
        let total = Money(minorUnits: 100, currency: eur)
        #expect(InvoiceStatus.derived(total: total, paid: Money(minorUnits: 0, currency: eur)) == .issued)
        #expect(InvoiceStatus.derived(total: total, paid: Money(minorUnits: 1, currency: eur)) == .partiallyPaid)
        #expect(InvoiceStatus.derived(total: total, paid: total) == .paid)
    }

    @Test("a statement line matches a payment by amount, a named number and a ±7-day window")
    func matching() {
        let payment = Payment(id: Payment.ID(UUID()), number: "PAY-2026-00004", accountId: Account.ID(UUID()), date: Day("2026-11-20")!,
                              amount: Money(minorUnits: 5_000, currency: eur), mode: .bankTransfer, reference: "PO 7781",
                              ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date())
        func line(_ reference: String, _ day: String = "2026-11-22", _ minor: Int64 = 5_000) -> BankLine {
            BankLine(id: BankLine.ID(UUID()), date: Day(day)!, amount: Money(minorUnits: minor, currency: eur), reference: reference, counterparty: nil)
        }
        #expect(line("pay-2026-00004 thanks").matches(payment, invoiceNumbers: []))
        #expect(line("Invoice INV-2026-00009").matches(payment, invoiceNumbers: ["INV-2026-00009"]))
        #expect(line("our po 7781").matches(payment, invoiceNumbers: []))
        #expect(!line("INV-2026-00009", "2026-11-28").matches(payment, invoiceNumbers: ["INV-2026-00009"]))
        #expect(line("INV-2026-00009", "2026-11-27").matches(payment, invoiceNumbers: ["INV-2026-00009"]))
        #expect(!line("INV-2026-00009", "2026-11-22", 5_001).matches(payment, invoiceNumbers: ["INV-2026-00009"]))
        #expect(!line("something else").matches(payment, invoiceNumbers: ["INV-2026-00009"]))
    }
}
