import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore

/// Creates the data set of `DataSet` through the use cases, owner by owner, in batches.
struct Generator {
    let set: DataSet
    let env: CoreEnvironment
    let store: SQLStore
    let duplicateCheck: Bool
    let quiet: Bool
    var rates: [(String, Double)] = []

    struct Owner: Sendable { let principal: Principal; let index: Int }

    /// Where one generated opportunity should end up (moved there after generation, see `StageSpread`).
    struct Plan: Sendable {
        let id: Opportunity.ID, kind: Int, stage: Int, status: OpportunityStatus, owner: User.ID, currency: String
    }

    func batchSize(_ total: Int) -> Int { min(2500, max(10, total / 32)) }

    mutating func run() async throws {
        let (admin, owners) = try await users()
        let gbp = Currency("GBP")!, eur = Currency("EUR")!
        _ = try await SettingsService(env).update({ $0.companyName = "Furrow Bench Ltd"; $0.baseCurrency = "EUR" }, by: admin)

        // Accounts: batch b belongs to owner b % owners; contacts follow their account's batch.
        let accountBatch = batchSize(set.accounts)
        var accountIds: [Account.ID] = [], accountOwner: [Int] = [], contactIds: [Contact.ID] = []
        var progress = Progress("accounts", total: set.accounts, quiet: quiet)
        let duplicates = !duplicateCheck
        for start in stride(from: 0, to: set.accounts, by: accountBatch) {
            let range = start..<min(start + accountBatch, set.accounts)
            let owner = owners[(start / accountBatch) % owners.count]
            let ids = try await Batch(env, by: owner.principal).run { writer in
                var made: [Account.ID] = []
                for index in range {
                    var random = DataSet.record(1, index)
                    let name = Names.company(&random) + (random.chance(0.3) ? " \(random.int(2..<99))" : "")
                    let domain = "\(Names.slug(name))\(index).example"
                    let fields = AccountFields(name: name, email: "info@\(domain)", phone: Names.phone(&random),
                                               website: "https://\(domain)", industry: random.pick(Names.industries))
                    made.append(try await writer.account(fields, allowDuplicate: duplicates).id)
                }
                return made
            }
            accountIds += ids
            accountOwner += Array(repeating: owner.index, count: ids.count)
            progress.update(accountIds.count)
        }
        rates.append(("accounts", progress.rate))

        progress = Progress("contacts", total: set.contacts, quiet: quiet)
        for start in stride(from: 0, to: set.accounts, by: accountBatch) {
            let range = start..<min(start + accountBatch, set.accounts)
            let owner = owners[accountOwner[start]]
            let accounts = Array(accountIds[range])
            let ids = try await Batch(env, by: owner.principal).run { writer in
                var made: [Contact.ID] = []
                for (offset, accountId) in accounts.enumerated() {
                    for person in 0..<5 {
                        let index = (range.lowerBound + offset) * 5 + person
                        var random = DataSet.record(2, index)
                        let first = random.pick(Names.firstNames), last = Names.surname(&random)
                        let fields = ContactFields(firstName: first, lastName: last,
                                                   email: "\(Names.slug(first)).\(Names.slug(last))\(index)@mail.example",
                                                   phone: Names.phone(&random), title: random.pick(Names.titles), accountId: accountId)
                        made.append(try await writer.contact(fields, allowDuplicate: duplicates).id)
                    }
                }
                return made
            }
            contactIds += ids
            progress.update(contactIds.count)
        }
        rates.append(("contacts", progress.rate))

        progress = Progress("leads", total: set.leads, quiet: quiet)
        let leadBatch = batchSize(set.leads)
        for start in stride(from: 0, to: set.leads, by: leadBatch) {
            let range = start..<min(start + leadBatch, set.leads)
            let owner = owners[(start / leadBatch) % owners.count]
            try await Batch(env, by: owner.principal).run { writer in
                for index in range {
                    var random = DataSet.record(3, index)
                    let first = random.pick(Names.firstNames), last = Names.surname(&random), company = Names.company(&random)
                    let value = Money(minorUnits: Int64(random.int(500..<80_000)) * 100, currency: random.chance(0.75) ? eur : gbp)
                    _ = try await writer.lead(LeadFields(topic: "\(random.pick(Names.topics)) for \(company)", firstName: first, lastName: last,
                                                         companyName: company, email: "\(Names.slug(last))\(index)@lead.example",
                                                         phone: Names.phone(&random), estimatedValue: value))
                }
            }
            progress.update(range.upperBound)
        }
        rates.append(("leads", progress.rate))

        let plans = try await opportunities(owners: owners, accountIds: accountIds, accountOwner: accountOwner, contactIds: contactIds)
        try await quotes(plans: plans, owners: owners, admin: admin)
        let moved = try await StageSpread(env: env, store: store).apply(plans)
        say("  stages         \(moved) opportunities moved to their planned stage and status with SQL")
    }

    func users() async throws -> (Principal, [Owner]) {
        let users = UserService(env)
        let admin = try await users.setUpFirstAdmin(email: DataSet.adminEmail, password: DataSet.password, name: "Bench Admin")
        let adminPrincipal = Principal(userId: admin.id, role: .admin, teamId: nil)
        var owners: [Owner] = []
        for team in 1...DataSet.teams {
            let record = try await users.createTeam(name: "Team \(team)", managerId: nil, by: adminPrincipal)
            var members: [(Role, Int)] = [(.manager, 1), (.finance, 1)]
            members += (1...DataSet.repsPerTeam).map { (.sales, $0) }
            for (role, number) in members {
                var random = DataSet.record(9, team * 10 + number + (role == .manager ? 100 : 0))
                let user = try await users.create(UserInput(email: DataSet.email(team: team, role: role, number: number),
                                                            name: "\(random.pick(Names.firstNames)) \(Names.surname(&random))",
                                                            password: DataSet.password, role: role, teamId: record.id), by: adminPrincipal)
                var principal = Principal(userId: user.id, role: role, teamId: record.id)
                if role == .manager {
                    let teamId = record.id, userId = user.id
                    try await env.store.write { session in try await session.setTeamManager(teamId, userId) }
                    principal = Principal(userId: user.id, role: role, teamId: record.id, managedTeamIds: [record.id])
                }
                if role != .finance { owners.append(Owner(principal: principal, index: owners.count)) }
            }
        }
        return (adminPrincipal, owners)
    }
}
