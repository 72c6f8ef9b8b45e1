import Foundation
import FurrowDomain
import Testing

/// Reading received emails for campaign replies: headers folded or not, encoded words, MIME parts
/// in base64 and quoted-printable, charsets known and unknown, and hostile input refused, never a trap.
@Suite("Inbound messages")
struct InboundMessageTests {
    static func read(_ text: String) throws(InboundMessage.Failure) -> InboundMessage { try InboundMessage.parse(Data(text.utf8)) }

    @Test("a plain reply: sender, the token in the address it went to, the message it answers, subject and text")
    func plain() throws {
        let message = try Self.read("""
            From: "Åsa Lind" <Asa@Tea.example>\r
            To: news+0123456789abcdef0123456789ABCDEF@replies.example, other@example.com\r
            In-Reply-To: <4f7c2a10-0000-4000-8000-000000000001@furrow>\r
            Subject: =?utf-8?B?UmU6IMOFc2Egam9pbnM=?=\r
            Date: Mon, 7 Dec 2026 10:15:00 +0100\r
            \r
            Yes please.\r
            """)
        #expect(message.fromName == "Åsa Lind" && message.fromAddress == "asa@tea.example")
        #expect(message.replyToken == "0123456789abcdef0123456789abcdef")
        #expect(message.answers == ["4f7c2a10-0000-4000-8000-000000000001@furrow"])
        #expect(message.subject == "Re: Åsa joins")
        #expect(message.text.hasPrefix("Yes please."))
        #expect(message.date == Date(timeIntervalSince1970: 1_796_634_900))
    }

    @Test("multipart: the text part (base64 or quoted-printable, Latin-1 or UTF-8) wins over HTML; HTML alone loses its tags")
    func parts() throws {
        let message = try Self.read([
            "From: grower@example.com", "To: news+0123456789abcdef0123456789abcdef@replies.example", "Subject: Re: offer",
            "Content-Type: multipart/alternative; boundary=\"b1\"", "", "--b1", "Content-Type: text/html", "", "<p>HTML</p>", "--b1",
            "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "Gr=FC=DFe, call me=", " soon", "--b1--", "",
        ].joined(separator: "\n"))
        #expect(message.text.hasPrefix("Grüße, call me soon"))
        let html = try Self.read("From: a@example.com\nSubject: x\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                                 + Data("<p>Book &amp; quote</p>".utf8).base64EncodedString() + "\n")
        #expect(html.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Book & quote")
        let unknown = try Self.read("From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=x-martian\n\nhello \u{00E9}\n")
        #expect(unknown.text.hasPrefix("hello"))
    }

    @Test("hostile input is refused or read as far as it goes, never a trap", arguments: [
        "", "no headers at all", "\r\n\r\nbody only", "From: a@example.com\nContent-Type: multipart/mixed\n\n--x\n",
        "From: a@example.com\nContent-Type: multipart/mixed; boundary=\"\"\n\n", "Subject: =?utf-8?B?****?=\nFrom: a@example.com\n\n",
        "Subject: =?\nFrom: =?x?Q?=ZZ?= <a@example.com>\n\n=", "From: a@example.com\nContent-Transfer-Encoding: quoted-printable\n\n=\n=A\n=ZZ",
    ])
    func hostile(text: String) {
        do throws(InboundMessage.Failure) {
            let message = try Self.read(text)
            #expect(message.subject.count <= 300)
        } catch {
            let refusals: [InboundMessage.Failure] = [.malformed("the message is empty"), .malformed("the message has no headers"),
                                                      .malformed("the message has neither From nor To")]
            #expect(refusals.contains(error))
        }
    }

    @Test("deep nesting and a message over 1 MiB are handled: nesting stops, size is refused")
    func limits() throws {
        var nested = "From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for depth in 1...50 { nested += "--b\(depth - 1)\nContent-Type: multipart/mixed; boundary=b\(depth)\n\n" }
        nested += "--b50\nContent-Type: text/plain\n\ndeep\n"
        #expect(try Self.read(nested).text == "")
        #expect(throws: InboundMessage.Failure.tooLarge(InboundMessage.maxBytes)) {
            try InboundMessage.parse(Data(repeating: 65, count: InboundMessage.maxBytes + 1))
        }
    }
}
