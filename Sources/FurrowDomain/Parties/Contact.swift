import Foundation

/// An individual (SPEC §1), optionally working for an account.
public struct Contact: Sendable, Equatable {
    public typealias ID = Identifier<Contact>

    public var id: ID
    public var fields: ContactFields { didSet { if fields.accountId != oldValue.accountId { names["accountName"] = nil } } }
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (`accountName`, `ownerName`,
    /// …): filled by the store's reads, empty on one built in memory. A name whose reference
    /// changes is dropped rather than left stale; the next read has the new one.
    public var names: [String: String] = [:]

    public init(id: ID, fields: ContactFields, ownership: Ownership, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.fields = fields
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct ContactFields: Sendable, Equatable, Codable {
    public var firstName: String?
    public var lastName: String
    public var email: String?
    public var phone: String?
    public var mobile: String?
    public var title: String?
    public var accountId: Account.ID?

    public init(firstName: String? = nil, lastName: String, email: String? = nil, phone: String? = nil,
                mobile: String? = nil, title: String? = nil, accountId: Account.ID? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.mobile = mobile
        self.title = title
        self.accountId = accountId
    }

    public func validated() throws(ValidationError) -> ContactFields {
        var check = Validator()
        let result = ContactFields(
            firstName: check.text("firstName", firstName, maxLength: 100),
            lastName: check.text("lastName", lastName, required: true, maxLength: 100) ?? "",
            email: check.email("email", email),
            phone: check.phone("phone", phone),
            mobile: check.phone("mobile", mobile),
            title: check.text("title", title, maxLength: 100),
            accountId: accountId
        )
        try check.check()
        return result
    }

    public var fullName: String {
        [firstName, lastName].compactMap { $0 }.joined(separator: " ")
    }

    public var auditValues: [String: String] {
        var values = ["lastName": lastName]
        values["firstName"] = firstName
        values["email"] = email
        values["phone"] = phone
        values["mobile"] = mobile
        values["title"] = title
        values["accountId"] = accountId?.string
        return values
    }

    /// Contacts match on email, on phone, or on full name within the same account.
    public var duplicateKeys: DuplicateKeys {
        DuplicateKeys(
            email: email.map(Normalise.email),
            phone: (phone ?? mobile).map(Normalise.phone),
            name: Normalise.name(fullName),
            domain: accountId?.string
        )
    }

    public var searchText: String {
        [fullName, email, phone, phone.map(Normalise.phone), mobile, mobile.map(Normalise.phone), title]
            .compactMap { $0 }.joined(separator: " ")
    }
}
