import Foundation
@testable import FurrowCore
import FurrowDomain
@testable import FurrowStore
import FurrowTestSupport
import Testing

/// The kernel's promises: a version conflict on any record a verb touches rolls the whole verb
/// back, and the trail is written with the records or not at all.
@Suite("Record kernel")
struct KernelTests {
    @Test("a record saved meanwhile by someone else makes the whole verb fail and leaves nothing behind", arguments: TestWorld.engines)
    func conflictRollsBack(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a sent quote on an opportunity
        let deal = try await world.makeOpportunity("Kernel deal")
        let quote = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id, lines: []), by: world.admin)
        _ = try await QuoteService(world.env).send(quote.id, by: world.admin)
        let trail = try await AuditService(world.env).entries(entity: "quote", id: quote.id.uuid, by: world.admin).count
        // when: a verb saves the quote, then finds the opportunity it read saved by another writer
        var failure: (any Error)?
        do {
            try await world.env.transaction(by: world.admin) { transaction in
                var accepted = try await transaction.loadChangeable(Quote.self, quote.id)
                let sent = accepted
                accepted.status = .accepted
                try await transaction.save(&accepted, over: sent, action: "accept")
                var opportunity = try await transaction.load(Opportunity.self, deal.id)
                let read = opportunity
                var other = read
                other.version += 1
                #expect(try await transaction.session.updateOpportunity(other, expectedVersion: read.version))
                opportunity.fields.name = "Won by the kernel"
                try await transaction.save(&opportunity, over: read, action: "close")
            }
        } catch { failure = error }
        // then: a conflict, and neither the quote, the opportunity nor the trail changed
        #expect(failure as? CoreError == .versionConflict(current: 2))
        #expect(try await QuoteService(world.env).get(quote.id, by: world.admin).status == .sent)
        let stored = try await OpportunityService(world.env).get(deal.id, by: world.admin).opportunity
        #expect(stored.fields.name == "Kernel deal")
        #expect(stored.version == deal.version)
        #expect(try await AuditService(world.env).entries(entity: "quote", id: quote.id.uuid, by: world.admin).count == trail)
    }

    @Test("the trail's entity names come from the kernel's record types")
    func entities() {
        for type in RecordTypes.all { #expect(AuditService.entities.contains(type.entity)) }
        #expect(Set(RecordTypes.all.map { $0.entity }).count == RecordTypes.all.count)
    }

    @Test("settings are read once per transaction", arguments: TestWorld.engines)
    func settingsOnce(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let counter = try await StatementCounter.counting {
            try await world.env.transaction(by: world.admin) { transaction in
                _ = try await transaction.settings()
                _ = try await transaction.today()
                _ = try await transaction.settings().quoteWord
            }
        }
        #expect(counter.log.filter { $0.sql.contains("FROM settings") }.count == 1)
    }
}

@Suite("Record lists")
struct RecordListTests {
    @Test("every field a list declares has a column in its statement, and every kernel record's list is served")
    func columns() {
        for statement in SQLSession.lists {
            #expect(statement.missingColumns.isEmpty, "\(statement.table): \(statement.missingColumns)")
        }
        let served = Set(SQLSession.lists.map { Set($0.fields.filterable.keys) })
        for type in RecordTypes.all {
            guard let fields = type.listFields else { continue }
            #expect(served.contains(Set(fields.filterable.keys)), "\(type.entity) has no list statement")
        }
    }
}
