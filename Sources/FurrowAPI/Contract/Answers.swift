import FurrowHTTP
/// The answers and parameters many operations share, so each operation names them rather than
/// spelling them out.
extension Endpoint.Answer {
    /// `200` (or another success) with a JSON body of the component schema `name`.
    static func ok(_ name: String, _ description: String = "OK", status: Int = 200) -> Self {
        Self(status, description, content: [.init("application/json", .ref(name))])
    }

    /// A list's `200`: the page as JSON, or every matching row as CSV (`format=csv`).
    static func page(_ name: String) -> Self {
        Self(200, "OK: the page, or with `format=csv` every matching row", content: [.init("application/json", .ref(name)), .init("text/csv", .string())])
    }

    /// `201 Created` with the new record and, when `location` is given, its URL.
    static func created(_ name: String, location: String?) -> Self {
        let header = location.map {
            Endpoint.Header("Location", "The new record's URL, `\($0)`.", .string(format: "uri-reference"))
        }
        return Self(201, "Created", content: [.init("application/json", .ref(name))], headers: header.map { [$0] } ?? [])
    }

    static let noContent = Self(204, "No content")

    /// An error answer: `application/problem+json` with the problem types it can carry.
    static func problem(_ status: Int, _ types: [ProblemType]? = nil, detail: String? = nil) -> Self {
        let types = types ?? [defaultProblem[status] ?? .internal]
        var text = "\(statusText[status] ?? "Error"): " + types.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        if let detail { text += ". " + detail }
        let headers = status == 429 ? [Endpoint.Header("Retry-After", "Seconds to wait before trying again.", .integer(minimum: 1))] : []
        return Self(status, text, content: [.init("application/problem+json", .ref("Problem"))], headers: headers, problems: types)
    }

    static let statusText = [
        400: "Bad request", 401: "Not signed in", 403: "Forbidden", 404: "Not found", 409: "Conflict", 412: "Precondition failed",
        413: "Payload too large", 415: "Unsupported media type", 422: "Validation failed", 428: "Precondition required",
        429: "Too many requests",
    ]
    static let defaultProblem: [Int: ProblemType] = [
        400: .malformedRequest, 401: .unauthorized, 403: .forbidden, 404: .notFound, 412: .versionConflict, 413: .payloadTooLarge,
        415: .unsupportedMediaType, 422: .validation, 428: .versionRequired, 429: .tooManyAttempts,
    ]

    static let csrf = "Also answered when a web-session caller omits the X-CSRF-Token header"

    /// What any JSON body can be refused with.
    static let bodyErrors: [Self] = [
        .problem(400, detail: "The body is empty, not valid JSON, or not a JSON object"),
        .problem(413, detail: "The body is larger than 1 MiB"),
        .problem(415, detail: "The Content-Type is not application/json"),
        .problem(422, detail: "`errors` names each invalid or unknown field"),
    ]

    static let unauthorized = problem(401)

    /// `400` for a body, or for a boolean query parameter that is neither `true` nor `false`.
    static let bodyOrFlag = problem(400, [.malformedRequest, .invalidQuery],
                                    detail: "The body is empty, not valid JSON, or not a JSON object (`malformed-request`), or "
                                    + "`allowDuplicate` is neither true nor false (`invalid-query`)")

    /// `403` for a change, with why (a web-session caller without its CSRF token is refused too).
    static func writeForbidden(_ reason: String? = nil) -> Self {
        problem(403, detail: reason.map { $0 + ". " + csrf } ?? csrf)
    }

    static let listQuery = problem(400, [.invalidQuery], detail: "Unknown parameter or operator, unsortable field, bad value, or a cursor "
                                   + "that does not belong to the sort order")
}

extension Endpoint.Parameter {
    /// The record's id in the path.
    static let id = Self("id", in: .path, required: true, "The record's id (a malformed id answers 404).", .uuid())

    static let ifMatch = Self("If-Match", in: .header, "The expected current version as `\"N\"` (or `W/\"N\"`). Required unless `version` "
                              + "is sent in the body; a stale one answers 412 `version-conflict`.", versionTag, example: "\"3\"")
    static let ifMatchUser = Self("If-Match", in: .header, "The expected current version as `\"N\"` (or `W/\"N\"`), or send `version` in the "
                                  + "body; optional for users. A stale one answers 412 `version-conflict`.", versionTag, example: "\"3\"")
    static let versionTag = Schema.string(pattern: "^(W/)?\"[1-9][0-9]{0,17}\"$")

    static let allowDuplicate = Self("allowDuplicate", in: .query, "`true` creates the record even when likely duplicates exist; "
                                     + "otherwise they answer 409 `duplicate-suspected` with the `matches`.", .boolean(default: false))
    static let allowDuplicateQualify = Self("allowDuplicate", in: .query, "`true` creates the account and the contact even when "
                                            + "likely duplicates exist; otherwise they answer 409 `duplicate-suspected` with the `matches` "
                                            + "and nothing changes.", .boolean(default: false))
}
