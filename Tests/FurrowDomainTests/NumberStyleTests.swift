import FurrowDomain
import Testing

@Suite("Number styles")
struct NumberStyleTests {
    @Test("amounts are shown grouped in each style")
    func format() {
        #expect(NumberStyle.commaDot.format("1234567.5") == "1,234,567.5")
        #expect(NumberStyle.dotComma.format("-14400.00") == "-14.400,00")
        #expect(NumberStyle.spaceComma.format("14400.00") == "14\u{202F}400,00")
        #expect(NumberStyle.dotComma.format("999.99") == "999,99")
    }

    @Test("what people type reads as the plain decimal, and a typo stays as typed", arguments: [
        (NumberStyle.commaDot, "14,400.00", "14400.00"), (.commaDot, "14400", "14400"), (.commaDot, "1,5", "1,5"),
        (.commaDot, "-1,234,567.5", "-1234567.5"),
        (.dotComma, "14.400,00", "14400.00"), (.dotComma, "14400,5", "14400.5"), (.dotComma, "1.250", "1250"),
        (.dotComma, "1250.00", "1250.00"), (.dotComma, "1.5", "1.5"), (.dotComma, "1.23,4", "1.23,4"), (.dotComma, "1.234.567", "1234567"),
        (.spaceComma, "14 400,00", "14400.00"), (.spaceComma, "14\u{202F}400,00", "14400.00"), (.spaceComma, "1250.00", "1250.00"),
        (.spaceComma, "1.250", "1.250"),
    ])
    func plain(style: NumberStyle, typed: String, plain: String) {
        #expect(style.plain(typed) == plain)
    }

    @Test("the plain form a form is filled in with reads the same in every style")
    func roundTrip() {
        for style in NumberStyle.allCases {
            #expect(style.plain("1250.00") == "1250.00")
            #expect(style.plain(style.format("98765.43")) == "98765.43")
        }
    }
}
