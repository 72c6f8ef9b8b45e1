import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct ConnectionRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["fromType", "fromId", "toType", "toId", "role"])
        for field in ["fromType", "fromId", "toType", "toId", "role"] { body.require(field) }
        let fromType = body.enumValue("fromType", PartyType.self), fromId = body.uuid("fromId")
        let toType = body.enumValue("toType", PartyType.self), toId = body.uuid("toId")
        let role = body.string("role")
        try body.check()
        guard let fromType, let fromId, let toType, let toId else { throw Problem.validation([]) }
        let connection = try await ConnectionService(env).create(fromType: fromType, fromId: fromId, toType: toType, toId: toId,
                                                                 role: role, by: principal)
        return try .json(ConnectionDTO(connection), status: .created, location: "/api/v1/connections/\(connection.id)")
    }

    /// `GET /connections?partyType=account&partyId=…` lists one party's connections.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        for (key, _) in parameters where !["partyType", "partyId"].contains(String(key)) {
            throw Problem.invalidQuery("Unknown parameter '\(key)'. Use partyType and partyId.")
        }
        guard let typeText = parameters["partyType"], let type = PartyType(rawValue: String(typeText)),
              let idText = parameters["partyId"], let id = UUID(uuidString: String(idText)) else {
            throw Problem.invalidQuery("partyType (account or contact) and partyId (a UUID) are required.")
        }
        let connections = try await ConnectionService(env).list(of: id, type: type, by: principal)
        return try .json(Page(items: connections.map(ConnectionDTO.init), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ConnectionDTO(try await ConnectionService(env).get(try context.id(Connection.self), by: principal)))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await ConnectionService(env).delete(try context.id(Connection.self), by: principal)
        return .noContent
    }
}

struct SearchRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func search(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        var types = Set<SearchEntry.Kind>()
        var limit = 20
        for (key, value) in parameters {
            switch key {
            case "q": continue
            case "type":
                for part in value.split(separator: ",") {
                    guard let kind = SearchEntry.Kind(rawValue: String(part)) else {
                        throw Problem.invalidQuery("type must be account, contact, lead or opportunity.")
                    }
                    types.insert(kind)
                }
            case "limit":
                guard let value = Int(String(value)), (1...100).contains(value) else {
                    throw Problem.invalidQuery("limit must be a whole number from 1 to 100.")
                }
                limit = value
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use q, type and limit.")
            }
        }
        let text = parameters["q"].map(String.init) ?? ""
        let results = try await SearchService(env).search(text, types: types.isEmpty ? Set(SearchEntry.Kind.allCases) : types,
                                                          limit: limit, by: principal)
        return try .json(Page(items: results.map(SearchResultDTO.init), nextCursor: nil))
    }

    @Sendable func audit(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        for (key, _) in parameters where !["entity", "id"].contains(String(key)) {
            throw Problem.invalidQuery("Unknown parameter '\(key)'. Use entity and id.")
        }
        guard let entity = parameters["entity"], let idText = parameters["id"], let id = UUID(uuidString: String(idText)) else {
            throw Problem.invalidQuery("entity and id (a UUID) are required.")
        }
        guard AuditService.entities.contains(String(entity)) else {
            throw Problem.invalidQuery("entity must be one of \(AuditService.entities.sorted().joined(separator: ", ")).")
        }
        let entries = try await AuditService(env).entries(entity: String(entity), id: id, by: principal)
        return try .json(Page(items: entries.map(AuditEntryDTO.init), nextCursor: nil))
    }
}

struct SettingsRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["companyName", "companyAddress", "timeZone", "baseCurrency", "quoteWord", "smtpHost", "mailFrom",
                                      "smtpUsername", "smtpPassword", "smtpSecurity", "budgetCostDate", "budgetIncomeDate", "workingHours", "publicURL", "inboundDomain",
                                      "webhookAllowedHosts", "bankDetails", "companyRegistration", "companyTaxNumber", "documentAccent",
                                      "documentFooter", "documentPaper", "quoteTerms", "invoiceNotes"]
    static let flags: Set<String> = ["autoCreateOpportunity", "opportunityNameFromQuote", "useProductShortNames", "smtpVerifyCertificates",
                                     "budgetTracking"]


    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(try await SettingsService(env).current())
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(Self.flags).union(["smtpPort", "followUpDays", "calendarStates", "workingDays", "renewalReminderDays", "sendingRate"]),
                                      ignoring: ["smtpPasswordSet"])
        let values = Dictionary(uniqueKeysWithValues: Self.fields.compactMap { key in body.string(key).map { (key, $0) } })
        let flags = Dictionary(uniqueKeysWithValues: Self.flags.compactMap { key in body.bool(key).map { (key, $0) } })
        let port = body.int("smtpPort"), followUp = body.int("followUpDays"), reminder = body.int("renewalReminderDays"), rate = body.int("sendingRate")
        let states = body.has("calendarStates") ? body.strings("calendarStates") : nil
        var workingDays: [Int]?
        if body.has("workingDays") {
            switch body.raw("workingDays") {
            case .array(let items)?:
                workingDays = items.compactMap { if case .int(let n) = $0 { n } else { nil } }
                if workingDays?.count != items.count { body.fail("workingDays", "takes whole numbers 1 to 7") }
                else if items.count > 7 { body.fail("workingDays", "takes each weekday at most once (at most 7)") }
            case .null?, nil: break
            default: body.fail("workingDays", "must be an array of weekdays 1 to 7")
            }
        }
        if states?.contains(where: { $0.trimmedSpaces().isEmpty }) == true {
            body.fail("calendarStates", "takes inProgress, won, lost or stage ids, none of them empty")
        }
        try body.check()
        let days = workingDays
        let settings = try await SettingsService(env).update({ settings in
            if let v = values["companyName"] { settings.companyName = v }
            if let v = values["companyAddress"] { settings.companyAddress = v }
            if let v = values["timeZone"] { settings.timeZone = v }
            if let v = values["baseCurrency"] { settings.baseCurrency = v }
            if let v = values["quoteWord"] { settings.quoteWord = v }
            if let v = flags["autoCreateOpportunity"] { settings.autoCreateOpportunity = v }
            if let v = flags["opportunityNameFromQuote"] { settings.opportunityNameFromQuote = v }
            if let v = flags["useProductShortNames"] { settings.useProductShortNames = v }
            if let v = values["smtpHost"] { settings.smtpHost = v }
            if let v = values["mailFrom"] { settings.mailFrom = v }
            if let v = values["smtpUsername"] { settings.smtpUsername = v }
            if let v = values["smtpPassword"] { settings.smtpPassword = v }
            if let v = values["smtpSecurity"] { settings.smtpSecurity = v }
            if let v = flags["smtpVerifyCertificates"] { settings.smtpVerifyCertificates = v }
            if let v = flags["budgetTracking"] { settings.budgetTracking = v }
            if let v = values["budgetCostDate"] { settings.budgetCostDate = v }
            if let v = values["budgetIncomeDate"] { settings.budgetIncomeDate = v }
            if let port { settings.smtpPort = port }
            if let followUp { settings.followUpDays = followUp }
            if let states { settings.calendarStates = states }
            if let days { settings.workingDays = days }
            if let v = values["workingHours"] { settings.workingHours = v }
            if let reminder { settings.renewalReminderDays = reminder }
            if let v = values["publicURL"] { settings.publicURL = v }
            if let v = values["inboundDomain"] { settings.inboundDomain = v }
            if let v = values["webhookAllowedHosts"] { settings.webhookAllowedHosts = v }
            if let v = values["bankDetails"] { settings.bankDetails = v }
            if let v = values["companyRegistration"] { settings.companyRegistration = v }
            if let v = values["companyTaxNumber"] { settings.companyTaxNumber = v }
            if let v = values["documentAccent"] { settings.documentAccent = v }
            if let v = values["documentFooter"] { settings.documentFooter = v }
            if let v = values["documentPaper"] { settings.documentPaper = v }
            if let v = values["quoteTerms"] { settings.quoteTerms = v }
            if let v = values["invoiceNotes"] { settings.invoiceNotes = v }
            if let rate { settings.sendingRate = rate }
        }, by: principal)
        return try .json(settings)
    }
}
