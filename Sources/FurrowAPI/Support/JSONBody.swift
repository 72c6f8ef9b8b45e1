import Foundation
import FurrowDomain
import Hummingbird
import NIOCore

/// A JSON object request body read field by field, so each wrong field is reported by name
/// (422) and malformed JSON is a 400. Unknown fields are refused; server-owned ones are ignored.
public struct JSONBody {
    private let object: [String: JSONValue]
    private(set) var errors: [FieldError] = []

    public static let serverOwned: Set<String> = ["id", "version", "createdAt", "updatedAt", "teamId"]

    public init(_ request: Request, context: AppContext, allowed: Set<String>, ignoring: Set<String> = []) async throws {
        var request = request
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem("unsupported-media-type", 415, "Unsupported media type", "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
            throw Problem("payload-too-large", 413, "Payload too large", "The request body is larger than \(context.maxUploadSize) bytes.")
        }
        try self.init(data: Data(buffer: buffer), allowed: allowed, ignoring: ignoring)
    }

    public init(data: Data, allowed: Set<String>, ignoring: Set<String> = []) throws {
        guard !data.isEmpty else { throw Problem.malformed("The request body is empty; send a JSON object.") }
        guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw Problem.malformed("The request body is not valid JSON.")
        }
        guard case .object(let object) = parsed else { throw Problem.malformed("The request body must be a JSON object.") }
        self.object = object
        let unknown = Set(object.keys).subtracting(allowed).subtracting(ignoring)
        for field in unknown.sorted() { errors.append(FieldError(field, "is not a known field")) }
    }

    public func has(_ key: String) -> Bool { object[key] != nil }

    /// A string field: nil when absent or null; a non-string is a field error.
    public mutating func string(_ key: String) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            errors.append(FieldError(key, "must be a string"))
            return nil
        }
    }

    public mutating func bool(_ key: String) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default:
            errors.append(FieldError(key, "must be true or false"))
            return nil
        }
    }

    public mutating func int(_ key: String) -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let number)?: return number
        default:
            errors.append(FieldError(key, "must be a whole number"))
            return nil
        }
    }

    public mutating func id<T>(_ key: String, _: T.Type = T.self) -> Identifier<T>? {
        guard let text = string(key) else { return nil }
        if let id = Identifier<T>(text) { return id }
        errors.append(FieldError(key, "must be a UUID"))
        return nil
    }

    public mutating func uuid(_ key: String) -> UUID? {
        guard let text = string(key) else { return nil }
        if let id = UUID(uuidString: text) { return id }
        errors.append(FieldError(key, "must be a UUID"))
        return nil
    }

    public mutating func enumValue<T: RawRepresentable>(_ key: String, _: T.Type = T.self) -> T? where T.RawValue == String, T: CaseIterable {
        guard let text = string(key) else { return nil }
        if let value = T(rawValue: text) { return value }
        errors.append(FieldError(key, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
        return nil
    }

    public mutating func require(_ key: String) {
        if object[key] == nil || object[key] == .null { errors.append(FieldError(key, "is required")) }
    }

    /// Throws the collected field errors as one 422 problem.
    public func check() throws {
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}

/// Any JSON value, decoded strictly: `true` is never a number and `1` never a boolean.
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
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
