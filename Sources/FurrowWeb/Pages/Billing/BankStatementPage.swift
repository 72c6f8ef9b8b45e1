import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// One bank statement (SPEC §5; rule 47): every line with its date, amount, reference and
/// counterparty; a matched line links its payment and can be unmatched; an unmatched incoming
/// line lists the recorded payments it could be (same amount, ±30 days) with a one-click
/// "Match"; "Reconcile automatically" matches what it can and records payments for lines that
/// name an open invoice. Unmatched lines stay visible.
struct BankStatementPage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("bank-statements/:id", use: show)
        group.post("bank-statements/:id/reconcile", use: reconcile)
        group.post("bank-statements/:id/lines/:lineId/match", use: match)
        group.post("bank-statements/:id/lines/:lineId/unmatch", use: unmatch)
    }

    struct PaymentLink { let number: String, url: String, customer: String, date: String, amount: String }
    struct Candidate { let paymentId: String, number: String, url: String, customer: String, date: String, reference: String? }
    struct LineRow {
        let id: String, date: String, amount: String, incoming: Bool, reference: String, counterparty: String
        let payment: PaymentLink?, candidates: [Candidate], hasCandidates: Bool
    }
    struct Model {
        let id: String
        let name: String
        let facts: [Fact]
        let lines: [LineRow]
        let hasLines: Bool
        let matched: Int
        let unmatched: Int
        let canReconcile: Bool
    }

    func id(_ context: AppContext) throws -> BankStatement.ID {
        guard let id = context.parameters.get("id").flatMap(BankStatement.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let id = try id(context)
        let service = ReconciliationService(web.env)
        let statement = try await service.statement(id, by: principal)
        let candidates = try await service.candidates(id, by: principal)
        var payments: [Payment.ID: Payment] = [:]
        for paymentId in statement.lines.compactMap(\.paymentId) {
            payments[paymentId] = try? await PaymentService(web.env).get(paymentId, by: principal)
        }
        let accountIds = payments.values.map(\.accountId) + candidates.values.flatMap { $0.map(\.accountId) }
        let accounts = try await RecordParts(env: web.env).accountNames(Array(Set(accountIds)))
        let users = try await RecordParts(env: web.env).userNames()
        return try await web.page("bank-statement", statement.name ?? "Bank statement", request, context) { shell in
            let lines = statement.lines.map { line in
                let payment = line.paymentId.map { paymentId in
                    payments[paymentId].map { p in
                        PaymentLink(number: p.number, url: "/payments/\(p.id)", customer: accounts[p.accountId] ?? "", date: p.date.description,
                                    amount: MoneyText.format(p.amount))
                    } ?? PaymentLink(number: "(payment)", url: "/payments/\(paymentId)", customer: "", date: "", amount: "")
                }
                let options = (line.paymentId == nil ? candidates[line.id] ?? [] : []).map { p in
                    Candidate(paymentId: p.id.string, number: p.number, url: "/payments/\(p.id)", customer: accounts[p.accountId] ?? "",
                              date: p.date.description, reference: p.reference?.nonEmpty)
                }
                return LineRow(id: line.id.string, date: line.date.description, amount: MoneyText.format(line.amount),
                               incoming: line.amount.minorUnits > 0, reference: line.reference, counterparty: line.counterparty ?? "",
                               payment: payment, candidates: options, hasCandidates: !options.isEmpty)
            }
            let matched = statement.lines.filter { $0.paymentId != nil }.count
            let facts: [Fact] = [
                .init(label: "Format", value: statement.format == .camt053 ? "CAMT.053" : "CSV", href: nil),
                .init(label: "Imported", value: shell.format(statement.importedAt), href: nil),
                .init(label: "Imported by", value: users[statement.importedBy] ?? "—", href: nil),
            ]
            return Model(id: statement.id.string, name: statement.name ?? "Statement of \(shell.format(statement.importedAt))", facts: facts,
                         lines: lines, hasLines: !lines.isEmpty, matched: matched, unmatched: statement.lines.count - matched,
                         canReconcile: lines.contains { $0.payment == nil && $0.incoming })
        }
    }

    @Sendable func reconcile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        do {
            let outcome = try await ReconciliationService(web.env).reconcile(id, by: principal)
            let left = outcome.statement.lines.filter { $0.paymentId == nil }.count
            func lines(_ n: Int) -> String { "\(n) line\(n == 1 ? "" : "s")" }
            return .redirect("/bank-statements/\(id)",
                             flash: "Reconciled: \(lines(outcome.matched)) matched to recorded payments, "
                                 + "\(outcome.created) payment\(outcome.created == 1 ? "" : "s") recorded for invoices the lines name; \(lines(left)) left unmatched.")
        } catch {
            return try Web.refusal(error, back: "/bank-statements/\(id)", failed: "Not reconciled:")
        }
    }

    @Sendable func match(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        guard let line = context.parameters.get("lineId").flatMap(BankLine.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "/bank-statements/\(id)", done: "Line matched.", failed: "Not matched:") {
            guard let payment = Payment.ID(form["paymentId"]) else { throw ValidationError([FieldError("payment", "choose a payment")]) }
            _ = try await ReconciliationService(web.env).match(id, line: line, payment: payment, by: principal)
        }
    }

    @Sendable func unmatch(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        guard let line = context.parameters.get("lineId").flatMap(BankLine.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "/bank-statements/\(id)", done: "Line unmatched; the payment stays recorded.", failed: "Not unmatched:") {
            _ = try await ReconciliationService(web.env).unmatch(id, line: line, by: principal)
        }
    }
}
