import Foundation
import FurrowCore
import Testing

/// The API's encoder against Foundation's: the same JSON for every shape the DTOs use and some
/// they do not (hand-written `encode(to:)`, two container requests, empty values, escapes).
@Suite("Streaming JSON encoder")
struct StreamingJSONEncoderTests {
    struct Line: Codable, Equatable { let sku: String; let quantity: Int; let note: String? }
    struct Record: Codable, Equatable {
        let id: String
        let amount: Int?
        let flag: Bool
        let ratio: Double
        let lines: [Line]
        let grid: [[Int]]
        let tags: [String: String]
        let nested: Line?
        let empty: [String]
    }
    struct Empty: Encodable {}
    /// Asks for its keyed container twice and writes a nested container by hand.
    struct Split: Encodable {
        enum Keys: String, CodingKey { case a, b, inner, list }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .a)
            var inner = first.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode("x", forKey: .a)
            var list = inner.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            try list.encodeNil()
            var second = encoder.container(keyedBy: Keys.self)
            try second.encode(2, forKey: .b)
        }
    }
    struct Wrapped: Encodable { let value: Int; func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(value) } }

    func same<T: Encodable>(_ value: T) throws {
        let ours = try StreamingJSONEncoder().encode(value)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.withoutEscapingSlashes]
        let theirs = try foundation.encode(value)
        // Both parsed and written again with sorted keys: equal text means equal JSON.
        func canonical(_ data: Data) throws -> Data {
            let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        }
        #expect(try canonical(Data(ours)) == canonical(theirs), "\(String(decoding: ours, as: UTF8.self)) ≠ \(String(decoding: theirs, as: UTF8.self))")
    }

    @Test("the same JSON as Foundation's encoder")
    func matchesFoundation() throws {
        let record = Record(id: "a/b \"quoted\" \\ tab\t line\n bell\u{07} é 😀", amount: nil, flag: true, ratio: 2.5,
                            lines: [Line(sku: "P-1", quantity: 3, note: nil), Line(sku: "P-2", quantity: -1, note: "n")],
                            grid: [[1, 2], [], [3]], tags: ["k": "v", "z": ""], nested: Line(sku: "", quantity: 0, note: ""), empty: [])
        try same(record)
        try same([record, record])
        try same(Empty())
        try same([Empty(), Empty()])
        try same(Split())
        try same([Split(), Split()])
        try same(Wrapped(value: 7))
        try same(["a": [Wrapped(value: 1)], "b": []])
        try same("top-level string")
        try same(42)
        try same([1.0, 0.1, -3.0, 1e21, 123456.789])
        try same(Optional<Int>.none)
        try same([Date(timeIntervalSinceReferenceDate: 12.5)])
        try same([URL(string: "https://example.com/a?b=c")!])
        try same([Data([0, 1, 2, 255])])
    }

    @Test("keys come out in the order they are encoded, and the output is compact")
    func order() throws {
        let text = String(decoding: try StreamingJSONEncoder().encode(Line(sku: "S", quantity: 1, note: nil)), as: UTF8.self)
        #expect(text == #"{"sku":"S","quantity":1}"#)
        #expect(String(decoding: try StreamingJSONEncoder().encode(Split()), as: UTF8.self) == #"{"a":1,"inner":{"a":"x","list":[true,null]},"b":2}"#)
    }

    @Test("NaN and infinity are refused")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(["x": Double.infinity]) }
    }
}
