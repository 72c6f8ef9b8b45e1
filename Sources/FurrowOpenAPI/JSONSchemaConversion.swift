import FurrowAPI
import OpenAPIKit

extension OpenAPIDocument {
    /// The OpenAPIKit form of a schema. `required` is whether a property must be present, which
    /// OpenAPIKit keeps on the property rather than on its object.
    static func jsonSchema(_ s: Schema, required: Bool = true) -> JSONSchema {
        if let ref = s.ref { return .reference(.component(named: ref), required: required) }
        let nullable = s.isNullable
        let values = s.values.map { $0.map { value in value.map(AnyCodable.init) ?? AnyCodable(nil as String?) } }
        let defaultValue: AnyCodable? = switch s.defaultValue {
        case .string(let v): AnyCodable(v)
        case .integer(let v): AnyCodable(v)
        case .boolean(let v): AnyCodable(v)
        case nil: nil
        }
        let examples = (s.examples ?? []).map(AnyCodable.init)
        let permissions: JSONSchema.Permissions? = s.writeOnly == true ? .writeOnly : nil
        func core<F: OpenAPIFormat>(_ format: F = .unspecified) -> JSONSchema.CoreContext<F> {
            .init(format: format, required: required, nullable: nullable, permissions: permissions,
                  description: s.description, allowedValues: values, defaultValue: defaultValue, examples: examples)
        }
        if !s.anyOf.isEmpty { return .any(of: s.anyOf.map { jsonSchema($0) }, core: core()) }
        switch s.types.first(where: { $0 != .null }) {
        case .string:
            return .string(core(s.format.map { JSONTypeFormat.StringFormat(rawValue: $0) } ?? .unspecified),
                           .init(maxLength: s.maxLength, minLength: s.minLength, pattern: s.pattern))
        case .integer:
            return .integer(core(), .init(maximum: s.maximum.map { ($0, exclusive: false) }, minimum: s.minimum.map { ($0, exclusive: false) }))
        case .number:
            return .number(core(), .init(maximum: s.maximum.map { (Double($0), exclusive: false) },
                                         minimum: s.minimum.map { (Double($0), exclusive: false) }))
        case .boolean:
            return .boolean(core())
        case .array:
            return .array(core(), .init(items: s.items.first.map { jsonSchema($0) }, maxItems: s.maxItems, minItems: s.minItems,
                                        uniqueItems: s.uniqueItems))
        case .object:
            var properties: OrderedDictionary<String, JSONSchema> = [:]
            for property in s.properties {
                properties[property.name] = jsonSchema(property.schema, required: s.required.contains(property.name))
            }
            return .object(core(), .init(properties: properties, additionalProperties: s.additionalProperties.map { .a($0) }))
        case .null, nil:
            return s.types == [.null] ? .null(core()) : .fragment(core())
        }
    }
}
