import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

extension Problem {
    /// The problem to show on a form beside its fields (409, 412, 422, 428), or the error again
    /// when it is not about the input.
    static func forForm(_ error: any Error) throws -> Problem {
        guard let problem = Problem.from(error), [409, 412, 422, 428].contains(problem.status) else { throw error }
        return problem
    }

    /// The problem in one sentence, for a flash message: its field errors, or its detail.
    var sentence: String {
        if let errors, !errors.isEmpty {
            return errors.map { RecordParts.label($0.field) + " " + $0.message }.joined(separator: "; ") + "."
        }
        return detail
    }
}

extension Web {
    /// Runs a state change from a button; a refusal (403, 409, 412, 422) returns to `back` with the
    /// reason as an error message, anything else is an error page.
    func act(back: String, done: String, failed: String, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
        } catch {
            return try Self.refusal(error, back: back, failed: failed)
        }
        return .redirect(back, flash: done)
    }

    /// A refusal (403, 409, 412, 422) back on `back` with the reason as an error message; anything
    /// else is rethrown to become an error page.
    static func refusal(_ error: any Error, back: String, failed: String) throws -> Response {
        guard let problem = Problem.from(error), [403, 409, 412, 422].contains(problem.status) else { throw error }
        let reason = problem.type == .versionConflict
            ? "The record was changed by someone else meanwhile; check it and try again." : problem.sentence
        return .redirect(back, flash: failed + " " + reason, isError: true)
    }
}

/// Field errors found while reading a form, merged with the record's own validation so that
/// every message shows at once.
enum FormCheck {
    static func check(_ errors: [FieldError], _ validate: () throws -> Void) throws {
        guard !errors.isEmpty else { return }
        var all = errors
        do { try validate() } catch let error as ValidationError {
            all += error.errors.filter { found in !errors.contains { $0.field == found.field } }
        }
        throw ValidationError(all)
    }
}

/// A day typed into a form (`2026-11-18`): nil when blank, a field error when unreadable.
enum DayField {
    static func parse(_ text: String?, field: String, message: String = "must be a date such as 2026-11-18",
                      errors: inout [FieldError]) -> Day? {
        guard let text = text?.trimmedSpaces(), !text.isEmpty else { return nil }
        guard let day = Day(text) else {
            errors.append(FieldError(field, message))
            return nil
        }
        return day
    }

    /// A moment on a day for a timeline: now when the day is today, else noon in the company's time zone.
    static func moment(_ day: Day, today: Day, timeZone: TimeZone, now: Date) -> Date {
        if day == today { return now }
        let (year, month, date) = Day.civil(day.ordinal)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: date, hour: 12)) ?? now
    }
}

extension Web {
    /// A refusal's reason in one sentence, as a form's message says it (the flash after a
    /// button says the same through `refusal`).
    static func reason(_ problem: Problem) -> String {
        problem.type == .versionConflict ? "The record was changed by someone else meanwhile; check it and try again." : problem.sentence
    }
}

/// "Are you sure?" before a delete, so deleting works without JavaScript.
struct ConfirmPage { let heading: String, text: String, action: String, button: String, cancel: String }

/// Choosing the record to merge into another: search by name, or paste its id.
struct MergePage {
    struct Candidate { let id: String, name: String, detail: String, url: String }
    let kind: String
    let recordName: String
    let url: String
    let action: String
    let search: String
    let candidates: [Candidate]
    let hasCandidates: Bool
    let searched: Bool
    let message: String?
    let explanation: String
}
