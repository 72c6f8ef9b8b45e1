import Foundation
import FurrowDomain

/// The company's holidays, kept by administrators: maintenance visits are not planned on them.
public struct HolidayService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func list() async throws -> [(day: Day, name: String)] { try await env.store.read { try await $0.holidays() } }

    public func add(_ day: Day?, name: String?, by principal: Principal) async throws -> (day: Day, name: String) {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators keep the holidays") }
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        if let day, !Bounds.years.contains(day.year) { check.add("day", Bounds.dateMessage) }
        if day == nil { check.add("day", "is required") }
        try check.check()
        guard let day, let name else { throw ValidationError([FieldError("day", "is required")]) }
        return try await env.transaction(by: principal) { transaction in
            if try await transaction.session.holidays().contains(where: { $0.day == day }) {
                throw ValidationError([FieldError("day", "is a holiday already")])
            }
            try await transaction.session.insertHoliday(day, name: name)
            transaction.audit("holiday", UUID(), "create", [FieldChange(field: day.description, old: nil, new: name)])
            return (day, name)
        }
    }

    public func delete(_ day: Day, by principal: Principal) async throws {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators keep the holidays") }
        try await env.transaction(by: principal) { transaction in
            guard try await transaction.session.deleteHoliday(day) else { throw CoreError.notFound("holiday") }
            transaction.audit("holiday", UUID(), "delete", [FieldChange(field: day.description, old: "holiday", new: nil)])
        }
    }
}
