import Foundation
import FurrowDomain
import Hummingbird
import NIOCore

/// An RFC 9457 problem: a stable machine `type` slug, a title, the HTTP status, a human detail,
/// field errors for validation, and extension members where a slug defines them.
public struct Problem: Error, Sendable, Encodable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?
    public var matches: [DuplicateMatch]?
    public var currentVersion: Int?
    /// Each unmet stage condition, for `stage-requirements-unmet`.
    public var unmet: [String]?
    public var incidentId: String?
    /// `import-rejected`: each bad row with its line, and how many rows and errors in all.
    public var rowErrors: [RowError]?
    public var rows: Int?
    public var errorCount: Int?
    var retryAfter: Int?
    /// `method-not-allowed`: the methods the resource takes, for the `Allow` header.
    var allow: String?

    public struct RowError: Sendable, Encodable, Equatable {
        public let line: Int, field: String, message: String
    }

    public init(_ type: String, _ status: Int, _ title: String, _ detail: String, errors: [FieldError]? = nil) {
        self.type = type
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors, matches, currentVersion, unmet, incidentId, rowErrors, rows, errorCount }

    public static let unauthorized = Problem("unauthorized", 401, "Not signed in", "Send a valid bearer token.")

    public static func malformed(_ detail: String) -> Problem {
        Problem("malformed-request", 400, "Malformed request", detail)
    }

    public static func invalidQuery(_ detail: String) -> Problem {
        Problem("invalid-query", 400, "Invalid query", detail)
    }

    public static func notFound(_ what: String = "record") -> Problem {
        Problem("not-found", 404, "Not found", "No \(what) with that id exists, or you may not see it.")
    }

    public static func validation(_ errors: [FieldError]) -> Problem {
        Problem("validation", 422, "Invalid input", "Some fields are not valid.", errors: errors)
    }

    /// The response: `application/problem+json`, with `Retry-After` for 429.
    public func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{\"type\":\"internal\",\"status\":500}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allow { headers[.allow] = allow }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// Every problem slug the API can answer with, for the OpenAPI document and its test.
public enum ProblemCatalog {
    public static let slugs: [String] = [
        "malformed-request", "invalid-query", "unauthorized", "forbidden", "not-found", "method-not-allowed",
        "version-conflict", "version-required", "validation", "duplicate-suspected", "hierarchy-cycle",
        "merge-with-self", "has-dependents", "already-set-up", "email-taken", "too-many-attempts",
        "payload-too-large", "unsupported-media-type", "internal",
        "kind-has-no-stages", "stage-skip-not-allowed", "stage-not-in-kind", "already-in-stage", "stage-requirements-unmet",
        "kind-not-allowed", "opportunity-closed", "opportunity-not-closed", "open-quotes", "primary-demand-disabled",
        "lead-already-qualified", "lead-disqualified", "lead-not-disqualified",
        "quote-not-draft", "quote-not-sent", "quote-closed", "quote-expired", "quote-not-accepted", "price-list-required",
        "price-list-not-valid", "product-not-on-price-list", "currency-mismatch", "quote-converted",
        "order-cancelled", "order-illegal-move", "order-empty",
        "invoice-not-draft", "invoice-empty", "invoice-not-issued", "order-not-invoiceable", "order-fully-invoiced", "over-invoicing",
        "order-invoiced", "invoice-not-open", "over-allocation", "payment-reversed", "line-matched", "payment-matched", "amount-mismatch",
        "activity-not-open", "activity-open", "storage-full", "storage-unavailable", "too-many-requests", "import-rejected",
    ]
}
