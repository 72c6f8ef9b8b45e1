import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The activity schemas of the API's document.
extension Components {
    static let activityType: Schema = .enumeration(Activity.Kind.self, "What kind of activity: `appointment` and `serviceVisit` are held from startAt to endAt (calendar events); `task`, `phoneCall` and `email` are due at dueAt (to-dos).")
    static let activityStatus: Schema = .enumeration(Activity.Status.self, "`open` → `completed` (with an outcome) or `cancelled`; a closed activity can be reopened.")
    static let regardingType: Schema = .enumeration(Regarding.Kind.self, "The kind of record an activity is about.")
    static let regardingRef: Schema = .object("The record an activity is about.", required: ["type", "id"], [
        "type": .ref("RegardingType"),
        "id": .uuid(),
    ])
    static let regardingRefInput: Schema = .object("The record an activity is about. Unknown fields are refused (422).", required: ["type", "id"], closed: true, [
        "type": .ref("RegardingType"),
        "id": .uuid(),
    ])
    static let attendeeRef: Schema = .object("Someone taking part: a user or a contact.", required: ["type", "id"], [
        "type": .enumeration(Attendee.Kind.self),
        "id": .uuid(),
    ])
    static let attendeeRefInput: Schema = .object("Someone taking part: an existing user, or a contact the caller can see. Unknown fields are refused (422).", required: ["type", "id"], closed: true, [
        "type": .enumeration(Attendee.Kind.self),
        "id": .uuid(),
    ])
    static let activity: Schema = .object("A task, phone call, appointment, email or service visit, optionally regarding a record. Optional fields are omitted when empty.", required: ["id", "type", "subject", "ownerId", "allDay", "attendees", "status", "sequence", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "type": .ref("ActivityType"),
        "subject": .string(maxLength: 200),
        "description": .string(nullable: true, maxLength: 5000),
        "regarding": .nullable("RegardingRef"),
        "ownerId": .uuid(),
        "dueAt": .timestamp("When a task, call or email is due.", nullable: true),
        "startAt": .timestamp("When it starts; always present for appointments and service visits.", nullable: true),
        "endAt": .timestamp("When it ends; always present for appointments and service visits.", nullable: true),
        "allDay": .boolean("Whether it takes whole days in the company time zone."),
        "location": .string(nullable: true, maxLength: 200),
        "attendees": .array(.ref("AttendeeRef")),
        "reminderAt": .timestamp("When the owner is reminded.", nullable: true),
        "remindedAt": .timestamp("When the reminder fired; cleared when reminderAt changes.", nullable: true),
        "status": .ref("ActivityStatus"),
        "outcome": .string("What came of it, given on completion.", nullable: true, maxLength: 2000),
        "recurrence": .string("The repeat rule, normalised (parts in the order FREQ, INTERVAL, BYDAY, COUNT, UNTIL; UNTIL as `YYYYMMDDTHHMMSSZ`).", nullable: true, examples: ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10"]),
        "completedAt": .timestamp("When it was completed; cleared on reopen.", nullable: true),
        "sequence": .integer("Bumped whenever the time (due, start, end, all-day, recurrence) changes, for calendar clients (the iCalendar SEQUENCE).", minimum: 0),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
        "ownerName": .referenceName("The owner's name"),
        "regardingName": .referenceName("The title of the record it regards (an account's or contact's name, a lead's topic, a quote's number and name, an order's or invoice's number)"),
        "budgetActivityId": .uuid("The budget activity its income and expenses count under.", nullable: true),
        "report": .ref("VisitReport"),
    ])
    static let activityCreate: Schema = .object("A new activity, status `open`, or `completed` to log one that already happened (a call) with its outcome in one step. Appointments and service visits need startAt and endAt. Unknown fields are refused (422).", required: ["type", "subject"], closed: true, [
        "type": .ref("ActivityType"),
        "subject": .string("What it is about (trimmed, required).", minLength: 1, maxLength: 200),
        "description": .string("Details; empty or null clears it.", nullable: true, maxLength: 5000),
        "regarding": .nullable("RegardingRefInput", "The record the activity is about, one the caller can see; null clears it."),
        "ownerId": .uuid("The owning user (an active user). Only managers and administrators may give an activity to someone other than themselves. Absent or null: the caller on create, unchanged on update.", nullable: true),
        "dueAt": .timestamp("When a task, call or email is due. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "startAt": .timestamp("When it starts; required for appointments and service visits, and with endAt. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "endAt": .timestamp("When it ends, not before startAt; required for appointments and service visits. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "allDay": .boolean("Whether it takes whole days (in the company time zone); absent: false on create, unchanged on update; null: false.", nullable: true),
        "location": .string("Where it takes place; empty or null clears it.", nullable: true, maxLength: 200),
        "attendees": .array(.ref("AttendeeRefInput"), "Replaces the attendees (at most 100): existing users and contacts the caller can see; null or `[]` removes them all.", nullable: true, maxItems: 100),
        "reminderAt": .timestamp("When to remind the owner (an in-app notification, and an email when their preferences say so). It moves with the activity when the time changes and it is left as it was. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "recurrence": .string("A repeat rule in the RFC 5545 RRULE subset Furrow supports (an `RRULE:` prefix is allowed, names and values are case-insensitive): `FREQ=DAILY`, `WEEKLY` or `MONTHLY`; optional `INTERVAL` (1 to 366); an optional end by `COUNT` (1 to 1000) or `UNTIL` (`YYYYMMDD` or `YYYYMMDDTHHMMSSZ`), not both; `BYDAY` (`MO`…`SU`, comma-separated) with `WEEKLY` only. Occurrences repeat the start's wall-clock time in the company time zone; months without the start's day are skipped. It needs a start or due time and must not end before it. Empty or null clears it.", nullable: true, examples: ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10", "FREQ=MONTHLY;UNTIL=20261231"]),
        "status": .values(["open", "completed"], "`open` (the default) or `completed`; `cancelled` is refused (422)."),
        "outcome": .string("What came of it; kept with status `completed`, refused otherwise (422).", nullable: true, maxLength: 2000),
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "version": .serverOwnedOnCreate,
        "teamId": .derivedTeam,
        "ownerName": .readName, "regardingName": .readName,
        "budgetActivityId": .uuid("An active budget activity (budget tracking); null: none.", nullable: true),
        "report": Schema().described("Set only by completing a service visit; accepted and ignored."),
    ])
    static let activityPatch: Schema = .object("Changes to an activity (of any status): absent fields are unchanged, null clears a field. The result is checked as a whole, so e.g. turning a task into an appointment needs startAt and endAt. Unknown fields are refused (422).", closed: true, [
        "type": .nullable("ActivityType", "Absent or null: unchanged."),
        "subject": .string("What it is about (trimmed, cannot be cleared).", minLength: 1, maxLength: 200),
        "description": .string("Details; empty or null clears it.", nullable: true, maxLength: 5000),
        "regarding": .nullable("RegardingRefInput", "The record the activity is about, one the caller can see; null clears it."),
        "ownerId": .uuid("The owning user (an active user). Only managers and administrators may give an activity to someone other than themselves. Absent or null: the caller on create, unchanged on update.", nullable: true),
        "dueAt": .timestamp("When a task, call or email is due. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "startAt": .timestamp("When it starts; required for appointments and service visits, and with endAt. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "endAt": .timestamp("When it ends, not before startAt; required for appointments and service visits. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "allDay": .boolean("Whether it takes whole days (in the company time zone); absent: false on create, unchanged on update; null: false.", nullable: true),
        "location": .string("Where it takes place; empty or null clears it.", nullable: true, maxLength: 200),
        "attendees": .array(.ref("AttendeeRefInput"), "Replaces the attendees (at most 100): existing users and contacts the caller can see; null or `[]` removes them all.", nullable: true, maxItems: 100),
        "reminderAt": .timestamp("When to remind the owner (an in-app notification, and an email when their preferences say so). It moves with the activity when the time changes and it is left as it was. An RFC 3339 UTC timestamp (ending in `Z`); null clears it.", nullable: true),
        "recurrence": .string("A repeat rule in the RFC 5545 RRULE subset Furrow supports (an `RRULE:` prefix is allowed, names and values are case-insensitive): `FREQ=DAILY`, `WEEKLY` or `MONTHLY`; optional `INTERVAL` (1 to 366); an optional end by `COUNT` (1 to 1000) or `UNTIL` (`YYYYMMDD` or `YYYYMMDDTHHMMSSZ`), not both; `BYDAY` (`MO`…`SU`, comma-separated) with `WEEKLY` only. Occurrences repeat the start's wall-clock time in the company time zone; months without the start's day are skipped. It needs a start or due time and must not end before it. Empty or null clears it.", nullable: true, examples: ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10", "FREQ=MONTHLY;UNTIL=20261231"]),
        "version": .expectedVersion,
        "status": Schema().described("Changed only by complete, cancel and reopen; accepted and ignored."),
        "outcome": Schema().described("Set only by complete; accepted and ignored."),
        "completedAt": Schema().described("Set only by complete; accepted and ignored."),
        "remindedAt": Schema().described("Set when the reminder fires; accepted and ignored."),
        "sequence": .serverOwned,
        "id": .serverOwned,
        "createdAt": .serverOwned,
        "updatedAt": .serverOwned,
        "teamId": .derivedTeam,
        "ownerName": .readName, "regardingName": .readName,
        "budgetActivityId": .uuid("An active budget activity (budget tracking); null: none.", nullable: true),
        "report": Schema().described("Set only by completing a service visit; accepted and ignored."),
    ])
    static let activityComplete: Schema = .object("How an activity ended. Unknown fields are refused (422).", closed: true, [
        "outcome": .string("What came of it (trimmed); absent, empty or null keeps the current outcome.", nullable: true, maxLength: 2000),
        "feedback": .ref("VisitFeedbackInput"),
        "timeSpentMinutes": .integer("Service visits: the time spent, 1 to 1440 minutes.", nullable: true, minimum: 1, maximum: 1440),
        "parts": .array(.string(maxLength: 200), "Service visits: the parts used, a line each.", nullable: true, maxItems: 100),
    ])
    static let visitFeedbackInput: Schema = .object("Service visits only: the customer's feedback. Unknown fields are refused (422).", closed: true, [
        "rating": .integer("From 1 to 5 (else 422).", nullable: true, minimum: 1, maximum: 5),
        "comment": .string(nullable: true, maxLength: 2000),
        "signedBy": .string("Who signed the visit off.", nullable: true, maxLength: 200),
    ])
    static let visitReport: Schema = .object("A service visit's report.", required: ["parts"], [
        "rating": .integer(nullable: true, minimum: 1, maximum: 5),
        "comment": .string(nullable: true),
        "signedBy": .string(nullable: true),
        "timeSpentMinutes": .integer(nullable: true),
        "parts": .array(.string()),
    ])
    static let activityReschedule: Schema = .object("A new time for an open activity (a calendar drag). Unknown fields are refused (422).", required: ["start"], closed: true, [
        "start": .timestamp("The new start (or due time, for an activity without a start), an RFC 3339 UTC timestamp."),
    ])
    static let activityPage: Schema = .page("Activity", "A page of activities.")
    static let myActivities: Schema = .object("The caller's own open activities by day in the company time zone (at most 500 in all), each group soonest first.", required: ["overdue", "today", "upcoming", "undated"], [
        "overdue": .array(.ref("Activity"), "Due or starting on an earlier day."),
        "today": .array(.ref("Activity"), "Due or starting today."),
        "upcoming": .array(.ref("Activity"), "Due or starting in the 14 days after today."),
        "undated": .array(.ref("Activity"), "Without a due or start time."),
    ])
    static let calendarEntry: Schema = .object("One calendar entry: an occurrence of an activity, or an opportunity on its expected close date. Optional fields are omitted when empty.", required: ["kind", "id", "title", "status", "start", "allDay", "recurring", "invited", "ownerId", "url"], [
        "kind": .values(["activity", "opportunity"]),
        "id": .uuid("The activity's or opportunity's id; every occurrence of a recurring activity has its id."),
        "title": .string("The activity's subject or the opportunity's name."),
        "type": .nullable("ActivityType", "The activity's type; omitted for opportunities."),
        "status": .values(["open", "completed", "inProgress", "won", "lost"], "The activity's status (`open` or `completed`) or the opportunity's (`inProgress`, `won`, `lost`)."),
        "start": .timestamp("When the occurrence starts (or is due); for all-day entries, the start of the day in the company time zone."),
        "end": .timestamp("When the occurrence ends; omitted when the activity has no end and for opportunities.", nullable: true),
        "day": .string("All-day entries: their day (YYYY-MM-DD) in the company time zone.", nullable: true, format: "date"),
        "allDay": .boolean(),
        "recurring": .boolean("Whether the entry is an occurrence of a recurring activity."),
        "invited": .boolean("Whether the caller is invited to it as an attendee (another user owns it)."),
        "ownerId": .uuid(),
        "url": .string("The record's web page, e.g. `/activities/{id}` or `/opportunities/{id}`.", examples: ["/activities/0b5e1c7e-8c2d-4f7a-9a51-2f1e3c4d5e6f"]),
    ])
    static let calendar: Schema = .object("The calendar entries starting in `[from, to)`, by start, then title.", required: ["from", "to", "timeZone", "items"], [
        "from": .timestamp("The window's start."),
        "to": .timestamp("The window's end (exclusive)."),
        "timeZone": .string("The company time zone all-day entries and recurrences use (IANA).", examples: ["Europe/Berlin"]),
        "items": .array(.ref("CalendarEntry")),
    ])
    static let calendarFeed: Schema = .object("The caller's secret iCalendar feed address (RFC 5545), for subscribing from Outlook, Google or Apple calendars. Anyone with the address can read the feed: keep it secret.", required: ["url", "path"], [
        "url": .string("The full address, built from the request's host.", format: "uri", examples: ["http://crm.example.com/calendar/3q2kXzR8vJ0bN5mT1wYcLh9eFa.ics"]),
        "path": .string("The address's path, `/calendar/{token}.ics` (outside `/api/v1`).", examples: ["/calendar/3q2kXzR8vJ0bN5mT1wYcLh9eFa.ics"]),
    ])
    static let preferences: Schema = .object("The signed-in user's own choices.", required: ["emailReminders"], [
        "emailReminders": .boolean("Whether reminders also come by email (default false); they always come as in-app notifications."),
    ])
    static let preferencesPatch: Schema = .object("Changes to the caller's preferences: absent or null fields are unchanged. Unknown fields are refused (422).", closed: true, [
        "emailReminders": .boolean("Whether reminders also come by email.", nullable: true),
    ])

    static let activitySchemas: [(name: String, schema: Schema)] = [
        ("ActivityType", activityType),
        ("ActivityStatus", activityStatus),
        ("RegardingType", regardingType),
        ("RegardingRef", regardingRef),
        ("RegardingRefInput", regardingRefInput),
        ("AttendeeRef", attendeeRef),
        ("AttendeeRefInput", attendeeRefInput),
        ("Activity", activity),
        ("ActivityCreate", activityCreate),
        ("ActivityPatch", activityPatch),
        ("ActivityComplete", activityComplete), ("VisitFeedbackInput", visitFeedbackInput), ("VisitReport", visitReport),
        ("ActivityReschedule", activityReschedule),
        ("ActivityPage", activityPage),
        ("MyActivities", myActivities),
        ("CalendarEntry", calendarEntry),
        ("Calendar", calendar),
        ("CalendarFeed", calendarFeed),
        ("Preferences", preferences),
        ("PreferencesPatch", preferencesPatch),
    ]
}
