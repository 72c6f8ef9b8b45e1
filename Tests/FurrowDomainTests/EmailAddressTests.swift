import FurrowDomain
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("the email rule", arguments: [
        ("ada@example.com", true), ("first.last+tag@sub.example.co.uk", true), ("josé@correo.example", true),
        ("customer\r\nBcc:attacker@evil.example", false), ("a\tb@example.com", false), ("a b@example.com", false), ("a@b@example.com", false),
        ("@example.com", false), ("ada@", false), ("ada@localhost", false), ("a..b@example.com", false), (".a@example.com", false),
        ("ada@-example.com", false), ("ada@exa mple.com", false), ("ada\u{202E}@example.com", false), ("a\u{85}@example.com", false),
        (String(repeating: "a", count: 64) + "@example.com", true), (String(repeating: "a", count: 65) + "@example.com", false),
        ("ada@" + String(repeating: "a", count: 64) + ".com", false),
        (String(repeating: "a", count: 60) + "@" + Array(repeating: String(repeating: "b", count: 60), count: 4).joined(separator: ".") + ".com", false),
    ])
    func emailRule(address: String, valid: Bool) {
        #expect(EmailAddress.isValid(address) == valid)
    }
}
