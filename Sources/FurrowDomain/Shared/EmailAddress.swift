/// The one rule for an email address, wherever one comes in (API, web forms, contact imports,
/// users, the settings' sender): the RFC 5321 shape `local@domain` with its lengths (local part
/// at most 64 bytes, domain at most 255, the whole at most 254), and never a control character
/// or white space. An address is written into SMTP commands and mail headers, where a CR or LF
/// would start a command or header of the sender's choosing.
public enum EmailAddress {
    /// Why the text is not an address, or nil when it is one.
    public static func problem(_ text: String) -> String? {
        guard text.utf8.count <= 254 else { return "must be at most 254 characters" }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, !domain.isEmpty else {
            return "is not a valid email address"
        }
        if text.unicodeScalars.contains(where: isForbidden) { return "may not contain control characters or white space" }
        guard local.utf8.count <= 64, domain.utf8.count <= 255 else { return "is not a valid email address" }
        guard isLocalPart(local), isDomain(domain) else { return "is not a valid email address" }
        return nil
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// C0 and C1 controls, DEL, white space, and invisible format characters (bidi overrides…).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
            || scalar.properties.generalCategory == .format
    }

    /// A dot-atom (RFC 5321 §4.1.2) whose atoms may also hold non-ASCII letters (RFC 6531).
    static func isLocalPart(_ local: Substring) -> Bool {
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        let special = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.unicodeScalars.allSatisfy { scalar in
                scalar.value >= 0x80 || special.contains(scalar)
                    || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            }
        }
    }

    /// Two or more labels of letters, digits and inner hyphens, each at most 63 bytes.
    static func isDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.value >= 0x80 ? $0.properties.isAlphabetic || $0.properties.numericType != nil
                    : ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }
}
