import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Activities over the API")
struct ActivityAPITests {
    @Test("activities are created regarding a record, edited with If-Match, completed, cancelled and reopened; the timeline orders them",
          arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Timeline Ltd")
        let contact = try await world.makeContact("Guest", account: account.id)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let regarding = ["type": "account", "id": account.id.string]
            let meeting = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "appointment", "subject": "Site visit", "regarding": regarding, "startAt": "2026-11-20T10:00:00Z",
                "endAt": "2026-11-20T11:30:00Z", "location": "Leeds; gate 3", "attendees": [["type": "contact", "id": contact.id.string]],
                "reminderAt": "2026-11-20T09:45:00Z"])
            #expect(meeting.status == 201)
            let meetingId = try #require(meeting.string("id"))
            #expect((meeting.json["attendees"] as? [[String: String]])?.first?["id"] == contact.id.string)
            let task = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Send brochure", "regarding": regarding, "dueAt": "2026-11-19T09:00:00Z"])
            let call = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "phoneCall", "subject": "Intro call", "regarding": regarding, "dueAt": "2026-11-18T08:00:00Z"])
            let callId = try #require(call.string("id"))

            // refusals: missing ends, bad rule, unknown record, unknown field
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "appointment", "subject": "No end", "startAt": "2026-11-20T10:00:00Z"]).status == 422)
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Bad rule", "dueAt": "2026-11-20T10:00:00Z", "recurrence": "FREQ=HOURLY"]).status == 422)
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Ghost", "regarding": ["type": "lead", "id": UUID().uuidString]]).status == 422)
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: ["type": "task", "subject": "x", "colour": "red"]).status == 422)

            // edit needs a version; moving the time bumps the sequence
            #expect(try await api.call(.patch, "/api/v1/activities/\(meetingId)", token: token, json: ["subject": "x"]).status == 428)
            let moved = try await api.call(.patch, "/api/v1/activities/\(meetingId)", token: token, json: [
                "version": 1, "startAt": "2026-11-21T10:00:00Z", "endAt": "2026-11-21T11:30:00Z"])
            #expect(moved.json["sequence"] as? Int == 1)
            #expect(moved.string("location") == "Leeds; gate 3")
            #expect(try await api.call(.patch, "/api/v1/activities/\(meetingId)", token: token, json: ["version": 1, "subject": "y"]).status == 412)
            let dragged = try await api.call(.post, "/api/v1/activities/\(meetingId)/reschedule", token: token, json: ["start": "2026-11-21T14:00:00Z"])
            #expect(dragged.string("endAt") == "2026-11-21T15:30:00.000Z")
            #expect(dragged.string("reminderAt") == "2026-11-21T13:45:00.000Z")

            let done = try await api.call(.post, "/api/v1/activities/\(callId)/complete", token: token, json: ["outcome": "Budget confirmed"])
            #expect(done.string("status") == "completed")
            #expect(done.string("completedAt")?.hasPrefix("2026-11-18T") == true)
            #expect(try await api.call(.post, "/api/v1/activities/\(callId)/complete", token: token).type == "activity-not-open")
            #expect(try await api.call(.post, "/api/v1/activities/\(callId)/reschedule", token: token,
                                       json: ["start": "2026-11-22T09:00:00Z"]).type == "activity-not-open")
            _ = try await api.call(.post, "/api/v1/activities/\(task.string("id") ?? "")/cancel", token: token)
            #expect(try await api.call(.post, "/api/v1/activities/\(task.string("id") ?? "")/reopen", token: token).string("status") == "open")
            #expect(try await api.call(.post, "/api/v1/activities/\(task.string("id") ?? "")/reopen", token: token).type == "activity-open")

            let timeline = try await api.call(.get, "/api/v1/activities/regarding/account/\(account.id)", token: token)
            #expect(timeline.items.compactMap { $0["subject"] as? String } == ["Send brochure", "Site visit", "Intro call"])
            let listed = try await api.call(.get, "/api/v1/activities?status=open&type=appointment", token: token)
            #expect(listed.items.compactMap { $0["subject"] as? String } == ["Site visit"])
            let audit = try await api.call(.get, "/api/v1/audit?entity=activity&id=\(meetingId)", token: token)
            #expect(audit.items.compactMap { $0["action"] as? String } == ["activity.create", "activity.update", "activity.reschedule"])
        }
    }

    @Test("my activities fall in overdue, today and upcoming by the company's day; others' stay out")
    func mine() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, team: try await world.makeTeam("Desk"))
        let other = try await world.makeUser(.sales, team: try await world.makeTeam("Other"))
        let service = ActivityService(world.env)
        for (subject, due) in [("Yesterday", "2026-11-17T15:00:00Z"), ("Early today", "2026-11-18T06:00:00Z"), ("Late today", "2026-11-18T22:00:00Z"),
                               ("Next week", "2026-11-25T09:00:00Z"), ("Far away", "2027-06-01T09:00:00Z")] {
            _ = try await service.create(.init(kind: .task, subject: subject, dueAt: Timestamp.date(due)), by: seller)
        }
        _ = try await service.create(.init(kind: .task, subject: "Someday"), by: seller)
        _ = try await service.create(.init(kind: .task, subject: "Not mine", dueAt: Timestamp.date("2026-11-18T09:00:00Z")), by: other)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            let mine = try await api.call(.get, "/api/v1/me/activities", token: token)
            func subjects(_ key: String) -> [String] { (mine.json[key] as? [[String: Any]])?.compactMap { $0["subject"] as? String } ?? [] }
            #expect(subjects("overdue") == ["Yesterday"])
            #expect(subjects("today") == ["Early today", "Late today"])
            #expect(subjects("upcoming") == ["Next week"])
            #expect(subjects("undated") == ["Someday"])
        }
    }

    @Test("the calendar expands recurrences and shows opportunities in the configured states on their close date", arguments: TestWorld.engines)
    func calendar(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let deal = try await world.makeOpportunity("Closing soon")
        var fields = deal.fields
        fields.expectedCloseDate = Day("2026-11-26")
        _ = try await OpportunityService(world.env).update(deal.id, OpportunityInput(fields: fields), expectedVersion: deal.version, by: world.admin)
        try await world.withAPI { api in
            _ = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "appointment", "subject": "Stand-up", "startAt": "2026-11-16T09:00:00Z", "endAt": "2026-11-16T09:15:00Z",
                "recurrence": "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6"])
            let week = try await api.call(.get, "/api/v1/calendar?from=2026-11-23&to=2026-11-30", token: token)
            #expect(week.status == 200)
            let items = week.items
            #expect(items.compactMap { $0["start"] as? String } == ["2026-11-23T09:00:00.000Z", "2026-11-26T00:00:00.000Z", "2026-11-26T09:00:00.000Z"])
            #expect(items.compactMap { $0["kind"] as? String } == ["activity", "opportunity", "activity"])
            #expect(items[1]["title"] as? String == "Closing soon" && items[1]["allDay"] as? Bool == true)
            _ = try await api.call(.patch, "/api/v1/settings", token: token, json: ["calendarStates": ["won"]])
            let without = try await api.call(.get, "/api/v1/calendar?from=2026-11-23&to=2026-11-30", token: token)
            #expect(without.items.count == 2)
            #expect(try await api.call(.patch, "/api/v1/settings", token: token, json: ["calendarStates": ["maybe"]]).status == 422)
            #expect(try await api.call(.get, "/api/v1/calendar?from=2026-11-30&to=2026-11-23", token: token).status == 422)
            #expect(try await api.call(.get, "/api/v1/calendar?from=soon&to=later", token: token).type == "invalid-query")
        }
    }
}

@Suite("Logging what already happened")
struct LoggedActivityTests {
    @Test("a call is logged completed with its outcome in one request; a cancelled or outcome-only create is refused")
    func logged() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Caller Co")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let call = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "phoneCall", "subject": "Checked the budget", "regarding": ["type": "account", "id": account.id.string],
                "status": "completed", "outcome": "Budget approved"])
            #expect(call.status == 201)
            #expect(call.string("status") == "completed" && call.string("outcome") == "Budget approved" && call.string("completedAt") != nil)
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "x", "status": "cancelled"]).status == 422)
            #expect(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "x", "outcome": "too early"]).status == 422)
        }
    }
}
