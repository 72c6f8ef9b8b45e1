/// The request target as the request log shows it: secrets in the path (the calendar feed's
/// `/calendar/<token>.ics`, any segment shaped like a Furrow secret) and the values of query
/// parameters named like a secret (`token`, `secret`, `password`, `key`, …) become `[redacted]`.
/// Logs are read by more people than the data, and kept longer.
public enum LoggedPath {
    public static let redacted = "[redacted]"
    /// Path prefixes whose next segment is a secret.
    public static let secretPrefixes = ["calendar"]
    /// Query parameters whose name contains one of these (case-insensitive) have their values hidden.
    public static let secretNames = ["token", "secret", "password", "passwd", "key", "auth", "session", "csrf", "signature"]

    public static func text(path: String, query: String?) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in segments.indices where index > 0 {
            let afterSecretPrefix = index == 2 && secretPrefixes.contains(segments[1])
            if afterSecretPrefix || looksLikeSecret(segments[index]) { segments[index] = redactedSegment(segments[index]) }
        }
        var text = segments.joined(separator: "/")
        if let query, !query.isEmpty {
            let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                guard pair.contains("="), isSecretName(name) else { return String(pair) }
                return name + "=" + redacted
            }
            text += "?" + pairs.joined(separator: "&")
        }
        return text
    }

    public static func isSecretName(_ name: String) -> Bool {
        let lowered = (name.removingPercentEncodingIfPossible).lowercased()
        return secretNames.contains { lowered.contains($0) }
    }

    /// A segment of 32 or more URL-safe base64 characters that is not a UUID (a token, not an id).
    public static func looksLikeSecret(_ segment: String) -> Bool {
        let stem = segment.split(separator: ".", maxSplits: 1).first ?? ""
        guard stem.utf8.count >= 32, stem.utf8.count != 36 || stem.filter({ $0 == "-" }).count != 4 else { return false }
        return stem.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// `abc.ics` → `[redacted].ics`: the kind of file stays readable.
    public static func redactedSegment(_ segment: String) -> String {
        guard let dot = segment.lastIndex(of: "."), dot != segment.startIndex else { return redacted }
        return redacted + segment[dot...]
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
