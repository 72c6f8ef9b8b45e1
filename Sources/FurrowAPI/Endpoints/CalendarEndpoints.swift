import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `CalendarRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension CalendarRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/me/preferences", "getPreferences", tag: "Activities", "The signed-in user's preferences",
                 answers: [.ok("Preferences"), .unauthorized],
                 use: CalendarRoutes.preferences),
        Endpoint(.patch, "/me/preferences", "updatePreferences", tag: "Activities", "Change the signed-in user's preferences",
                 description: "Needs no version. Answers the preferences after the change.",
                 body: .json("PreferencesPatch"),
                 answers: [.ok("Preferences"), .unauthorized, .writeForbidden()],
                 bodyErrors: true,
                 use: CalendarRoutes.setPreferences),
        Endpoint(.get, "/calendar", "getCalendar", tag: "Calendar", "Get the calendar of a time window",
                 description: "The entries starting in the window the caller may see, by start: activities that are not cancelled, a recurring one once per occurrence (its rule expanded in the company time zone), and the opportunities the settings' `calendarStates` select, all-day on their expected close date. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("from", in: .query, required: true, "The window's start (inclusive).", .string("An RFC 3339 UTC timestamp, or a day (YYYY-MM-DD) taken as its start in UTC, in the years 1900–2999.", pattern: "^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z)?$", examples: ["2026-03-01", "2026-03-01T00:00:00Z"])), Endpoint.Parameter("to", in: .query, required: true, "The window's end (exclusive): after `from`, at most 500 days later.", .string("An RFC 3339 UTC timestamp, or a day (YYYY-MM-DD) taken as its start in UTC, in the years 1900–2999.", pattern: "^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z)?$", examples: ["2026-03-01", "2026-03-01T00:00:00Z"])), Endpoint.Parameter("ownerId", in: .query, "Only entries of this owner; default every owner the caller may see.", .uuid())],
                 answers: [.ok("Calendar"), .problem(400, [.invalidQuery], detail: "from or to is missing or invalid, ownerId is not an id, or another parameter was sent"), .unauthorized, .problem(422, detail: "`errors` names `to` when it is not after `from` or more than 500 days after it")],
                 use: CalendarRoutes.calendar),
        Endpoint(.get, "/me/calendar-feed", "getCalendarFeed", tag: "Calendar", "The signed-in user's calendar feed address",
                 description: "Makes the secret address on first use. The feed at `GET /calendar/{token}.ics` (outside `/api/v1`, no sign-in: the token is the key) serves the caller's activities from 90 days back to a year ahead and the opportunities of `calendarStates` as `text/calendar`.",
                 answers: [.ok("CalendarFeed"), .unauthorized],
                 use: CalendarRoutes.feed),
        Endpoint(.delete, "/me/calendar-feed", "revokeCalendarFeed", tag: "Calendar", "Switch the calendar feed off",
                 description: "The address stops working; `GET /me/calendar-feed` makes a new one.",
                 answers: [.noContent, .unauthorized, .writeForbidden()],
                 use: CalendarRoutes.revoke),
        Endpoint(.post, "/me/calendar-feed/rotate", "rotateCalendarFeed", tag: "Calendar", "Give the calendar feed a new address",
                 description: "A new secret: the old address stops working at once. No body is read.",
                 answers: [.ok("CalendarFeed"), .unauthorized, .writeForbidden()],
                 use: CalendarRoutes.rotate),
    ]
}
