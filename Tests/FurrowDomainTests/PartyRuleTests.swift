import Foundation
import FurrowDomain
import Testing

@Suite("Party rules")
struct PartyRuleTests {
    @Test("normal forms used for duplicates", arguments: [
        ("  Ann@Example.COM ", "ann@example.com"),
    ])
    func email(raw: String, normal: String) {
        #expect(Normalise.email(raw) == normal)
    }

    @Test("phone numbers compare by digits", arguments: [
        ("+44 (0)20 7946-0001", "4402079460001"), ("0044 20 7946 0001", "442079460001"), ("555-1234 ext 12", "5551234"),
    ])
    func phone(raw: String, digits: String) {
        #expect(Normalise.phone(raw) == digits)
    }

    @Test("web domains ignore scheme, www and path", arguments: [
        ("https://www.Acme.example/about", "acme.example"), ("acme.example", "acme.example"), ("http://shop.acme.example:8080", "shop.acme.example"),
    ])
    func domain(raw: String, domain: String) {
        #expect(Normalise.domain(ofWebsite: raw) == domain)
    }

    @Test("names fold case, accents and punctuation")
    func names() {
        #expect(Normalise.name("  Société  Générale, S.A. ") == "societe generale s a")
    }

    @Test("an account needs a name and valid contact details")
    func accountValidation() {
        let bad = AccountFields(name: "  ", email: "not-an-email", phone: "call me", website: "no domain")
        #expect(throws: ValidationError.self) { try bad.validated() }
        do {
            _ = try bad.validated()
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["name", "email", "phone", "website"])
        }
    }

    @Test("valid account fields are trimmed")
    func accountTrim() throws {
        let fields = try AccountFields(name: "  Acme  ", email: " info@acme.example ", industry: "  ").validated()
        #expect(fields.name == "Acme")
        #expect(fields.email == "info@acme.example")
        #expect(fields.industry == nil)
    }

    @Test("a contact needs a last name")
    func contactValidation() {
        #expect(throws: ValidationError.self) { try ContactFields(firstName: "Ann", lastName: "").validated() }
        #expect(throws: Never.self) { try ContactFields(lastName: "Lee", mobile: "+1 555 0100").validated() }
    }

    @Test("an account cannot become its own ancestor")
    func hierarchy() {
        let a = Account.ID(UUID()), b = Account.ID(UUID()), c = Account.ID(UUID())
        #expect(throws: PartyError.hierarchyCycle) { try Hierarchy.checkParent(of: a, ancestorsOfParent: [c, b, a]) }
        #expect(throws: PartyError.hierarchyCycle) { try Hierarchy.checkParent(of: a, ancestorsOfParent: [a]) }
        #expect(throws: Never.self) { try Hierarchy.checkParent(of: a, ancestorsOfParent: [b, c]) }
    }

    @Test("a connection needs a role and two different parties")
    func connection() {
        let id = UUID()
        #expect(throws: ValidationError.self) {
            try Connection.validate(fromType: .account, fromId: id, toType: .account, toId: id, role: "partner of")
        }
        #expect(throws: ValidationError.self) {
            try Connection.validate(fromType: .account, fromId: id, toType: .contact, toId: UUID(), role: " ")
        }
    }

    @Test("the audit diff lists only changed fields, old → new")
    func auditDiff() {
        let changes = AuditDiff.changes(from: ["name": "A", "email": "a@x.example", "phone": "1"], to: ["name": "B", "email": "a@x.example", "website": "w"])
        #expect(changes == [FieldChange(field: "name", old: "A", new: "B"), FieldChange(field: "phone", old: "1", new: nil),
                            FieldChange(field: "website", old: nil, new: "w")])
        #expect(AuditDiff.changes(from: ["name": "A"], to: ["name": "A"]).isEmpty)
    }
}
