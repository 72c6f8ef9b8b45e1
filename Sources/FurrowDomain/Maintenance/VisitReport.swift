import Foundation

/// What a technician records when a service visit is done (rule 43): the time spent, the parts
/// used, and the customer's feedback — a rating from 1 to 5, a comment, who signed it off.
public struct VisitReport: Sendable, Equatable {
    public var rating: Int?
    public var comment: String?
    public var signedBy: String?
    public var timeSpentMinutes: Int?
    public var parts: [String]

    public init(rating: Int? = nil, comment: String? = nil, signedBy: String? = nil, timeSpentMinutes: Int? = nil, parts: [String] = []) {
        self.rating = rating
        self.comment = comment
        self.signedBy = signedBy
        self.timeSpentMinutes = timeSpentMinutes
        self.parts = parts
    }

    public var isEmpty: Bool { rating == nil && comment == nil && signedBy == nil && timeSpentMinutes == nil && parts.isEmpty }

    /// The report as entered (texts trimmed, empty ones dropped), or every field error at once.
    public func validated() throws(ValidationError) -> VisitReport {
        var errors: [FieldError] = []
        if let rating, !(1...5).contains(rating) { errors.append(FieldError("feedback.rating", "must be from 1 to 5")) }
        if let minutes = timeSpentMinutes, !(1...1440).contains(minutes) { errors.append(FieldError("timeSpentMinutes", "must be from 1 to 1440")) }
        var report = self
        report.comment = comment?.trimmedSpaces()
        report.signedBy = signedBy?.trimmedSpaces()
        if (report.comment?.count ?? 0) > 2000 { errors.append(FieldError("feedback.comment", "must be at most 2000 characters")) }
        if (report.signedBy?.count ?? 0) > 200 { errors.append(FieldError("feedback.signedBy", "must be at most 200 characters")) }
        if report.comment?.isEmpty == true { report.comment = nil }
        if report.signedBy?.isEmpty == true { report.signedBy = nil }
        report.parts = parts.flatMap { $0.split(whereSeparator: \.isNewline) }.map { String($0).trimmedSpaces() }.filter { !$0.isEmpty }
        if report.parts.count > 100 || report.parts.contains(where: { $0.count > 200 }) {
            errors.append(FieldError("parts", "takes at most 100 lines of at most 200 characters"))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        return report
    }
}

extension Activity {
    /// A service visit still open after its end (rule 43): flagged, and escalated once.
    public func isOverdue(at now: Date) -> Bool { kind == .serviceVisit && status == .open && (endAt ?? startAt ?? dueAt).map { $0 < now } == true }
}
