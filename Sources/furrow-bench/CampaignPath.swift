import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import SQLKit

/// The campaign paths of issue 20, in this process after the server stopped: counting dynamic
/// lists over the data set (one COUNT per list, against reading every match page by page and
/// against a plain COUNT of the whole table), and distributing one email to 10,000 members of a
/// static list through `CampaignDistribution` (deliveries, tokens, merged text, outbox rows, one
/// transaction a batch) until the activity reads done.
enum CampaignPath {
    struct Outcome {
        var results: [PathResult] = []
        var facts: [(String, String)] = []
        var references: [(String, String)] = []
        /// Members reached per second by the distribution.
        var rate: Double?
    }

    static let runs = 7

    static func run(work: Workspace, set: DataSet, smoke: Bool) async -> Outcome {
        var outcome = Outcome()
        do {
            let store = try await SQLStore.open(work.runDatabase, logger: work.logger)
            do {
                let env = CoreEnvironment(store: store)
                let users = try await UserService(env).listAsSystem()
                func principal(_ email: String) async throws -> Principal {
                    guard let user = users.first(where: { $0.email == email }) else { throw BenchError.failed("no bench user \(email)") }
                    let managed = try await store.read { try await $0.teamIdsManaged(by: user.id) }
                    return Principal(userId: user.id, role: user.role, teamId: user.teamId, managedTeamIds: Set(managed))
                }
                let admin = try await principal(DataSet.adminEmail)
                let manager = try await principal(DataSet.email(team: 1, role: .manager))
                try await count(env, store, "dynamic contacts list \"son\" (a manager's)", target: .contacts, query: "son",
                                by: manager, into: &outcome)
                try await count(env, store, "dynamic leads list estimatedValue[gte]=10000 (admin)", target: .leads,
                                query: "estimatedValue[gte]=10000", by: admin, reference: "SELECT COUNT(*) AS n FROM leads WHERE estimated_value_minor >= 1000000",
                                into: &outcome)
                try await distribute(env, store, members: min(smoke ? 1000 : 10_000, set.contacts), by: admin, into: &outcome)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        } catch {
            var failed = PathResult(name: "campaign paths", clients: 1)
            failed.errors = 1
            failed.note = "failed: \(error)"
            outcome.results.append(failed)
        }
        return outcome
    }

    /// The list's count (`MarketingListService.count`, what the list and campaign pages show),
    /// `runs` times; the same matches read page by page (how it was counted before); and, where
    /// given, the same count written by hand in SQL, run through the same store.
    static func count(_ env: CoreEnvironment, _ store: SQLStore, _ name: String, target: MarketingList.TargetType, query: String,
                      by principal: Principal, reference: String? = nil, into outcome: inout Outcome) async throws {
        var input = MarketingListService.Input()
        input.name = "Bench " + name
        input.targetType = target
        input.listType = .dynamic
        input.query = query
        let service = MarketingListService(env)
        let list = try await service.create(input, by: principal)
        var result = PathResult(name: "count " + name, clients: 1)
        var counted = 0
        let started = Date()
        for _ in 0..<runs {
            let began = Date()
            counted = try await service.count(list.id, by: principal)
            result.latencies.append(Date().timeIntervalSince(began) * 1000)
        }
        result.seconds = Date().timeIntervalSince(started)
        let (paged, pagedMedian) = try await pageByPage(store, target: target, query: query, by: principal)
        if paged != counted {
            result.errors += 1
            result.note = "COUNT says \(counted), reading the pages finds \(paged)"
        } else {
            result.note = "\(counted) members; reading every match page by page (1,000 a page) takes \(Report.ms(pagedMedian)) ms"
        }
        outcome.results.append(result)
        outcome.facts.append(("count \(name): page-by-page median / one COUNT p50", String(format: "%.1f", pagedMedian / max(result.p50, 0.001))))
        guard let reference else { return }
        var referenced = 0
        let raw = try await median(runs) {
            referenced = try await store.withDatabase { try await $0.raw("\(unsafeRaw: reference)").first()?.decode(column: "n", as: Int.self) } ?? -1
        }
        if referenced != counted {
            outcome.results[outcome.results.count - 1].errors += 1
            outcome.results[outcome.results.count - 1].note = "the hand-written SQL counts \(referenced), the list \(counted)"
        }
        outcome.references.append(("\(reference) (median of \(runs), same store)", Report.ms(raw) + " ms"))
        outcome.facts.append(("count \(name) p50 / the hand-written SQL's median", String(format: "%.2f", result.p50 / max(raw, 0.001))))
    }

    /// The matches read a page of 1,000 at a time, as the caller sees them: how many, and the median time of `runs`.
    static func pageByPage(_ store: SQLStore, target: MarketingList.TargetType, query text: String, by principal: Principal) async throws -> (Int, Double) {
        let fields: ListFields = switch target {
        case .accounts: .accounts
        case .contacts: .contacts
        case .leads: .leads
        }
        let first: ListQuery = text.contains("=") ? try ListQuery.filter(text, fields: fields, limit: 1000)
            : ListQuery(limit: 1000, sort: fields.defaultSort, text: text)
        var found = 0
        let time = try await median(runs) {
            found = try await store.read { session in
                var query = first, total = 0
                while true {
                    let (count, next): (Int, [String]?) = switch target {
                    case .accounts: page(try await session.accounts(query, visibleTo: principal.ledger), query)
                    case .contacts: page(try await session.contacts(query, visibleTo: principal), query)
                    case .leads: page(try await session.leads(query, visibleTo: principal), query)
                    }
                    total += count
                    guard let next else { return total }
                    query.after = next
                }
            }
        }
        return (found, time)
    }

    static func page<R: KeysetItem>(_ records: [R], _ query: ListQuery) -> (Int, [String]?) {
        (records.count, records.count == query.limit ? records.last.map { $0.cursorValues(for: query) } : nil)
    }

    /// A static list of `members` contacts, a launched campaign with an email activity, distributed
    /// batch after batch until done; every member must have a delivery and an outbox email.
    static func distribute(_ env: CoreEnvironment, _ store: SQLStore, members: Int, by admin: Principal, into outcome: inout Outcome) async throws {
        var result = PathResult(name: "distribute an email to \(members) list members (Core)", clients: 1)
        let ids = try await store.withDatabase { db in
            try await db.raw("SELECT id FROM contacts WHERE email IS NOT NULL ORDER BY id LIMIT \(literal: members)").all()
                .compactMap { UUIDText.parse(try $0.decode(column: "id", as: String.self)) }
        }
        var input = MarketingListService.Input()
        input.name = "Bench distribution \(UUID().uuidString.prefix(8))"
        input.targetType = .contacts
        input.listType = .static
        let lists = MarketingListService(env)
        let list = try await lists.create(input, by: admin)
        for chunk in stride(from: 0, to: ids.count, by: 1000) {
            _ = try await lists.addMembers(list.id, Array(ids[chunk..<min(chunk + 1000, ids.count)]), by: admin)
        }
        var campaignInput = CampaignService.Input()
        campaignInput.name = input.name
        let campaigns = CampaignService(env)
        let campaign = try await campaigns.create(campaignInput, by: admin)
        try await campaigns.link(campaign.id, list: list.id, by: admin)
        _ = try await campaigns.move(campaign.id, to: .readyToLaunch, by: admin)
        _ = try await campaigns.move(campaign.id, to: .launched, by: admin)
        var email = CampaignActivityService.Input()
        email.channel = .email
        email.subject = "Spring offer for {{contact.firstName}}"
        email.body = "Dear {{contact.firstName}} {{contact.lastName}},\n\nour spring offer is open until the end of the month.\n\nRegards"
        let activities = CampaignActivityService(env)
        let activity = try await activities.create(on: campaign.id, email, by: admin)

        let before = ImportPath.memory("VmRSS") ?? 0
        let peak = PeakMemory(before)
        let started = Date()
        let queued = try await activities.distribute(activity.id, by: admin)
        result.latencies.append(Date().timeIntervalSince(started) * 1000)
        let distribution = CampaignDistribution(env: env)
        var batches = 0
        while try await distribution.step() {
            batches += 1
            peak.sample()
        }
        let elapsed = Date().timeIntervalSince(started)
        let progress = try await activities.get(activity.id, by: admin)
        let emails = try await store.withDatabase { db in
            try await db.raw("SELECT COUNT(*) AS n FROM outbox_emails WHERE related_id = \(bind: UUIDText.lowercase(activity.id.uuid))").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
        result.rows = progress.counts[.sent] ?? 0
        result.rowsPerSecond = Double(ids.count) / elapsed
        outcome.rate = result.rowsPerSecond
        result.note = String(format: "%d batches in %.2f s (queueing answered in %.0f ms, %d members counted), %d emails queued, memory growth %.0f MiB",
                             batches, elapsed, result.latencies[0], queued.activity.total, emails, peak.growth)
        if progress.activity.distribution != .done || emails != ids.count || result.rows != ids.count || queued.activity.total != ids.count {
            result.errors += 1
            result.note = "distribution \(progress.activity.distribution.rawValue): \(result.rows ?? 0) sent, \(emails) emails for \(ids.count) members"
        }
        result.latencies.removeAll()
        outcome.results.append(result)
    }

    /// The median time in milliseconds of `runs` calls.
    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let began = Date()
            try await body()
            times.append(Date().timeIntervalSince(began) * 1000)
        }
        return times.sorted()[times.count / 2]
    }
}
