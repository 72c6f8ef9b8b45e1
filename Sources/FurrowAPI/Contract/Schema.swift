import FurrowHTTP
/// A JSON Schema (the 2020-12 dialect OpenAPI 3.1 uses), as the API declares the shape of a
/// body, an answer or a parameter. Only what the API's documents need: the OpenAPI target turns
/// it into the document, and the contract tests hold each DTO's encoded keys to its properties.
public struct Schema: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case string, integer, number, boolean, object, array, null }

    public var types: [Kind] = []
    /// The name of a component schema this one stands for (`$ref`).
    public var ref: String?
    public var description: String?
    public var format: String?
    public var pattern: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minimum: Int?
    public var maximum: Int?
    public var minItems: Int?
    public var maxItems: Int?
    public var uniqueItems: Bool?
    public var writeOnly: Bool?
    /// The allowed values; `nil` inside stands for JSON `null`.
    public var values: [String?]?
    public var examples: [String]?
    public var defaultValue: Value?
    public var items: [Schema] = []
    public var properties: [Property] = []
    public var required: [String] = []
    /// `false`: a property not listed is refused (request bodies are closed).
    public var additionalProperties: Bool?
    public var anyOf: [Schema] = []

    public struct Property: Sendable, Equatable {
        public let name: String
        public let schema: Schema
    }

    /// A `default` value.
    public enum Value: Sendable, Equatable {
        case string(String), integer(Int), boolean(Bool)
    }

    public init(_ types: [Kind] = []) { self.types = types }

    /// Whether `null` is one of its types.
    public var isNullable: Bool { types.contains(.null) }
}

// MARK: - Building schemas

extension Schema {
    /// A reference to the component schema `name`.
    public static func ref(_ name: String) -> Schema { var s = Schema(); s.ref = name; return s }

    public static func string(_ description: String? = nil, nullable: Bool = false, format: String? = nil, pattern: String? = nil,
                              minLength: Int? = nil, maxLength: Int? = nil, examples: [String]? = nil, default value: String? = nil) -> Schema {
        var s = Schema(nullable ? [.string, .null] : [.string])
        s.description = description; s.format = format; s.pattern = pattern
        s.minLength = minLength; s.maxLength = maxLength; s.examples = examples
        s.defaultValue = value.map(Value.string)
        return s
    }

    public static func integer(_ description: String? = nil, nullable: Bool = false, minimum: Int? = nil, maximum: Int? = nil,
                               default value: Int? = nil) -> Schema {
        var s = Schema(nullable ? [.integer, .null] : [.integer])
        s.description = description; s.minimum = minimum; s.maximum = maximum
        s.defaultValue = value.map(Value.integer)
        return s
    }

    public static func boolean(_ description: String? = nil, nullable: Bool = false, default value: Bool? = nil) -> Schema {
        var s = Schema(nullable ? [.boolean, .null] : [.boolean])
        s.description = description
        s.defaultValue = value.map(Value.boolean)
        return s
    }

    public static func array(_ items: Schema, _ description: String? = nil, nullable: Bool = false, minItems: Int? = nil,
                             maxItems: Int? = nil, uniqueItems: Bool? = nil) -> Schema {
        var s = Schema(nullable ? [.array, .null] : [.array])
        s.items = [items]; s.description = description
        s.minItems = minItems; s.maxItems = maxItems; s.uniqueItems = uniqueItems
        return s
    }

    /// An object with its properties in order. `closed`: other properties are refused.
    public static func object(_ description: String? = nil, required: [String] = [], closed: Bool? = nil,
                              _ properties: KeyValuePairs<String, Schema> = [:]) -> Schema {
        var s = Schema([.object])
        s.description = description; s.required = required; s.additionalProperties = closed.map { !$0 }
        s.properties = properties.map { Property(name: $0.key, schema: $0.value) }
        return s
    }

    /// Only `null`.
    public static var null: Schema { Schema([.null]) }

    /// Any of these schemas.
    public static func anyOf(_ schemas: [Schema], _ description: String? = nil) -> Schema {
        var s = Schema(); s.anyOf = schemas; s.description = description
        return s
    }

    /// A lower-case UUID.
    public static func uuid(_ description: String? = nil, nullable: Bool = false) -> Schema {
        .string(description, nullable: nullable, format: "uuid")
    }

    /// An RFC 3339 UTC timestamp.
    public static func timestamp(_ description: String? = nil, nullable: Bool = false) -> Schema {
        .string(description, nullable: nullable, format: "date-time")
    }

    /// The raw values of a Swift enum, in declaration order: a new case is documented with no other edit.
    public static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type, _ description: String? = nil,
                                                                       nullable: Bool = false) -> Schema where E.RawValue == String {
        .values(type.allCases.map(\.rawValue), description, nullable: nullable)
    }

    /// A string that is one of `values`.
    public static func values(_ values: [String], _ description: String? = nil, nullable: Bool = false) -> Schema {
        var s = Schema(nullable ? [.string, .null] : [.string])
        s.values = values + (nullable ? [nil] : [])
        s.description = description
        return s
    }

    /// A component schema that may also be null.
    public static func nullable(_ name: String, _ description: String? = nil) -> Schema {
        .anyOf([.ref(name), .null], description)
    }

    /// The same schema with this description.
    public func described(_ text: String) -> Schema { var s = self; s.description = text; return s }

    /// The same object with more properties after its own.
    public func adding(_ more: KeyValuePairs<String, Schema>) -> Schema {
        var s = self; s.properties += more.map { Property(name: $0.key, schema: $0.value) }
        return s
    }

    /// The schema of the property `name`, if it has one.
    public func property(_ name: String) -> Schema? { properties.first { $0.name == name }?.schema }
}

extension Schema {
    /// The same schema, changed by `change`.
    public func with(_ change: (inout Schema) -> Void) -> Schema { var s = self; change(&s); return s }
}
