import Foundation

/// A company or organisation (SPEC §1), optionally below a parent account.
public struct Account: Sendable, Equatable {
    public typealias ID = Identifier<Account>

    public var id: ID
    public var fields: AccountFields { didSet { if fields.parentAccountId != oldValue.parentAccountId { names["parentAccountName"] = nil } } }
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (see `Contact.names`).
    public var names: [String: String] = [:]

    public init(id: ID, fields: AccountFields, ownership: Ownership, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.fields = fields
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The user-editable fields of an account.
public struct AccountFields: Sendable, Equatable, Codable {
    public var name: String
    public var parentAccountId: Account.ID?
    public var email: String?
    public var phone: String?
    public var website: String?
    public var industry: String?
    /// Where invoices go, and where goods go when it differs; printed on quotes and invoices.
    public var billingAddress: PostalAddress?
    public var shippingAddress: PostalAddress?
    /// The customer's tax (VAT) number, printed on quotes and invoices.
    public var vatNumber: String?
    /// The payment term its invoices get unless one is chosen.
    public var paymentTermId: PaymentTerm.ID?

    public init(name: String, parentAccountId: Account.ID? = nil, email: String? = nil, phone: String? = nil,
                website: String? = nil, industry: String? = nil, billingAddress: PostalAddress? = nil, shippingAddress: PostalAddress? = nil,
                vatNumber: String? = nil, paymentTermId: PaymentTerm.ID? = nil) {
        self.name = name
        self.parentAccountId = parentAccountId
        self.email = email
        self.phone = phone
        self.website = website
        self.industry = industry
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
        self.vatNumber = vatNumber
        self.paymentTermId = paymentTermId
    }

    /// Trims every field and reports each invalid one.
    public func validated() throws(ValidationError) -> AccountFields {
        var check = Validator()
        let result = AccountFields(
            name: check.text("name", name, required: true) ?? "",
            parentAccountId: parentAccountId,
            email: check.email("email", email),
            phone: check.phone("phone", phone),
            website: check.website("website", website),
            industry: check.text("industry", industry, maxLength: 100),
            billingAddress: billingAddress?.validated("billingAddress", &check),
            shippingAddress: shippingAddress?.validated("shippingAddress", &check),
            vatNumber: Self.vat(vatNumber, &check),
            paymentTermId: paymentTermId
        )
        try check.check()
        return result
    }

    public var auditValues: [String: String] {
        var values = ["name": name]
        values["parentAccountId"] = parentAccountId?.string
        values["email"] = email
        values["phone"] = phone
        values["website"] = website
        values["industry"] = industry
        values["billingAddress"] = billingAddress?.oneLine
        values["shippingAddress"] = shippingAddress?.oneLine
        values["vatNumber"] = vatNumber
        values["paymentTermId"] = paymentTermId?.string
        return values
    }

    /// A VAT number as written (`DE 123 456 789`), upper-cased: letters, digits, spaces, dots and hyphens.
    static func vat(_ text: String?, _ check: inout Validator) -> String? {
        guard let value = check.text("vatNumber", text, maxLength: 30)?.uppercased() else { return nil }
        if !value.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || " .-".contains($0) }) {
            check.add("vatNumber", "may hold only letters, digits, spaces, dots and hyphens")
        }
        return value
    }

    /// The keys that make two accounts likely duplicates: email, phone, or name + web domain.
    public var duplicateKeys: DuplicateKeys {
        DuplicateKeys(
            email: email.map(Normalise.email),
            phone: phone.map(Normalise.phone),
            name: Normalise.name(name),
            domain: website.flatMap(Normalise.domain(ofWebsite:)) ?? email.flatMap(Normalise.domain(ofEmail:))
        )
    }

    /// The text the global search matches against.
    public var searchText: String {
        [name, email, phone, phone.map(Normalise.phone), website, industry].compactMap { $0 }.joined(separator: " ")
    }
}

/// Normalised values compared to find likely duplicates (SPEC §1).
public struct DuplicateKeys: Sendable, Equatable {
    public let email: String?
    public let phone: String?
    public let name: String
    public let domain: String?

    public init(email: String?, phone: String?, name: String, domain: String?) {
        self.email = email?.isEmpty == true ? nil : email
        self.phone = (phone?.count ?? 0) < 5 ? nil : phone
        self.name = name
        self.domain = domain
    }
}

/// Errors of the party rules (SPEC §1).
public enum PartyError: Error, Sendable, Equatable {
    /// Setting this parent would make an account its own ancestor.
    case hierarchyCycle
    /// An account cannot be merged into itself.
    case mergeWithSelf
    /// Likely duplicates were found; the caller may insist with `allowDuplicate`.
    case duplicateSuspected([DuplicateMatch])
    /// An account with child accounts or contacts cannot be deleted while they remain.
    case hasDependents(String)
}

/// One existing record that looks like the one being created.
public struct DuplicateMatch: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let matchedOn: [String]

    public init(id: String, name: String, matchedOn: [String]) {
        self.id = id
        self.name = name
        self.matchedOn = matchedOn
    }
}

/// The account hierarchy rule: an account may not become its own ancestor.
public enum Hierarchy {
    /// `ancestorsOfParent` lists the proposed parent and its ancestors, nearest first.
    public static func checkParent(of account: Account.ID, ancestorsOfParent: [Account.ID]) throws(PartyError) {
        if ancestorsOfParent.contains(account) { throw .hierarchyCycle }
    }
}
