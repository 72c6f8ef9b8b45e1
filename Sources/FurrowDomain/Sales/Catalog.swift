import Foundation

/// A tax rate of the catalog, as a percentage (SPEC §4).
public struct TaxRate: Sendable, Equatable {
    public typealias ID = Identifier<TaxRate>
    public var id: ID
    public var name: String
    public var percent: Micros
    public var active: Bool

    public init(id: ID, name: String, percent: Micros, active: Bool = true) {
        self.id = id
        self.name = name
        self.percent = percent
        self.active = active
    }
}

/// A product or service; a serialised one (a vehicle, a machine) is a single item that is sold once (rule 10).
public struct Product: Sendable, Equatable {
    public typealias ID = Identifier<Product>
    public enum Kind: String, Sendable, Codable, CaseIterable { case good, service }
    public enum InventoryStatus: String, Sendable, Codable, CaseIterable { case available, sold }

    public var id: ID
    public var sku: String
    public var name: String
    public var shortName: String?
    public var unit: String
    public var type: Kind
    public var unitPrice: Money?
    public var taxRateId: TaxRate.ID?
    public var active: Bool
    public var serialized: Bool
    public var serialNumber: String?
    public var inventoryStatus: InventoryStatus
    public var deactivationDate: Day?
    public var version: Int

    public init(id: ID, sku: String, name: String, shortName: String? = nil, unit: String = "unit", type: Kind = .good,
                unitPrice: Money? = nil, taxRateId: TaxRate.ID? = nil, active: Bool = true, serialized: Bool = false,
                serialNumber: String? = nil, inventoryStatus: InventoryStatus = .available, deactivationDate: Day? = nil, version: Int = 1) {
        self.id = id
        self.sku = sku
        self.name = name
        self.shortName = shortName
        self.unit = unit
        self.type = type
        self.unitPrice = unitPrice
        self.taxRateId = taxRateId
        self.active = active
        self.serialized = serialized
        self.serialNumber = serialNumber
        self.inventoryStatus = inventoryStatus
        self.deactivationDate = deactivationDate
        self.version = version
    }

    public func validated() throws(ValidationError) -> Product {
        var check = Validator()
        var result = self
        result.sku = check.text("sku", sku, required: true, maxLength: 64) ?? ""
        result.name = check.text("name", name, required: true) ?? ""
        result.shortName = check.text("shortName", shortName, maxLength: 60)
        result.unit = check.text("unit", unit, maxLength: 20) ?? "unit"
        result.serialNumber = check.text("serialNumber", serialNumber, maxLength: 100)
        if serialized && result.serialNumber == nil { check.add("serialNumber", "a serialised product needs a serial number") }
        if let price = unitPrice, price.minorUnits < 0 { check.add("unitPrice", "cannot be negative") }
        try check.check()
        return result
    }

    /// Marks a serialised item sold on the given day (rule 10); other products are unaffected.
    public mutating func markSold(on day: Day) {
        guard serialized else { return }
        inventoryStatus = .sold
        deactivationDate = day
        active = false
    }
}

/// A price list: prices in one currency, valid between two dates (rules 79–80).
public struct PriceList: Sendable, Equatable {
    public typealias ID = Identifier<PriceList>
    public var id: ID
    public var name: String
    public var currency: Currency
    public var validFrom: Day
    public var validTo: Day?
    public var items: [Product.ID: Micros]

    public init(id: ID, name: String, currency: Currency, validFrom: Day, validTo: Day? = nil, items: [Product.ID: Micros] = [:]) {
        self.id = id
        self.name = name
        self.currency = currency
        self.validFrom = validFrom
        self.validTo = validTo
        self.items = items
    }

    /// Whether the list prices a document dated `day`: from `validFrom` to `validTo`, both included.
    public func isValid(on day: Day) -> Bool {
        day >= validFrom && (validTo.map { day <= $0 } ?? true)
    }

    public func validated() throws(ValidationError) -> PriceList {
        var check = Validator()
        var result = self
        result.name = check.text("name", name, required: true) ?? ""
        if let validTo, validTo < validFrom { check.add("validTo", "must not be before validFrom") }
        if items.values.contains(where: { $0.value < 0 }) { check.add("items", "prices cannot be negative") }
        try check.check()
        return result
    }
}
