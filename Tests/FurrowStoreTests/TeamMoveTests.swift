import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import SQLKit
import Testing

/// When a user moves to another team, every record they own follows (the outside probe's
/// finding 5: invoices and payments stayed with the old team).
@Suite("Team moves")
struct TeamMoveTests {
    @Test("the owned tables are exactly the tables with owner_id and team_id", arguments: TestWorld.engines)
    func ownedTables(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let query = engine == .sqlite
            ? "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name IN ('owner_id', 'team_id') GROUP BY m.name HAVING COUNT(*) = 2"
            : "SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name IN ('owner_id', 'team_id') GROUP BY table_name HAVING COUNT(*) = 2"
        let names = try await world.store.withDatabase { db in
            try await db.raw(SQLQueryString(stringLiteral: query)).all().map { try $0.decode(column: "name", as: String.self) }
        }
        #expect(Set(names) == Set(SQLStore.ownedTables))
    }

    @Test("a user's invoices and payments follow them to their new team", arguments: TestWorld.engines)
    func invoicesFollow(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let (north, south) = (try await world.makeTeam("North"), try await world.makeTeam("South"))
        let seller = try await world.makeUser(.sales, team: north)
        let account = try await world.makeAccount("Moving customer", by: seller)
        let eur = Currency("EUR")!
        let invoice = try await InvoiceService(world.env).create(
            .init(accountId: account.id, currency: eur, lines: [.init(description: "Service", quantity: Micros("1")!, unitPrice: Micros("10")!)]),
            by: world.admin)
        let payment = try await PaymentService(world.env).record(.init(accountId: account.id, amount: Money("10.00", currency: eur)!, mode: .bankTransfer),
                                                                 by: world.admin)
        // when
        let user = try #require(try await UserService(world.env).get(seller.userId, by: world.admin))
        _ = try await UserService(world.env).update(seller.userId, UserInput(teamId: south.id), expectedVersion: user.version, by: world.admin)
        // then
        let (movedInvoice, movedPayment) = try await world.store.read { session in
            (try await session.invoice(id: invoice.id, locked: false), try await session.payment(id: payment.id, locked: false))
        }
        #expect(movedInvoice?.ownership.teamId == south.id)
        #expect(movedPayment?.ownership.teamId == south.id)
    }
}
