import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertActivity(_ a: Activity, origin: ActivityOrigin?) async throws {
        try await insertActivities([a], origin: origin)
    }

    /// Many activities of one origin, 500 to a statement (30 values each), with their attendees.
    func insertActivities(_ list: [Activity], origin: ActivityOrigin?) async throws {
        var start = 0
        while start < list.count {
            let end = min(start + 500, list.count)
            let values = list[start..<end].map { a -> SQLQueryString in
                """
                (\(bind: a.id.string), \(bind: a.kind.rawValue), \(bind: a.subject), \(bind: a.regarding?.kind.rawValue ?? ""),
                \(bind: a.regarding?.id.uuidString.lowercased() ?? ""), \(bind: a.dueAt.map(Timestamp.string)), \(bind: a.status.rawValue),
                \(bind: a.ownership.ownerId.string), \(bind: a.ownership.teamId?.string), \(bind: Timestamp.string(a.createdAt)),
                \(bind: a.description), \(bind: a.startAt.map(Timestamp.string)), \(bind: a.endAt.map(Timestamp.string)), \(bind: a.allDay),
                \(bind: a.location), \(bind: a.reminderAt.map(Timestamp.string)), \(bind: a.remindedAt.map(Timestamp.string)), \(bind: a.outcome),
                \(bind: a.recurrence?.rule), \(bind: a.completedAt.map(Timestamp.string)), \(bind: a.sequence), \(bind: a.version),
                \(bind: Timestamp.string(a.updatedAt)), \(bind: origin?.rawValue), \(bind: a.budgetActivityId?.string),
                \(bind: a.report?.rating), \(bind: a.report?.comment), \(bind: a.report?.signedBy), \(bind: a.report?.timeSpentMinutes),
                \(bind: a.report.map { $0.parts.joined(separator: "\n") }))
                """
            }
            try await run("""
                INSERT INTO activities (id, type, subject, regarding_type, regarding_id, due_at, status, owner_id, team_id, created_at, description,
                    start_at, end_at, all_day, location, reminder_at, reminded_at, outcome, recurrence, completed_at, sequence, version, updated_at,
                    origin, budget_activity_id, feedback_rating, feedback_comment, signed_by, time_spent_minutes, parts)
                VALUES \(values.joined(separator: ", "))
                """)
            start = end
        }
        for a in list { try await writeAttendees(a) }
    }

    /// Saves the activity; its attendees only when they changed.
    func updateActivity(_ a: Activity, over before: Activity) async throws -> Bool {
        let saved = !(try await rows("""
            UPDATE activities SET type = \(bind: a.kind.rawValue), subject = \(bind: a.subject), regarding_type = \(bind: a.regarding?.kind.rawValue ?? ""),
                regarding_id = \(bind: a.regarding?.id.uuidString.lowercased() ?? ""), due_at = \(bind: a.dueAt.map(Timestamp.string)),
                status = \(bind: a.status.rawValue), owner_id = \(bind: a.ownership.ownerId.string), team_id = \(bind: a.ownership.teamId?.string),
                description = \(bind: a.description), start_at = \(bind: a.startAt.map(Timestamp.string)), end_at = \(bind: a.endAt.map(Timestamp.string)),
                all_day = \(bind: a.allDay), location = \(bind: a.location), reminder_at = \(bind: a.reminderAt.map(Timestamp.string)),
                reminded_at = \(bind: a.remindedAt.map(Timestamp.string)), outcome = \(bind: a.outcome), recurrence = \(bind: a.recurrence?.rule),
                completed_at = \(bind: a.completedAt.map(Timestamp.string)), sequence = \(bind: a.sequence), version = \(bind: a.version),
                updated_at = \(bind: Timestamp.string(a.updatedAt)), budget_activity_id = \(bind: a.budgetActivityId?.string),
                feedback_rating = \(bind: a.report?.rating), feedback_comment = \(bind: a.report?.comment), signed_by = \(bind: a.report?.signedBy),
                time_spent_minutes = \(bind: a.report?.timeSpentMinutes), parts = \(bind: a.report.map { $0.parts.joined(separator: "\n") })
            WHERE id = \(bind: a.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
        if saved && a.attendees != before.attendees {
            try await run("DELETE FROM activity_attendees WHERE activity_id = \(bind: a.id.string)")
            try await writeAttendees(a)
        }
        return saved
    }

    /// All attendees of an activity in one statement.
    private func writeAttendees(_ a: Activity) async throws {
        guard !a.attendees.isEmpty else { return }
        let values = a.attendees.map { attendee -> SQLQueryString in
            "(\(bind: a.id.string), \(bind: attendee.kind.rawValue), \(bind: UUIDText.lowercase(attendee.id)))"
        }
        try await run("INSERT INTO activity_attendees VALUES \(values.joined(separator: ", "))")
    }

    func activity(id: Activity.ID) async throws -> Activity? {
        let rows = try await rows(Self.activityList.named("SELECT * FROM activities WHERE id = \(bind: id.string)"))
        return try Self.activityList.named(try await activityRecords(rows), from: rows, \.names).first
    }

    func activities(regarding id: UUID) async throws -> [Activity] {
        try await activityRecords(try await rows("""
            SELECT * FROM activities WHERE regarding_id = \(bind: UUIDText.lowercase(id)) ORDER BY created_at, id
            """))
    }

    func activities(regardingAny ids: [UUID]) async throws -> [Activity] {
        guard !ids.isEmpty else { return [] }
        let keys = Set(ids.map { UUIDText.lowercase($0) }).sorted()
        return try await activityRecords(try await rows("SELECT * FROM activities WHERE regarding_id IN (\(binds: keys)) ORDER BY created_at, id"))
    }

    static let activityList = ListStatement(
        table: "activities",
        fields: .activities,
        columns: ["createdAt": "created_at", "dueAt": "COALESCE(due_at, '')", "startAt": "COALESCE(start_at, '')", "subject": "subject",
                  "when": "COALESCE(start_at, due_at, '')", "status": "status", "type": "type", "ownerId": "owner_id",
                  "regardingType": "regarding_type", "regardingId": "regarding_id"],
        textKind: .opportunity,
        names: [ListStatement.ownerName, (key: "regardingName", sql: ListStatement.regardingName)]
    )

    func activities(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Activity] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            extra.append("LOWER(subject) LIKE \(bind: "%" + SearchSQL.escapeLike(text) + "%") ESCAPE '\\'")
        }
        let rows = try await rows(Self.activityList.build(query, visibility: visibility(principal), engine: engine, extra: extra))
        return try Self.activityList.named(try await activityRecords(rows), from: rows, \.names)
    }

    /// `id IN (…)`: the activities a user is invited to as an attendee.
    static func invited(_ user: User.ID) -> SQLQueryString {
        "id IN (SELECT activity_id FROM activity_attendees WHERE kind = 'user' AND attendee_id = \(bind: UUIDText.lowercase(user.uuid)))"
    }

    func openActivities(owner: User.ID, before: Date, limit: Int) async throws -> [Activity] {
        try await activityRecords(try await rows("""
            SELECT * FROM activities WHERE (owner_id = \(bind: owner.string) OR \(Self.invited(owner))) AND status = 'open'
              AND (COALESCE(start_at, due_at) IS NULL OR COALESCE(start_at, due_at) < \(bind: Timestamp.string(before)))
            ORDER BY COALESCE(start_at, due_at, '9999'), created_at, id LIMIT \(bind: limit)
            """))
    }

    func calendarActivities(owners: [User.ID]?, visibleTo principal: Principal, from: Date, to: Date) async throws -> [Activity] {
        let start = Timestamp.string(from), end = Timestamp.string(to)
        let ownerCondition: SQLQueryString = owners.map { "owner_id IN (\(binds: $0.map(\.string)))" } ?? "1 = 1"
        // the caller's own calendar also shows the meetings they are invited to
        let mine: SQLQueryString = owners == nil || owners == [principal.userId] ? "OR \(Self.invited(principal.userId))" : ""
        // each with the name of the record it regards (the customer or the deal the calendar shows on it)
        let found = try await rows("""
            SELECT page.*, (\(unsafeRaw: ListStatement.regardingName)) AS regarding_title FROM (
                SELECT * FROM activities WHERE ((\(visibility(principal)) AND \(ownerCondition)) \(mine)) AND status <> 'cancelled' AND (
                    (recurrence IS NULL AND COALESCE(start_at, due_at) < \(bind: end) AND COALESCE(end_at, start_at, due_at) >= \(bind: start))
                    OR (recurrence IS NOT NULL AND COALESCE(start_at, due_at) < \(bind: end)))
                ORDER BY COALESCE(start_at, due_at), id LIMIT 5000) page
            ORDER BY COALESCE(page.start_at, page.due_at), page.id
            """)
        return try zip(try await activityRecords(found), found).map { activity, row in
            var activity = activity
            activity.names["regardingName"] = try row.optional("regarding_title")
            return activity
        }
    }

    func claimDueReminders(now: Date, limit: Int) async throws -> [Activity] {
        let at = Timestamp.string(now)
        let lock: SQLQueryString = engine == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await activityRecords(try await rows("""
            UPDATE activities SET reminded_at = \(bind: at)
            WHERE id IN (SELECT id FROM activities WHERE reminded_at IS NULL AND reminder_at IS NOT NULL AND reminder_at <= \(bind: at)
                           AND status = 'open' ORDER BY reminder_at LIMIT \(bind: limit) \(lock))
            RETURNING *
            """))
    }

    func serialiseSweep() async throws {
        if engine == .postgres { try await run("SELECT pg_advisory_xact_lock(7002)") }
    }

    func idleRecords(before: Date, limit: Int) async throws -> [IdleRecord] {
        let cutoff = Timestamp.string(before)
        func untouched(_ table: String) -> SQLQueryString {
            """
            NOT EXISTS (SELECT 1 FROM activities a WHERE a.regarding_id = \(unsafeRaw: table).id
                        AND (a.status = 'open' OR COALESCE(a.updated_at, a.created_at) >= \(bind: cutoff)))
            """
        }
        let quotes = try await rows("""
            SELECT id, number, name, owner_id, team_id FROM quotes q WHERE q.status = 'sent' AND q.updated_at < \(bind: cutoff) AND \(untouched("q"))
            ORDER BY q.updated_at LIMIT \(bind: limit)
            """).map { row in
            IdleRecord(regarding: Regarding(.quote, UUIDText.parse(try row.string("id")) ?? UUID()),
                       title: "\(try row.string("number")) \(try row.string("name"))", ownership: try row.ownership())
        }
        let deals = try await rows("""
            SELECT id, name, owner_id, team_id FROM opportunities o WHERE o.status = 'inProgress' AND o.updated_at < \(bind: cutoff)
              AND \(untouched("o")) ORDER BY o.updated_at LIMIT \(bind: limit)
            """).map { row in
            IdleRecord(regarding: Regarding(.opportunity, UUIDText.parse(try row.string("id")) ?? UUID()), title: try row.string("name"),
                       ownership: try row.ownership())
        }
        return quotes + deals
    }

    func calendarOpportunities(statuses: [String], stageIds: [String], from: Day, to: Day, owners: [User.ID]?,
                               visibleTo principal: Principal) async throws -> [Opportunity] {
        guard !statuses.isEmpty || !stageIds.isEmpty else { return [] }
        var states: [SQLQueryString] = []
        if !statuses.isEmpty { states.append("status IN (\(binds: statuses))") }
        if !stageIds.isEmpty { states.append("(status = 'inProgress' AND stage_id IN (\(binds: stageIds)))") }
        let ownerCondition: SQLQueryString = owners.map { "owner_id IN (\(binds: $0.map(\.string)))" } ?? "1 = 1"
        return try await rows("""
            SELECT o.*, (SELECT name FROM accounts a WHERE a.id = o.account_id) AS account_title FROM opportunities o
            WHERE \(visibility(principal)) AND \(ownerCondition) AND (\(states.joined(separator: " OR ")))
              AND expected_close_date >= \(bind: from.description) AND expected_close_date < \(bind: to.description)
            ORDER BY expected_close_date, name LIMIT 2000
            """).map { row in
            var opportunity = try opportunityRecord(row)
            opportunity.names["accountName"] = try row.optional("account_title")
            return opportunity
        }
    }

    func emailReminders(of user: User.ID) async throws -> Bool {
        try await rows("SELECT email_reminders FROM users WHERE id = \(bind: user.string)").first?.decode(column: "email_reminders", as: Bool.self) ?? false
    }

    func setEmailReminders(of user: User.ID, _ on: Bool) async throws {
        try await run("UPDATE users SET email_reminders = \(bind: on) WHERE id = \(bind: user.string)")
    }

    func numberStyle(of user: User.ID) async throws -> NumberStyle {
        let text = try await rows("SELECT number_style FROM users WHERE id = \(bind: user.string)").first?.string("number_style")
        return text.flatMap(NumberStyle.init) ?? .commaDot
    }

    func setNumberStyle(of user: User.ID, _ style: NumberStyle) async throws {
        try await run("UPDATE users SET number_style = \(bind: style.rawValue) WHERE id = \(bind: user.string)")
    }

    func calendarFeedToken(of user: User.ID) async throws -> String? {
        try await rows("SELECT token FROM calendar_feeds WHERE user_id = \(bind: user.string)").first?.string("token")
    }

    func setCalendarFeedToken(of user: User.ID, _ token: String?, at: Date) async throws {
        try await run("DELETE FROM calendar_feeds WHERE user_id = \(bind: user.string)")
        if let token {
            try await run("INSERT INTO calendar_feeds VALUES (\(bind: user.string), \(bind: token), \(bind: Timestamp.string(at)))")
        }
    }

    func user(forCalendarToken token: String) async throws -> User.ID? {
        try await rows("""
            SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token = \(bind: token) AND u.active = TRUE
            """).first?.id("user_id")
    }

    private func activityRecords(_ rows: [any SQLRow]) async throws -> [Activity] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        var attendees: [String: [Attendee]] = [:]
        for row in try await self.rows("SELECT * FROM activity_attendees WHERE activity_id IN (\(binds: ids)) ORDER BY kind, attendee_id") {
            guard let kind = Attendee.Kind(rawValue: try row.string("kind")), let id = UUIDText.parse(try row.string("attendee_id")) else { continue }
            attendees[try row.string("activity_id"), default: []].append(Attendee(kind, id))
        }
        return try rows.map { row in
            let id = try row.string("id")
            let regardingKind = Regarding.Kind(rawValue: try row.string("regarding_type"))
            let regardingId = UUIDText.parse(try row.string("regarding_id"))
            let created = try row.date("created_at")
            var activity = Activity(
                id: try row.id("id"), kind: try row.status("type", Activity.Kind.self), subject: try row.string("subject"),
                description: try row.optional("description"),
                regarding: regardingKind.flatMap { kind in regardingId.map { Regarding(kind, $0) } },
                dueAt: try row.optional("due_at").flatMap(Timestamp.date), startAt: try row.optional("start_at").flatMap(Timestamp.date),
                endAt: try row.optional("end_at").flatMap(Timestamp.date), allDay: try row.decode(column: "all_day", as: Bool.self),
                location: try row.optional("location"), attendees: attendees[id] ?? [],
                reminderAt: try row.optional("reminder_at").flatMap(Timestamp.date), remindedAt: try row.optional("reminded_at").flatMap(Timestamp.date),
                status: try row.status("status", Activity.Status.self), outcome: try row.optional("outcome"),
                recurrence: try row.optional("recurrence").flatMap { try? Recurrence(rule: $0) },
                completedAt: try row.optional("completed_at").flatMap(Timestamp.date), ownership: try row.ownership(),
                sequence: try row.int("sequence"), version: try row.int("version"), createdAt: created,
                updatedAt: try row.optional("updated_at").flatMap(Timestamp.date) ?? created)
            activity.budgetActivityId = try row.optionalID("budget_activity_id")
            let report = VisitReport(rating: try row.decodeNil(column: "feedback_rating") ? nil : try row.int("feedback_rating"),
                                     comment: try row.optional("feedback_comment"), signedBy: try row.optional("signed_by"),
                                     timeSpentMinutes: try row.decodeNil(column: "time_spent_minutes") ? nil : try row.int("time_spent_minutes"),
                                     parts: (try row.optional("parts")).map { $0.split(whereSeparator: \.isNewline).map(String.init) } ?? [])
            activity.report = report.isEmpty ? nil : report
            return activity
        }
    }
}

/// Activities a rule made (`M0016ActivityOrigin`).
extension SQLSession {
    func overdueVisits(before: Date, visibleTo principal: Principal?, limit: Int) async throws -> [Activity] {
        try await activityRecords(try await rows("""
            SELECT * FROM activities WHERE regarding_type = 'contract' AND type = 'serviceVisit' AND status = 'open'
              AND end_at IS NOT NULL AND end_at < \(bind: Timestamp.string(before)) AND \(principal.map { visibility($0) } ?? "1 = 1")
            ORDER BY end_at, id LIMIT \(literal: max(1, min(limit, 1000)))
            """))
    }

    func setReminder(_ id: Activity.ID, at time: Date) async throws {
        try await run("UPDATE activities SET reminder_at = \(bind: Timestamp.string(time)), reminded_at = NULL WHERE id = \(bind: id.string)")
    }

    func openAutomaticActivities(ofOpportunity id: Opportunity.ID) async throws -> [Activity] {
        try await activityRecords(try await rows("""
            SELECT * FROM activities WHERE origin IS NOT NULL AND status = 'open'
              AND (regarding_id = \(bind: id.string) OR regarding_id IN (SELECT id FROM quotes WHERE opportunity_id = \(bind: id.string)))
            ORDER BY created_at, id
            """))
    }
}
