import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Pipeline catalogs: channels, reasons, competitors, stages, opportunity kinds.
struct CatalogRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func channels(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await CatalogService(env).channels().map(ChannelDTO.init), nextCursor: nil))
    }

    @Sendable func createChannel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "impactType"])
        body.require("impactType")
        let name = body.string("name"), type = body.enumValue("impactType", ImpactType.self)
        try body.check()
        return try .json(ChannelDTO(try await CatalogService(env).createChannel(name: name, impactType: type, by: principal)), status: .created)
    }

    func reasons(_ kind: Reason.Kind, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await CatalogService(env).reasons(kind).map(ReasonDTO.init), nextCursor: nil))
    }

    func createReason(_ kind: Reason.Kind, request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name"])
        let name = body.string("name")
        try body.check()
        return try .json(ReasonDTO(try await CatalogService(env).createReason(kind, name: name, by: principal)), status: .created)
    }

    func setReasonActive(_ kind: Reason.Kind, request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Reason.self)
        var body = try await JSONBody(request, context: context, allowed: ["active"])
        body.require("active")
        let active = body.bool("active")
        try body.check()
        return try .json(ReasonDTO(try await CatalogService(env).setReasonActive(id, kind: kind, active: active ?? true, by: principal)))
    }

    @Sendable func stages(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await CatalogService(env).stages().map(StageDTO.init), nextCursor: nil))
    }

    @Sendable func createStage(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "description", "defaultProbability", "taskTemplates", "requirements"])
        body.require("name")
        let name = body.string("name"), description = body.string("description"), probability = body.int("defaultProbability")
        var templates: [TaskTemplate] = []
        for var item in body.list("taskTemplates", allowed: ["subject", "type", "dueInDays"]) ?? [] {
            templates.append(TaskTemplate(subject: item.string("subject") ?? "", type: item.string("type") ?? "task", dueInDays: item.int("dueInDays") ?? 0))
            body.absorb(item)
        }
        var requirements = StageRequirements()
        if var gate = body.nested("requirements", allowed: ["requiredFields", "requiresStakeholder", "requiresCompetitor", "requiresQuote"]) {
            requirements.requiresStakeholder = gate.bool("requiresStakeholder") ?? false
            requirements.requiresCompetitor = gate.bool("requiresCompetitor") ?? false
            requirements.requiresQuote = gate.bool("requiresQuote") ?? false
            requirements.requiredFields = gate.strings("requiredFields")
            body.absorb(gate)
        }
        try body.check()
        let stage = Stage(id: Stage.ID(UUID()), name: name ?? "", description: description, defaultProbability: probability ?? 0,
                          taskTemplates: templates, requirements: requirements)
        return try .json(StageDTO(try await CatalogService(env).createStage(stage, by: principal)), status: .created)
    }

    @Sendable func kinds(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await CatalogService(env).kinds().map(KindDTO.init), nextCursor: nil))
    }

    @Sendable func createKind(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "type", "stageIds", "allowed", "recordsPrimaryDemand"])
        body.require("type")
        let name = body.string("name"), type = body.enumValue("type", KindType.self)
        let stageIds = body.strings("stageIds").compactMap { text -> Stage.ID? in
            if let id = Stage.ID(text) { return id }
            body.fail("stageIds", "\(text) is not a UUID")
            return nil
        }
        if Set(stageIds).count != stageIds.count { body.fail("stageIds", "a stage may appear only once") }
        let allowed = body.bool("allowed"), demand = body.bool("recordsPrimaryDemand")
        try body.check()
        let kind = OpportunityKind(id: OpportunityKind.ID(UUID()), name: name ?? "", type: type ?? .none, stageIds: stageIds,
                                   allowed: allowed ?? true, recordsPrimaryDemand: demand ?? false)
        return try .json(KindDTO(try await CatalogService(env).createKind(kind, by: principal)), status: .created)
    }

    @Sendable func updateKind(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(OpportunityKind.self)
        var body = try await JSONBody(request, context: context, allowed: ["allowed"])
        body.require("allowed")
        let allowed = body.bool("allowed")
        try body.check()
        return try .json(KindDTO(try await CatalogService(env).setKindAllowed(id, allowed: allowed ?? true, by: principal)))
    }
}
