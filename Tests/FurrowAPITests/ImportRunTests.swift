import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Import rows made into records (SPEC §11): mapped columns, references by name and email, the
/// duplicate policy, all rows or none, a dry run, and an export that imports back unchanged.
@Suite("Import runs")
struct ImportRunTests {
    static func file(_ text: String, bom: Bool = false) -> Data { Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)) }

    @Test("accounts from a semicolon file with a BOM: parents by name, owners by email; skip, update and create on a second run",
          arguments: TestWorld.engines)
    func accounts(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, email: "sam.seller@example.com")
        _ = try await world.makeAccount("Northern Holdings")
        let data = Self.file("Company;E-Mail;Parent;Account Manager\r\nAlder Farm;office@alder.example;Northern Holdings;sam.seller@example.com\r\n"
                             + "Birch Farm;desk@birch.example;;\r\n", bom: true)
        let format = ImportFormat.sniff(data)
        let mapping = ImportType.accounts.suggestedMapping(format.columns)
        #expect(mapping == ["Company": "name", "E-Mail": "email", "Parent": "parentAccountName", "Account Manager": "ownerEmail"])
        let run = ImportRun(world.env, by: world.admin)
        // a dry run reports and stores nothing
        let dry = try await run.run(.data(data), format: format, options: .init(type: .accounts, mapping: mapping, dryRun: true))
        #expect(dry.created == 2 && !dry.stored)
        #expect(try await AccountService(world.env).list(ListQuery(limit: 50), by: world.admin).count == 1)
        let done = try await run.run(.data(data), format: format, options: .init(type: .accounts, mapping: mapping))
        #expect(done.created == 2 && done.stored && done.rows.map(\.line) == [2, 3])
        let alder = try await AccountService(world.env).get(Account.ID(try #require(done.rows[0].recordId)), by: world.admin)
        #expect(alder.ownership.ownerId == seller.userId && alder.fields.parentAccountId != nil)
        // again: matched by their email, skipped; then updated with a changed cell; then created anyway
        #expect(try await run.run(.data(data), format: format, options: .init(type: .accounts, mapping: mapping)).skipped == 2)
        let changed = Self.file("Company;E-Mail;Parent;Account Manager\r\nAlder Farm Ltd;office@alder.example;;sam.seller@example.com\r\n", bom: true)
        let updated = try await run.run(.data(changed), format: ImportFormat.sniff(changed), options: .init(type: .accounts, mapping: mapping, duplicates: .update))
        #expect(updated.updated == 1)
        let renamed = try await AccountService(world.env).get(alder.id, by: world.admin)
        #expect(renamed.fields.name == "Alder Farm Ltd" && renamed.fields.parentAccountId == nil && renamed.version == 2)
        let copies = try await run.run(.data(data), format: format, options: .init(type: .accounts, mapping: mapping, duplicates: .create))
        #expect(copies.created == 2)
    }

    @Test("one bad row and nothing is stored: every bad row by its line and field; a mapping without a required field is refused",
          arguments: TestWorld.engines)
    func rejected(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let data = Self.file("First,Last,Email,Company,Owner\nAnn,Able,ann@example.com,,\nBen,,ben@example.com,,\nCyd,Cole,cyd@example.com,Nowhere Ltd,nobody@example.com\n")
        let format = ImportFormat.sniff(data)
        let mapping = ImportType.contacts.suggestedMapping(format.columns)
        #expect(mapping == ["First": "firstName", "Last": "lastName", "Email": "email", "Company": "accountName", "Owner": "ownerEmail"])
        do {
            _ = try await ImportRun(world.env, by: world.admin).run(.data(data), format: format, options: .init(type: .contacts, mapping: mapping))
            Issue.record("the import should be refused")
        } catch let rejected as ImportRun.Rejected {
            #expect(rejected.report.failedRows.map(\.line) == [3, 4])
            #expect(Set(rejected.report.failedRows[1].errors.map(\.field)) == ["accountName", "ownerEmail"])
            #expect(rejected.report.failedRows[0].errors.map(\.field) == ["lastName"])
        }
        #expect(try await ContactService(world.env).list(ListQuery(limit: 50), by: world.admin).isEmpty)
        await #expect(throws: ValidationError.self) {
            _ = try await ImportRun(world.env, by: world.admin).run(.data(data), format: format, options: .init(type: .contacts, mapping: ["First": "firstName"]))
        }
    }

    @Test("a list exported as CSV and imported back with update changes nothing, formula-guarded names included", arguments: TestWorld.engines)
    func roundTrip(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        for name in ["=1+1 Farms", "Quay, \"Freight\"", "Ølstad Gård"] {
            _ = try await AccountService(world.env).create(AccountFields(name: name, email: "x\(name.count)@example.com", industry: "Dairy"), allowDuplicate: true, by: world.admin)
        }
        let token = try await world.token(for: world.admin)
        let exported = try await world.withAPI { api in try await api.call(.get, "/api/v1/accounts?format=csv", token: token).text }
        let data = Data(exported.utf8)
        let format = ImportFormat.sniff(data)
        let mapping = ["id": "id", "name": "name", "email": "email", "phone": "phone", "website": "website", "industry": "industry"]
        let report = try await ImportRun(world.env, by: world.admin).run(.data(data), format: format, options: .init(type: .accounts, mapping: mapping, duplicates: .update))
        #expect(report.updated == 3, "\(report.rows)")
        let accounts = try await AccountService(world.env).list(ListQuery(limit: 50), by: world.admin)
        #expect(accounts.allSatisfy { $0.version == 1 } && Set(accounts.map(\.fields.name)) == ["=1+1 Farms", "Quay, \"Freight\"", "Ølstad Gård"])
    }
}
