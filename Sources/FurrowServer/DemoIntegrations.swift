import Foundation
import FurrowCore
import FurrowDomain

/// The demo's integrations: the webshop's token acting as Sam (which has made a contact, named in
/// its history), the mail server's inbound-email token, Sam's own read token for a report script,
/// the ERP's webhook (switched off: its address is an example), Sam's import of the leads scanned at
/// a trade fair (with its mapping saved for the next fair) and the administrator's price update,
/// checked and waiting to be imported.
enum DemoIntegrations {
    static func load(_ env: CoreEnvironment, people: [String: Principal], admin: Principal) async throws {
        guard let sam = people["sam@demo.furrow.test"] else { return }
        let tokens = ApiTokenService(env)
        var webshop = ApiTokenService.Input()
        webshop.name = "Webshop orders"
        webshop.scopes = ["read", "write"]
        webshop.userId = sam.userId
        let shop = try await tokens.create(webshop, by: admin)
        var mail = ApiTokenService.Input()
        mail.name = "Mail server"
        mail.scopes = ["inbound-email"]
        _ = try await tokens.create(mail, by: admin)
        var report = ApiTokenService.Input()
        report.name = "Weekly report script"
        report.scopes = ["read"]
        _ = try await tokens.create(report, by: sam)
        // the ERP's webhook, switched off until its address is reachable (its host is an example)
        let now = env.clock.now()
        let erp = Webhook(id: env.ids.next(), url: "https://erp.example.com/hooks/furrow", events: ["order.confirmed", "invoice.issued", "invoice.paid", "payment.received"],
                          active: false, description: "ERP: orders and invoices (switched on when the ERP is live)", secret: WebhookService.newSecret(),
                          ownerId: admin.userId, createdAt: now, updatedAt: now)
        try await env.store.write { session in try await session.insertWebhook(erp) }
        try await imports(env, sam: sam, admin: admin)
        // a contact the webshop made through its token
        let secret = shop.secret
        if let (principal, token) = try await tokens.authenticate(secret) {
            _ = try await AuditTrail.$via.withValue("token \"\(token.name)\"") {
                try await ContactService(env).create(ContactFields(firstName: "Olive", lastName: "Online", email: "olive@webshop.example",
                                                                   title: "Webshop customer"), allowDuplicate: true, by: principal)
            }
        }
    }

    static func imports(_ env: CoreEnvironment, sam: Principal, admin: Principal) async throws {
        let service = ImportJobService(env)
        func parts(_ text: String) -> AsyncThrowingStream<Data, any Error> {
            AsyncThrowingStream { $0.yield(Data(text.utf8)); $0.finish() }
        }
        let fair = """
            Firma;Vorname;Nachname;E-Mail;Telefon;Interesse;Budget
            Hofgut Lindenau;Petra;Lindner;p.lindner@hofgut-lindenau.example;+49 5121 4477;Milking robot for 120 cows;85.000,00
            Agrar Sonnenfeld;Jonas;Weber;weber@sonnenfeld-agrar.example;+49 391 22 18 40;Feed mixer, trade-in of the old one;32.500,00
            Biohof am See;Mara;Koch;mara@biohof-see.example;;Solar pump for the pasture wells;
            Milchhof Brandt;Tobias;Brandt;info@milchhof-brandt.example;+49 4331 90 12;Herd management software;12.000,00

            """
        let scanned = try await service.upload(.leads, fileName: "agritech-fair-2026.csv", parts: parts(fair), by: sam)
        let mapping = ["Firma": "companyName", "Vorname": "firstName", "Nachname": "lastName", "E-Mail": "email", "Telefon": "phone",
                       "Interesse": "topic", "Budget": "estimatedValue"]
        _ = try await service.map(scanned.id, mapping: mapping, duplicates: .skip, saveAs: "Fair scanner export", by: sam)
        _ = try await service.commit(scanned.id, by: sam)
        let prices = """
            SKU,Product,Price list,Price
            IC-40,Ice cream machine IC-40,UK list 2026,"4,350.00"
            CW-7,Cream whipper CW-7,UK list 2026,£ 129

            """
        let update = try await service.upload(.products, fileName: "price-update-2027.csv", parts: parts(prices), by: admin)
        _ = try await service.map(update.id, mapping: ["SKU": "sku", "Product": "name", "Price list": "priceListName", "Price": "price"],
                                  duplicates: .update, saveAs: nil, by: admin)
        _ = try await service.dryRun(update.id, by: admin)
    }
}
