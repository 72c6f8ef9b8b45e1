import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertChannel(_ channel: Channel) async throws {
        try await run("INSERT INTO channels (id, name, impact_type) VALUES (\(bind: channel.id.string), \(bind: channel.name), \(bind: channel.impactType.rawValue))")
    }

    func channels() async throws -> [Channel] {
        try await rows("SELECT * FROM channels ORDER BY name, id").map(channelRecord)
    }

    func channel(id: Channel.ID) async throws -> Channel? {
        try await rows("SELECT * FROM channels WHERE id = \(bind: id.string)").first.map(channelRecord)
    }

    func insertReason(_ reason: Reason) async throws {
        try await run("""
            INSERT INTO reasons (id, kind, name, active) VALUES (\(bind: reason.id.string), \(bind: reason.kind.rawValue), \(bind: reason.name), \(bind: reason.active))
            """)
    }

    func updateReason(_ reason: Reason) async throws {
        try await run("UPDATE reasons SET name = \(bind: reason.name), active = \(bind: reason.active) WHERE id = \(bind: reason.id.string)")
    }

    func reasons(_ kind: Reason.Kind) async throws -> [Reason] {
        try await rows("SELECT * FROM reasons WHERE kind = \(bind: kind.rawValue) ORDER BY name, id").map(reasonRecord)
    }

    func reason(id: Reason.ID) async throws -> Reason? {
        try await rows("SELECT * FROM reasons WHERE id = \(bind: id.string)").first.map(reasonRecord)
    }

    func insertStage(_ stage: Stage) async throws {
        try await run("""
            INSERT INTO stages (id, name, description, default_probability, task_templates, requirements)
            VALUES (\(bind: stage.id.string), \(bind: stage.name), \(bind: stage.description), \(bind: stage.defaultProbability),
                    \(bind: try JSONText.encode(stage.taskTemplates)), \(bind: try JSONText.encode(stage.requirements)))
            """)
    }

    func updateStage(_ stage: Stage) async throws {
        try await run("""
            UPDATE stages SET name = \(bind: stage.name), description = \(bind: stage.description),
                default_probability = \(bind: stage.defaultProbability), task_templates = \(bind: try JSONText.encode(stage.taskTemplates)),
                requirements = \(bind: try JSONText.encode(stage.requirements))
            WHERE id = \(bind: stage.id.string)
            """)
    }

    func stages() async throws -> [Stage] {
        try await rows("SELECT * FROM stages ORDER BY name, id").map(stageRecord)
    }

    func stage(id: Stage.ID) async throws -> Stage? {
        try await rows("SELECT * FROM stages WHERE id = \(bind: id.string)").first.map(stageRecord)
    }

    func insertKind(_ kind: OpportunityKind, isDefault: Bool) async throws {
        let position = try await count("SELECT COALESCE(MAX(position), 0) + 1 AS n FROM opportunity_kinds")
        try await run("""
            INSERT INTO opportunity_kinds (id, name, type, stage_ids, allowed, records_primary_demand, is_default, position)
            VALUES (\(bind: kind.id.string), \(bind: kind.name), \(bind: kind.type.rawValue), \(bind: try JSONText.encode(kind.stageIds.map(\.string))),
                    \(bind: kind.allowed), \(bind: kind.recordsPrimaryDemand), \(bind: isDefault), \(bind: position))
            """)
    }

    func updateKind(_ kind: OpportunityKind) async throws {
        try await run("""
            UPDATE opportunity_kinds SET name = \(bind: kind.name), stage_ids = \(bind: try JSONText.encode(kind.stageIds.map(\.string))),
                allowed = \(bind: kind.allowed), records_primary_demand = \(bind: kind.recordsPrimaryDemand)
            WHERE id = \(bind: kind.id.string)
            """)
    }

    func kinds() async throws -> [OpportunityKind] {
        try await rows("SELECT * FROM opportunity_kinds ORDER BY position, id").map(kindRecord)
    }

    func kind(id: OpportunityKind.ID) async throws -> OpportunityKind? {
        try await rows("SELECT * FROM opportunity_kinds WHERE id = \(bind: id.string)").first.map(kindRecord)
    }

    func defaultKind() async throws -> OpportunityKind? {
        try await rows("SELECT * FROM opportunity_kinds WHERE allowed = \(bind: true) ORDER BY is_default DESC, position, id LIMIT 1")
            .first.map(kindRecord)
    }

    private func channelRecord(_ row: any SQLRow) throws -> Channel {
        Channel(id: try row.id("id"), name: try row.string("name"), impactType: try row.status("impact_type", ImpactType.self))
    }

    private func reasonRecord(_ row: any SQLRow) throws -> Reason {
        Reason(id: try row.id("id"), kind: try row.status("kind", Reason.Kind.self), name: try row.string("name"),
               active: try row.decode(column: "active", as: Bool.self))
    }

    private func stageRecord(_ row: any SQLRow) throws -> Stage {
        Stage(id: try row.id("id"), name: try row.string("name"), description: try row.optional("description"),
              defaultProbability: try row.int("default_probability"),
              taskTemplates: try JSONText.decode([TaskTemplate].self, try row.string("task_templates")),
              requirements: try JSONText.decode(StageRequirements.self, try row.string("requirements")))
    }

    private func kindRecord(_ row: any SQLRow) throws -> OpportunityKind {
        OpportunityKind(id: try row.id("id"), name: try row.string("name"), type: try row.status("type", KindType.self),
                        stageIds: try JSONText.decode([String].self, try row.string("stage_ids")).compactMap(Stage.ID.init),
                        allowed: try row.decode(column: "allowed", as: Bool.self),
                        recordsPrimaryDemand: try row.decode(column: "records_primary_demand", as: Bool.self))
    }
}

/// JSON text columns: small structured values stored as one string.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
