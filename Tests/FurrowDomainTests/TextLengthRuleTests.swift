import FurrowDomain
import Testing

@Suite("Text lengths")
struct TextLengthRuleTests {
    @Test("a text limit counts characters and bytes", arguments: [
        ("a" + String(repeating: "\u{301}", count: 340_000), 200, true), ("a" + String(repeating: "\u{301}", count: 10), 200, false),
        (String(repeating: "é", count: 200), 200, false), (String(repeating: "日", count: 200), 200, false),
        (String(repeating: "😀", count: 200), 200, false), (String(repeating: "x", count: 201), 200, true),
    ])
    func lengths(text: String, limit: Int, tooLong: Bool) {
        var check = Validator()
        _ = check.text("name", text, maxLength: limit)
        #expect(check.errors == (tooLong ? [FieldError("name", "must be at most \(limit) characters")] : []))
        #expect(text.exceeds(maxLength: limit) == tooLong)
    }
}
