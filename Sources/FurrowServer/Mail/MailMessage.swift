import Foundation
import FurrowCore
import FurrowDomain

/// An RFC 5322 message with a UTF-8 text body and an optional attachment (MIME multipart/mixed).
enum MailMessage {
    /// Refuses (throws) a header value holding CR or LF, which would end the header and start
    /// another (`Bcc:`) of the sender's choosing.
    static func render(_ email: OutboxEmail, from: String, date: Date) throws -> String {
        let boundary = "furrow-" + UUIDText.lowercase(email.id)
        for value in [from, email.to, email.attachmentName ?? "", email.replyTo ?? "", email.unsubscribeURL ?? ""] where value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw SMTPClient.Failure(description: "refused to write a mail header holding a line break")
        }
        var lines = [
            "From: \(from)", "To: \(email.to)", "Subject: \(encodedWord(email.subject))", "Date: \(rfc5322(date))",
            "Message-ID: <\(UUIDText.lowercase(email.id))@furrow>", "MIME-Version: 1.0",
        ]
        if let replyTo = email.replyTo { lines.append("Reply-To: \(replyTo)") }
        if let url = email.unsubscribeURL {
            // RFC 8058 one-click unsubscribe: a POST to the link unsubscribes without signing in
            lines += ["List-Unsubscribe: <\(url)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", wrapped(Data(email.body.utf8))]
        if let attachment = email.attachment, let name = email.attachmentName {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
            lines += ["--\(boundary)", "Content-Type: application/pdf; name=\"\(name)\"", "Content-Transfer-Encoding: base64",
                      "Content-Disposition: attachment; filename=\"\(name)\"", "", wrapped(attachment), "--\(boundary)--"]
        } else if let html = email.htmlBody {
            lines += ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
            lines += ["--\(boundary)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                      wrapped(Data(html.utf8)), "--\(boundary)--"]
        } else {
            lines += text
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `=?utf-8?B?…?=` when the text is not plain ASCII (RFC 2047).
    static func encodedWord(_ text: String) -> String {
        text.allSatisfy({ $0.isASCII && !$0.isNewline }) ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func wrapped(_ data: Data) -> String {
        let base64 = Array(data.base64EncodedString().utf8)
        var lines: [String] = []
        lines.reserveCapacity(base64.count / 76 + 1)
        var start = 0
        while start < base64.count {
            let end = min(start + 76, base64.count)
            lines.append(String(decoding: base64[start..<end], as: UTF8.self))
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
