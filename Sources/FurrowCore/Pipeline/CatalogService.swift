import Foundation
import FurrowDomain

/// The pipeline's catalogs (SPEC §2–§3): advertising channels, reasons (disqualify, lost),
/// competitors, stages and opportunity kinds. Everyone reads them; administrators edit them.
public struct CatalogService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func channels() async throws -> [Channel] { try await env.store.read { try await $0.channels() } }
    public func reasons(_ kind: Reason.Kind) async throws -> [Reason] { try await env.store.read { try await $0.reasons(kind) } }
    public func stages() async throws -> [Stage] { try await env.store.read { try await $0.stages() } }
    public func kinds() async throws -> [OpportunityKind] { try await env.store.read { try await $0.kinds() } }

    public func createChannel(name: String?, impactType: ImpactType?, by principal: Principal) async throws -> Channel {
        try requireAdmin(principal)
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        if impactType == nil { check.add("impactType", "is required") }
        try check.check()
        let channel = Channel(id: env.newID(), name: name ?? "", impactType: impactType ?? .other)
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            try await session.insertChannel(channel)
            transaction.audit("channel", channel.id.uuid, "create", AuditDiff.changes(from: [:], to: ["name": channel.name, "impactType": channel.impactType.rawValue]))
        }
        return channel
    }

    public func createReason(_ kind: Reason.Kind, name: String?, by principal: Principal) async throws -> Reason {
        // users may add reasons for losing (rule 111) and competitors on the fly (rule 85)
        if kind == .disqualify { try requireAdmin(principal) }
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot add catalog entries") }
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        try check.check()
        let reason = Reason(id: env.newID(), kind: kind, name: name ?? "")
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            try await session.insertReason(reason)
            transaction.audit("reason", reason.id.uuid, "create", AuditDiff.changes(from: [:], to: ["kind": kind.rawValue, "name": reason.name]))
        }
        return reason
    }

    public func setReasonActive(_ id: Reason.ID, kind: Reason.Kind, active: Bool, by principal: Principal) async throws -> Reason {
        try requireAdmin(principal)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            guard var reason = try await session.reason(id: id), reason.kind == kind else { throw CoreError.notFound("reason") }
            guard reason.active != active else { return reason }
            reason.active = active
            try await session.updateReason(reason)
            transaction.audit("reason", id.uuid, "update", [FieldChange(field: "active", old: String(!active), new: String(active))])
            return reason
        }
    }

    public func createStage(_ input: Stage, by principal: Principal) async throws -> Stage {
        try requireAdmin(principal)
        var stage = input
        stage.id = env.newID()
        try checkStage(&stage)
        let created = stage
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            try await session.insertStage(created)
            transaction.audit("stage", created.id.uuid, "create", AuditDiff.changes(from: [:], to: ["name": created.name, "defaultProbability": String(created.defaultProbability)]))
        }
        return created
    }

    public func createKind(_ input: OpportunityKind, by principal: Principal) async throws -> OpportunityKind {
        try requireAdmin(principal)
        var kind = try input.validated()
        kind.id = env.newID()
        let created = kind
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            for stageId in created.stageIds where try await session.stage(id: stageId) == nil {
                throw ValidationError([FieldError("stageIds", "\(stageId) is not a stage")])
            }
            try await session.insertKind(created, isDefault: false)
            transaction.audit("opportunity-kind", created.id.uuid, "create", AuditDiff.changes(from: [:], to: ["name": created.name, "type": created.type.rawValue, "stageIds": created.stageIds.map(\.string).joined(separator: ",")]))
        }
        return created
    }

    /// Allows or forbids choosing a kind for new opportunities (rule 103).
    public func setKindAllowed(_ id: OpportunityKind.ID, allowed: Bool, by principal: Principal) async throws -> OpportunityKind {
        try requireAdmin(principal)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            guard var kind = try await session.kind(id: id) else { throw CoreError.notFound("opportunity kind") }
            guard kind.allowed != allowed else { return kind }
            kind.allowed = allowed
            try await session.updateKind(kind)
            transaction.audit("opportunity-kind", id.uuid, "update", [FieldChange(field: "allowed", old: String(!allowed), new: String(allowed))])
            return kind
        }
    }

    private func checkStage(_ stage: inout Stage) throws {
        var check = Validator()
        stage.name = check.text("name", stage.name, required: true, maxLength: 100) ?? ""
        stage.description = check.text("description", stage.description, maxLength: 1000)
        if !Opportunity.probabilities.contains(stage.defaultProbability) { check.add("defaultProbability", "must be from 0 to 100") }
        for field in stage.requirements.requiredFields where !StageRequirements.requirableFields.contains(field) {
            check.add("requiredFields", "\(field) cannot be required; use one of \(StageRequirements.requirableFields.sorted().joined(separator: ", "))")
        }
        for template in stage.taskTemplates where template.subject.trimmedSpaces().isEmpty {
            check.add("taskTemplates", "each task needs a subject")
        }
        try check.check()
    }

    private func requireAdmin(_ principal: Principal) throws {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change this catalog") }
    }
}
