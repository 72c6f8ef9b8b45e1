import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Leads, products and opportunities from CSV rows (SPEC §11): references by the names people
/// have (a channel, a tax rate, a price list, a kind, a stage, a product's SKU), amounts and dates
/// as spreadsheets write them, product lines from the rows that follow an opportunity, and a stage
/// reached through each gate as a move by hand would.
@Suite("Import types")
struct ImportTypesTests {
    static func run(_ world: TestWorld, _ type: ImportType, _ text: String, by principal: Principal? = nil, duplicates: ImportRun.Policy = .skip,
                    mapping extra: [String: String] = [:]) async throws -> ImportReport {
        let data = Data(text.utf8)
        let format = ImportFormat.sniff(data)
        let mapping = type.suggestedMapping(format.columns).merging(extra) { _, new in new }
        do {
            return try await ImportRun(world.env, by: principal ?? world.admin).run(.data(data), format: format,
                                                                                    options: .init(type: type, mapping: mapping, duplicates: duplicates))
        } catch let rejected as ImportRun.Rejected {
            return rejected.report
        }
    }

    @Test("leads: a channel by name, a decimal comma in a semicolon file, the currency column; matched again by email", arguments: TestWorld.engines)
    func leads(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let file = "Topic;First name;Last name;Company;Email;Value;Currency;Source\n"
            + "Cold store;Ann;Lee;Lee Farms;ann@lee.example;1.234,50;GBP;Trade show\nMilk tank;Bo;Ray;Ray Dairy;bo@ray.example;900;;website\n"
        let report = try await Self.run(world, .leads, file)
        #expect(report.stored && report.created == 2, "\(report.rows)")
        let lead = try await LeadService(world.env).get(Lead.ID(try #require(report.rows[0].recordId)), by: world.admin)
        #expect(lead.fields.estimatedValue == Money(minorUnits: 123_450, currency: Currency("GBP")!))
        #expect(lead.fields.companyName == "Lee Farms" && lead.fields.source.channelId != nil)
        let second = try await LeadService(world.env).get(Lead.ID(try #require(report.rows[1].recordId)), by: world.admin)
        #expect(second.fields.estimatedValue?.currency.code == "EUR")
        // the same file again: both match by email; skipped, then updated with a changed topic
        #expect(try await Self.run(world, .leads, file).skipped == 2)
        let changed = try await Self.run(world, .leads, "Topic;Email\nCold store, 2 rooms;ann@lee.example\n", duplicates: .update)
        #expect(changed.updated == 1)
        let updated = try await LeadService(world.env).get(lead.id, by: world.admin)
        #expect(updated.fields.topic == "Cold store, 2 rooms" && updated.fields.companyName == "Lee Farms" && updated.version == 2)
        // a channel nobody has is named with the choices
        let bad = try await Self.run(world, .leads, "Topic,Source\nX,Carrier pigeon\n")
        #expect(!bad.stored && bad.failedRows.first?.errors.first?.field == "channelName")
        #expect(bad.failedRows.first?.errors.first?.message.contains("Trade show") == true)
    }

    @Test("products: a price on a named price list, a tax rate by name, updated by SKU; sales reps may not import them",
          arguments: TestWorld.engines)
    func products(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let old = try await world.makeProduct("Old pump", sku: "PMP-1")
        let list = try await world.makePriceList([old.id: "100.00"])
        let rate = try #require(try await ProductService(world.env).taxRates().first { $0.percent > Micros(value: 0) })
        let file = "SKU,Product,Unit,Type,Price list,Price,VAT\nPMP-1,Pump Mk II,piece,good,\(list.name),\"1,250.00\",\(rate.name)\n"
            + "SRV-9,Yearly service,hour,service,\(list.name),80,\n"
        let first = try await Self.run(world, .products, file)
        #expect(first.skipped == 1 && first.created == 1, "\(first.rows)")
        let report = try await Self.run(world, .products, file, duplicates: .update)
        #expect(report.stored && report.updated == 2, "\(report.rows)")
        let pump = try await ProductService(world.env).product(old.id)
        #expect(pump.name == "Pump Mk II" && pump.unit == "piece" && pump.taxRateId == rate.id && pump.version == 2)
        let priced = try await ProductService(world.env).priceList(list.id)
        #expect(priced.items[old.id] == Micros("1250")! && priced.items.count == 2)
        #expect(priced.items[Product.ID(try #require(report.rows[1].recordId))] == Micros("80")!)
        let seller = try await world.makeUser(.sales)
        await #expect(throws: CoreError.self) { _ = try await Self.run(world, .products, file, by: seller) }
    }

    @Test("opportunities: rows that follow add product lines, the stage is walked to through each gate, a gate that holds refuses the row",
          arguments: TestWorld.engines)
    func opportunities(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await world.makeAccount("Alder Farm")
        _ = try await world.makeContact("Able", email: "ann@alder.example")
        let pump = try await world.makeProduct("Pump", sku: "PMP-1"), hose = try await world.makeProduct("Hose", sku: "HSE-2")
        let list = try await world.makePriceList([pump.id: "500.00", hose.id: "20.00"])
        let file = "Opportunity,Account,Contact,Kind,Stage,Close date,Price list,SKU,Qty\n"
            + "Milking line,Alder Farm,ann@alder.example,Quote-driven,In Negotiation,31.03.2027,\(list.name),PMP-1,2\n"
            + ",,,,,,,HSE-2,10\n"
            + "Second barn,Alder Farm,,Standard sale,,2027-04-30,,,\n"
        let report = try await Self.run(world, .opportunities, file)
        #expect(report.stored && report.created == 3 && report.rows[0].recordId == report.rows[1].recordId, "\(report.rows)")
        let deal = try await OpportunityService(world.env).get(Opportunity.ID(try #require(report.rows[0].recordId)), by: world.admin).opportunity
        #expect(deal.fields.expectedCloseDate == Day(year: 2027, month: 3, day: 31) && deal.fields.contactId != nil)
        #expect(deal.fields.estimatedRevenue == Money(minorUnits: 120_000, currency: Currency("EUR")!))
        let history = try await OpportunityService(world.env).stageHistory(deal.id, by: world.admin)
        #expect(history.count == 2)
        // Standard sale's Develop needs a stakeholder: the row is refused with the gate's words, and nothing is stored
        let gated = try await Self.run(world, .opportunities, "Name,Account,Kind,Stage\nThird barn,Alder Farm,Standard sale,Propose\n")
        #expect(!gated.stored && gated.failedRows.first?.errors.first?.field == "stageName")
        #expect(gated.failedRows.first?.errors.first?.message.contains("Develop on the way to Propose") == true)
        let unknown = try await Self.run(world, .opportunities, "Name,SKU\nX,NOPE-1\n")
        #expect(unknown.failedRows.first?.errors.map(\.field) == ["productSku"])
    }
}
