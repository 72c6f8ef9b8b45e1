import Foundation
import FurrowCore
import FurrowDomain

/// The demo's integrations: the webshop's token acting as Sam (which has made a contact, named in
/// its history), the mail server's inbound-email token, Sam's own read token for a report script,
/// and the ERP's webhook (switched off: its address is an example).
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
        // a contact the webshop made through its token
        let secret = shop.secret
        if let (principal, token) = try await tokens.authenticate(secret) {
            _ = try await AuditTrail.$via.withValue("token \"\(token.name)\"") {
                try await ContactService(env).create(ContactFields(firstName: "Olive", lastName: "Online", email: "olive@webshop.example",
                                                                   title: "Webshop customer"), allowDuplicate: true, by: principal)
            }
        }
    }
}
