import Foundation
import FurrowDomain
import Hummingbird
import NIOCore

/// An RFC 9457 problem: a stable machine `type` slug, a title, the HTTP status, a human detail,
/// field errors for validation, and extension members where a slug defines them.
public struct Problem: Error, Sendable, Encodable, Equatable {
    public var type: ProblemType
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
    public var retryAfter: Int?
    /// `method-not-allowed`: the methods the resource takes, for the `Allow` header.
    public var allow: String?

    public struct RowError: Sendable, Encodable, Equatable {
        public let line: Int, field: String, message: String
        public init(line: Int, field: String, message: String) { self.line = line; self.field = field; self.message = message }
    }

    public init(_ type: ProblemType, _ status: Int, _ title: String, _ detail: String, errors: [FieldError]? = nil) {
        self.type = type
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    public enum CodingKeys: String, CodingKey { case type, title, status, detail, errors, matches, currentVersion, unmet, incidentId, rowErrors, rows, errorCount }

    public static let unauthorized = Problem(.unauthorized, 401, "Not signed in", "Send a valid bearer token.")

    public static func malformed(_ detail: String) -> Problem {
        Problem(.malformedRequest, 400, "Malformed request", detail)
    }

    public static func invalidQuery(_ detail: String) -> Problem {
        Problem(.invalidQuery, 400, "Invalid query", detail)
    }

    public static func notFound(_ what: String = "record") -> Problem {
        Problem(.notFound, 404, "Not found", "No \(what) with that id exists, or you may not see it.")
    }

    public static func validation(_ errors: [FieldError]) -> Problem {
        Problem(.validation, 422, "Invalid input", "Some fields are not valid.", errors: errors)
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

/// Every problem the API can answer with: its `type` slug is the raw value. The OpenAPI
/// document's problem `type` enum is this list, in this order.
public enum ProblemType: String, Sendable, CaseIterable, Encodable {
    case malformedRequest = "malformed-request", invalidQuery = "invalid-query", unauthorized, forbidden
    case notFound = "not-found", methodNotAllowed = "method-not-allowed", versionConflict = "version-conflict"
    case versionRequired = "version-required", validation, duplicateSuspected = "duplicate-suspected"
    case hierarchyCycle = "hierarchy-cycle", mergeWithSelf = "merge-with-self", hasDependents = "has-dependents"
    case alreadySetUp = "already-set-up", emailTaken = "email-taken", tooManyAttempts = "too-many-attempts"
    case payloadTooLarge = "payload-too-large", unsupportedMediaType = "unsupported-media-type", `internal`
    case kindHasNoStages = "kind-has-no-stages", stageSkipNotAllowed = "stage-skip-not-allowed"
    case stageNotInKind = "stage-not-in-kind", alreadyInStage = "already-in-stage"
    case stageRequirementsUnmet = "stage-requirements-unmet", kindNotAllowed = "kind-not-allowed"
    case opportunityClosed = "opportunity-closed", opportunityNotClosed = "opportunity-not-closed"
    case openQuotes = "open-quotes", primaryDemandDisabled = "primary-demand-disabled"
    case leadAlreadyQualified = "lead-already-qualified", leadDisqualified = "lead-disqualified"
    case leadNotDisqualified = "lead-not-disqualified", quoteNotDraft = "quote-not-draft"
    case quoteNotSent = "quote-not-sent", quoteClosed = "quote-closed", quoteExpired = "quote-expired"
    case quoteNotAccepted = "quote-not-accepted", priceListRequired = "price-list-required"
    case priceListNotValid = "price-list-not-valid", productNotOnPriceList = "product-not-on-price-list"
    case currencyMismatch = "currency-mismatch", quoteConverted = "quote-converted"
    case orderCancelled = "order-cancelled", orderIllegalMove = "order-illegal-move", orderEmpty = "order-empty"
    case invoiceNotDraft = "invoice-not-draft", invoiceEmpty = "invoice-empty"
    case invoiceNotIssued = "invoice-not-issued", orderNotInvoiceable = "order-not-invoiceable"
    case orderFullyInvoiced = "order-fully-invoiced", overInvoicing = "over-invoicing"
    case orderInvoiced = "order-invoiced", invoiceNotOpen = "invoice-not-open", overAllocation = "over-allocation"
    case paymentReversed = "payment-reversed", lineMatched = "line-matched", paymentMatched = "payment-matched"
    case amountMismatch = "amount-mismatch", activityNotOpen = "activity-not-open", activityOpen = "activity-open"
    case storageFull = "storage-full", storageUnavailable = "storage-unavailable"
    case tooManyRequests = "too-many-requests", importRejected = "import-rejected"
    case budgetOverlap = "budget-overlap", budgetDatesLocked = "budget-dates-locked", budgetLocked = "budget-locked"
    case budgetTrackingDisabled = "budget-tracking-disabled"
    case contractIllegalMove = "contract-illegal-move", contractNoTechnicians = "contract-no-technicians"
    case contractNotBillable = "contract-not-billable", periodAlreadyBilled = "period-already-billed"
    case marketingListImmutable = "marketing-list-immutable", marketingListInactive = "marketing-list-inactive"
    case marketingListNotStatic = "marketing-list-not-static", campaignInactive = "campaign-inactive"
    case campaignIllegalMove = "campaign-illegal-move", campaignNotReady = "campaign-not-ready", campaignHasNoList = "campaign-has-no-list"
    case responseConverted = "response-converted", emailRefused = "email-refused", importJobState = "import-job-state"
    /// Web forms only: a form whose anti-forgery token has expired. Never an API answer.
    case formExpired = "form-expired"

    /// Whether the JSON API can answer with it (and the OpenAPI document lists it).
    public var isAPI: Bool { self != .formExpired }
}

/// The problem slugs, for the OpenAPI document and its test.
public enum ProblemCatalog {
    public static var slugs: [String] { ProblemType.allCases.filter(\.isAPI).map(\.rawValue) }
}
