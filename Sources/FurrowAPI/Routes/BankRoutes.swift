import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// Bank statements and reconciliation (SPEC §5): import CSV or CAMT.053, auto-match, match by hand.
struct BankRoutes: RouteSet {
    let env: CoreEnvironment
    /// A statement file may be larger than a JSON body.
    static let maxStatementSize = 8 * 1024 * 1024


    func reply(_ statement: BankStatement, principal: Principal, status: HTTPResponse.Status = .ok, matched: Int? = nil,
               created: Int? = nil) async throws -> Response {
        let candidates = try await ReconciliationService(env).candidates(statement.id, by: principal)
        let lines = statement.lines.map { BankLineDTO($0, candidates: $0.paymentId == nil ? candidates[$0.id] ?? [] : nil) }
        return try .json(StatementDTO(statement, lines: lines, matched: matched, created: created), status: status)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        let limit = query["limit"].map { Int(String($0)) } ?? 50
        guard let limit, (1...200).contains(limit) else { throw Problem.invalidQuery("limit must be from 1 to 200.") }
        var before: Date? = nil
        if let text = query["before"] {
            guard let date = Timestamp.date(String(text)) else { throw Problem.invalidQuery("before must be an RFC 3339 UTC timestamp.") }
            before = date
        }
        let rows = try await ReconciliationService(env).statements(limit: limit, before: before, by: principal)
        return try .json(Page(items: rows.map(StatementSummaryDTO.init), nextCursor: nil))
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var request = request
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let query = request.uri.queryParameters
        let buffer: ByteBuffer
        buffer = try await request.collectBody(upTo: Self.maxStatementSize,
                                               tooLarge: "A statement file may be at most \(Self.maxStatementSize) bytes.")
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw Problem.malformed("The request body is empty; send the statement file.") }
        let name = query["name"].map(String.init)
        let source: ReconciliationService.Source
        if type.hasPrefix("text/csv") {
            guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
                throw Problem.malformed("The CSV file is not text.")
            }
            var profile: StatementProfile.ID? = nil, currency: Currency? = nil
            if let value = query["profileId"] {
                guard let id = StatementProfile.ID(String(value)) else { throw Problem.validation([FieldError("profileId", "is not a statement profile")]) }
                profile = id
            }
            if let value = query["currency"] {
                guard let code = Currency(String(value)) else { throw Problem.validation([FieldError("currency", "is not an ISO 4217 currency code")]) }
                currency = code
            }
            source = .csv(text, profileId: profile, currency: currency)
        } else if type.hasPrefix("application/xml") || type.hasPrefix("text/xml") {
            source = .camt053(data)
        } else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send text/csv or a CAMT.053 file as application/xml.")
        }
        let imported = try await ReconciliationService(env).importStatement(source, name: name, by: principal)
        let lines = imported.lines.map { BankLineDTO($0) }
        return try .json(StatementDTO(imported.statement, lines: lines), status: .created, location: "/api/v1/bank-statements/\(imported.statement.id)")
    }

    @Sendable func statement(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try await reply(try await ReconciliationService(env).statement(try context.id(BankStatement.self), by: principal), principal: principal)
    }

    @Sendable func reconcile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let outcome = try await ReconciliationService(env).reconcile(try context.id(BankStatement.self), by: principal)
        return try await reply(outcome.statement, principal: principal, matched: outcome.matched, created: outcome.created)
    }

    @Sendable func match(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(BankStatement.self), line = try context.id(BankLine.self, "lineId")
        var body = try await JSONBody(request, context: context, allowed: ["paymentId"])
        body.require("paymentId")
        let payment = body.id("paymentId", Payment.self)
        try body.check()
        guard let payment else { throw Problem.validation([FieldError("paymentId", "is required")]) }
        return try await reply(try await ReconciliationService(env).match(id, line: line, payment: payment, by: principal), principal: principal)
    }

    @Sendable func unmatch(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(BankStatement.self), line = try context.id(BankLine.self, "lineId")
        return try await reply(try await ReconciliationService(env).unmatch(id, line: line, by: principal), principal: principal)
    }

    @Sendable func profiles(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let profiles = [StatementProfile.standard] + (try await ReconciliationService(env).profiles(by: principal))
        return try .json(Page(items: profiles.map(ProfileDTO.init), nextCursor: nil))
    }

    @Sendable func createProfile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context,
                                      allowed: ["name", "delimiter", "dateColumn", "dateFormat", "amountColumn", "decimalComma", "referenceColumn",
                                                "counterpartyColumn", "currencyColumn"], ignoring: ["id"])
        for field in ["name", "dateColumn", "amountColumn", "referenceColumn"] { body.require(field) }
        var profile = StatementProfile(name: body.string("name") ?? "")
        if let delimiter = body.string("delimiter") {
            if delimiter.count == 1, let c = delimiter.first { profile.delimiter = c } else { body.fail("delimiter", "must be one character") }
        }
        profile.dateColumn = body.string("dateColumn") ?? ""
        if body.has("dateFormat") { profile.dateFormat = body.enumValue("dateFormat", StatementProfile.DateFormat.self) ?? .iso }
        profile.amountColumn = body.string("amountColumn") ?? ""
        profile.decimalComma = body.bool("decimalComma") ?? false
        profile.referenceColumn = body.string("referenceColumn") ?? ""
        profile.counterpartyColumn = body.string("counterpartyColumn")
        profile.currencyColumn = body.string("currencyColumn")
        try body.check()
        let stored = try await ReconciliationService(env).createProfile(profile, by: principal)
        return try .json(ProfileDTO(stored), status: .created)
    }
}
