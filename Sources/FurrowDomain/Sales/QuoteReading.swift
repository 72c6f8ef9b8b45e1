import Foundation

/// What a quote reads as on a day (SPEC §4): its stored status, except that a sent or negotiated
/// quote past its validity reads `expired`. The raw values are the API's and the pages' words.
public enum QuoteReading: String, Sendable, Codable, CaseIterable {
    case draft, sent, negotiation, accepted, rejected, revised, expired

    /// The one rule for expiry: a sent or negotiated quote whose `validUntil` is before `day`.
    public init(_ status: QuoteStatus, validUntil: Day?, on day: Day) {
        if status == .sent || status == .negotiation, let validUntil, day > validUntil {
            self = .expired
        } else {
            self.init(status)
        }
    }

    /// A stored status as it reads when its validity is not in question (a list filter, say).
    public init(_ status: QuoteStatus) {
        self = switch status {
        case .draft: .draft
        case .sent: .sent
        case .negotiation: .negotiation
        case .accepted: .accepted
        case .rejected: .rejected
        case .revised: .revised
        }
    }
}

extension Quote {
    /// What the quote reads as on `day` (today in the company's time zone).
    public func reading(on day: Day) -> QuoteReading {
        QuoteReading(status, validUntil: validUntil, on: day)
    }
}
