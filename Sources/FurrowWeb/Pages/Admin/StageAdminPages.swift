import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The stages of the sales processes, for administrators: each with its probability, its gates
/// (fields that must be filled, a stakeholder, a competitor, a quote) and the tasks its entry
/// gives the owner; and a new stage.
struct StageAdminPages {
    static let path = "/admin/stages"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("admin/stages", use: list)
        group.post("admin/stages", use: create)
    }

    static let taskTypes: [(String, String)] = [("task", "task"), ("phoneCall", "call"), ("appointment", "meeting"), ("email", "email"),
                                                 ("serviceVisit", "visit")]

    static func gates(_ stage: Stage) -> String {
        var gates = stage.requirements.requiredFields.map { StageRequirements.fieldLabels[$0] ?? $0 }
        if stage.requirements.requiresStakeholder { gates.append("a stakeholder") }
        if stage.requirements.requiresCompetitor { gates.append("a competitor") }
        if stage.requirements.requiresQuote { gates.append("a quote") }
        return gates.isEmpty ? "—" : gates.joined(separator: ", ")
    }

    static func tasks(_ stage: Stage) -> String {
        let tasks = stage.taskTemplates.map { template in
            let type = taskTypes.first { $0.0 == template.type }?.1 ?? template.type
            return "\(template.subject) (\(type), due \(template.dueInDays == 0 ? "the same day" : "after \(template.dueInDays) days"))"
        }
        return tasks.isEmpty ? "—" : tasks.joined(separator: "; ")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        return try await page(request, context, values: WebForm(values: ["defaultProbability": "10"]), problem: nil)
    }

    /// Task lines as people write them: `Call the customer; call; 2` — a subject, then optionally
    /// the type and the days until it is due.
    static func templates(_ text: String) -> (templates: [TaskTemplate], errors: [String]) {
        var templates: [TaskTemplate] = [], errors: [String] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let subject = parts.first, !subject.isEmpty else { continue }
            let typeText = parts.count > 1 ? parts[1].lowercased() : ""
            let type = typeText.isEmpty ? "task" : taskTypes.first { $0.1 == typeText || $0.0.lowercased() == typeText }?.0
            let days = parts.count > 2 && !parts[2].isEmpty ? Int(parts[2]) : 0
            guard let type else {
                errors.append("line \(number + 1): the type is one of \(taskTypes.map(\.1).joined(separator: ", "))")
                continue
            }
            guard let days, (0...365).contains(days) else {
                errors.append("line \(number + 1): the days are a whole number from 0 to 365")
                continue
            }
            templates.append(TaskTemplate(subject: subject, type: type, dueInDays: days))
        }
        return (templates, errors)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let form = try await web.form(request, context)
        do {
            let parsed = Self.templates(form["taskTemplates"])
            var errors = parsed.errors.map { FieldError("taskTemplates", $0) }
            let probability = Int(form["defaultProbability"].trimmedSpaces())
            if probability == nil { errors.append(FieldError("defaultProbability", "must be a whole number from 0 to 100")) }
            guard errors.isEmpty else { throw ValidationError(errors) }
            let needs = Set(form.all("needs"))
            let requirements = StageRequirements(requiredFields: StageRequirements.requirableFields.sorted().filter(needs.contains),
                                                 requiresStakeholder: needs.contains("stakeholder"), requiresCompetitor: needs.contains("competitor"),
                                                 requiresQuote: needs.contains("quote"))
            let stage = Stage(id: Stage.ID(UUID()), name: form["name"], description: form.optional("description"),
                              defaultProbability: probability ?? 0, taskTemplates: parsed.templates, requirements: requirements)
            let created = try await CatalogService(web.env).createStage(stage, by: principal)
            return .redirect(Self.path, flash: "The stage “\(created.name)” is made. Put it into a kind's process under Opportunity kinds.")
        } catch {
            return try await page(request, context, values: form, problem: try Problem.forForm(error))
        }
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let catalog = CatalogService(web.env)
        let stages = try await catalog.stages()
        let kinds = try await catalog.kinds()
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("admin", "Stages", request, context, status: status) { _ in
            let rows = stages.map { stage in
                let usedBy = kinds.filter { $0.stageIds.contains(stage.id) }.map(\.name)
                return Admin.Row([.init(stage.name), .init("\(stage.defaultProbability) %"), .init(Self.gates(stage)), .init(Self.tasks(stage)),
                                  .init(usedBy.isEmpty ? "—" : usedBy.joined(separator: ", "))])
            }
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true)
            fields.add("description", "Description", values["description"])
            fields.add("defaultProbability", "Probability (%)", values["defaultProbability"], type: "number", required: true,
                       hint: "An opportunity entering the stage takes it, 0 to 100.")
            let requirable = StageRequirements.requirableFields.sorted().map { ($0, StageRequirements.fieldLabels[$0] ?? $0) }
                + [("stakeholder", "a stakeholder"), ("competitor", "a competitor"), ("quote", "a quote")]
            fields.checkboxGroup("needs", "To enter it, an opportunity needs", requirable, checked: Set(values.all("needs")))
            fields.textarea("taskTemplates", "Tasks on entering it", values["taskTemplates"])
            var form = Admin.form("stage", action: Self.path, submitLabel: "Add stage", fields, problem: problem)
            form.formTitle = "New stage"
            form = Self.hinted(form, "taskTemplates", "One a line: the subject; then, if you like, the type (task, call, meeting, email, visit) and the days until due — such as “Send the brochure; email; 2”.")
            return Admin.page(current: Self.path, heading: "Stages", intro: "The steps of the sales processes. An opportunity enters a stage only when its gates hold, and its owner gets the stage's tasks.",
                              sections: [Admin.section("stages", "Stages", columns: ["Name", "Probability", "Needs", "Tasks", "In kinds"], rows: rows,
                                                       empty: "No stages yet.", form: form)])
        }
    }

    static func hinted(_ form: Admin.AddForm, _ name: String, _ hint: String) -> Admin.AddForm {
        Admin.AddForm(action: form.action, submitLabel: form.submitLabel,
                      fields: form.fields.map { field in var field = field; if field.name == name { field.hint = hint }; return field },
                      message: form.message, hidden: form.hidden, formTitle: form.formTitle)
    }
}

/// Opportunity kinds, for administrators: each with its type and its stages in order, allowed
/// for new opportunities or not; and a new kind, its stages numbered in the order they run.
struct KindAdminPages {
    static let path = "/admin/kinds"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("admin/kinds", use: list)
        group.post("admin/kinds", use: create)
        group.post("admin/kinds/:id/toggle", use: toggle)
    }

    static let types: [(String, String)] = [("standard", "Standard: every stage in order"), ("custom", "Custom: any of its stages"),
                                            ("none", "None: no stages")]

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        return try await page(request, context, values: WebForm(values: ["type": "standard"]), problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let form = try await web.form(request, context)
        do {
            let stages = try await CatalogService(web.env).stages()
            var numbered: [(Int, Stage.ID)] = [], errors: [FieldError] = []
            for stage in stages {
                let text = form["position-\(stage.id)"].trimmedSpaces()
                guard !text.isEmpty else { continue }
                guard let position = Int(text), position > 0 else {
                    errors.append(FieldError("position-\(stage.id)", "must be a number from 1"))
                    continue
                }
                if numbered.contains(where: { $0.0 == position }) { errors.append(FieldError("position-\(stage.id)", "is taken by another stage")) }
                numbered.append((position, stage.id))
            }
            guard errors.isEmpty else { throw ValidationError(errors) }
            let kind = OpportunityKind(id: OpportunityKind.ID(UUID()), name: form["name"], type: KindType(rawValue: form["type"]) ?? .standard,
                                       stageIds: numbered.sorted { $0.0 < $1.0 }.map(\.1), allowed: true,
                                       recordsPrimaryDemand: form.flag("recordsPrimaryDemand"))
            let created = try await CatalogService(web.env).createKind(kind, by: principal)
            return .redirect(Self.path, flash: "The kind “\(created.name)” is made; new opportunities may choose it.")
        } catch {
            return try await page(request, context, values: form, problem: try Problem.forForm(error))
        }
    }

    @Sendable func toggle(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(OpportunityKind.ID.init),
              let kind = try await CatalogService(web.env).kinds().first(where: { $0.id == id }) else { throw Problem.notFound() }
        let changed = try await CatalogService(web.env).setKindAllowed(id, allowed: !kind.allowed, by: principal)
        return .redirect(Self.path, flash: "New opportunities \(changed.allowed ? "may" : "may no longer") choose “\(changed.name)”.")
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let catalog = CatalogService(web.env)
        let stages = try await catalog.stages()
        let names = Dictionary(stages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let kinds = try await catalog.kinds()
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("admin", "Opportunity kinds", request, context, status: status) { _ in
            let rows = kinds.map { kind in
                Admin.Row([.init(kind.name), .init(Self.types.first { $0.0 == kind.type.rawValue }.map { String($0.1.prefix { $0 != ":" }) } ?? kind.type.rawValue),
                           .init(kind.stageIds.isEmpty ? "—" : kind.stageIds.map { names[$0] ?? "?" }.joined(separator: " → ")),
                           .init(kind.allowed ? "Yes" : "No")],
                          buttons: [Admin.Button(action: "\(Self.path)/\(kind.id)/toggle", label: kind.allowed ? "Stop offering" : "Offer again",
                                                 danger: false, confirm: nil)], muted: !kind.allowed)
            }
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true)
            fields.select("type", "Type", Self.types, selected: values["type"], required: true)
            let start = fields.fields.count
            for stage in stages {
                fields.add("position-\(stage.id)", stage.name, values["position-\(stage.id)"], type: "number")
            }
            if !stages.isEmpty { fields.group(from: start, "Its stages, numbered in the order they run (empty: not in this kind)") }
            fields.checkbox("recordsPrimaryDemand", "Records the primary demand", checked: values.flag("recordsPrimaryDemand"),
                            hint: "Its opportunities say which product the customer wants most.")
            var form = Admin.form("kind", action: Self.path, submitLabel: "Add kind", fields, problem: problem)
            form.formTitle = "New kind"
            return Admin.page(current: Self.path, heading: "Opportunity kinds", intro: "Each opportunity follows the process of its kind. A kind no longer offered stays on the opportunities that have it.",
                              sections: [Admin.section("kinds", "Kinds", columns: ["Name", "Type", "Stages", "Offered"], rows: rows,
                                                       empty: "No kinds yet.", form: form)])
        }
    }
}
