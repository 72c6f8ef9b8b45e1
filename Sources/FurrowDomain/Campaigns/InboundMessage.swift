import Foundation

/// A received email (RFC 5322 with MIME), read for what a campaign reply needs: who sent it, the
/// addresses it was sent to (a reply token hides in one), the message ids it answers, the subject
/// and its text. Whatever arrives — malformed MIME, unknown charsets, deep nesting, huge parts —
/// is read as far as it can be or refused with a reason; it never traps.
public struct InboundMessage: Sendable, Equatable {
    public let fromName: String?
    public let fromAddress: String?
    /// To, Cc, Delivered-To and X-Original-To addresses, lower-cased.
    public let recipients: [String]
    /// The ids (without `<>`) of In-Reply-To and References.
    public let answers: [String]
    public let subject: String
    public let date: Date?
    public let text: String

    public enum Failure: Error, Sendable, Equatable {
        case tooLarge(Int)
        case malformed(String)
    }

    public static let maxBytes = 1 << 20

    public static func parse(_ data: Data) throws(Failure) -> InboundMessage {
        guard data.count <= maxBytes else { throw .tooLarge(maxBytes) }
        guard !data.isEmpty else { throw .malformed("the message is empty") }
        // bytes as Latin-1 characters: every byte kept, split and decoded by its own charset later
        let raw = String(decoding: data.map { UInt16($0) }, as: UTF16.self)
        let (headers, body) = split(raw)
        guard !headers.isEmpty else { throw .malformed("the message has no headers") }
        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
        func all(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }
        let from = header("from").map { decodeWords(utf8(ifValid: $0)) }
        let recipients = (all("to") + all("cc") + all("delivered-to") + all("x-original-to")).flatMap(addresses)
        let answers = (all("in-reply-to") + all("references")).flatMap { value in
            value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).compactMap { token -> String? in
                let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        guard from != nil || !recipients.isEmpty else { throw .malformed("the message has neither From nor To") }
        let text = bodyText(headers, body, depth: 0) ?? ""
        let fromAddress = from.flatMap { addresses($0).first }
        var fromName = from.map { value -> String in
            var name = value
            if let open = name.firstIndex(of: "<") { name = String(name[..<open]) }
            return name.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
        }
        if fromName?.isEmpty == true || fromName?.contains("@") == true { fromName = nil }
        return InboundMessage(fromName: fromName.map { String($0.prefix(200)) }, fromAddress: fromAddress, recipients: Array(recipients.prefix(100)),
                              answers: Array(answers.prefix(50)), subject: String((header("subject").map { decodeWords(utf8(ifValid: $0)) } ?? "").prefix(300)),
                              date: header("date").flatMap(date), text: String(text.prefix(20_000)))
    }

    struct Header: Equatable { let name: String, value: String }

    /// The headers (unfolded, names lower-cased) and the body after the first empty line.
    static func split(_ text: String) -> ([Header], String) {
        var headers: [Header] = [], index = text.startIndex, current: (String, String)?
        while index < text.endIndex {
            // "\r\n" is one Character in Swift: a line ends at either
            let end = text[index...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
            var line = text[index..<end]
            if line.hasSuffix("\r") { line = line.dropLast() }
            index = end < text.endIndex ? text.index(after: end) : end
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if let (name, value) = current { current = (name, value + " " + line.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            if let (name, value) = current { headers.append(Header(name: name, value: value)) }
            if let colon = line.firstIndex(of: ":"), headers.count < 500 {
                current = (line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            } else {
                current = nil
            }
        }
        if let (name, value) = current { headers.append(Header(name: name, value: value)) }
        return (headers, index < text.endIndex ? String(text[index...]) : "")
    }

    /// The first text/plain part's text (else an HTML part's, without its tags), decoded.
    static func bodyText(_ headers: [Header], _ body: String, depth: Int) -> String? {
        let type = headers.first { $0.name == "content-type" }?.value ?? "text/plain"
        let (mime, parameters) = contentType(type)
        let encoding = headers.first { $0.name == "content-transfer-encoding" }?.value.lowercased().trimmingCharacters(in: .whitespaces) ?? "7bit"
        if mime.hasPrefix("multipart/") {
            guard depth < 8, let boundary = parameters["boundary"], !boundary.isEmpty else { return nil }
            let parts = body.components(separatedBy: "--" + boundary).dropFirst().prefix(100)
            var html: String?
            for part in parts where !part.hasPrefix("--") {
                let trimmed = part.hasPrefix("\r\n") ? String(part.dropFirst(2)) : part.hasPrefix("\n") ? String(part.dropFirst()) : part
                let (partHeaders, partBody) = split(trimmed)
                let partType = contentType(partHeaders.first { $0.name == "content-type" }?.value ?? "text/plain").0
                if partType == "text/html" { html = html ?? bodyText(partHeaders, partBody, depth: depth + 1); continue }
                if let text = bodyText(partHeaders, partBody, depth: depth + 1) { return text }
            }
            return html
        }
        guard mime == "text/plain" || mime == "text/html" else { return nil }
        let bytes = decode(body, encoding)
        let text = string(bytes, charset: parameters["charset"] ?? "us-ascii")
        return mime == "text/html" ? stripTags(text) : text
    }

    static func contentType(_ value: String) -> (String, [String: String]) {
        let pieces = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            parameters[piece[..<equals].lowercased()] = piece[piece.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        return ((pieces.first ?? "text/plain").lowercased(), parameters)
    }

    /// The bytes of a body written as Latin-1 characters, undone from base64 or quoted-printable.
    static func decode(_ body: String, _ encoding: String) -> [UInt8] {
        let bytes = body.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        switch encoding {
        case "base64":
            let clean = String(decoding: bytes.filter { !($0 == 10 || $0 == 13 || $0 == 32 || $0 == 9) }, as: UTF8.self)
            var padded = clean
            while padded.count % 4 != 0 { padded += "=" }
            return Data(base64Encoded: padded, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? bytes
        case "quoted-printable":
            var output: [UInt8] = [], index = 0
            output.reserveCapacity(bytes.count)
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 2; continue }
                    if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 { index += 3; continue }
                    if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                output.append(byte)
                index += 1
            }
            return output
        default:
            return bytes
        }
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Bytes in a charset; an unknown one is read as UTF-8, bad sequences replaced.
    static func string(_ bytes: [UInt8], charset: String) -> String {
        switch charset.lowercased() {
        case "iso-8859-1", "latin1", "iso-8859-15", "windows-1252", "cp1252":
            return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`) decoded; others left as they are.
    static func decodeWords(_ value: String) -> String {
        var output = "", rest = Substring(value)
        while let start = rest.range(of: "=?") {
            let head = rest[..<start.lowerBound]
            // whitespace between two encoded words is dropped
            if !(output.hasSuffix("\u{0}") && head.allSatisfy(\.isWhitespace)) { output += head }
            output = output.replacingOccurrences(of: "\u{0}", with: "")
            let word = rest[start.upperBound...]
            let pieces = word.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("="), let kind = pieces[1].first?.uppercased() else {
                output += "=?"
                rest = word
                continue
            }
            let charset = String(pieces[0]), text = String(pieces[2])
            let bytes: [UInt8] = kind == "B" ? decode(text, "base64")
                : decode(text.replacingOccurrences(of: "_", with: " "), "quoted-printable")
            output += string(bytes, charset: charset) + "\u{0}"
            rest = pieces[3].dropFirst()
        }
        output += rest
        return output.replacingOccurrences(of: "\u{0}", with: "")
    }

    /// A header read byte for byte, as UTF-8 when its bytes are UTF-8 (RFC 6532 allows raw UTF-8 headers).
    static func utf8(ifValid text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value > 127 }), text.unicodeScalars.allSatisfy({ $0.value < 256 }) else { return text }
        let bytes = text.unicodeScalars.map { UInt8($0.value) }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    /// The addresses in a header value, lower-cased.
    static func addresses(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == ";" }).compactMap { part in
            var text = Substring(part)
            if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") { text = text[text.index(after: open)..<close] }
            let address = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'<>")).lowercased()
            return address.contains("@") && address.count <= 320 && !address.contains(" ") ? address : nil
        }
    }

    static func stripTags(_ html: String) -> String {
        var output = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { output.append(character) }
        }
        return output.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm Z"] {
            formatter.dateFormat = format
            let cleaned = text.components(separatedBy: "(").first?.trimmingCharacters(in: .whitespaces) ?? text
            if let date = formatter.date(from: cleaned) { return date }
        }
        return nil
    }

    /// The reply token in a recipient `local+token@domain`: 32 hex digits.
    public var replyToken: String? {
        for address in recipients {
            guard let plus = address.firstIndex(of: "+"), let at = address.firstIndex(of: "@"), plus < at else { continue }
            let token = address[address.index(after: plus)..<at]
            if token.count == 32, token.allSatisfy({ $0.isHexDigit && $0.isASCII }) { return String(token) }
        }
        return nil
    }
}
