import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The full activity form (new and edit): what it reads and how it fills its fields. Times are
/// the company's wall clock; a date without a time is the whole day; a meeting without an end
/// lasts `duration` minutes (an hour by default).
struct ActivityForm {
    let clock: LocalClock

    static let kinds = Activity.Kind.allCases.map { ($0.rawValue, ActivityText.kind($0)) }
    static let frequencies = [("DAILY", "Every day"), ("WEEKLY", "Every week"), ("MONTHLY", "Every month")]
    static let reminders = [("before", "Minutes before it starts"), ("at", "At a time")]

    /// Reads the submitted form; every problem at once, named by the form's fields.
    func input(_ form: WebForm) throws -> ActivityService.Input {
        var errors: [FieldError] = []
        let kind = Activity.Kind(rawValue: form["type"])
        if kind == nil { errors.append(FieldError("type", "choose a type")) }
        var input = ActivityService.Input(kind: kind ?? .task, subject: form["subject"].trimmedSpaces(),
                                          description: form.optional("description"), location: form.optional("location"),
                                          budgetActivityId: form.optional("budgetActivityId").flatMap(BudgetActivity.ID.init))
        if let type = form.optional("regardingType") {
            if let kind = Regarding.Kind(rawValue: type), let id = form.optional("regardingId").flatMap(UUID.init(uuidString:)) {
                input.regarding = Regarding(kind, id)
            } else {
                errors.append(FieldError("regarding", "is not a record"))
            }
        }
        input.ownerId = form.optional("ownerId").flatMap(User.ID.init)
        times(form, into: &input, errors: &errors)
        input.recurrence = recurrence(form, errors: &errors)
        input.reminderAt = reminder(form, when: input.startAt ?? input.dueAt, errors: &errors)
        for value in form.all("attendees") {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = Attendee.Kind(rawValue: parts[0]), let id = UUID(uuidString: parts[1]) else {
                errors.append(FieldError("attendees", "choose from the list"))
                continue
            }
            input.attendees.append(Attendee(kind, id))
        }
        if !errors.isEmpty { throw ValidationError(errors) }
        return input
    }

    /// Due time, or start and end; a whole day runs from midnight to the midnight after its last day.
    func times(_ form: WebForm, into input: inout ActivityService.Input, errors: inout [FieldError]) {
        let kind = input.kind
        guard let dayText = form.optional("date") else {
            if form.optional("time") != nil || form.optional("endTime") != nil { errors.append(FieldError("date", "is required with a time")) }
            if kind.isScheduled { errors.append(FieldError("date", "is required for a \(ActivityText.kind(kind).lowercased())")) }
            input.allDay = false
            return
        }
        let allDay = form.flag("allDay") || form.optional("time") == nil
        input.allDay = allDay
        guard let start = clock.date(dayText, allDay ? nil : form.optional("time")) else {
            errors.append(clock.date(dayText) == nil ? FieldError("date", "must be a date such as 2026-11-22")
                                                     : FieldError("time", "must be a time such as 09:30"))
            return
        }
        var end: Date?
        let endDay = form.optional("endDate")
        if let endDay, clock.date(endDay) == nil { errors.append(FieldError("endDate", "must be a date such as 2026-11-22")); return }
        if allDay {
            if let endDay, endDay != dayText || kind.isScheduled { end = clock.date(endDay).map(clock.nextMidnight) }
            else if kind.isScheduled { end = clock.nextMidnight(after: start) }
        } else if let endTime = form.optional("endTime") {
            guard let value = clock.date(endDay ?? dayText, endTime) else { errors.append(FieldError("endTime", "must be a time such as 10:30")); return }
            end = value
        } else if kind.isScheduled {
            let minutes = Int(form["duration"]) ?? 60
            guard (1...(7 * 24 * 60)).contains(minutes) else { errors.append(FieldError("duration", "must be from 1 minute to 7 days")); return }
            end = start.addingTimeInterval(Double(minutes) * 60)
        }
        if let end, end <= start { errors.append(FieldError(allDay ? "endDate" : "endTime", "must be after the start")); return }
        if kind.isScheduled || end != nil {
            input.startAt = start
            input.endAt = end
        } else {
            input.dueAt = start
        }
    }

    func recurrence(_ form: WebForm, errors: inout [FieldError]) -> Recurrence? {
        guard let frequency = form.optional("repeat") else { return nil }
        var rule = "FREQ=" + frequency
        if let interval = form.optional("interval") { rule += ";INTERVAL=" + interval }
        if let days = form.optional("byDay"), frequency == "WEEKLY" { rule += ";BYDAY=" + days }
        if let count = form.optional("count") { rule += ";COUNT=" + count }
        if let until = form.optional("until") {
            guard let day = clock.date(until) else { errors.append(FieldError("until", "must be a date such as 2026-12-31")); return nil }
            let stamp = Timestamp.string(clock.nextMidnight(after: day).addingTimeInterval(-1))
            rule += ";UNTIL=" + stamp.prefix(19).filter { $0 != "-" && $0 != ":" } + "Z"
        }
        do { return try Recurrence(rule: rule) } catch {
            errors += error.errors.map { FieldError("repeat", $0.message) }
            return nil
        }
    }

    func reminder(_ form: WebForm, when: Date?, errors: inout [FieldError]) -> Date? {
        switch form["reminder"] {
        case "before":
            guard let minutes = Int(form["reminderMinutes"].trimmedSpaces()), (0...(60 * 24 * 60)).contains(minutes) else {
                errors.append(FieldError("reminderMinutes", "must be a number of minutes from 0 to 86400"))
                return nil
            }
            guard let when else { errors.append(FieldError("reminder", "needs a date to count back from")); return nil }
            return when.addingTimeInterval(-Double(minutes) * 60)
        case "at":
            guard let at = clock.dateTime(form["reminderAt"]) else {
                errors.append(FieldError("reminderAt", "must be a date and time"))
                return nil
            }
            return at
        default:
            return nil
        }
    }

    /// The form filled from an activity, for editing it.
    func values(_ a: Activity) -> WebForm {
        var values: [String: String?] = ["type": a.kind.rawValue, "subject": a.subject, "description": a.description, "location": a.location,
                                         "ownerId": a.ownership.ownerId.string, "version": String(a.version),
                                         "regardingType": a.regarding?.kind.rawValue, "regardingId": a.regarding?.id.uuidString.lowercased(),
                                         "budgetActivityId": a.budgetActivityId?.string]
        if let start = a.startAt ?? a.dueAt {
            values["date"] = clock.day(start)
            if a.allDay {
                values["allDay"] = "true"
                if let end = a.endAt, clock.day(end.addingTimeInterval(-1)) != clock.day(start) { values["endDate"] = clock.day(end.addingTimeInterval(-1)) }
            } else {
                values["time"] = clock.time(start)
                if let end = a.endAt {
                    values["endTime"] = clock.time(end)
                    if clock.day(end) != clock.day(start) { values["endDate"] = clock.day(end) }
                }
            }
        }
        if let r = a.recurrence {
            values["repeat"] = r.frequency.rawValue
            values["interval"] = r.interval == 1 ? nil : String(r.interval)
            values["count"] = r.count.map(String.init)
            values["until"] = r.until.map(clock.day)
            values["byDay"] = r.byDay.isEmpty ? nil : r.byDay.joined(separator: ",")
        }
        if let reminder = a.reminderAt {
            let lead = a.when.map { $0.timeIntervalSince(reminder) } ?? -1
            if lead >= 0, lead.truncatingRemainder(dividingBy: 60) == 0 {
                values["reminder"] = "before"
                values["reminderMinutes"] = String(Int(lead / 60))
            } else {
                values["reminder"] = "at"
                values["reminderAt"] = clock.dateTimeValue(reminder)
            }
        }
        var form = WebForm(values: values)
        form.set("attendees", a.attendees.map { "\($0.kind.rawValue):\($0.id.uuidString.lowercased())" })
        return form
    }

    /// A problem with the core's field names turned into this form's (startAt → date …).
    static func problem(_ error: any Error) throws -> Problem {
        var problem = try Problem.forForm(error)
        let names = ["startAt": "date", "dueAt": "date", "endAt": "endTime", "recurrence": "repeat", "reminderAt": "reminder"]
        problem.errors = problem.errors?.map { e in
            if e.field.hasPrefix("attendees") { return FieldError("attendees", e.message) }
            return FieldError(names[e.field] ?? e.field, e.message)
        }
        return problem
    }
}
