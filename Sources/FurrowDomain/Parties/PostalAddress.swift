import Foundation

/// A postal address as people write it: every part optional, printed as lines on documents.
public struct PostalAddress: Sendable, Equatable, Codable {
    public var street: String?
    public var postcode: String?
    public var city: String?
    public var region: String?
    public var country: String?

    public static let parts = ["street", "postcode", "city", "region", "country"]

    public init(street: String? = nil, postcode: String? = nil, city: String? = nil, region: String? = nil, country: String? = nil) {
        self.street = street
        self.postcode = postcode
        self.city = city
        self.region = region
        self.country = country
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// `["1 Harvest Lane", "LS1 4AP Leeds", "West Yorkshire", "United Kingdom"]`: the street's own
    /// lines, the postcode with the city, the region, the country — leaving out what is empty.
    public var lines: [String] {
        var lines = (street ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let town = [postcode, city].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !town.isEmpty { lines.append(town) }
        for part in [region, country] { if let part, !part.isEmpty { lines.append(part) } }
        return lines
    }

    /// One line: `1 Harvest Lane, LS1 4AP Leeds, United Kingdom`.
    public var oneLine: String { lines.joined(separator: ", ") }

    /// Trimmed, each part checked under `field.part`; nil when every part is empty.
    public func validated(_ field: String, _ check: inout Validator) -> PostalAddress? {
        let result = PostalAddress(street: check.text("\(field).street", street, maxLength: 300),
                                   postcode: check.text("\(field).postcode", postcode, maxLength: 20),
                                   city: check.text("\(field).city", city, maxLength: 100),
                                   region: check.text("\(field).region", region, maxLength: 100),
                                   country: check.text("\(field).country", country, maxLength: 100))
        return result.isEmpty ? nil : result
    }
}
