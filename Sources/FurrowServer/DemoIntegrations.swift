import Foundation
import FurrowCore
import FurrowDomain

/// The demo's integrations: the webshop's token acting as Sam (which has made a contact, named in
/// its history), the mail server's inbound-email token, and Sam's own read token for a report script.
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
