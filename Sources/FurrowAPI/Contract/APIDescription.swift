import FurrowHTTP
/// What the API's document says of the API as a whole: its conventions and its tags.
public enum APIDescription {
    public static let title = "Furrow API"
    public static let version = "1.0.0"
    public static let server = "/api/v1"
    public static let bearer = "An API token from `POST /auth/tokens`, sent as `Authorization: Bearer <token>`."

    public static let conventions = """
The JSON API of Furrow, an open-source CRM. Conventions:

- **Authentication**: send `Authorization: Bearer <token>`; get a token from `POST /auth/tokens` and revoke it with `DELETE /auth/tokens/current`. The web UI's session cookie also works, and then changing requests need its `X-CSRF-Token` header.
- **Bodies** are JSON objects sent as `application/json` (at most 1 MiB), except the CSV or CAMT.053 files of `POST /bank-statements`. Unknown fields are refused with 422 `validation`; server-owned fields (`id`, `version`, `createdAt`, `updatedAt`, `teamId` of accounts, contacts, leads and opportunities, and the fields of an opportunity that only its verbs change) are accepted and ignored (each body's schema lists them). In a PATCH an absent field is unchanged and `null` clears it.
- **Money** amounts are decimal strings (e.g. `"1234.50"`), never floating-point numbers, with an ISO 4217 currency code; quantities are decimal strings too. Dates without a time are `YYYY-MM-DD`.
- **Timestamps** are RFC 3339 UTC strings with milliseconds, e.g. `2026-11-22T15:04:05.123Z`. Ids are lower-case UUIDs. Optional fields without a value are omitted from responses.
- **Lists** are keyset-paginated: a page is `{items, nextCursor}`; pass `nextCursor` as `cursor` (with the same `sort`) for the next page; it is `null` on the last page. `limit` is 1 to 200 (default 50); `sort` takes comma-separated fields with a `-` prefix for descending; filters are `?field=value` (repeat for alternatives) and `field[gt|gte|lt|lte]=value` on date, number and money fields. Unknown parameters are refused with 400 `invalid-query`. Catalogs come whole, in one page. Contacts, opportunities, quotes, orders and invoices carry the names of the records they refer to (`accountName`, `contactName`, `ownerName`, …), so a page needs no further requests.
- **Concurrency** is optimistic: every record has a `version`; changes must send it as `If-Match: "N"` (or `version` in the body). A stale version answers 412 `version-conflict` with `currentVersion`; a missing one answers 428 `version-required`. Verbs such as qualify, advance and close need no version.
- **Errors** are RFC 9457 `application/problem+json` documents with a stable `type` slug (see the `Problem` schema). Records the caller may not see are reported as 404 `not-found`, never 403. Any request may also answer 500 `internal` with an `incidentId`. Every response carries an `X-Request-Id` header.
- **Calendar feeds** are served outside this API, at `GET /calendar/{token}.ics` (the address from `GET /me/calendar-feed`): no sign-in, the secret token is the key; an RFC 5545 `text/calendar` document with an `ETag` (a matching `If-None-Match` answers 304); an unknown or revoked token answers 404.
- **Limits and storage**: each user may send 6,000 requests per 5 minutes and have 52 in flight (configurable with
  `FURROW_RATE_LIMIT` and `FURROW_MAX_IN_FLIGHT`); beyond that any operation answers `429 too-many-requests` with
  `Retry-After`. A write the database has no room for answers `507 storage-full` (an I/O failure `503
  storage-unavailable`), with `Retry-After`; nothing of it is saved and reads keep working.
"""

    /// The tags operations are grouped by, in the order readers see them.
    public static let tags: [(name: String, description: String)] = [
        ("Meta", "The API's own description."),
        ("Auth", "Tokens and the signed-in user."),
        ("Users", "Users, managed by administrators."),
        ("Teams", "Teams of users."),
        ("Accounts", "Companies and organisations."),
        ("Contacts", "Individuals."),
        ("Connections", "Relations between accounts and contacts."),
        ("Search", "Global search."),
        ("Audit", "Audit trails of records."),
        ("Settings", "Company settings."),
        ("Catalogs", "The sales pipeline's catalogs: advertising channels, disqualify reasons, reasons for losing, competitors, stages and opportunity kinds."),
        ("Leads", "Prospects before qualification."),
        ("Opportunities", "Sales opportunities, their stages, product lines and the pipeline board."),
        ("Reports", "The pipeline by stage, status or owner and the sales funnel, as JSON or CSV."),
        ("Notifications", "The signed-in user's in-app notifications."),
        ("Products", "The sales catalog: tax rates, products and price lists. Everyone reads it; managers and administrators change it."),
        ("Quotes", "Quotes (offers) and their lifecycle: draft → sent → negotiation → accepted or rejected, with revisions."),
        ("Orders", "Sales orders converted from accepted quotes or made directly."),
        ("Invoices", "Invoices and credit notes: made from orders (whole or in part) or from scratch; draft → issued → partiallyPaid → paid as payments are allocated, or cancelled by a credit note. Finance users see every invoice."),
        ("Payments", "Payments received, their allocation to invoices, and the receivables ageing. Finance users see every payment."),
        ("Bank reconciliation", "Bank statements imported from CSV (through a profile) or CAMT.053, and their lines matched to payments. For administrators, managers and finance only."),
        ("Activities", "Tasks, phone calls, appointments, emails and service visits regarding records: open → completed or cancelled (and reopened); record timelines, the signed-in user's list, and their reminder preferences."),
        ("Webhooks", "Signed HTTP callbacks for changes: subscriptions, the event types, the delivery log, replay and ping. For administrators."),
        ("Notes and files", "Notes and files on records: whoever sees a record reads them; their author or an administrator deletes them."),
        ("Saved views", "A list's filters, search, sort and columns kept by name, for oneself or shared with one's team."),
        ("Bulk", "Changes to a list's selection at once: a new owner, or deletion — all in one transaction."),
        ("Calendar", "The calendar of activities (recurrences expanded) and opportunities on their expected close date, and the signed-in user's secret iCalendar feed address."),
    ]
}
