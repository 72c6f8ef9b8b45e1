import Foundation
import FurrowCore
import FurrowDomain

/// A realistic demo company so a newcomer sees a living system. Every module adds its records
/// here. Refuses to run on a database that has users already.
public enum DemoCompany {
    public struct Login: Sendable {
        public let email: String
        public let password: String
        public let role: Role
        public let team: String?
    }

    public static func load(_ env: CoreEnvironment) async throws -> [Login] {
        let users = UserService(env)
        guard try await !users.hasUsers() else { throw CoreError.alreadySetUp }
        let admin = try await users.setUpFirstAdmin(email: "admin@demo.furrow.test", password: "demo-admin-2026", name: "Ada Admin")
        let adminPrincipal = Principal(userId: admin.id, role: .admin, teamId: nil)
        var logins = [Login(email: admin.email, password: "demo-admin-2026", role: .admin, team: nil)]

        var principals: [String: Principal] = [:]
        for (teamName, members) in teamPlan {
            let team = try await users.createTeam(name: teamName, managerId: nil, by: adminPrincipal)
            for (name, email, role) in members {
                let password = "demo-\(role.rawValue)-2026"
                let user = try await users.create(UserInput(email: email, name: name, password: password, role: role, teamId: team.id),
                                                  by: adminPrincipal)
                logins.append(Login(email: email, password: password, role: role, team: teamName))
                principals[email] = Principal(userId: user.id, role: role, teamId: team.id)
                if role == .manager {
                    let teamId = team.id, userId = user.id
                    try await env.store.write { session in try await session.setTeamManager(teamId, userId) }
                    principals[email] = Principal(userId: user.id, role: role, teamId: team.id, managedTeamIds: [team.id])
                }
            }
        }
        let accounts = try await parties(env, principals, admin: adminPrincipal)
        try await DemoPipeline.load(env, people: principals, accounts: accounts, admin: adminPrincipal)
        try await DemoSales.load(env, people: principals, accounts: accounts, admin: adminPrincipal)
        try await DemoActivities.load(env, people: principals, accounts: accounts, admin: adminPrincipal)
        try await DemoBudgets.load(env, people: principals, accounts: accounts, admin: adminPrincipal)
        try await DemoMaintenance.load(env, people: principals, accounts: accounts, admin: adminPrincipal)
        try await DemoCampaigns.load(env, people: principals, admin: adminPrincipal)
        try await DemoIntegrations.load(env, people: principals, admin: adminPrincipal)
        try await DemoWorkspace.load(env, people: principals, accounts: accounts)
        _ = try await SettingsService(env).update({ settings in
            settings.companyName = "Furrow Demo Ltd"
            settings.companyAddress = "1 Harvest Lane, Leeds LS1 4AP, United Kingdom"
            settings.timeZone = "Europe/London"
            settings.baseCurrency = "GBP"
            settings.bankDetails = "Furrow Demo Ltd · Harvest Bank, Leeds\nIBAN GB33 HARV 2020 1555 5555 55 · BIC HARVGB22"
            settings.companyRegistration = "Registered in England and Wales, no. 09876543"
            settings.companyTaxNumber = "GB 555 0123 45"
            settings.documentFooter = "Furrow Demo Ltd · 1 Harvest Lane, Leeds · demo.furrow.test"
        }, by: adminPrincipal)
        return logins
    }

    static let teamPlan: [(String, [(String, String, Role)])] = [
        ("North", [("Nora North", "nora@demo.furrow.test", .manager), ("Sam Seller", "sam@demo.furrow.test", .sales),
                   ("Tess Tech", "tess@demo.furrow.test", .service), ("Fin Ledger", "fin@demo.furrow.test", .finance)]),
        ("South", [("Simon South", "simon@demo.furrow.test", .manager), ("Priya Patel", "priya@demo.furrow.test", .sales),
                   ("Rita Reader", "rita@demo.furrow.test", .readonly)]),
    ]

    static func parties(_ env: CoreEnvironment, _ people: [String: Principal], admin: Principal) async throws -> [String: Account] {
        let accounts = AccountService(env), contacts = ContactService(env), connections = ConnectionService(env)
        let sam = people["sam@demo.furrow.test"]!, priya = people["priya@demo.furrow.test"]!, nora = people["nora@demo.furrow.test"]!

        let holding = try await accounts.create(AccountFields(name: "Acme Holdings", email: "info@acme-holdings.example",
                                                              phone: "+44 20 7946 0001", website: "https://acme-holdings.example",
                                                              industry: "Manufacturing",
                                                              billingAddress: PostalAddress(street: "20 Canary Wharf", postcode: "E14 5AB", city: "London",
                                                                                            country: "United Kingdom"),
                                                              vatNumber: "GB 123 4567 89",
                                                              paymentTermId: PaymentTerm.ID("8d000000-0000-4000-8000-000000000002")), by: nora)
        let factory = try await accounts.create(AccountFields(name: "Acme Manufacturing", parentAccountId: holding.id,
                                                              phone: "+44 113 496 0002", website: "https://acme-mfg.example",
                                                              industry: "Manufacturing"), by: sam)
        let service = try await accounts.create(AccountFields(name: "Acme Field Services", parentAccountId: holding.id,
                                                              email: "service@acme-fs.example", industry: "Services"), by: sam)
        let greenway = try await accounts.create(AccountFields(name: "Greenway Farms", email: "office@greenway.example",
                                                               phone: "+44 1632 960 010", website: "greenway.example",
                                                               industry: "Agriculture",
                                                               billingAddress: PostalAddress(street: "Greenway Farm\nMill Road", postcode: "YO62 5AA",
                                                                                             city: "Helmsley", region: "North Yorkshire", country: "United Kingdom"),
                                                               shippingAddress: PostalAddress(street: "Barn 2, Moor Lane", postcode: "YO62 5AB",
                                                                                              city: "Helmsley", country: "United Kingdom"),
                                                               vatNumber: "GB 987 6543 21"), by: sam)
        let harbour = try await accounts.create(AccountFields(name: "Harbour Logistics", phone: "+44 117 496 0300",
                                                              website: "https://harbour-logistics.example", industry: "Logistics"), by: priya)
        let solent = try await accounts.create(AccountFields(name: "Solent Marine", email: "hello@solent-marine.example",
                                                             industry: "Marine"), by: priya)
        let people: [(String, String, String, String?, Account, Principal)] = [
            ("Grace", "Hopper", "grace.hopper@acme-holdings.example", "Chief Operating Officer", holding, nora),
            ("Alan", "Turner", "alan.turner@acme-mfg.example", "Plant Manager", factory, sam),
            ("Mary", "Jackson", "mary.jackson@acme-mfg.example", "Purchasing Lead", factory, sam),
            ("Ken", "Olsen", "ken.olsen@acme-fs.example", "Service Coordinator", service, sam),
            ("Beatrix", "Potter", "beatrix@greenway.example", "Owner", greenway, sam),
            ("Owen", "Hale", "owen.hale@harbour-logistics.example", "Fleet Director", harbour, priya),
            ("Iris", "Marsh", "iris@solent-marine.example", "Managing Director", solent, priya),
        ]
        var made: [Contact] = []
        for (first, last, email, title, account, owner) in people {
            made.append(try await contacts.create(ContactFields(firstName: first, lastName: last, email: email,
                                                                title: title, accountId: account.id), by: owner))
        }
        _ = try await connections.create(fromType: .account, fromId: harbour.id.uuid, toType: .account, toId: factory.id.uuid,
                                         role: "logistics partner of", by: admin)
        _ = try await connections.create(fromType: .contact, fromId: made[4].id.uuid, toType: .account, toId: solent.id.uuid,
                                         role: "consultant for", by: admin)
        return Dictionary(uniqueKeysWithValues: [holding, factory, service, greenway, harbour, solent].map { ($0.fields.name, $0) })
    }
}
