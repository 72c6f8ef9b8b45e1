import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct LeadRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["topic", "firstName", "lastName", "companyName", "email", "phone", "requirements", "estimatedValue",
                                      "currency", "channelId", "sourceRef", "sourceText", "campaignId", "ownerId", "status"]


    /// The source fields shared by leads and opportunities, applied over `base`.
    static func source(_ body: inout JSONBody, over base: LeadSource) -> LeadSource {
        var source = base
        if body.has("channelId") { source.channelId = body.id("channelId", Channel.self) }
        if body.has("sourceText") { source.text = body.string("sourceText") }
        if body.has("sourceRef") {
            if var ref = body.nested("sourceRef", allowed: ["type", "id"]) {
                ref.require("type")
                ref.require("id")
                source.refType = ref.enumValue("type", ImpactType.self)
                source.refId = ref.uuid("id")
                body.absorb(ref)
            } else {
                source.refType = nil
                source.refId = nil
            }
        }
        return source
    }

    func fields(_ body: inout JSONBody, over base: LeadFields) async throws -> LeadFields {
        var fields = base
        if body.has("topic") { fields.topic = body.string("topic") ?? "" }
        if body.has("firstName") { fields.firstName = body.string("firstName") }
        if body.has("lastName") { fields.lastName = body.string("lastName") }
        if body.has("companyName") { fields.companyName = body.string("companyName") }
        if body.has("email") { fields.email = body.string("email") }
        if body.has("phone") { fields.phone = body.string("phone") }
        if body.has("requirements") { fields.requirements = body.string("requirements") }
        if body.has("estimatedValue") || body.has("currency") {
            var code = body.string("currency") ?? base.estimatedValue?.currency.code
            if code == nil { code = try await SettingsService(env).current().baseCurrency }
            if let currency = Currency(code ?? "") {
                if body.has("estimatedValue") {
                    fields.estimatedValue = body.money("estimatedValue", currency: currency)
                } else if let value = base.estimatedValue {
                    fields.estimatedValue = Money(value.decimalString, currency: currency)
                    if fields.estimatedValue == nil {
                        body.fail("estimatedValue", "\(value.decimalString) cannot be written in \(currency); send a new amount")
                    }
                }
            } else {
                body.fail("currency", "is not an ISO 4217 currency code")
            }
        }
        fields.source = Self.source(&body, over: base.source)
        if body.has("campaignId") { fields.campaignId = body.uuid("campaignId") }
        return fields
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields.subtracting(["status"]), ignoring: JSONBody.serverOwned.union(["ownerName", "channelName"]))
        let fields = try await fields(&body, over: LeadFields(topic: ""))
        let owner = body.id("ownerId", User.self)
        try body.check()
        let lead = try await LeadService(env).create(fields, ownerId: owner, by: principal)
        return try .json(LeadDTO(lead), status: .created, location: "/api/v1/leads/\(lead.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .leads)
        return try await ListExport.answer(request, query, .leads, env: env, by: principal)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(LeadDTO(try await LeadService(env).get(try context.id(Lead.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Lead.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: JSONBody.serverOwned.union(["ownerName", "channelName"]))
        let version = try request.expectedVersion(&body)
        let current = try await LeadService(env).get(id, by: principal)
        let fields = try await fields(&body, over: current.fields)
        let owner = body.id("ownerId", User.self)
        let status = body.enumValue("status", LeadStatus.self)
        if let status, status != current.status && status != .contacted {
            body.fail("status", "only 'contacted' is set by editing; use qualify, disqualify or reactivate")
        }
        try body.check()
        let lead = try await LeadService(env).update(id, fields: fields, ownerId: owner, markContacted: status == .contacted,
                                                     expectedVersion: version, by: principal)
        return try .json(LeadDTO(lead))
    }

    @Sendable func qualify(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Lead.self)
        var body = try await JSONBody(request, context: context, allowed: ["accountId", "contactId", "createAccount", "createContact"],
                                      emptyIsObject: true)
        let input = LeadService.QualifyInput(accountId: body.id("accountId", Account.self), contactId: body.id("contactId", Contact.self),
                                             createAccount: body.bool("createAccount"), createContact: body.bool("createContact"),
                                             allowDuplicate: try request.flag("allowDuplicate"))
        try body.check()
        return try .json(QualificationDTO(try await LeadService(env).qualify(id, input, by: principal)))
    }

    @Sendable func disqualify(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Lead.self)
        var body = try await JSONBody(request, context: context, allowed: ["reasonId"])
        body.require("reasonId")
        let reason = body.id("reasonId", Reason.self)
        try body.check()
        return try .json(LeadDTO(try await LeadService(env).disqualify(id, reasonId: reason, by: principal)))
    }

    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(LeadDTO(try await LeadService(env).reactivate(try context.id(Lead.self), by: principal)))
    }
}
