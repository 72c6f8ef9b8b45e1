import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Accounts on the shared create, edit, delete and merge pages (`RecordForms`).
struct AccountForm: RecordFormKind {
    let env: CoreEnvironment
    var service: AccountService { AccountService(env) }

    let noun = "account", plural = "accounts"
    let deleteText = "The account and its connections are deleted. Its history stays in the audit trail. An account that still has contacts or child accounts cannot be deleted."
    let mergeExplanation = "The other account’s contacts, child accounts and connections move to this one, its details fill this account’s empty fields, and then it is deleted."

    func name(_ account: Account) -> String { account.fields.name }
    func id(_ account: Account) -> String { account.id.string }
    func version(_ account: Account) -> Int { account.version }
    func ownership(_ account: Account) -> Ownership { account.ownership }
    func detail(_ account: Account) -> String { account.fields.email ?? account.fields.website ?? "" }

    func fields(_ form: WebForm) -> AccountFields {
        func address(_ prefix: String) -> PostalAddress {
            PostalAddress(street: form.optional(prefix + ".street"), postcode: form.optional(prefix + ".postcode"),
                          city: form.optional(prefix + ".city"), region: form.optional(prefix + ".region"), country: form.optional(prefix + ".country"))
        }
        return AccountFields(name: form["name"], parentAccountId: form.optional("parentAccountId").flatMap(Account.ID.init),
                             email: form.optional("email"), phone: form.optional("phone"), website: form.optional("website"),
                             industry: form.optional("industry"), billingAddress: address("billingAddress"), shippingAddress: address("shippingAddress"),
                             vatNumber: form.optional("vatNumber"), paymentTermId: form.optional("paymentTermId").flatMap(PaymentTerm.ID.init))
    }

    func values(_ account: Account) -> WebForm {
        let f = account.fields
        var values: [String: String?] = ["name": f.name, "ownerId": account.ownership.ownerId.string, "parentAccountId": f.parentAccountId?.string,
                                         "email": f.email, "phone": f.phone, "website": f.website, "industry": f.industry,
                                         "vatNumber": f.vatNumber, "paymentTermId": f.paymentTermId?.string]
        for (prefix, address) in [("billingAddress", f.billingAddress), ("shippingAddress", f.shippingAddress)] {
            values[prefix + ".street"] = address?.street
            values[prefix + ".postcode"] = address?.postcode
            values[prefix + ".city"] = address?.city
            values[prefix + ".region"] = address?.region
            values[prefix + ".country"] = address?.country
        }
        return WebForm(values: values)
    }

    func newValues(_ request: Request) -> WebForm { WebForm("") }
    func cancelNew(_ values: WebForm) -> String { "/accounts" }

    func addFields(to fields: inout FormFields, _ values: WebForm, editing: Account?, by principal: Principal) async throws {
        fields.add("name", "Name", values["name"], required: true, autocomplete: "organization")
        fields.add("email", "Email", values["email"], type: "email", autocomplete: "email")
        fields.add("phone", "Phone", values["phone"], type: "tel", autocomplete: "tel")
        fields.add("website", "Website", values["website"], type: "text", autocomplete: "url", hint: "e.g. example.com")
        fields.add("industry", "Industry", values["industry"])
        let parents = try await RecordParts(env: env).accountOptions(by: principal, excluding: editing?.id,
                                                                     selected: values.optional("parentAccountId"))
        fields.select("parentAccountId", "Parent account", parents, selected: values["parentAccountId"], picker: "accounts")
        fields.add("vatNumber", "VAT number", values["vatNumber"], autocomplete: "off", hint: "Printed on quotes and invoices.")
        let terms = try await InvoiceService(env).paymentTerms()
            .filter { $0.active || $0.id.string == values["paymentTermId"] }.map { ($0.id.string, "\($0.name) (\($0.days) days)") }
        fields.select("paymentTermId", "Payment terms", terms, selected: values["paymentTermId"], empty: "— as each invoice chooses —",
                      hint: "Its invoices get these terms unless one is chosen.")
        for (prefix, legend, hint) in [("billingAddress", "Billing address", "Where invoices go; quotes and invoices print it."),
                                       ("shippingAddress", "Shipping address", "Only when goods go elsewhere.")] {
            let start = fields.fields.count
            fields.textarea(prefix + ".street", "Street", values[prefix + ".street"])
            fields.add(prefix + ".postcode", "Postcode", values[prefix + ".postcode"], autocomplete: prefix == "billingAddress" ? "billing postal-code" : "shipping postal-code")
            fields.add(prefix + ".city", "City", values[prefix + ".city"], autocomplete: prefix == "billingAddress" ? "billing address-level2" : "shipping address-level2")
            fields.add(prefix + ".region", "Region", values[prefix + ".region"])
            fields.add(prefix + ".country", "Country", values[prefix + ".country"], autocomplete: prefix == "billingAddress" ? "billing country-name" : "shipping country-name")
            fields.group(from: start, legend, hint: hint)
        }
    }

    func get(_ id: String, by principal: Principal) async throws -> Account {
        guard let id = Account.ID(id) else { throw Problem.notFound() }
        return try await service.get(id, by: principal)
    }

    func create(_ fields: AccountFields, ownerId: User.ID?, allowDuplicate: Bool, by principal: Principal) async throws -> Account {
        try await service.create(fields, ownerId: ownerId, allowDuplicate: allowDuplicate, by: principal)
    }

    func update(_ account: Account, fields: AccountFields, ownerId: User.ID?, expectedVersion: Int?, by principal: Principal) async throws {
        _ = try await service.update(account.id, fields: fields, ownerId: ownerId, expectedVersion: expectedVersion, by: principal)
    }

    func delete(_ account: Account, by principal: Principal) async throws {
        try await service.delete(account.id, by: principal)
    }

    func merge(_ account: Account, with other: String, by principal: Principal) async throws {
        guard let other = Account.ID(other) else { throw Problem.notFound() }
        _ = try await service.merge(account.id, with: other, by: principal)
    }

    func search(_ text: String, by principal: Principal) async throws -> [Account] {
        try await service.list(ListQuery(limit: 20, sort: ListFields.accounts.defaultSort, text: text), by: principal)
    }
}
