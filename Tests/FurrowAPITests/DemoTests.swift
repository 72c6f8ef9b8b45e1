import Foundation
import FurrowCore
import FurrowDomain
import FurrowServer
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Demo company")
struct DemoTests {
    @Test("the demo loads into an empty database and its logins work", arguments: TestWorld.engines)
    func demo(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // the world has its own admin already: the demo refuses a database with users
        await #expect(throws: CoreError.alreadySetUp) { try await DemoCompany.load(world.env) }
    }

    @Test("a fresh demo database shows every module working together")
    func fresh() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLStore.open(directory.appendingPathComponent("demo.sqlite").path)
        defer { Task { await store.close() } }
        try await Migrator(store).migrate()
        let env = CoreEnvironment(store: store, passwords: PasswordHasher(cost: 4))
        let logins = try await DemoCompany.load(env)
        let sales = try #require(logins.first { $0.role == .sales })
        let issued = try await AuthService(env).signIn(email: sales.email, password: sales.password, clientAddress: "test")
        let principal = try #require(try await AuthService(env).authenticate(issued.secret, kind: .token)).0
        let admin = Principal(userId: try #require(try await UserService(env).listAsSystem().first { $0.role == .admin }).id, role: .admin, teamId: nil)
        let all = try await AccountService(env).list(ListQuery(limit: 100), by: admin)
        #expect(all.count == 7)  // six companies plus the one a qualified lead created
        #expect(all.contains { $0.fields.name == "Okafor Packaging" })
        #expect(try await AccountService(env).list(ListQuery(limit: 100), by: principal).count < all.count)
        let deals = try await OpportunityService(env).list(ListQuery(limit: 100), by: admin)
        #expect(Set(deals.map(\.status)) == [.inProgress, .won, .lost])
        #expect(try await LeadService(env).list(ListQuery(limit: 100), by: admin).map(\.status).contains(.qualified))
        let quotes = try await QuoteService(env).list(ListQuery(limit: 100), by: admin)
        #expect(Set(quotes.map(\.status)) == [.draft, .sent, .accepted])  // the draft: a maintenance renewal's quote
        #expect(try await ProductService(env).products(ListQuery(limit: 100)).contains { $0.inventoryStatus == .sold })
        let invoices = try await InvoiceService(env).list(ListQuery(limit: 100), by: admin)
        #expect(Set(invoices.map(\.status)) == [.partiallyPaid, .issued, .paid])
        let ageing = try await ReceivablesService(env).report(asOf: nil, by: admin)
        let totals = try #require(ageing.totals[Currency("GBP")!])
        #expect(totals.current > 0 && totals.days31to60 > 0 && totals.over90 > 0)
        let statements = try await ReconciliationService(env).statements(limit: 10, before: nil, by: admin)
        #expect(statements.first?.lines == 4 && statements.first?.matched == 0)
        let diary = try await ActivityService(env).list(ListQuery(limit: 100), by: admin)
        #expect(Set(diary.map(\.kind)) == Set(Activity.Kind.allCases))
        #expect(diary.contains { $0.recurrence != nil } && diary.contains { $0.status == .completed })
        let week = try await CalendarService(env).entries(from: Date(), to: Date().addingTimeInterval(7 * 86400), ownerId: nil, by: admin)
        #expect(week.entries.filter(\.recurring).count >= 2)
        // marketing: a launched campaign sent to a dynamic list of farms and a static list of leads, and a lead it brought in
        let campaigns = try await CampaignService(env).list(by: admin)
        let launched = try #require(campaigns.first { $0.status == .launched })
        let lists = try await CampaignService(env).lists(of: launched.id, by: admin)
        #expect(Set(lists.map(\.listType)) == [.static, .dynamic])
        for list in lists { #expect(try await MarketingListService(env).count(list.id, by: admin) >= 1, "\(list.name)") }
        let leads = try await LeadService(env).list(ListQuery(limit: 100), by: admin)
        #expect(leads.contains { $0.fields.campaignId == launched.id.uuid })
    }
}
