import Foundation

/// The text form of a UUID (`8-4-4-4-12` hex digits), parsed and written without Foundation's
/// formatter: ids are read and written for every row of every list, so this is a hot path.
public enum UUIDText {
    /// Parses upper- or lowercase hex in the canonical 36-character form; nil otherwise.
    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var out: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var failed = false
            withUnsafeMutableBytes(of: &out) { raw in
                var index = 0
                var byte = 0
                while index < 36 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        if bytes[index] != UInt8(ascii: "-") { failed = true; return }
                        index += 1
                        continue
                    }
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { failed = true; return }
                    raw[byte] = high << 4 | low
                    byte += 1
                    index += 2
                }
            }
            return failed ? nil : UUID(uuid: out)
        }
    }

    /// The lowercase canonical form.
    public static func lowercase(_ uuid: UUID) -> String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: uuid.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var at = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    buffer[at] = digits.utf8Start[Int(byte >> 4)]
                    buffer[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
}
