import Foundation
import FurrowDomain
import FurrowCore
import Hummingbird
import NIOCore

/// A JSON object request body read field by field, so each wrong field is reported by name
/// (422) and malformed JSON is a 400. Unknown fields are refused; server-owned ones are ignored.
public struct JSONBody {
    private let object: [String: JSONValue]
    public var errors: [FieldError] = []

    public static let serverOwned: Set<String> = ["id", "version", "createdAt", "updatedAt", "teamId"]

    /// `emptyIsObject`: an action whose body is optional treats no body as `{}`.
    public init(_ request: Request, context: AppContext, allowed: Set<String>, ignoring: Set<String> = [], emptyIsObject: Bool = false,
                limit: Int? = nil) async throws {
        var request = request
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        let limit = limit ?? context.maxUploadSize
        buffer = try await request.collectBody(upTo: limit, tooLarge: "The request body is larger than \(BodyLimits.text(limit)), the most this JSON body may be.")
        let data = Data(buffer: buffer)
        try self.init(data: data.isEmpty && emptyIsObject ? Data("{}".utf8) : data, allowed: allowed, ignoring: ignoring)
    }

    /// The record a body of one field names (`{"listId": "…"}`): required, a 422 naming the field otherwise.
    public static func id<T>(_ key: String, _: T.Type, of request: Request, context: AppContext) async throws -> Identifier<T> {
        var body = try await JSONBody(request, context: context, allowed: [key])
        body.require(key)
        let id = body.id(key, T.self)
        try body.check()
        guard let id else { throw Problem.validation([FieldError(key, "is required")]) }
        return id
    }

    public init(data: Data, allowed: Set<String>, ignoring: Set<String> = []) throws {
        guard !data.isEmpty else { throw Problem.malformed("The request body is empty; send a JSON object.") }
        guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw Problem.malformed("The request body is not valid JSON.")
        }
        guard case .object(let object) = parsed else { throw Problem.malformed("The request body must be a JSON object.") }
        let withNUL = object.filter { $0.value.containsNUL }.keys.sorted()
        if !withNUL.isEmpty { throw Problem.validation(withNUL.map(FieldError.nul)) }
        self.object = object
        let unknown = Set(object.keys).subtracting(allowed).subtracting(ignoring)
        for field in unknown.sorted() { errors.append(FieldError(field, "is not a known field")) }
    }

    /// A nested object read with the same rules; its field errors are named `key.field`.
    public init(object: [String: JSONValue], allowed: Set<String>, prefix: String) {
        self.object = object
        for field in Set(object.keys).subtracting(allowed).sorted() { errors.append(FieldError(prefix + field, "is not a known field")) }
        self.prefix = prefix
    }

    private var prefix = ""

    public func has(_ key: String) -> Bool { object[key] != nil }

    /// A field as it was sent, for shapes the typed readers do not cover.
    public func raw(_ key: String) -> JSONValue? { object[key] }

    /// A nested object field, or nil when absent or null.
    public mutating func nested(_ key: String, allowed: Set<String>) -> JSONBody? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let inner)?: return JSONBody(object: inner, allowed: allowed, prefix: prefix + key + ".")
        default:
            errors.append(FieldError(prefix + key, "must be an object"))
            return nil
        }
    }

    /// An array of objects, or nil when absent or null.
    public mutating func list(_ key: String, allowed: Set<String>) -> [JSONBody]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            var result: [JSONBody] = []
            for (index, item) in items.enumerated() {
                guard case .object(let inner) = item else {
                    errors.append(FieldError("\(prefix)\(key)[\(index)]", "must be an object"))
                    continue
                }
                result.append(JSONBody(object: inner, allowed: allowed, prefix: "\(prefix)\(key)[\(index)]."))
            }
            return result
        default:
            errors.append(FieldError(prefix + key, "must be an array"))
            return nil
        }
    }

    /// Merges a nested body's errors into this one.
    public mutating func absorb(_ other: JSONBody) { errors.append(contentsOf: other.errors) }

    /// An error on one of this body's fields, named with its place (`items[3].status`).
    public mutating func fail(_ key: String, _ message: String) { errors.append(FieldError(prefix + key, message)) }

    /// An array of strings; absent or null is empty.
    public mutating func strings(_ key: String) -> [String] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    errors.append(FieldError(prefix + key, "must be an array of strings"))
                    return []
                }
                result.append(text)
            }
            return result
        default:
            errors.append(FieldError(prefix + key, "must be an array of strings"))
            return []
        }
    }

    /// A decimal string as exact micros (quantities, rates).
    public mutating func decimal(_ key: String) -> Micros? {
        guard let text = string(key) else { return nil }
        if let value = Micros(text) { return value }
        errors.append(FieldError(prefix + key, "must be a decimal number as a string, e.g. \"12.50\""))
        return nil
    }

    /// An ISO 4217 currency code; present but not a code is an error.
    public mutating func currency(_ key: String) -> Currency? {
        guard let text = string(key) else { return nil }
        if let currency = Currency(text) { return currency }
        errors.append(FieldError(prefix + key, "is not an ISO 4217 currency code"))
        return nil
    }

    /// A money amount (decimal string) in the given currency; more decimals than it has is an error.
    public mutating func money(_ key: String, currency: Currency) -> Money? {
        guard let text = string(key) else { return nil }
        if let value = Money(text, currency: currency) { return value }
        errors.append(FieldError(prefix + key, "must be an amount such as \"1234.50\" with at most \(currency.minorDigits) decimals"))
        return nil
    }

    /// A `YYYY-MM-DD` date in `Bounds.years`; present but not such a date is an error.
    public mutating func day(_ key: String) -> Day? {
        guard let text = string(key) else { return nil }
        if let day = Day(text) { return day }
        errors.append(FieldError(prefix + key, Bounds.dateMessage))
        return nil
    }

    /// An RFC 3339 UTC timestamp in `Bounds.years`; present but not such a time is an error.
    public mutating func timestamp(_ key: String) -> Date? {
        guard let text = string(key) else { return nil }
        guard let date = Timestamp.date(text) else {
            errors.append(FieldError(prefix + key, "must be an RFC 3339 UTC timestamp"))
            return nil
        }
        guard Bounds.contains(date) else {
            errors.append(FieldError(prefix + key, Bounds.timeMessage))
            return nil
        }
        return date
    }

    /// A string field: nil when absent or null; a non-string is a field error.
    public mutating func string(_ key: String) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            errors.append(FieldError(prefix + key, "must be a string"))
            return nil
        }
    }

    public mutating func bool(_ key: String) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default:
            errors.append(FieldError(prefix + key, "must be true or false"))
            return nil
        }
    }

    public mutating func int(_ key: String) -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let number)?: return number
        default:
            errors.append(FieldError(prefix + key, "must be a whole number"))
            return nil
        }
    }

    public mutating func id<T>(_ key: String, _: T.Type = T.self) -> Identifier<T>? {
        guard let text = string(key) else { return nil }
        if let id = Identifier<T>(text) { return id }
        errors.append(FieldError(prefix + key, "must be a UUID"))
        return nil
    }

    public mutating func uuid(_ key: String) -> UUID? {
        guard let text = string(key) else { return nil }
        if let id = UUID(uuidString: text) { return id }
        errors.append(FieldError(prefix + key, "must be a UUID"))
        return nil
    }

    public mutating func enumValue<T: RawRepresentable>(_ key: String, _: T.Type = T.self) -> T? where T.RawValue == String, T: CaseIterable {
        guard let text = string(key) else { return nil }
        if let value = T(rawValue: text) { return value }
        errors.append(FieldError(prefix + key, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
        return nil
    }

    public mutating func require(_ key: String) {
        if object[key] == nil || object[key] == .null { errors.append(FieldError(prefix + key, "is required")) }
    }

    /// A field that may be absent but not null (absent takes the default; null would clear what has none).
    public mutating func refuseNull(_ key: String) {
        if object[key] == .null { errors.append(FieldError(prefix + key, "cannot be null")) }
    }

    /// Throws the collected field errors as one 422 problem.
    public func check() throws {
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}

/// Any JSON value, decoded strictly: `true` is never a number and `1` never a boolean.
public enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    /// Whether a string anywhere inside (keys included) holds U+0000.
    public var containsNUL: Bool {
        switch self {
        case .string(let text): return text.containsNUL
        case .array(let items): return items.contains { $0.containsNUL }
        case .object(let fields): return fields.contains { $0.key.containsNUL || $0.value.containsNUL }
        default: return false
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Int.self) { self = .int(number) }
        else if let number = try? container.decode(Double.self) { self = .double(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let items = try? container.decode([JSONValue].self) { self = .array(items) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

extension Request {
    /// The whole body: over `limit` bytes is a 413; a body that breaks off (the client went away
    /// halfway) is a 400, not mistaken for one too large.
    public mutating func collectBody(upTo limit: Int, tooLarge detail: String) async throws -> ByteBuffer {
        do { return try await collectBody(upTo: limit) } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(.payloadTooLarge, 413, "Payload too large", detail)
        } catch {
            throw Problem.malformed("The request body could not be read to its end.")
        }
    }
}
