#!/usr/bin/env python3
"""Generates Sources/FurrowAPI/Resources/openapi.json: run `python3 scripts/openapi.py` from the package root after changing the API.

Layout: enums mirrored from the Swift sources; schema helpers; schemas per area (backbone, pipeline catalogs,
leads, opportunities, boards, notifications, sales, problems); error and operation helpers; parameters; operations per area;
the document.
Every (method, path) must match a route of `APIRoutes` (a Swift test compares them) and the Problem `type`
enum must equal `ProblemCatalog.slugs`, in order.
"""
import json
import sys

# ================================================================ enums mirrored from the Swift sources

SLUGS = [  # ProblemCatalog.slugs
    "malformed-request", "invalid-query", "unauthorized", "forbidden", "not-found", "method-not-allowed",
    "version-conflict", "version-required", "validation", "duplicate-suspected", "hierarchy-cycle",
    "merge-with-self", "has-dependents", "already-set-up", "email-taken", "too-many-attempts",
    "payload-too-large", "unsupported-media-type", "internal",
    "kind-has-no-stages", "stage-skip-not-allowed", "stage-not-in-kind", "already-in-stage", "stage-requirements-unmet",
    "kind-not-allowed", "opportunity-closed", "opportunity-not-closed", "open-quotes", "primary-demand-disabled",
    "lead-already-qualified", "lead-disqualified", "lead-not-disqualified",
    "quote-not-draft", "quote-not-sent", "quote-closed", "quote-expired", "quote-not-accepted", "price-list-required",
    "price-list-not-valid", "product-not-on-price-list", "currency-mismatch", "quote-converted",
    "order-cancelled", "order-illegal-move", "order-empty",
    "invoice-not-draft", "invoice-empty", "invoice-not-issued", "order-not-invoiceable", "order-fully-invoiced", "over-invoicing",
    "order-invoiced", "invoice-not-open", "over-allocation", "payment-reversed", "line-matched", "payment-matched", "amount-mismatch",
    "activity-not-open", "activity-open", "storage-full", "storage-unavailable", "too-many-requests", "import-rejected",
]
ROLES = ["admin", "manager", "sales", "service", "finance", "readonly"]
PARTY_TYPES = ["account", "contact"]
SEARCH_TYPES = ["account", "contact", "lead", "opportunity", "quote", "order", "invoice", "payment"]
AUDIT_ENTITIES = ["account", "contact", "connection", "user", "team", "settings", "lead", "opportunity",
                  "channel", "reason", "stage", "opportunity-kind", "activity", "quote", "product",
                  "price-list", "tax-rate", "order", "invoice", "payment", "bank-statement",
                  "statement-profile"]                                          # AuditService.entities
IMPACT_TYPES = ["user", "account", "contact", "campaign", "other"]                # ImpactType
KIND_TYPES = ["standard", "custom", "none"]                                       # KindType
LEAD_STATUSES = ["new", "contacted", "qualified", "disqualified"]                 # LeadStatus
OPPORTUNITY_STATUSES = ["inProgress", "won", "lost"]                              # OpportunityStatus
REVENUE_MODES = ["user", "system"]                                                # RevenueMode
PARTY_ROLES = ["stakeholder", "salesTeam", "competitor", "contactPerson"]         # OpportunityParty.Role
OPPORTUNITY_PARTY_TYPES = ["account", "contact", "user", "competitor"]            # OpportunityParty.PartyKind
QUOTE_STATUSES = ["draft", "sent", "negotiation", "accepted", "rejected", "revised"]  # QuoteStatus (stored)
QUOTE_READINGS = QUOTE_STATUSES + ["expired"]                                     # QuoteStatus.reading(validUntil:on:)
PRODUCT_TYPES = ["good", "service"]                                               # Product.Kind
INVENTORY_STATUSES = ["available", "sold"]                                        # Product.InventoryStatus
REQUIRABLE_FIELDS = ["accountId", "channelId", "comment", "contactId", "estimatedRevenue", "expectedCloseDate",
                     "termsOfSale"]                                               # StageRequirements.requirableFields
ORDER_STATUSES = ["draft", "confirmed", "inFulfilment", "delivered", "installed", "cancelled"]  # OrderStatus
INVOICE_STATUSES = ["draft", "issued", "partiallyPaid", "paid", "cancelled"]    # InvoiceStatus
INVOICE_KINDS = ["invoice", "creditNote"]                                         # Invoice.Kind
PAYMENT_MODES = ["cash", "bankTransfer", "card", "cheque", "other"]               # Payment.Mode
PAYMENT_STATUSES = ["posted", "reversed"]                                         # Payment.Status
STATEMENT_FORMATS = ["csv", "camt053"]                                            # BankStatement.Format
DATE_FORMATS = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"]           # StatementProfile.DateFormat
ACTIVITY_TYPES = ["task", "phoneCall", "appointment", "email", "serviceVisit"]    # Activity.Kind
ACTIVITY_STATUSES = ["open", "completed", "cancelled"]                            # Activity.Status
REGARDING_TYPES = ["lead", "account", "contact", "opportunity", "quote", "order", "invoice"]  # Regarding.Kind
ATTENDEE_TYPES = ["user", "contact"]                                              # Attendee.Kind
CALENDAR_STATUSES = ["inProgress", "won", "lost"]                                 # Settings.calendarStates (besides stage ids)

# ================================================================ schema helpers

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


UUID = {"type": "string", "format": "uuid"}
UUID_N = {"type": ["string", "null"], "format": "uuid"}
TS = {"type": "string", "format": "date-time"}


def s(desc=None, **kw):
    out = dict(kw)
    if desc:
        out["description"] = desc
    return out


def uuid(desc=None, nullable=False):
    out = dict(UUID_N if nullable else UUID)
    if desc:
        out["description"] = desc
    return out


def ts(desc=None):
    out = dict(TS)
    if desc:
        out["description"] = desc
    return out


def opt_str(desc=None, **kw):
    """An optional response string: omitted when absent, null allowed too."""
    return s(desc, type=["string", "null"], **kw)


def in_str(desc, max_length, nullable=True, **kw):
    """A request text field: trimmed; empty or null clears it."""
    return s(desc, type=["string", "null"] if nullable else "string", maxLength=max_length, **kw)


PHONE_PATTERN = "^[0-9+()./ eExXtT-]+$"

IGNORED = {
    "id": s("Server-owned; accepted and ignored."),
    "createdAt": s("Server-owned; accepted and ignored."),
    "updatedAt": s("Server-owned; accepted and ignored."),
}
IGNORED_VERSION = {"version": s("Server-owned; accepted and ignored on create.")}
IGNORED_TEAM = {"teamId": s("Derived from the owner; accepted and ignored.")}
PATCH_VERSION = {"version": s("The expected current version, when not sent as `If-Match: \"N\"` (the header wins). "
                              "A stale version answers 412 `version-conflict`.", type=["integer", "null"], minimum=1)}


def page(item, desc):
    return {
        "type": "object",
        "description": desc,
        "required": ["items", "nextCursor"],
        "properties": {
            "items": {"type": "array", "items": ref(item)},
            "nextCursor": s("The cursor of the next page; null on the last page.", type=["string", "null"]),
        },
    }



def nullable(schema_name, desc=None):
    """A referenced schema that may also be null."""
    return s(desc, anyOf=[ref(schema_name), {"type": "null"}])


def opt_ts(desc=None):
    """An optional response timestamp: omitted when absent, null allowed too."""
    return s(desc, type=["string", "null"], format="date-time")


DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$"                    # Money.decimalString, Micros.decimalString
AMOUNT_PATTERN = "^[+-]?[0-9]{1,12}(\\.[0-9]{1,3})?$"        # Money(text, currency); the currency caps the decimals
PLAIN_AMOUNT_PATTERN = "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$"    # the same, where negative amounts are refused
QUANTITY_PATTERN = "^[+-]?[0-9]{1,12}(\\.[0-9]{1,6})?$"      # Micros(text)
CURRENCY_PATTERN = "^[A-Za-z]{3}$"                            # Currency(code), stored upper-case


def amount(desc=None):
    """An optional response amount: a decimal string with exactly the currency's minor digits."""
    return opt_str(desc, pattern=DECIMAL_PATTERN, examples=["1234.50"])


def in_amount(desc, negative=False):
    """A request amount: a decimal string with at most the currency's minor digits (2 for most, 0 for JPY…); null clears it."""
    return s(desc, type=["string", "null"], pattern=AMOUNT_PATTERN if negative else PLAIN_AMOUNT_PATTERN,
             examples=["1234.50"])


def in_currency(desc, nullable=True):
    return s(desc, type=["string", "null"] if nullable else "string", pattern=CURRENCY_PATTERN, examples=["EUR"])


VERSION = s("Optimistic-concurrency version; send it back as `If-Match: \"N\"` when changing the record.",
            type="integer", minimum=1)
OWNER_IN = uuid("The owning user (an active user). Only managers and administrators may name someone other than "
                "themselves. Absent or null: the caller on create, unchanged on update.", True)


SETTINGS_FLAGS = {  # Settings' booleans
    "autoCreateOpportunity": s("A quote created for a lead or an account without an opportunity creates one (default "
                               "true); when false such a quote needs `opportunityId`.", type="boolean"),
    "opportunityNameFromQuote": s("The automatic opportunity is named after the quote (default true); when false it is "
                                  "called `Opportunity for quote`.", type="boolean"),
    "useProductShortNames": s("The automatic opportunity is named after its lines' product short names (or names, or "
                              "write-in descriptions), which wins over opportunityNameFromQuote (default false).",
                              type="boolean"),
}


FOLLOW_UP_DAYS = ("Days a sent quote or an in-progress opportunity may go unchanged, with no open activity and none "
                  "changed in that time, before its owner gets a follow-up task due a day later; 0 (the default) "
                  "switches the rule off.")
CALENDAR_STATES = ("Which opportunities the calendar and the calendar feeds show, all-day on their expected close date: "
                   "statuses (`inProgress`, `won`, `lost`) and stage ids (in-progress opportunities in that stage). "
                   "Default `[\"inProgress\"]`.")
CALENDAR_STATE = {"anyOf": [{"type": "string", "enum": CALENDAR_STATUSES}, {"type": "string", "format": "uuid"}]}


# ================================================================ schemas: backbone


def backbone_schemas():
    account_fields = {
        "parentAccountId": uuid("The parent account, which must be an account the caller can see; null clears it.", True),
        "email": in_str("Email address; empty or null clears it.", 254, format="email"),
        "phone": in_str("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.",
                        40, pattern=PHONE_PATTERN),
        "website": in_str("Web address such as `example.com` or `https://www.example.com/`; empty or null clears it.", 253),
        "industry": in_str("Industry; empty or null clears it.", 100),
        "ownerId": uuid("The owning user (an active user). Only managers and administrators may name someone other than "
                        "themselves. Absent or null: the caller on create, unchanged on update.", True),
    }
    contact_fields = {
        "firstName": in_str("Given name; empty or null clears it.", 100),
        "email": in_str("Email address; empty or null clears it.", 254, format="email"),
        "phone": in_str("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.",
                        40, pattern=PHONE_PATTERN),
        "mobile": in_str("Mobile number, same format as `phone`; empty or null clears it.", 40, pattern=PHONE_PATTERN),
        "title": in_str("Job title; empty or null clears it.", 100),
        "accountId": uuid("The account the contact works for, which must be one the caller can see; null clears it.", True),
        "ownerId": uuid("The owning user (an active user). Only managers and administrators may name someone other than "
                        "themselves. Absent or null: the caller on create, unchanged on update.", True),
        "fullName": s("Derived from firstName and lastName; accepted and ignored."),
    }

    schemas = {
        "Account": {
            "type": "object",
            "description": "A company or organisation, optionally below a parent account. Optional fields are omitted when empty.",
            "required": ["id", "name", "ownerId", "version", "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=200),
                "parentAccountId": uuid(nullable=True),
                "email": opt_str(format="email"),
                "phone": opt_str(),
                "website": opt_str(),
                "industry": opt_str(),
                "ownerId": uuid(),
                "teamId": uuid("The owner's team when the record was assigned.", True),
                "version": s("Optimistic-concurrency version; send it back as `If-Match: \"N\"` when changing the record.",
                             type="integer", minimum=1),
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "AccountCreate": {
            "type": "object",
            "description": "A new account. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": s("The account's name (trimmed, required).", type="string", minLength=1, maxLength=200),
                **account_fields,
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM,
            },
        },
        "AccountPatch": {
            "type": "object",
            "description": "Changes to an account: absent fields are unchanged, null clears a field. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "name": s("The account's name (trimmed, cannot be cleared).", type="string", minLength=1, maxLength=200),
                **account_fields,
                **PATCH_VERSION,
                **IGNORED, **IGNORED_TEAM,
            },
        },
        "Contact": {
            "type": "object",
            "description": "An individual, optionally working for an account. Optional fields are omitted when empty.",
            "required": ["id", "lastName", "fullName", "ownerId", "version", "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "firstName": opt_str(),
                "lastName": s(type="string", maxLength=100),
                "fullName": s("firstName and lastName joined by a space.", type="string"),
                "email": opt_str(format="email"),
                "phone": opt_str(),
                "mobile": opt_str(),
                "title": opt_str(),
                "accountId": uuid(nullable=True),
                "ownerId": uuid(),
                "teamId": uuid("The owner's team when the record was assigned.", True),
                "version": s("Optimistic-concurrency version; send it back as `If-Match: \"N\"` when changing the record.",
                             type="integer", minimum=1),
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "ContactCreate": {
            "type": "object",
            "description": "A new contact. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["lastName"],
            "properties": {
                "lastName": s("Family name (trimmed, required).", type="string", minLength=1, maxLength=100),
                **contact_fields,
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM,
            },
        },
        "ContactPatch": {
            "type": "object",
            "description": "Changes to a contact: absent fields are unchanged, null clears a field. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "lastName": s("Family name (trimmed, cannot be cleared).", type="string", minLength=1, maxLength=100),
                **contact_fields,
                **PATCH_VERSION,
                **IGNORED, **IGNORED_TEAM,
            },
        },
        "Role": s("A user's role. admin sees and manages everything; manager sees their own, their team's and their "
                  "managed teams' records and may reassign owners; sales, service and finance see their own and their "
                  "team's records, except that finance sees every invoice and payment; admin, manager and finance "
                  "import and reconcile bank statements; readonly reads like sales and writes nothing.", type="string",
                  enum=ROLES),
        "User": {
            "type": "object",
            "description": "A user. The password is write-only and never returned.",
            "required": ["id", "email", "name", "role", "active", "version", "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "email": s(type="string", format="email"),
                "name": s(type="string"),
                "role": ref("Role"),
                "teamId": uuid("Omitted when the user has no team.", True),
                "active": s("Inactive users cannot sign in and their tokens stop working.", type="boolean"),
                "version": s(type="integer", minimum=1),
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "UserCreate": {
            "type": "object",
            "description": "A new user (administrators only). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["email", "password"],
            "properties": {
                "email": s("Unique (case-insensitive) email address; a taken one answers 409 `email-taken`.",
                           type="string", format="email", maxLength=254),
                "name": in_str("Display name; defaults to the email address.", 100),
                "password": s("8 to 72 characters.", type="string", minLength=8, maxLength=72, writeOnly=True),
                "role": s("Defaults to `sales`.", anyOf=[ref("Role"), {"type": "null"}]),
                "teamId": uuid("An existing team, or null for none.", True),
                "active": s("Defaults to true.", type=["boolean", "null"]),
                **IGNORED, **IGNORED_VERSION,
            },
        },
        "UserPatch": {
            "type": "object",
            "description": "Changes to a user (administrators only): absent or null fields are unchanged, except that "
                           "`teamId: null` removes the user from their team. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "email": s("Unique email address; a taken one answers 409 `email-taken`.", type=["string", "null"],
                           format="email", maxLength=254),
                "name": s("Display name (cannot be cleared).", type=["string", "null"], minLength=1, maxLength=100),
                "password": s("A new password of 8 to 72 characters.", type=["string", "null"], minLength=8, maxLength=72,
                              writeOnly=True),
                "role": {"anyOf": [ref("Role"), {"type": "null"}]},
                "teamId": uuid("An existing team; null removes the user from their team (their records follow).", True),
                "active": s("false deactivates the user (not allowed for yourself).", type=["boolean", "null"]),
                **PATCH_VERSION,
                **IGNORED,
            },
        },
        "Me": {
            "type": "object",
            "description": "The signed-in user.",
            "required": ["id", "email", "name", "role"],
            "properties": {
                "id": uuid(),
                "email": s(type="string", format="email"),
                "name": s(type="string"),
                "role": ref("Role"),
                "teamId": uuid("Omitted when the user has no team.", True),
            },
        },
        "Team": {
            "type": "object",
            "required": ["id", "name", "createdAt"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=100),
                "managerId": uuid("Omitted when the team has no manager.", True),
                "createdAt": ts(),
            },
        },
        "TeamCreate": {
            "type": "object",
            "description": "A new team (administrators only). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": s("The team's name (trimmed, required).", type="string", minLength=1, maxLength=100),
                "managerId": uuid("An existing user who manages the team.", True),
            },
        },
        "PartyType": s("The kind of party a connection joins.", type="string", enum=PARTY_TYPES),
        "Connection": {
            "type": "object",
            "description": "A relation with a role between two parties (accounts or contacts).",
            "required": ["id", "fromType", "fromId", "toType", "toId", "role", "createdAt"],
            "properties": {
                "id": uuid(),
                "fromType": ref("PartyType"),
                "fromId": uuid(),
                "toType": ref("PartyType"),
                "toId": uuid(),
                "role": s("The relation, e.g. `partner of`.", type="string", maxLength=100),
                "createdAt": ts(),
            },
        },
        "ConnectionCreate": {
            "type": "object",
            "description": "A new connection. Both parties must be visible to the caller and the caller must be allowed to "
                           "change at least one of them; a party cannot be connected to itself. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["fromType", "fromId", "toType", "toId", "role"],
            "properties": {
                "fromType": ref("PartyType"),
                "fromId": uuid(),
                "toType": ref("PartyType"),
                "toId": uuid(),
                "role": s("The relation, e.g. `partner of` (trimmed, required).", type="string", minLength=1, maxLength=100),
            },
        },
        "MergeRequest": {
            "type": "object",
            "description": "The record to merge into the one in the path; it is deleted and its related records move to the survivor.",
            "additionalProperties": False,
            "required": ["otherId"],
            "properties": {"otherId": uuid("The record merged into the survivor and then deleted.")},
        },
        "FieldChange": {
            "type": "object",
            "description": "One field's change: old → new. A side is omitted where the field had no value.",
            "required": ["field"],
            "properties": {
                "field": s(type="string"),
                "old": s(type=["string", "null"]),
                "new": s(type=["string", "null"]),
            },
        },
        "AuditEntry": {
            "type": "object",
            "description": "One audited change of a record.",
            "required": ["id", "entity", "entityId", "action", "at", "changes"],
            "properties": {
                "id": uuid(),
                "entity": s(type="string", enum=AUDIT_ENTITIES),
                "entityId": uuid(),
                "action": s("`entity.action`, e.g. `account.create`, `account.update`, `account.merge`, `account.delete`.",
                            type="string", examples=["account.update"]),
                "actorId": uuid("The user who made the change; omitted for system changes.", True),
                "at": ts(),
                "changes": {"type": "array", "items": ref("FieldChange")},
            },
        },
        "SearchResult": {
            "type": "object",
            "required": ["type", "id", "title", "subtitle"],
            "properties": {
                "type": s(type="string", enum=SEARCH_TYPES),
                "id": uuid(),
                "title": s(type="string"),
                "subtitle": s("Secondary text, possibly empty.", type="string"),
            },
        },
        "AccountSummary": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": uuid(), "name": s(type="string")},
        },
        "HierarchyNode": {
            "type": "object",
            "description": "An account and its visible child accounts, recursively.",
            "required": ["id", "name", "children"],
            "properties": {
                "id": uuid(),
                "name": s(type="string"),
                "children": {"type": "array", "items": ref("HierarchyNode")},
            },
        },
        "Hierarchy": {
            "type": "object",
            "description": "An account's visible ancestors (root first) and the tree of its visible descendants.",
            "required": ["ancestors", "tree"],
            "properties": {
                "ancestors": {"type": "array", "items": ref("AccountSummary")},
                "tree": ref("HierarchyNode"),
            },
        },
        "TokenCreate": {
            "type": "object",
            "description": "Credentials to sign in with. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["email", "password"],
            "properties": {
                "email": s(type="string"),
                "password": s(type="string", writeOnly=True),
            },
        },
        "Token": {
            "type": "object",
            "description": "A new API bearer token. The secret is shown only once.",
            "required": ["token", "expiresAt", "userId"],
            "properties": {
                "token": s("The bearer secret: send it as `Authorization: Bearer <token>`.", type="string"),
                "expiresAt": ts("The token expires 30 days after it was issued."),
                "userId": uuid(),
            },
        },
        "Settings": {
            "type": "object",
            "description": "Company settings.",
            "required": ["companyName", "companyAddress", "timeZone", "baseCurrency", "quoteWord", "autoCreateOpportunity",
                         "opportunityNameFromQuote", "useProductShortNames", "smtpHost", "smtpPort", "mailFrom", "smtpUsername",
                         "smtpPasswordSet", "smtpSecurity", "smtpVerifyCertificates", "followUpDays", "calendarStates"],
            "properties": {
                "companyName": s(type="string", maxLength=200),
                "companyAddress": s(type="string", maxLength=500),
                "timeZone": s("An IANA time zone identifier.", type="string", examples=["Europe/Berlin"]),
                "baseCurrency": s("An ISO 4217 currency code.", type="string", pattern="^[A-Z]{3}$", examples=["EUR"]),
                "quoteWord": s("What the company calls a quote.", type="string", maxLength=30),
                **SETTINGS_FLAGS,
                "smtpHost": s("The SMTP server the outbox delivers through; empty switches email off.", type="string", maxLength=253),
                "smtpPort": s(type="integer", minimum=1, maximum=65535),
                "mailFrom": s("The sender address of outgoing email.", type="string"),
                "smtpUsername": s("The SMTP user for AUTH PLAIN; empty for none.", type="string"),
                "smtpPasswordSet": s("Whether an SMTP password is stored (the password itself is never sent).", type="boolean"),
                "smtpSecurity": s("`starttls`, `tls` (implicit) or `none`.", type="string", enum=["none", "starttls", "tls"]),
                "smtpVerifyCertificates": s("Check the SMTP server's certificate against the system's trust store.", type="boolean"),
                "followUpDays": s(FOLLOW_UP_DAYS, type="integer", minimum=0, maximum=365),
                "calendarStates": s(CALENDAR_STATES, type="array", items=CALENDAR_STATE),
            },
        },
        "SettingsPatch": {
            "type": "object",
            "description": "Changes to the settings (administrators only): absent or null fields are unchanged. "
                           "Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "companyName": s("Required, so it cannot be made empty.", type=["string", "null"], minLength=1, maxLength=200),
                "companyAddress": s(type=["string", "null"], maxLength=500),
                "timeZone": s("An IANA time zone identifier.", type=["string", "null"], examples=["Europe/Berlin"]),
                "baseCurrency": s("An ISO 4217 currency code (stored upper-case).", type=["string", "null"],
                                  pattern="^[A-Za-z]{3}$"),
                "quoteWord": s("Required, so it cannot be made empty.", type=["string", "null"], minLength=1, maxLength=30),
                **{name: s(schema["description"], type=["boolean", "null"]) for name, schema in SETTINGS_FLAGS.items()},
                "smtpHost": s("The SMTP server; empty switches email off.", type=["string", "null"], maxLength=253),
                "smtpPort": s(type=["integer", "null"], minimum=1, maximum=65535),
                "mailFrom": s("The sender address of outgoing email.", type=["string", "null"]),
                "smtpUsername": s("The SMTP user for AUTH PLAIN; empty for none.", type=["string", "null"]),
                "smtpPassword": s("Write-only: the SMTP password.", type=["string", "null"], writeOnly=True),
                "smtpPasswordSet": s("Accepted and ignored (read-only)."),
                "smtpSecurity": s("`starttls`, `tls` (implicit) or `none`.", type=["string", "null"], enum=["none", "starttls", "tls", None]),
                "smtpVerifyCertificates": s("Check the SMTP server's certificate.", type=["boolean", "null"]),
                "followUpDays": s(FOLLOW_UP_DAYS, type=["integer", "null"], minimum=0, maximum=365),
                "calendarStates": s(CALENDAR_STATES + " Replaces the whole list: blank entries and repeats are dropped, "
                                    "stage ids are stored lower-case; `[]` or null shows no opportunities.",
                                    type=["array", "null"], items=CALENDAR_STATE),
            },
        },
        "AccountPage": page("Account", "A page of accounts."),
        "ContactPage": page("Contact", "A page of contacts."),
        "UserPage": page("User", "All users (one page)."),
        "TeamPage": page("Team", "All teams (one page)."),
        "ConnectionPage": page("Connection", "All visible connections of a party (one page)."),
        "AuditPage": page("AuditEntry", "The audit trail of one record (one page)."),
        "SearchPage": page("SearchResult", "Search results (one page)."),
    }
    return schemas


# ================================================================ schemas: pipeline catalogs


def catalog_schemas():
    return {
        "ImpactType": s("What the source of a lead or opportunity coming through a channel is: a `user`, `account` or "
                        "`contact` named by `sourceRef`, a `campaign`, or `other` (a free `sourceText`).",
                        type="string", enum=IMPACT_TYPES),
        "Channel": {
            "type": "object",
            "description": "An advertising channel: where leads and opportunities come from.",
            "required": ["id", "name", "impactType"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=100),
                "impactType": ref("ImpactType"),
            },
        },
        "ChannelCreate": {
            "type": "object",
            "description": "A new advertising channel (administrators only). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["name", "impactType"],
            "properties": {
                "name": s("The channel's name (trimmed, required).", type="string", minLength=1, maxLength=100),
                "impactType": ref("ImpactType"),
            },
        },
        "Reason": {
            "type": "object",
            "description": "An entry of a named catalog: a disqualify reason, a reason for losing, or a competitor.",
            "required": ["id", "name", "active"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=100),
                "active": s("Inactive entries stay on the records that use them; an inactive disqualify reason can no "
                            "longer be chosen.", type="boolean"),
            },
        },
        "ReasonCreate": {
            "type": "object",
            "description": "A new catalog entry, active. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": s("The entry's name (trimmed, required).", type="string", minLength=1, maxLength=100),
            },
        },
        "ReasonPatch": {
            "type": "object",
            "description": "Activates or deactivates a catalog entry (administrators only). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["active"],
            "properties": {"active": s("false deactivates the entry; true activates it again.", type="boolean")},
        },
        "TaskTemplate": {
            "type": "object",
            "description": "A task created for the opportunity's owner when the opportunity enters the stage.",
            "required": ["subject", "type", "dueInDays"],
            "properties": {
                "subject": s(type="string"),
                "type": s("The activity type, e.g. `task`.", type="string"),
                "dueInDays": s("Days after entering the stage when the task is due.", type="integer"),
            },
        },
        "TaskTemplateInput": {
            "type": "object",
            "description": "A task to create when an opportunity enters the stage. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["subject"],
            "properties": {
                "subject": s("What to do (must not be blank).", type="string", minLength=1),
                "type": s("The activity type; default `task`.", type=["string", "null"]),
                "dueInDays": s("Days after entering the stage when the task is due; default 0.", type=["integer", "null"]),
            },
        },
        "StageRequirements": {
            "type": "object",
            "description": "What must hold before an opportunity can enter the stage; unmet ones answer 409 "
                           "`stage-requirements-unmet` with the list in `unmet`.",
            "required": ["requiredFields", "requiresStakeholder", "requiresCompetitor", "requiresQuote"],
            "properties": {
                "requiredFields": s("Opportunity fields that must be filled.", type="array",
                                    items={"type": "string", "enum": REQUIRABLE_FIELDS}),
                "requiresStakeholder": s("At least one party with role `stakeholder`.", type="boolean"),
                "requiresCompetitor": s("At least one party with role `competitor`.", type="boolean"),
                "requiresQuote": s("At least one quote.", type="boolean"),
            },
        },
        "StageRequirementsInput": {
            "type": "object",
            "description": "The stage's gate; absent or null members are empty or false. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "requiredFields": s("Opportunity fields that must be filled.", type=["array", "null"],
                                    items={"type": "string", "enum": REQUIRABLE_FIELDS}),
                "requiresStakeholder": s("At least one party with role `stakeholder`.", type=["boolean", "null"]),
                "requiresCompetitor": s("At least one party with role `competitor`.", type=["boolean", "null"]),
                "requiresQuote": s("At least one quote.", type=["boolean", "null"]),
            },
        },
        "Stage": {
            "type": "object",
            "description": "A step of a sales process. Optional fields are omitted when empty.",
            "required": ["id", "name", "defaultProbability", "taskTemplates", "requirements"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=100),
                "description": opt_str(maxLength=1000),
                "defaultProbability": s("The probability (percent) an opportunity takes on entering the stage, unless "
                                        "its probability was set by hand.", type="integer", minimum=0, maximum=100),
                "taskTemplates": {"type": "array", "items": ref("TaskTemplate")},
                "requirements": ref("StageRequirements"),
            },
        },
        "StageCreate": {
            "type": "object",
            "description": "A new stage (administrators only). Unknown fields, also inside taskTemplates and "
                           "requirements, are refused (422).",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": s("The stage's name (trimmed, required).", type="string", minLength=1, maxLength=100),
                "description": in_str("What happens in the stage.", 1000),
                "defaultProbability": s("The probability (percent) an opportunity takes on entering the stage, unless "
                                        "its probability was set by hand; default 0.",
                                        type=["integer", "null"], minimum=0, maximum=100),
                "taskTemplates": s("Tasks created for the opportunity's owner when an opportunity enters the stage.",
                                   type=["array", "null"], items=ref("TaskTemplateInput")),
                "requirements": nullable("StageRequirementsInput", "What must hold before an opportunity can enter "
                                                                   "the stage; default none."),
            },
        },
        "KindType": s("How a kind uses stages: `standard` passes its stages in order (advance only to the next one); "
                      "`custom` moves to any of its stages; `none` has no stages and is not part of the funnel.",
                      type="string", enum=KIND_TYPES),
        "OpportunityKind": {
            "type": "object",
            "description": "A kind of opportunity: its stage process, whether it may be chosen, whether it records "
                           "primary demand.",
            "required": ["id", "name", "type", "stageIds", "allowed", "recordsPrimaryDemand"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=100),
                "type": ref("KindType"),
                "stageIds": s("The kind's stages in process order; empty for `none`.", type="array", items=uuid()),
                "allowed": s("Whether the kind may be chosen for new opportunities.", type="boolean"),
                "recordsPrimaryDemand": s("Whether opportunities of this kind record demand lines.", type="boolean"),
            },
        },
        "OpportunityKindCreate": {
            "type": "object",
            "description": "A new opportunity kind (administrators only). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["name", "type"],
            "properties": {
                "name": s("The kind's name (trimmed, required).", type="string", minLength=1, maxLength=100),
                "type": ref("KindType"),
                "stageIds": s("Existing stages in process order, each at most once; at least one for `standard` and "
                              "`custom`, ignored for `none`.", type=["array", "null"], items=uuid(), uniqueItems=True),
                "allowed": s("Whether the kind may be chosen for new opportunities; default true.", type=["boolean", "null"]),
                "recordsPrimaryDemand": s("Whether opportunities of this kind record demand lines; default false.",
                                          type=["boolean", "null"]),
            },
        },
        "OpportunityKindPatch": {
            "type": "object",
            "description": "Allows or forbids choosing a kind for new opportunities (administrators only). Unknown "
                           "fields are refused (422).",
            "additionalProperties": False,
            "required": ["allowed"],
            "properties": {"allowed": s("Whether the kind may be chosen for new opportunities.", type="boolean")},
        },
        "ChannelPage": page("Channel", "All advertising channels, by name (one page)."),
        "ReasonPage": page("Reason", "All entries of one catalog, active and inactive, by name (one page)."),
        "StagePage": page("Stage", "All stages, by name (one page)."),
        "OpportunityKindPage": page("OpportunityKind", "All opportunity kinds, in order (one page)."),
    }


# ================================================================ schemas: leads

SOURCE_REF_DESC = ("The record the lead or opportunity came through: an existing user, account or contact of the "
                   "channel's impact type. Refused without a channel and for channels of type `other`.")


def source_fields():
    """The source fields shared by lead and opportunity bodies."""
    return {
        "channelId": uuid("The advertising channel (see `GET /channels`); null clears it.", True),
        "sourceRef": nullable("SourceRef", SOURCE_REF_DESC + " null clears it."),
        "sourceText": in_str("The source as free text, e.g. for channels of type `other`; empty or null clears it.", 200),
        "campaignId": uuid("The campaign it came from; null clears it.", True),
    }


def lead_fields():
    """The fields a lead body may set, besides topic (required on create, not clearable on update)."""
    return {
        "firstName": in_str("Given name; empty or null clears it.", 100),
        "lastName": in_str("Family name; empty or null clears it. A lead needs a lastName or a companyName.", 100),
        "companyName": in_str("The prospect's organisation; empty or null clears it. A lead needs a lastName or a "
                              "companyName.", 200),
        "email": in_str("Email address; empty or null clears it.", 254, format="email"),
        "phone": in_str("Phone number: digits, spaces and + ( ) - . / and `ext`, at least 3 digits; empty or null clears it.",
                        40, pattern=PHONE_PATTERN),
        "requirements": in_str("What the prospect needs; empty or null clears it.", 4000),
        "estimatedValue": in_amount("The expected value, not negative, as a decimal string with at most the currency's "
                                    "decimals; null clears it."),
        "currency": in_currency("The ISO 4217 currency of estimatedValue (stored upper-case). Default: the current "
                                "value's currency, else the company's base currency. Sent without estimatedValue it "
                                "changes the currency of the current value."),
        **source_fields(),
        "ownerId": OWNER_IN,
    }


def lead_schemas():
    return {
        "LeadStatus": s("`new` → `contacted` → `qualified` or `disqualified`; a manager may reactivate a disqualified "
                        "lead (back to `contacted`).", type="string", enum=LEAD_STATUSES),
        "SourceRef": {
            "type": "object",
            "description": "A record a lead or opportunity came through. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["type", "id"],
            "properties": {"type": ref("ImpactType"), "id": uuid()},
        },
        "Lead": {
            "type": "object",
            "description": "A prospect before qualification. Optional fields are omitted when empty.",
            "required": ["id", "topic", "status", "ownerId", "version", "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "topic": s(type="string", maxLength=200),
                "firstName": opt_str(),
                "lastName": opt_str(),
                "companyName": opt_str(),
                "email": opt_str(format="email"),
                "phone": opt_str(),
                "requirements": opt_str(),
                "estimatedValue": amount("Present with `currency`."),
                "currency": opt_str("The currency of estimatedValue; present with it.", pattern="^[A-Z]{3}$"),
                "status": ref("LeadStatus"),
                "channelId": uuid(nullable=True),
                "sourceRef": nullable("SourceRef"),
                "sourceText": opt_str(),
                "campaignId": uuid(nullable=True),
                "disqualifyReasonId": uuid("Set while the lead is disqualified.", True),
                "accountId": uuid("Set once qualified: the linked or created account, if any.", True),
                "contactId": uuid("Set once qualified: the linked or created contact, if any.", True),
                "opportunityId": uuid("Set once qualified: the opportunity created from the lead.", True),
                "ownerId": uuid(),
                "teamId": uuid("The owner's team when the record was assigned.", True),
                "version": VERSION,
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "LeadCreate": {
            "type": "object",
            "description": "A new lead, status `new`. It needs a lastName or a companyName. Unknown fields are refused "
                           "(422), `status` too.",
            "additionalProperties": False,
            "required": ["topic"],
            "properties": {
                "topic": s("What the lead is about (trimmed, required).", type="string", minLength=1, maxLength=200),
                **lead_fields(),
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM,
            },
        },
        "LeadPatch": {
            "type": "object",
            "description": "Changes to a `new` or `contacted` lead: absent fields are unchanged, null clears a field. "
                           "Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "topic": s("What the lead is about (trimmed, cannot be cleared).", type="string", minLength=1,
                           maxLength=200),
                **lead_fields(),
                "status": nullable("LeadStatus", "Only `contacted` changes anything: it moves a `new` lead to "
                                                 "`contacted`. The lead's current status is accepted and changes nothing; "
                                                 "other values are refused (422). Qualifying, disqualifying and "
                                                 "reactivating have their own operations."),
                **PATCH_VERSION,
                **IGNORED, **IGNORED_TEAM,
            },
        },
        "LeadQualify": {
            "type": "object",
            "description": "How to qualify a lead: link existing records or create them from the lead. Absent or null "
                           "members take their defaults; send `{}` for all defaults. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "accountId": uuid("An account the caller can see, linked instead of creating one.", True),
                "contactId": uuid("A contact the caller can see, linked instead of creating one.", True),
                "createAccount": s("Without accountId: whether to create an account from the lead's companyName "
                                   "(nothing is created without one). Default: true when the lead has a companyName.",
                                   type=["boolean", "null"]),
                "createContact": s("Without contactId: whether to create a contact from the lead's name, email and "
                                   "phone, at the linked or created account (nothing is created without a lastName). "
                                   "Default: true when the lead has a lastName.", type=["boolean", "null"]),
            },
        },
        "Qualification": {
            "type": "object",
            "description": "The records a qualification linked or created.",
            "required": ["opportunityId"],
            "properties": {
                "accountId": uuid("The linked or created account; omitted when none.", True),
                "contactId": uuid("The linked or created contact; omitted when none.", True),
                "opportunityId": uuid("The opportunity created from the lead."),
            },
        },
        "LeadDisqualify": {
            "type": "object",
            "description": "Why the lead is disqualified. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["reasonId"],
            "properties": {"reasonId": uuid("An active disqualify reason (see `GET /disqualify-reasons`).")},
        },
        "LeadPage": page("Lead", "A page of leads."),
    }


# ================================================================ schemas: opportunities

VERB_OWNED = {
    "stageId": s("Changed only by `POST /opportunities/{id}/advance`; accepted and ignored."),
    "status": s("Changed only by close and reopen; accepted and ignored."),
    "actualRevenue": s("Set only by close; accepted and ignored."),
    "lostReasonId": s("Set only by close; accepted and ignored."),
    "closedAt": s("Set only by close; accepted and ignored."),
    "leadId": s("Set only by lead qualification; accepted and ignored."),
}


def opportunity_fields():
    """The fields an opportunity body may set, besides name, kindId and currency (which differ by operation)."""
    return {
        "accountId": uuid("The customer account, one the caller can see; null clears it.", True),
        "contactId": uuid("The customer contact, one the caller can see; null clears it.", True),
        "ownerId": OWNER_IN,
        "termsOfSale": in_str("Terms of sale; empty or null clears it.", 1000),
        "estimatedRevenue": in_amount("The expected revenue in the opportunity's currency, not negative, as a decimal "
                                      "string with at most the currency's decimals; null clears it."),
        "revenueMode": nullable("RevenueMode", "Absent or null: unchanged (`user` on create)."),
        "probability": s("The win probability in percent. Set by hand, it is kept when the opportunity enters a stage. "
                         "Absent or null: the first stage's default (10 without stages) on create, unchanged on update.",
                         type=["integer", "null"], minimum=0, maximum=100),
        "expectedCloseDate": s("The expected closing date (YYYY-MM-DD); null clears it.", type=["string", "null"],
                               format="date"),
        **source_fields(),
        "comment": in_str("Comment; empty or null clears it.", 4000),
        "parties": s("Replaces all parties of the opportunity; absent or null leaves them unchanged.",
                     type=["array", "null"], items=ref("OpportunityParty")),
        "demandLines": s("Replaces all demand lines; absent or null leaves them unchanged. A non-empty list needs a kind "
                         "that records primary demand (else 422 `primary-demand-disabled`).",
                         type=["array", "null"], items=ref("DemandLineInput")),
    }


def opportunity_schemas():
    return {
        "OpportunityStatus": s("`inProgress` until closed as `won` or `lost`; a manager may reopen a closed one.",
                               type="string", enum=OPPORTUNITY_STATUSES),
        "RevenueMode": s("`user`: the estimated revenue is typed in; `system`: it is the subtotal of the opportunity's "
                         "product lines (see `PUT /opportunities/{id}/lines`), recomputed when they or the opportunity "
                         "change.", type="string", enum=REVENUE_MODES),
        "OpportunityParty": {
            "type": "object",
            "description": "A party of an opportunity with its role. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["role", "partyType", "partyId"],
            "properties": {
                "role": s("A `competitor` party is a competitor entry or an account.", type="string", enum=PARTY_ROLES),
                "partyType": s(type="string", enum=OPPORTUNITY_PARTY_TYPES),
                "partyId": s("An account or contact the caller can see, a user, or an entry of `GET /competitors`.",
                             **UUID),
            },
        },
        "DemandLine": {
            "type": "object",
            "description": "A line of the customer's initial request. Optional fields are omitted when empty.",
            "required": ["description", "quantity"],
            "properties": {
                "description": s(type="string"),
                "productId": uuid(nullable=True),
                "quantity": s("A decimal string.", type="string", pattern=DECIMAL_PATTERN, examples=["1", "2.5"]),
                "amount": amount("In the opportunity's currency."),
                "comment": opt_str(),
            },
        },
        "DemandLineInput": {
            "type": "object",
            "description": "A line of the customer's initial request. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["description"],
            "properties": {
                "description": s("What the customer asks for.", type="string"),
                "productId": uuid("The product asked for, if known.", True),
                "quantity": s("A decimal string with at most 6 decimals; default 1.", type=["string", "null"],
                              pattern=QUANTITY_PATTERN, examples=["1", "2.5"]),
                "amount": in_amount("In the opportunity's currency, as a decimal string with at most the currency's "
                                    "decimals.", negative=True),
                "comment": s(type=["string", "null"]),
            },
        },
        "Opportunity": {
            "type": "object",
            "description": "A sales opportunity. Optional fields are omitted when empty.",
            "required": ["id", "name", "kindId", "status", "probability", "currency", "revenueMode", "ownerId", "version",
                         "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=200),
                "accountId": uuid(nullable=True),
                "contactId": uuid(nullable=True),
                "kindId": uuid(),
                "stageId": uuid("The current stage; omitted for kinds without stages.", True),
                "status": ref("OpportunityStatus"),
                "probability": s("The win probability in percent: 100 when won, 0 when lost.", type="integer",
                                 minimum=0, maximum=100),
                "termsOfSale": opt_str(),
                "estimatedRevenue": amount("In `currency`."),
                "currency": s("The ISO 4217 currency of the opportunity's amounts.", type="string", pattern="^[A-Z]{3}$"),
                "revenueMode": ref("RevenueMode"),
                "expectedCloseDate": opt_str(format="date"),
                "channelId": uuid(nullable=True),
                "sourceRef": nullable("SourceRef"),
                "sourceText": opt_str(),
                "campaignId": uuid(nullable=True),
                "comment": opt_str(),
                "actualRevenue": amount("Set when closed: for `won` the actual revenue, by default the estimate."),
                "lostReasonId": uuid("Set when lost: the reason for losing.", True),
                "closedAt": opt_ts("Set while closed."),
                "leadId": uuid("The lead the opportunity was qualified from.", True),
                "parties": s("Present (possibly empty) in the responses of create, get, update and generate; omitted "
                             "from lists and from the responses of advance, close and reopen.",
                             type=["array", "null"], items=ref("OpportunityParty")),
                "demandLines": s("Present (possibly empty) in the responses of create, get, update and generate; "
                                 "omitted from lists and from the responses of advance, close and reopen.",
                                 type=["array", "null"], items=ref("DemandLine")),
                "ownerId": uuid(),
                "teamId": uuid("The owner's team when the record was assigned.", True),
                "version": VERSION,
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "OpportunityCreate": {
            "type": "object",
            "description": "A new opportunity, `inProgress` in the first stage of its kind. Unknown fields are refused "
                           "(422); the fields changed only by the opportunity's verbs are accepted and ignored.",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": s("The opportunity's name (trimmed, required).", type="string", minLength=1, maxLength=200),
                "kindId": uuid("An allowed opportunity kind (see `GET /opportunity-kinds`); absent or null: the default "
                               "kind. A kind that is not allowed answers 422 `kind-not-allowed`.", True),
                "currency": in_currency("The ISO 4217 currency of the opportunity's amounts (stored upper-case); default "
                                        "the company's base currency. Cannot be null.", nullable=False),
                **opportunity_fields(),
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM, **VERB_OWNED,
            },
        },
        "OpportunityPatch": {
            "type": "object",
            "description": "Changes to an open opportunity: absent fields are unchanged, null clears a field. Unknown "
                           "fields are refused (422); the fields changed only by the opportunity's verbs are accepted "
                           "and ignored.",
            "additionalProperties": False,
            "properties": {
                "name": s("The opportunity's name (trimmed, cannot be cleared).", type="string", minLength=1,
                          maxLength=200),
                "kindId": uuid("The kind cannot change: only the current kind (or null) is accepted.", True),
                "currency": in_currency("The ISO 4217 currency of the opportunity's amounts (stored upper-case); cannot "
                                        "be null. Without estimatedRevenue the current estimate is kept in the new "
                                        "currency.", nullable=False),
                **opportunity_fields(),
                **PATCH_VERSION,
                **IGNORED, **IGNORED_TEAM, **VERB_OWNED,
            },
        },
        "OpportunityAdvance": {
            "type": "object",
            "description": "The stage to move to. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["stageId"],
            "properties": {
                "stageId": uuid("A stage of the opportunity's kind: for `standard` kinds the next one, for `custom` "
                                "kinds any but the current one."),
            },
        },
        "OpportunityClose": {
            "type": "object",
            "description": "How the opportunity ended. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["outcome"],
            "properties": {
                "outcome": s(type="string", enum=["won", "lost"]),
                "actualRevenue": in_amount("In the opportunity's currency, as a decimal string with at most the "
                                           "currency's decimals. For `won` it defaults to the estimated revenue.",
                                           negative=True),
                "lostReasonId": uuid("A reason for losing (see `GET /lost-reasons`): required for `lost`, dropped for "
                                     "`won`.", True),
            },
        },
        "StageMove": {
            "type": "object",
            "description": "One move of an opportunity into a stage. Optional fields are omitted when empty.",
            "required": ["at", "secondsInPreviousStage"],
            "properties": {
                "fromStageId": uuid("The stage left; omitted for the first stage entered.", True),
                "toStageId": uuid("The stage entered.", True),
                "actorId": uuid("The user who moved the opportunity.", True),
                "at": ts(),
                "secondsInPreviousStage": s("How long the opportunity was in the previous stage; 0 for the first.",
                                            type="integer"),
            },
        },
        "OpportunityPage": page("Opportunity", "A page of opportunities (without parties and demand lines)."),
        "StageMovePage": page("StageMove", "An opportunity's stage moves, oldest first (one page)."),
    }


# ================================================================ schemas: boards


def board_schemas():
    return {
        "BoardTotal": {
            "type": "object",
            "description": "The opportunities of one currency in a column.",
            "required": ["currency", "count", "total", "weighted"],
            "properties": {
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "count": s(type="integer", minimum=0),
                "total": s("The sum of their estimated revenues.", type="string", pattern=DECIMAL_PATTERN,
                           examples=["1234.50"]),
                "weighted": s("The sum of estimated revenue × probability / 100, rounded half-even to the minor unit.",
                              type="string", pattern=DECIMAL_PATTERN, examples=["617.25"]),
            },
        },
        "BoardColumn": {
            "type": "object",
            "description": "One stage of the board: counts and totals of all its matching opportunities, and the cards "
                           "of at most 50 of them, largest estimated revenue first.",
            "required": ["count", "totals", "cards"],
            "properties": {
                "stageId": uuid("Omitted in the single column of a kind without stages.", True),
                "stageName": opt_str("Omitted in the single column of a kind without stages."),
                "count": s("How many opportunities the column holds.", type="integer", minimum=0),
                "totals": s("Per currency, by currency code.", type="array", items=ref("BoardTotal")),
                "cards": s("Without parties and demand lines.", type="array", items=ref("Opportunity")),
            },
        },
        "Board": {
            "type": "object",
            "description": "The pipeline board of an opportunity kind: one column per stage, in process order.",
            "required": ["kind", "columns"],
            "properties": {
                "kind": ref("OpportunityKind"),
                "columns": {"type": "array", "items": ref("BoardColumn")},
            },
        },
    }


# ================================================================ schemas: reports


def report_schemas():
    amount = {
        "type": "object", "required": ["currency", "total"],
        "properties": {"currency": s(type="string", pattern="^[A-Z]{3}$"),
                       "total": s(type="string", pattern=DECIMAL_PATTERN, examples=["1234.50"])},
    }
    return {
        "PipelineRow": {
            "type": "object",
            "description": "One group in one currency: sums are never added across currencies.",
            "required": ["key", "label", "count", "total", "weightedTotal", "currency"],
            "properties": {
                "key": s("The stage id (`none` for opportunities without a stage), the status, or the owner's user id.",
                         type="string"),
                "label": s("The stage's name, the status in words, or the owner's name.", type="string"),
                "count": s(type="integer", minimum=0),
                "total": s("The sum of the estimated revenues.", type="string", pattern=DECIMAL_PATTERN, examples=["1234.50"]),
                "weightedTotal": s("The sum of estimated revenue × probability / 100, rounded half-even once.",
                                   type="string", pattern=DECIMAL_PATTERN, examples=["617.25"]),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
            },
        },
        "PipelineReport": page("PipelineRow", "The pipeline report's rows: stages in process order, statuses in "
                                              "lifecycle order, owners by name; currencies by code within a group."),
        "FunnelAmount": amount,
        "FunnelStep": {
            "type": "object",
            "description": "One stage of the funnel.",
            "required": ["stageId", "stageName", "reached", "open", "lost", "won", "reachedTotals"],
            "properties": {
                "stageId": uuid(),
                "stageName": s(type="string"),
                "reached": s("Opportunities now in this stage or a later one of the kind, whatever their status.",
                             type="integer", minimum=0),
                "open": s("Still in progress in this stage.", type="integer", minimum=0),
                "lost": s("Lost while in this stage: where the funnel leaks.", type="integer", minimum=0),
                "won": s("Won while in this stage.", type="integer", minimum=0),
                "reachedTotals": s("The estimated revenue of those that reached the stage, per currency.", type="array",
                                   items=ref("FunnelAmount")),
                "conversionPercent": s("reached ÷ reached of the stage before, in percent rounded half-even to one "
                                       "decimal; omitted for the first stage and after an empty stage.",
                                       type="string", pattern="^[0-9]+\\.[0-9]$", examples=["62.5"]),
            },
        },
        "Funnel": {
            "type": "object",
            "description": "The sales funnel of one opportunity kind with stages.",
            "required": ["kind", "items", "won", "wonTotals", "lost"],
            "properties": {
                "kind": ref("OpportunityKind"),
                "items": s("The kind's stages in process order.", type="array", items=ref("FunnelStep")),
                "won": s(type="integer", minimum=0),
                "wonTotals": s("Estimated revenue of the won opportunities, per currency.", type="array", items=ref("FunnelAmount")),
                "lost": s(type="integer", minimum=0),
            },
        },
    }


# ================================================================ schemas: notifications


def notification_schemas():
    return {
        "Notification": {
            "type": "object",
            "description": "An in-app notification of the signed-in user, e.g. that a lead or an opportunity was "
                           "assigned to them by someone else.",
            "required": ["id", "message", "link", "createdAt"],
            "properties": {
                "id": uuid(),
                "message": s("What happened, e.g. `Ada Admin assigned you the lead “Roof repair”`.", type="string"),
                "link": s("The web path of the record it is about, e.g. `/leads/<id>`.", type="string",
                          format="uri-reference", examples=["/leads/0b8f6a3e-6f0e-4c1a-9d55-3b2f4c1d2e3f"]),
                "createdAt": ts(),
                "readAt": opt_ts("When the user marked it read; omitted while it is unread."),
            },
        },
        "NotificationPage": page("Notification", "The signed-in user's 100 newest notifications, newest first (one page)."),
    }


# ================================================================ schemas: sales (catalog and quotes)

PLAIN_QUANTITY_PATTERN = "^\\+?[0-9]{1,12}(\\.[0-9]{1,6})?$"    # Micros(text), where negative values are refused
CATALOG_403 = "Only managers and administrators change the catalog"


def in_decimal(desc, nullable=True, **kw):
    """A request decimal string of at most 6 decimals (Micros), not negative."""
    return s(desc, type=["string", "null"] if nullable else "string", pattern=PLAIN_QUANTITY_PATTERN, **kw)


def decimal(desc=None, **kw):
    """A response decimal string (Micros.decimalString: trailing zeros dropped; Money.decimalString: the currency's digits)."""
    return s(desc, type="string", pattern=DECIMAL_PATTERN, **kw)


def product_fields():
    """The fields a product body may set, besides sku and name (required on create, not clearable on update)."""
    return {
        "shortName": in_str("A short name, used to name automatic opportunities; empty or null clears it.", 60),
        "unit": in_str("The unit of measure, e.g. `unit`, `hour`, `kg`; empty or null sets `unit`.", 20),
        "type": s("`good` or `service`; absent or null: `good` on create, unchanged on update.",
                  anyOf=[{"type": "string", "enum": PRODUCT_TYPES}, {"type": "null"}]),
        "unitPrice": in_amount("The list price, not negative, as a decimal string with at most the currency's "
                               "decimals; needs a `currency` (sent, or the current price's). null clears the price."),
        "currency": in_currency("The ISO 4217 currency of unitPrice (stored upper-case). Sent without unitPrice it "
                                "re-expresses the current price in that currency."),
        "taxRateId": uuid("The default tax rate of quote lines for this product (see `GET /tax-rates`); null clears it.",
                          True),
        "active": s("Inactive products cannot be put on quotes. Absent or null: true on create, unchanged on update.",
                    type=["boolean", "null"]),
        "serialized": s("A serialised product is a single item (a vehicle, a machine) sold once: accepting a quote "
                        "with it marks it `sold`. Absent or null: false on create, unchanged on update.",
                        type=["boolean", "null"]),
        "serialNumber": in_str("The item's serial number, required for serialised products; empty or null clears it.",
                               100),
    }


PRODUCT_IGNORED = {
    "id": IGNORED["id"],
    "status": s("Set only when a serialised item is sold; accepted and ignored."),
    "deactivationDate": s("Set only when a serialised item is sold; accepted and ignored."),
}


def price_list_fields():
    return {
        "validTo": s("The last day the list is valid (YYYY-MM-DD), not before validFrom; null: open-ended.",
                     type=["string", "null"], format="date"),
        "items": s("The list's prices, one per product (a later entry for the same product wins). Absent or null: none "
                   "on create, unchanged on update; otherwise it replaces all items.",
                   type=["array", "null"], items=ref("PriceListItemInput")),
    }


def quote_fields():
    """The fields both quote bodies may set."""
    return {
        "contactId": uuid("The customer contact. Absent or null: on create the opportunity's (or the qualified "
                          "lead's) contact; on update unchanged (it cannot be cleared).", True),
        "priceListId": uuid("The price list catalog products are priced from; it must be in the quote's currency and "
                            "valid on the quote's date. On update absent keeps it and null removes it.", True),
        "name": s("The quote's name (trimmed). Absent, empty or null: the opportunity's name on create, unchanged "
                  "on update.", type=["string", "null"]),
        "date": s("The quote's date (YYYY-MM-DD). Absent or null: today in the company time zone on create, "
                  "unchanged on update.", type=["string", "null"], format="date"),
        "validUntil": s("The last day the offer holds (YYYY-MM-DD), not before `date`; afterwards a sent quote reads "
                        "`expired`. null clears it; on update absent keeps it.", type=["string", "null"],
                        format="date"),
        "comments": s("Comments (trimmed); empty or null clears them; on update absent keeps them.", type=["string", "null"]),
        "terms": s("Terms and conditions (trimmed); empty or null clears them; on update absent keeps them.",
                   type=["string", "null"]),
        "lines": s("The quote's lines in order. On create absent or null: none; on update absent keeps the lines (their "
                   "catalog products repriced from the price list) and a list replaces them all.",
                   type=["array", "null"], items=ref("QuoteLineInput"), maxItems=1000),
    }


QUOTE_IGNORED = {
    **IGNORED, **IGNORED_TEAM,
    "number": s("Server-owned; accepted and ignored."),
    "revision": s("Server-owned; accepted and ignored."),
    "status": s("Changed only by the quote's verbs; accepted and ignored."),
    "subtotal": s("Computed; accepted and ignored."),
    "discountTotal": s("Computed; accepted and ignored."),
    "taxTotal": s("Computed; accepted and ignored."),
    "total": s("Computed; accepted and ignored."),
}


def sales_schemas():
    return {
        "TaxRate": {
            "type": "object",
            "description": "A tax rate of the sales catalog.",
            "required": ["id", "name", "percent", "active"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=60),
                "percent": decimal("The rate in percent, e.g. `19` or `7.5`.", examples=["19", "7.5"]),
                "active": s(type="boolean"),
            },
        },
        "TaxRateCreate": {
            "type": "object",
            "description": "A new tax rate, active (managers and administrators only). Unknown fields are refused "
                           "(422), `id` too.",
            "additionalProperties": False,
            "required": ["name", "percent"],
            "properties": {
                "name": s("The rate's name (trimmed, required).", type="string", minLength=1, maxLength=60),
                "percent": in_decimal("The rate in percent, from 0 to 100, as a decimal string with at most 6 decimals.",
                                      nullable=False, examples=["19", "7.5"]),
            },
        },
        "ProductType": s("`good` or `service`.", type="string", enum=PRODUCT_TYPES),
        "Product": {
            "type": "object",
            "description": "A product or service of the sales catalog. Optional fields are omitted when empty.",
            "required": ["id", "sku", "name", "unit", "type", "active", "serialized", "status", "version"],
            "properties": {
                "id": uuid(),
                "sku": s("The unique stock-keeping unit.", type="string", maxLength=64),
                "name": s(type="string", maxLength=200),
                "shortName": opt_str(maxLength=60),
                "unit": s(type="string", maxLength=20),
                "type": ref("ProductType"),
                "unitPrice": amount("The list price in `currency`; present with it."),
                "currency": opt_str("The currency of unitPrice; present with it.", pattern="^[A-Z]{3}$"),
                "taxRateId": uuid(nullable=True),
                "active": s("Inactive products cannot be put on quotes.", type="boolean"),
                "serialized": s("A single item, sold once.", type="boolean"),
                "serialNumber": opt_str(),
                "status": s("The inventory status: a serialised item becomes `sold` (and inactive) when a quote with it "
                            "is accepted.", type="string", enum=INVENTORY_STATUSES),
                "deactivationDate": opt_str("The day a serialised item was sold.", format="date"),
                "version": VERSION,
            },
        },
        "ProductCreate": {
            "type": "object",
            "description": "A new product (managers and administrators only). Unknown fields are refused (422); `id`, "
                           "`version`, `status` and `deactivationDate` are accepted and ignored.",
            "additionalProperties": False,
            "required": ["sku", "name"],
            "properties": {
                "sku": s("The stock-keeping unit (trimmed, required); one used by another product answers 422.",
                         type="string", minLength=1, maxLength=64),
                "name": s("The product's name (trimmed, required).", type="string", minLength=1, maxLength=200),
                **product_fields(),
                **PRODUCT_IGNORED, **IGNORED_VERSION,
            },
        },
        "ProductPatch": {
            "type": "object",
            "description": "Changes to a product (managers and administrators only): absent fields are unchanged, null "
                           "clears a field. Unknown fields are refused (422); `id`, `status` and `deactivationDate` are "
                           "accepted and ignored.",
            "additionalProperties": False,
            "properties": {
                "sku": s("The stock-keeping unit (trimmed, cannot be cleared); one used by another product answers 422.",
                         type="string", minLength=1, maxLength=64),
                "name": s("The product's name (trimmed, cannot be cleared).", type="string", minLength=1, maxLength=200),
                **product_fields(),
                **PATCH_VERSION,
                **PRODUCT_IGNORED,
            },
        },
        "PriceListItem": {
            "type": "object",
            "description": "A product's price on a price list.",
            "required": ["productId", "unitPrice"],
            "properties": {
                "productId": uuid(),
                "unitPrice": decimal("The price in the list's currency, up to 6 decimals.", examples=["1250.5"]),
            },
        },
        "PriceListItemInput": {
            "type": "object",
            "description": "A product's price on a price list. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["productId", "unitPrice"],
            "properties": {
                "productId": uuid("An existing product."),
                "unitPrice": in_decimal("The price in the list's currency, not negative, as a decimal string with at most "
                                        "6 decimals.", nullable=False, examples=["1250.50"]),
            },
        },
        "PriceList": {
            "type": "object",
            "description": "Prices in one currency, valid between two dates. Quote lines of catalog products are priced "
                           "from it. `validTo` is omitted when open-ended.",
            "required": ["id", "name", "currency", "validFrom", "items"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", maxLength=200),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "validFrom": s("The first day the list is valid.", type="string", format="date"),
                "validTo": opt_str("The last day the list is valid.", format="date"),
                "items": s("By product id.", type="array", items=ref("PriceListItem")),
            },
        },
        "PriceListCreate": {
            "type": "object",
            "description": "A new price list (managers and administrators only). Unknown fields are refused (422); `id` is "
                           "accepted and ignored.",
            "additionalProperties": False,
            "required": ["name", "currency", "validFrom"],
            "properties": {
                "name": s("The list's name (trimmed, required).", type="string", minLength=1, maxLength=200),
                "currency": in_currency("The ISO 4217 currency of the prices (stored upper-case).", nullable=False),
                "validFrom": s("The first day the list is valid (YYYY-MM-DD).", type="string", format="date"),
                **price_list_fields(),
                "id": IGNORED["id"],
            },
        },
        "PriceListPatch": {
            "type": "object",
            "description": "Changes to a price list (managers and administrators only): absent fields are unchanged. "
                           "Price lists carry no version: the last change wins. Unknown fields are refused (422), "
                           "`version` too; `id` is accepted and ignored.",
            "additionalProperties": False,
            "properties": {
                "name": s("The list's name (trimmed, cannot be cleared).", type="string", minLength=1, maxLength=200),
                "currency": in_currency("The ISO 4217 currency of the prices (stored upper-case); cannot be null. The "
                                        "prices are kept as they are.", nullable=False),
                "validFrom": s("The first day the list is valid (YYYY-MM-DD); cannot be null.", type="string",
                               format="date"),
                **price_list_fields(),
                "id": IGNORED["id"],
            },
        },
        "QuoteStatus": s("What a quote reads as: `draft` → `sent` → `negotiation` (optional) → `accepted` or "
                         "`rejected`; `revised` marks a superseded revision. `expired` is derived, never stored: a "
                         "`sent` or `negotiation` quote past its `validUntil` (in the company time zone).",
                         type="string", enum=QUOTE_READINGS),
        "QuoteLine": {
            "type": "object",
            "description": "A priced line of a quote or an opportunity: quantity × unit price less the "
                           "discount, rounded half-even to the currency's "
                           "minor unit once; tax on that, rounded once. Amounts are decimal strings in the quote's "
                           "currency; quantity and percentages are decimal strings with up to 6 decimals.",
            "required": ["description", "quantity", "unitPrice", "discountPercent", "taxPercent", "subtotal",
                         "discountTotal", "taxTotal", "total"],
            "properties": {
                "productId": uuid("The catalog product; omitted for write-in lines.", True),
                "description": s(type="string"),
                "quantity": decimal(examples=["1", "2.5"]),
                "unitPrice": decimal("From the price list for catalog products.", examples=["1250.5"]),
                "discountPercent": decimal(examples=["0", "10"]),
                "taxPercent": decimal(examples=["19"]),
                "taxRateId": uuid("The tax rate applied; omitted when none.", True),
                "subtotal": decimal("quantity × unitPrice less the discount.", examples=["1125.45"]),
                "discountTotal": decimal(examples=["125.05"]),
                "taxTotal": decimal(examples=["213.84"]),
                "total": decimal("subtotal + taxTotal.", examples=["1339.29"]),
            },
        },
        "QuoteLineInput": {
            "type": "object",
            "description": "A line of a quote or an opportunity: a catalog product (priced from the document's price "
                           "list, which is then required) or a write-in with its own description and unit price. Unknown "
                           "fields are refused (422). Bounds (422 naming the field): quantity more than 0 and at most "
                           "1000000000; unit price from 0 to 999999999999.99 (12 whole digits, the currency's decimals); "
                           "quantity × unit price, each line's total and the document's total at most 999999999999.99 "
                           "in the document's currency (999999999999 JPY, 999999999999.999 KWD); at most 1000 lines.",
            "additionalProperties": False,
            "required": ["quantity"],
            "properties": {
                "productId": uuid("An active, available product on the quote's price list; absent or null: a write-in "
                                  "line.", True),
                "description": s("Required for write-ins; for products it defaults to the product's name.",
                                 type=["string", "null"]),
                "quantity": in_decimal("More than 0 and at most 1000000000, as a decimal string with at most 6 decimals.",
                                       nullable=False, examples=["1", "2.5"]),
                "unitPrice": in_decimal("Required for write-ins; ignored for products (the price list's price applies). "
                                        "At most 999999999999.99.", examples=["1250.50"]),
                "discountPercent": in_decimal("From 0 to 100; default 0.", examples=["10"]),
                "taxRateId": uuid("An existing tax rate; default the product's tax rate (none for write-ins).", True),
            },
        },
        "Quote": {
            "type": "object",
            "description": "One revision of a numbered offer, always for an opportunity. Optional fields are omitted "
                           "when empty. Totals are exact sums of the lines' rounded amounts.",
            "required": ["id", "number", "revision", "name", "status", "opportunityId", "currency", "date", "lines",
                         "subtotal", "discountTotal", "taxTotal", "total", "ownerId", "version", "createdAt",
                         "updatedAt"],
            "properties": {
                "id": uuid(),
                "number": s("`Q-<year>-<serial>`, gap-free per year; shared by all revisions.", type="string",
                            examples=["Q-2026-00042"]),
                "revision": s("1 for the first revision; each revise adds one.", type="integer", minimum=1),
                "name": s(type="string"),
                "status": ref("QuoteStatus"),
                "accountId": uuid(nullable=True),
                "contactId": uuid(nullable=True),
                "opportunityId": uuid(),
                "leadId": uuid("The lead the quote was made for, if any.", True),
                "orderId": uuid("The sales order an accepted quote was converted into, once converted.", True),
                "priceListId": uuid(nullable=True),
                "currency": s("The opportunity's currency.", type="string", pattern="^[A-Z]{3}$"),
                "date": s(type="string", format="date"),
                "validUntil": opt_str(format="date"),
                "comments": opt_str(),
                "terms": opt_str(),
                "lines": {"type": "array", "items": ref("QuoteLine")},
                "subtotal": decimal("The sum of the lines' subtotals (after discounts, before tax).",
                                    examples=["1125.45"]),
                "discountTotal": decimal(examples=["125.05"]),
                "taxTotal": decimal(examples=["213.84"]),
                "total": decimal("subtotal + taxTotal.", examples=["1339.29"]),
                "ownerId": uuid("The opportunity's owner."),
                "teamId": uuid("The owner's team.", True),
                "version": VERSION,
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "QuoteCreate": {
            "type": "object",
            "description": "A new draft quote, revision 1. It is for `opportunityId` (open, visible to the caller); "
                           "otherwise for a `leadId` or an `accountId`, and then an opportunity of the quote-driven "
                           "kind is created with it (see the settings `autoCreateOpportunity`, `opportunityNameFromQuote` "
                           "and `useProductShortNames`). Unknown fields are refused (422); server-owned and computed "
                           "fields are accepted and ignored.",
            "additionalProperties": False,
            "properties": {
                "opportunityId": uuid("An open opportunity the caller can see.", True),
                "leadId": uuid("A lead the caller can see; used without opportunityId (its qualified account and "
                               "contact are the defaults).", True),
                "accountId": uuid("The customer account, one the caller can see. Default: the opportunity's (or the "
                                  "qualified lead's) account.", True),
                "currency": in_currency("The ISO 4217 currency; it must be the opportunity's (else 422 "
                                        "`currency-mismatch`). For an automatic opportunity: its currency (default the "
                                        "price list's, else the company's base currency)."),
                **quote_fields(),
                **QUOTE_IGNORED, **IGNORED_VERSION,
            },
        },
        "QuotePatch": {
            "type": "object",
            "description": "Changes to a draft quote. Unknown fields are refused (422); server-owned and computed fields, "
                           "and `opportunityId`, `leadId`, `accountId` and `currency` (which cannot change), are accepted "
                           "and ignored.",
            "additionalProperties": False,
            "properties": {
                **quote_fields(),
                **PATCH_VERSION,
                "opportunityId": s("Cannot change; accepted and ignored (but must be a UUID)."),
                "leadId": s("Cannot change; accepted and ignored (but must be a UUID)."),
                "accountId": s("Cannot change; accepted and ignored (but must be a UUID)."),
                "currency": s("Cannot change; accepted and ignored (but must be a currency code)."),
                **QUOTE_IGNORED,
            },
        },
        "QuoteReject": {
            "type": "object",
            "description": "Optional details of a rejection. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "reasonId": uuid("An active reason for losing (see `GET /lost-reasons`), used when the rejection loses "
                                 "the opportunity. Default: the reason named `Quote rejected`, else the first active "
                                 "one.", True),
            },
        },
        "QuoteGetProducts": {
            "type": "object",
            "description": "The opportunity whose product lines to copy. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["fromOpportunityId"],
            "properties": {"fromOpportunityId": uuid("An opportunity the caller can see.")},
        },
        "Order": {
            "type": "object",
            "description": "A sales order, converted from an accepted quote (its lines copied and frozen) or made "
                           "directly. Optional fields are omitted when empty.",
            "required": ["id", "number", "status", "currency", "lines", "subtotal", "discountTotal", "taxTotal", "total",
                         "ownerId", "version", "createdAt"],
            "properties": {
                "id": uuid(),
                "number": s("`SO-<year>-<serial>`, gap-free per year.", type="string", examples=["SO-2026-00007"]),
                "status": s("`draft` → `confirmed` → `inFulfilment` → `delivered` | `installed`, or `cancelled`.", type="string",
                            enum=ORDER_STATUSES),
                "quoteId": uuid("The quote it was converted from.", True),
                "opportunityId": uuid(nullable=True),
                "accountId": uuid(nullable=True),
                "contactId": uuid(nullable=True),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "lines": {"type": "array", "items": ref("OrderLine")},
                "subtotal": decimal("The sum of the lines' subtotals (after discounts, before tax).",
                                    examples=["1125.45"]),
                "discountTotal": decimal(examples=["125.05"]),
                "taxTotal": decimal(examples=["213.84"]),
                "total": decimal("subtotal + taxTotal.", examples=["1339.29"]),
                "ownerId": uuid("The quote's owner."),
                "version": VERSION,
                "createdAt": ts(),
            },
        },
        "OpportunityLines": {
            "type": "object",
            "description": "An opportunity's product lines, in its currency, and the price list they were priced from "
                           "(omitted when none).",
            "required": ["currency", "lines", "subtotal", "taxTotal", "total"],
            "properties": {
                "priceListId": uuid(nullable=True),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "lines": {"type": "array", "items": ref("QuoteLine")},
                "subtotal": decimal("The sum of the lines' subtotals (after discounts, before tax); the estimated "
                                    "revenue in revenue mode `system`.", examples=["1125.45"]),
                "taxTotal": decimal(examples=["213.84"]),
                "total": decimal("subtotal + taxTotal.", examples=["1339.29"]),
            },
        },
        "OpportunityLinesPut": {
            "type": "object",
            "description": "All product lines of an opportunity, replacing the current ones. Unknown fields are refused "
                           "(422).",
            "additionalProperties": False,
            "required": ["lines"],
            "properties": {
                "priceListId": uuid("The price list catalog products are priced from (in the opportunity's currency, "
                                    "valid today); absent or null: none.", True),
                "lines": s("The lines in order; an empty list removes them all.", type="array",
                           items=ref("QuoteLineInput"), maxItems=1000),
            },
        },
        "TaxRatePage": page("TaxRate", "All tax rates, by name (one page)."),
        "ProductPage": page("Product", "A page of products."),
        "PriceListPage": page("PriceList", "All price lists, by name (one page)."),
        "QuotePage": page("Quote", "A page of quotes."),
    }


# ================================================================ schemas: problems


def problem_schemas():
    return {
        "FieldError": {
            "type": "object",
            "required": ["field", "message"],
            "properties": {"field": s(type="string"), "message": s(type="string")},
        },
        "ImportRowError": {
            "type": "object",
            "required": ["line", "field", "message"],
            "properties": {"line": s("The line of the file the row starts on (the header is line 1).", type="integer", minimum=1),
                           "field": s("The column, or `row` for the row as a whole.", type="string"),
                           "message": s(type="string")},
        },
        "ImportReport": {
            "type": "object",
            "required": ["rows", "imported", "dryRun"],
            "properties": {"rows": s("Data rows read (blank lines aside).", type="integer", minimum=0),
                           "imported": s("Contacts stored: all the rows, or none on a dry run.", type="integer", minimum=0),
                           "dryRun": s(type="boolean")},
        },
        "DuplicateMatch": {
            "type": "object",
            "required": ["id", "name", "matchedOn"],
            "properties": {
                "id": uuid(),
                "name": s(type="string"),
                "matchedOn": s("What matched, e.g. `email`, `phone`, `name`.", type="array", items={"type": "string"}),
            },
        },
        "Problem": {
            "type": "object",
            "description": "An RFC 9457 problem. `type` is a stable slug to branch on; members other than type, title, "
                           "status and detail appear only where the slug defines them.",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": s("Stable machine-readable slug.", type="string", enum=SLUGS),
                "title": s(type="string"),
                "status": s("The HTTP status code.", type="integer", minimum=400, maximum=599),
                "detail": s(type="string"),
                "errors": s("`validation`: one entry per invalid field.", type="array", items=ref("FieldError")),
                "matches": s("`duplicate-suspected`: the similar existing records.", type="array", items=ref("DuplicateMatch")),
                "currentVersion": s("`version-conflict`: the record's current version.", type="integer"),
                "unmet": s("`stage-requirements-unmet`: each unmet condition of the stage, e.g. `a quote is required`.",
                           type="array", items={"type": "string"}),
                "incidentId": s("`internal`: the id under which the error was logged.", type="string"),
                "rowErrors": s("`import-rejected`: each bad row (the first 1,000) with its line in the file.", type="array",
                               items=ref("ImportRowError")),
                "rows": s("`import-rejected`: data rows read.", type="integer", minimum=0),
                "errorCount": s("`import-rejected`: errors in all.", type="integer", minimum=1),
            },
        },
    }


# ================================================================ errors

ERROR_TEXT = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Validation failed",
    428: "Precondition required",
    429: "Too many requests",
}
DEFAULT_SLUGS = {
    400: "malformed-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    412: "version-conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation",
    428: "version-required",
    429: "too-many-attempts",
}


def problem(code, slugs=None, detail=None):
    slugs = slugs or [DEFAULT_SLUGS[code]]
    desc = f"{ERROR_TEXT[code]}: " + ", ".join(f"`{x}`" for x in slugs)
    if detail:
        desc += f". {detail}"
    out = {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
    if code == 429:
        out["headers"] = {"Retry-After": {"description": "Seconds to wait before trying again.",
                                          "schema": {"type": "integer", "minimum": 1}}}
    return out


CSRF = "Also answered when a web-session caller omits the X-CSRF-Token header"
BODY_ERRORS = {  # every JSON body
    400: problem(400, detail="The body is empty, not valid JSON, or not a JSON object"),
    413: problem(413, detail="The body is larger than 1 MiB"),
    415: problem(415, detail="The Content-Type is not application/json"),
    422: problem(422, detail="`errors` names each invalid or unknown field"),
}


def write_403(reason=None):
    return problem(403, detail=(reason + ". " + CSRF) if reason else CSRF)



# ================================================================ parameters

ID_PARAM = {"name": "id", "in": "path", "required": True, "description": "The record's id (a malformed id answers 404).",
            "schema": uuid()}
ACTIVITY_ID_PARAM = dict(ID_PARAM, description="The activity's id (a malformed id answers 404).")
IF_MATCH = {
    "name": "If-Match", "in": "header", "required": False,
    "description": "The expected current version as `\"N\"` (or `W/\"N\"`). Required unless `version` is sent in the "
                   "body; a stale one answers 412 `version-conflict`.",
    "schema": {"type": "string", "pattern": "^(W/)?\"[1-9][0-9]{0,17}\"$"}, "example": "\"3\"",
}
IF_MATCH_USER = dict(IF_MATCH, description="The expected current version as `\"N\"` (or `W/\"N\"`), or send `version` "
                                            "in the body; optional for users. A stale one answers 412 `version-conflict`.")
ALLOW_DUPLICATE = {
    "name": "allowDuplicate", "in": "query", "required": False,
    "description": "`true` (or `1`) creates the record even when likely duplicates exist; otherwise they answer 409 "
                   "`duplicate-suspected` with the `matches`.",
    "schema": {"type": "boolean", "default": False},
}
ALLOW_DUPLICATE_QUALIFY = dict(ALLOW_DUPLICATE, description="`true` (or `1`) creates the account and the contact even "
                                                            "when likely duplicates exist; otherwise they answer 409 "
                                                            "`duplicate-suspected` with the `matches` and nothing changes.")

# -------------------------------- list parameters (ListParameters.parse over a ListFields)

DATE_VALUE = {"type": "string", "description": "A date (YYYY-MM-DD) or an RFC 3339 UTC timestamp.",
              "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z)?$",
              "examples": ["2026-01-31", "2026-01-31T12:00:00Z"]}
NUMBER_VALUE = {"type": "integer"}
RANGE_WORDS = {  # kind → what a value is, and the words of gt, gte, lt, lte
    "date": ("date or timestamp", ["after", "at or after", "before", "at or before"]),
    "number": ("number", ["greater than", "at least", "less than", "at most"]),
    "money": ("amount", ["greater than", "at least", "less than", "at most"]),
}


BUSINESS_DAY_PATTERN = "^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"  # Day: years 1900–2999
NO_NUL = "^[^\\x00]*$"  # query values holding U+0000 are refused (400 invalid-query)


def query_param(name, description, schema, repeated=False):
    out = {"name": name, "in": "query", "required": False, "description": description}
    if repeated:
        out["style"] = "form"
        out["explode"] = True
    out["schema"] = schema
    return out


def money_value(note):
    return {"type": "string", "pattern": QUANTITY_PATTERN, "description": note, "examples": ["1000.00"]}


def filter_params(name, kind, option=None):
    """The query parameters of one filterable field. `option`: the item schema of a text filter, or the note on how a
    money filter's amount is read. Only id filters refuse range operators; text ones are documented as equality only."""
    if kind == "id":
        return [query_param(name, f"Only records whose {name} is one of these ids (repeat the parameter for several).",
                            {"type": "array", "items": uuid()}, repeated=True)]
    if kind == "text":
        return [query_param(name, f"Only records whose {name} equals one of these values (repeat the parameter for several).",
                            {"type": "array", "items": option or {"type": "string", "pattern": NO_NUL}}, repeated=True)]
    value = {"date": DATE_VALUE, "number": NUMBER_VALUE}.get(kind) or money_value(option)
    what, words = RANGE_WORDS[kind]
    params = [query_param(name, f"Only records whose {name} equals this {what}.", value)]
    for op, word in zip(["gt", "gte", "lt", "lte"], words):
        params.append(query_param(f"{name}[{op}]", f"Only records whose {name} is {word} this {what}.", value))
    return params


def list_params(sortable, filters, default_sort, ignore=(), q="Free-text filter."):
    sort_alt = "|".join(sortable)
    params = [
        {"name": "limit", "in": "query", "required": False, "description": "Page size.",
         "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
        {"name": "cursor", "in": "query", "required": False,
         "description": "The `nextCursor` of the previous page, used with the same `sort`; empty is the first page. The "
                        "cursor is opaque: one the server did not issue answers 400 `invalid-query`.",
         "schema": {"type": "string", "pattern": NO_NUL}},
        {"name": "sort", "in": "query", "required": False,
         "description": f"Comma-separated sort fields, `-` prefix for descending. Sortable: {', '.join(sortable)}. "
                        f"Default: `{default_sort}`. The id breaks ties.",
         "schema": {"type": "string", "pattern": f"^-?({sort_alt})(,-?({sort_alt}))*$", "default": default_sort}},
        {"name": "q", "in": "query", "required": False, "description": q, "schema": {"type": "string", "pattern": NO_NUL}},
    ]
    for name, kind, *option in filters:
        if name not in ignore:
            params += filter_params(name, kind, *option)
    return params


# ListFields.accounts, .contacts, .leads, .opportunities
ACCOUNT_LIST = dict(sortable=["name", "createdAt", "updatedAt", "industry"],
                    filters=[("ownerId", "id"), ("parentAccountId", "id"), ("industry", "text"),
                             ("createdAt", "date"), ("updatedAt", "date")],
                    default_sort="name")
CONTACT_LIST = dict(sortable=["lastName", "firstName", "createdAt", "updatedAt"],
                    filters=[("ownerId", "id"), ("accountId", "id"), ("createdAt", "date"), ("updatedAt", "date")],
                    default_sort="lastName,firstName")
LEAD_LIST = dict(sortable=["topic", "createdAt", "updatedAt", "estimatedValue", "companyName", "lastName"],
                 filters=[("ownerId", "id"), ("status", "text", {"type": "string", "enum": LEAD_STATUSES}),
                          ("channelId", "id"), ("campaignId", "id"), ("createdAt", "date"), ("updatedAt", "date"),
                          ("estimatedValue", "money", "A decimal amount such as `1000.00`, rounded half-even to two "
                                                      "decimals and compared in minor units.")],
                 default_sort="-createdAt")
OPPORTUNITY_LIST = dict(
    sortable=["name", "createdAt", "updatedAt", "estimatedRevenue", "probability", "expectedCloseDate"],
    filters=[("ownerId", "id"), ("status", "text", {"type": "string", "enum": OPPORTUNITY_STATUSES}),
             ("kindId", "id"), ("stageId", "id"), ("accountId", "id"), ("contactId", "id"),
             ("currency", "text", {"type": "string", "pattern": "^[A-Z]{3}$"}),
             ("channelId", "id"), ("campaignId", "id"), ("leadId", "id"),
             ("estimatedRevenue", "money", "A decimal amount such as `1000.00`, rounded half-even to the minor unit of "
                                           "the first `currency` filter's currency (two decimals without one) and "
                                           "compared in minor units."),
             ("probability", "number"), ("expectedCloseDate", "date"), ("createdAt", "date"), ("updatedAt", "date")],
    default_sort="-createdAt")
PRODUCT_LIST = dict(sortable=["name", "sku"],                                    # ListFields.products
                    filters=[("type", "text", {"type": "string", "enum": PRODUCT_TYPES}),
                             ("inventoryStatus", "text", {"type": "string", "enum": INVENTORY_STATUSES})],
                    default_sort="name",
                    q="Only products whose name or SKU contains this text (case-insensitive).")
QUOTE_LIST = dict(                                                                # ListFields.quotes
    sortable=["number", "createdAt", "updatedAt", "date", "total"],
    filters=[("status", "text", {"type": "string", "enum": QUOTE_STATUSES,
                                 "description": "A stored status: `expired` is derived and never matches."}),
             ("ownerId", "id"), ("opportunityId", "id"), ("accountId", "id"), ("leadId", "id"),
             ("currency", "text", {"type": "string", "pattern": "^[A-Z]{3}$"}),
             ("total", "money", "A decimal amount such as `1000.00`, rounded half-even to the minor unit of the first "
                                "`currency` filter's currency (two decimals without one) and compared in minor units."),
             ("date", "date"), ("createdAt", "date")],
    default_sort="-createdAt",
    q="A fragment of the quote's number or name.")

ORDER_LIST = dict(                                                                # ListFields.orders
    sortable=["number", "createdAt", "updatedAt", "total"],
    filters=[("status", "text", {"type": "string", "enum": ORDER_STATUSES}),
             ("ownerId", "id"), ("accountId", "id"), ("opportunityId", "id"), ("quoteId", "id"),
             ("currency", "text", {"type": "string", "pattern": "^[A-Z]{3}$"}),
             ("total", "money", "A decimal amount such as `1000.00`, compared in minor units."),
             ("createdAt", "date")],
    default_sort="-createdAt",
    q="A fragment of the order's number.")
LIST_400 = problem(400, ["invalid-query"], "Unknown parameter or operator, unsortable field, bad value, or a cursor "
                                           "that does not belong to the sort order")


# ================================================================ operations


def ok(schema_name, desc="OK"):
    return {"description": desc, "content": {"application/json": {"schema": ref(schema_name)}}}


def created(schema_name, location):
    out = ok(schema_name, "Created")
    if location:
        out["headers"] = {"Location": {"description": f"The new record's URL, `{location}`.",
                                       "schema": {"type": "string", "format": "uri-reference"}}}
    return out


NO_CONTENT = {"description": "No content"}


def body(schema_name, desc=None):
    out = {"required": True, "content": {"application/json": {"schema": ref(schema_name)}}}
    if desc:
        out["description"] = desc
    return out


def op(op_id, tag, summary, responses, parameters=(), request=None, description=None, security=None):
    out = {"operationId": op_id, "tags": [tag], "summary": summary}
    if description:
        out["description"] = description
    out["parameters"] = list(parameters)
    if request:
        out["requestBody"] = request
    if security is not None:
        out["security"] = security
    codes = {}
    for code, value in responses.items():
        codes[str(code)] = value
    out["responses"] = dict(sorted(codes.items()))
    return out


U401 = problem(401)

paths = {}


def add(path, method, operation):
    paths.setdefault(path, {})[method] = operation


# ================================================================ operations: backbone


def backbone_operations():
    add("/openapi.json", "get", op(
        "getOpenApiDocument", "Meta", "This OpenAPI document", security=[],
        responses={200: {"description": "The OpenAPI 3.1 document of the API.",
                         "content": {"application/json": {"schema": {"type": "object"}}}},
                   401: problem(401, detail="An Authorization header was sent that is not a valid bearer token")}))

    # Auth
    add("/auth/tokens", "post", op(
        "createToken", "Auth", "Sign in and get an API token", security=[],
        description="Checks the email and password and issues a bearer token valid for 30 days (answered with "
                    "`Cache-Control: no-store`). Failed sign-ins are "
                    "throttled per account (5 in 15 minutes) and per client address (20 in 15 minutes).",
        request=body("TokenCreate"),
        responses={201: ok("Token", "Created"), **BODY_ERRORS,
                   401: problem(401, detail="The email or password is wrong, or the user is inactive"),
                   403: problem(403, detail=CSRF),
                   429: problem(429, detail="Too many failed sign-ins; see Retry-After")}))
    add("/auth/tokens/current", "delete", op(
        "revokeCurrentToken", "Auth", "Revoke the bearer token of this request",
        responses={204: NO_CONTENT,
                   400: problem(400, detail="The request was not authenticated with a bearer token"),
                   401: U401, 403: problem(403, detail=CSRF)}))
    add("/auth/sign-out-everywhere", "post", op(
        "signOutEverywhere", "Auth", "End every token and web session of the signed-in user",
        description="Revokes all of the caller's bearer tokens and web sessions, the one of this request included. "
                    "A password change or a deactivation does the same (a user changing their own password keeps the "
                    "credential that made the change).",
        responses={204: NO_CONTENT, 401: U401, 403: problem(403, detail=CSRF)}))
    add("/me", "get", op("getMe", "Auth", "The signed-in user", responses={200: ok("Me"), 401: U401}))

    # Users and teams
    add("/users", "post", op(
        "createUser", "Users", "Create a user", parameters=[], request=body("UserCreate"),
        responses={201: created("User", "/api/v1/users/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Only administrators manage users"),
                   409: problem(409, ["email-taken"])}))
    add("/users", "get", op(
        "listUsers", "Users", "List all users",
        description="Administrators and managers only. All users are returned in one page.",
        responses={200: ok("UserPage"), 401: U401, 403: problem(403, detail="Only administrators and managers list users")}))
    add("/users/{id}", "get", op(
        "getUser", "Users", "Get a user", parameters=[ID_PARAM],
        description="Administrators may read any user, others only themselves.",
        responses={200: ok("User"), 401: U401, 404: problem(404)}))
    add("/users/{id}", "patch", op(
        "updateUser", "Users", "Update a user", parameters=[ID_PARAM, IF_MATCH_USER], request=body("UserPatch"),
        description="Administrators only; for anyone else the user is not found. Changing a user's team moves the team "
                    "of the records they own.",
        responses={200: ok("User"), **BODY_ERRORS, 401: U401, 403: problem(403, detail=CSRF),
                   404: problem(404), 409: problem(409, ["email-taken"]), 412: problem(412)}))
    add("/teams", "post", op(
        "createTeam", "Teams", "Create a team", request=body("TeamCreate"),
        responses={201: created("Team", None), **BODY_ERRORS, 401: U401,
                   403: write_403("Only administrators manage teams")}))
    add("/teams", "get", op("listTeams", "Teams", "List all teams", responses={200: ok("TeamPage"), 401: U401}))

    # Accounts
    add("/accounts", "post", op(
        "createAccount", "Accounts", "Create an account", parameters=[ALLOW_DUPLICATE], request=body("AccountCreate"),
        description="Likely duplicates (same email, phone, or name and web domain) answer 409 `duplicate-suspected` "
                    "unless `allowDuplicate=true`.",
        responses={201: created("Account", "/api/v1/accounts/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   409: problem(409, ["duplicate-suspected"])}))
    add("/accounts", "get", op(
        "listAccounts", "Accounts", "List accounts", parameters=list_params(**ACCOUNT_LIST),
        description="The accounts the caller may see, in keyset-paginated pages.",
        responses={200: ok("AccountPage"), 400: LIST_400, 401: U401}))
    add("/accounts/{id}", "get", op(
        "getAccount", "Accounts", "Get an account", parameters=[ID_PARAM],
        responses={200: ok("Account"), 401: U401, 404: problem(404)}))
    add("/accounts/{id}", "patch", op(
        "updateAccount", "Accounts", "Update an account", parameters=[ID_PARAM, IF_MATCH], request=body("AccountPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body.",
        responses={200: ok("Account"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change the record"), 404: problem(404),
                   409: problem(409, ["hierarchy-cycle"]), 412: problem(412), 428: problem(428)}))
    add("/accounts/{id}", "delete", op(
        "deleteAccount", "Accounts", "Delete an account", parameters=[ID_PARAM],
        description="Refused while the account has child accounts or contacts. Its connections are deleted with it.",
        responses={204: NO_CONTENT, 401: U401, 403: write_403("The caller's role cannot change the record"),
                   404: problem(404), 409: problem(409, ["has-dependents"])}))
    add("/accounts/{id}/contacts", "get", op(
        "listAccountContacts", "Accounts", "List an account's contacts",
        parameters=[ID_PARAM] + list_params(**CONTACT_LIST, ignore=("accountId",)),
        responses={200: ok("ContactPage"), 400: LIST_400, 401: U401, 404: problem(404)}))
    add("/accounts/{id}/hierarchy", "get", op(
        "getAccountHierarchy", "Accounts", "Get an account's hierarchy", parameters=[ID_PARAM],
        responses={200: ok("Hierarchy"), 401: U401, 404: problem(404)}))
    add("/accounts/{id}/connections", "get", op(
        "listAccountConnections", "Accounts", "List an account's connections", parameters=[ID_PARAM],
        responses={200: ok("ConnectionPage"), 401: U401, 404: problem(404)}))
    add("/accounts/{id}/merge", "post", op(
        "mergeAccount", "Accounts", "Merge another account into this one", parameters=[ID_PARAM], request=body("MergeRequest"),
        description="Moves every related record of `otherId` to this account, fills this account's empty fields from it, "
                    "and deletes it, in one transaction.",
        responses={200: ok("Account"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change the records"), 404: problem(404),
                   409: problem(409, ["merge-with-self", "hierarchy-cycle"])}))

    # Contacts
    add("/contacts", "post", op(
        "createContact", "Contacts", "Create a contact", parameters=[ALLOW_DUPLICATE], request=body("ContactCreate"),
        description="Likely duplicates (same email, phone, or full name within the same account) answer 409 "
                    "`duplicate-suspected` unless `allowDuplicate=true`.",
        responses={201: created("Contact", "/api/v1/contacts/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   409: problem(409, ["duplicate-suspected"])}))
    add("/contacts", "get", op(
        "listContacts", "Contacts", "List contacts", parameters=list_params(**CONTACT_LIST),
        description="The contacts the caller may see, in keyset-paginated pages.",
        responses={200: ok("ContactPage"), 400: LIST_400, 401: U401}))
    add("/contacts/{id}", "get", op(
        "getContact", "Contacts", "Get a contact", parameters=[ID_PARAM],
        responses={200: ok("Contact"), 401: U401, 404: problem(404)}))
    add("/contacts/{id}", "patch", op(
        "updateContact", "Contacts", "Update a contact", parameters=[ID_PARAM, IF_MATCH], request=body("ContactPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body.",
        responses={200: ok("Contact"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change the record"), 404: problem(404),
                   412: problem(412), 428: problem(428)}))
    add("/contacts/{id}", "delete", op(
        "deleteContact", "Contacts", "Delete a contact", parameters=[ID_PARAM],
        description="Its connections are deleted with it. A contact that opportunities, quotes, orders or qualified leads "
                    "point at is refused (409 `has-dependents`): merge it into another contact instead.",
        responses={204: NO_CONTENT, 401: U401, 403: write_403("The caller's role cannot change the record"),
                   404: problem(404), 409: problem(409, ["has-dependents"])}))
    add("/contacts/{id}/connections", "get", op(
        "listContactConnections", "Contacts", "List a contact's connections", parameters=[ID_PARAM],
        responses={200: ok("ConnectionPage"), 401: U401, 404: problem(404)}))
    add("/contacts/{id}/merge", "post", op(
        "mergeContact", "Contacts", "Merge another contact into this one", parameters=[ID_PARAM], request=body("MergeRequest"),
        description="Moves every related record of `otherId` to this contact, fills this contact's empty fields from it, "
                    "and deletes it, in one transaction.",
        responses={200: ok("Contact"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change the records"), 404: problem(404),
                   409: problem(409, ["merge-with-self"])}))

    # Connections
    add("/connections", "post", op(
        "createConnection", "Connections", "Connect two parties", request=body("ConnectionCreate"),
        responses={201: created("Connection", "/api/v1/connections/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change either party")}))
    add("/connections", "get", op(
        "listConnections", "Connections", "List a party's connections",
        description="The connections of one party whose other party the caller may also see, in one page. "
                    "No other parameters are accepted.",
        parameters=[
            {"name": "partyType", "in": "query", "required": True, "schema": ref("PartyType")},
            {"name": "partyId", "in": "query", "required": True, "schema": uuid()},
        ],
        responses={200: ok("ConnectionPage"),
                   400: problem(400, ["invalid-query"], "partyType or partyId is missing or invalid, or another parameter was sent"),
                   401: U401, 404: problem(404, detail="The party does not exist or the caller may not see it")}))
    add("/connections/{id}", "get", op(
        "getConnection", "Connections", "Get a connection", parameters=[ID_PARAM],
        responses={200: ok("Connection"), 401: U401, 404: problem(404)}))
    add("/connections/{id}", "delete", op(
        "deleteConnection", "Connections", "Delete a connection", parameters=[ID_PARAM],
        responses={204: NO_CONTENT, 401: U401, 403: write_403("The caller's role cannot change either party"),
                   404: problem(404)}))

    # Search and audit
    add("/search", "get", op(
        "searchRecords", "Search", "Search across record kinds",
        description="Matches fragments of names, emails and phone numbers, and document numbers (quotes, orders, invoices, payments, also found by their customer's name), in the records the caller may see: an exact title first, then titles that start with the text, then the rest, each by title. A query "
                    "shorter than 2 characters finds nothing. No other parameters are accepted.",
        parameters=[
            {"name": "q", "in": "query", "required": False, "description": "The text to search for.",
             "schema": {"type": "string"}},
            {"name": "type", "in": "query", "required": False,
             "description": "Comma-separated record kinds to search; default all.", "style": "form", "explode": False,
             "schema": {"type": "array", "items": {"type": "string", "enum": SEARCH_TYPES}, "uniqueItems": True}},
            {"name": "limit", "in": "query", "required": False, "description": "Maximum number of results.",
             "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
        ],
        responses={200: ok("SearchPage"),
                   400: problem(400, ["invalid-query"], "Unknown parameter, unknown type, or limit out of range"),
                   401: U401}))
    add("/audit", "get", op(
        "listAuditEntries", "Audit", "Get a record's audit trail",
        description="The audit entries of one record the caller may see; catalog entries (channel, reason, stage, "
                    "opportunity-kind, product, price-list, tax-rate) for everyone; invoices and payments also for "
                    "finance users; bank statements and statement profiles for administrators, managers and finance; "
                    "users, teams, settings, connections and deleted records only for administrators. No other "
                    "parameters are accepted.",
        parameters=[
            {"name": "entity", "in": "query", "required": True, "description": "The kind of record.",
             "schema": {"type": "string", "enum": AUDIT_ENTITIES}},
            {"name": "id", "in": "query", "required": True, "description": "The record's id.", "schema": uuid()},
        ],
        responses={200: ok("AuditPage"),
                   400: problem(400, ["invalid-query"], "entity or id is missing or invalid, or another parameter was sent"),
                   401: U401, 404: problem(404, detail="The record does not exist or the caller may not see it")}))

    # Settings
    add("/settings", "get", op("getSettings", "Settings", "Get the company settings",
                               responses={200: ok("Settings"), 401: U401}))
    add("/settings", "patch", op(
        "updateSettings", "Settings", "Update the company settings", request=body("SettingsPatch"),
        responses={200: ok("Settings"), **BODY_ERRORS, 401: U401,
                   403: write_403("Only administrators change settings")}))


# ================================================================ operations: pipeline catalogs

ADMIN_CATALOG = "Only administrators change this catalog"
CATALOG_READ = "Everyone signed in reads the catalogs."
REASON_CATALOGS = [  # CatalogRoutes registers these three in one loop
    # path, operationId noun (singular, plural), summary noun, who may add entries
    ("/disqualify-reasons", "DisqualifyReason", "DisqualifyReasons", "disqualify reason", ADMIN_CATALOG),
    ("/lost-reasons", "LostReason", "LostReasons", "reason for losing", "Read-only users cannot add catalog entries"),
    ("/competitors", "Competitor", "Competitors", "competitor", "Read-only users cannot add catalog entries"),
]


def catalog_operations():
    add("/channels", "get", op(
        "listChannels", "Catalogs", "List advertising channels", description=CATALOG_READ,
        responses={200: ok("ChannelPage"), 401: U401}))
    add("/channels", "post", op(
        "createChannel", "Catalogs", "Create an advertising channel", request=body("ChannelCreate"),
        responses={201: created("Channel", None), **BODY_ERRORS, 401: U401, 403: write_403(ADMIN_CATALOG)}))

    for path, noun, nouns, words, who_adds in REASON_CATALOGS:
        add(path, "get", op(
            f"list{nouns}", "Catalogs", f"List the {words} catalog",
            description=CATALOG_READ + " Inactive entries are listed too.",
            responses={200: ok("ReasonPage"), 401: U401}))
        add(path, "post", op(
            f"create{noun}", "Catalogs", f"Add a {words}", request=body("ReasonCreate"),
            responses={201: created("Reason", None), **BODY_ERRORS, 401: U401, 403: write_403(who_adds)}))
        add(path + "/{id}", "patch", op(
            f"update{noun}", "Catalogs", f"Activate or deactivate a {words}", parameters=[ID_PARAM],
            request=body("ReasonPatch"),
            responses={200: ok("Reason"), **BODY_ERRORS, 401: U401, 403: write_403(ADMIN_CATALOG), 404: problem(404)}))

    add("/stages", "get", op(
        "listStages", "Catalogs", "List stages", description=CATALOG_READ,
        responses={200: ok("StagePage"), 401: U401}))
    add("/stages", "post", op(
        "createStage", "Catalogs", "Create a stage", request=body("StageCreate"),
        responses={201: created("Stage", None), **BODY_ERRORS, 401: U401, 403: write_403(ADMIN_CATALOG)}))
    add("/opportunity-kinds", "get", op(
        "listOpportunityKinds", "Catalogs", "List opportunity kinds", description=CATALOG_READ,
        responses={200: ok("OpportunityKindPage"), 401: U401}))
    add("/opportunity-kinds", "post", op(
        "createOpportunityKind", "Catalogs", "Create an opportunity kind", request=body("OpportunityKindCreate"),
        description="Its stages must exist; a kind of type `none` has no stages.",
        responses={201: created("OpportunityKind", None), **BODY_ERRORS, 401: U401, 403: write_403(ADMIN_CATALOG)}))
    add("/opportunity-kinds/{id}", "patch", op(
        "updateOpportunityKind", "Catalogs", "Allow or forbid an opportunity kind", parameters=[ID_PARAM],
        request=body("OpportunityKindPatch"),
        description="A kind that is not allowed can no longer be chosen for new opportunities; existing ones keep it.",
        responses={200: ok("OpportunityKind"), **BODY_ERRORS, 401: U401, 403: write_403(ADMIN_CATALOG),
                   404: problem(404)}))


# ================================================================ operations: leads

CHANGE_403 = "The caller's role cannot change the record"
LEAD_CLOSED_409 = ["lead-already-qualified", "lead-disqualified"]


def lead_operations():
    add("/leads", "post", op(
        "createLead", "Leads", "Create a lead", request=body("LeadCreate"),
        description="The source must match its channel: a `sourceRef` of the channel's impact type, none for channels "
                    "of type `other` and none without a channel.",
        responses={201: created("Lead", "/api/v1/leads/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records")}))
    add("/leads", "get", op(
        "listLeads", "Leads", "List leads", parameters=list_params(**LEAD_LIST),
        description="The leads the caller may see, in keyset-paginated pages, newest first by default.",
        responses={200: ok("LeadPage"), 400: LIST_400, 401: U401}))
    add("/leads/{id}", "get", op(
        "getLead", "Leads", "Get a lead", parameters=[ID_PARAM],
        responses={200: ok("Lead"), 401: U401, 404: problem(404)}))
    add("/leads/{id}", "patch", op(
        "updateLead", "Leads", "Update a lead", parameters=[ID_PARAM, IF_MATCH], request=body("LeadPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body. Only `new` and "
                    "`contacted` leads can be edited; `status: contacted` marks a new lead as contacted.",
        responses={200: ok("Lead"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, LEAD_CLOSED_409), 412: problem(412), 428: problem(428)}))
    add("/leads/{id}/qualify", "post", op(
        "qualifyLead", "Leads", "Qualify a lead", parameters=[ID_PARAM, ALLOW_DUPLICATE_QUALIFY],
        request={**body("LeadQualify", "Optional: no body (or `{}`) takes the defaults."), "required": False},
        description="In one transaction: links or creates the account and the contact, creates an opportunity of the "
                    "default kind from the lead (topic → name, estimated value → estimated revenue, source, campaign, "
                    "requirements → comment; owned by the lead's owner) and marks the lead `qualified`.",
        responses={200: ok("Qualification"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, LEAD_CLOSED_409 + ["duplicate-suspected"]),
                   422: problem(422, ["validation", "kind-not-allowed"],
                                "`errors` names each invalid or unknown field; `kind-not-allowed` when no opportunity "
                                "kind is allowed")}))
    add("/leads/{id}/disqualify", "post", op(
        "disqualifyLead", "Leads", "Disqualify a lead", parameters=[ID_PARAM], request=body("LeadDisqualify"),
        responses={200: ok("Lead"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, LEAD_CLOSED_409)}))
    add("/leads/{id}/reactivate", "post", op(
        "reactivateLead", "Leads", "Reactivate a disqualified lead", parameters=[ID_PARAM],
        description="Managers and administrators only. The lead goes back to `contacted` and loses its disqualify "
                    "reason. No body is read.",
        responses={200: ok("Lead"), 401: U401,
                   403: write_403("Only managers and administrators reactivate leads"), 404: problem(404),
                   409: problem(409, ["lead-already-qualified", "lead-not-disqualified"])}))


# ================================================================ operations: opportunities

OPPORTUNITY_422 = problem(422, ["validation", "kind-not-allowed", "primary-demand-disabled"],
                          "`errors` names each invalid or unknown field; `kind-not-allowed` for a kind that may not be "
                          "chosen; `primary-demand-disabled` for demand lines on a kind that does not record them")


def opportunity_operations():
    add("/opportunities", "post", op(
        "createOpportunity", "Opportunities", "Create an opportunity", request=body("OpportunityCreate"),
        description="The opportunity starts in the first stage of its kind, with that stage's tasks created for the "
                    "owner. Parties and demand lines are checked like on update.",
        responses={201: created("Opportunity", "/api/v1/opportunities/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"), 422: OPPORTUNITY_422}))
    add("/opportunities", "get", op(
        "listOpportunities", "Opportunities", "List opportunities", parameters=list_params(**OPPORTUNITY_LIST),
        description="The opportunities the caller may see, in keyset-paginated pages, newest first by default. Items "
                    "omit parties and demand lines.",
        responses={200: ok("OpportunityPage"), 400: LIST_400, 401: U401}))
    add("/opportunities/{id}", "get", op(
        "getOpportunity", "Opportunities", "Get an opportunity", parameters=[ID_PARAM],
        description="With its parties and demand lines.",
        responses={200: ok("Opportunity"), 401: U401, 404: problem(404)}))
    add("/opportunities/{id}", "patch", op(
        "updateOpportunity", "Opportunities", "Update an opportunity", parameters=[ID_PARAM, IF_MATCH],
        request=body("OpportunityPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body. Closed opportunities "
                    "cannot be edited. The stage, status and closing fields change only through advance, close and "
                    "reopen.",
        responses={200: ok("Opportunity"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["opportunity-closed"]), 412: problem(412),
                   422: problem(422, ["validation", "primary-demand-disabled"],
                                "`errors` names each invalid or unknown field; `primary-demand-disabled` for demand "
                                "lines on a kind that does not record them"),
                   428: problem(428)}))
    add("/opportunities/{id}/advance", "post", op(
        "advanceOpportunity", "Opportunities", "Move an opportunity to a stage", parameters=[ID_PARAM],
        request=body("OpportunityAdvance"),
        description="Moves an open opportunity to a stage of its kind: `standard` kinds only to the next stage, "
                    "`custom` kinds to any other of their stages. The stage's requirements must be met. The move is "
                    "recorded in the stage history, the stage's tasks are created for the owner, and the probability "
                    "becomes the stage's default unless it was set by hand.",
        responses={200: ok("Opportunity"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["opportunity-closed", "kind-has-no-stages", "stage-not-in-kind",
                                      "stage-skip-not-allowed", "already-in-stage", "stage-requirements-unmet"],
                                "`stage-requirements-unmet` lists each unmet condition in `unmet`")}))
    add("/opportunities/{id}/close", "post", op(
        "closeOpportunity", "Opportunities", "Close an opportunity as won or lost", parameters=[ID_PARAM],
        request=body("OpportunityClose"),
        description="A lost opportunity needs a reason for losing; draft and active quotes must be closed first. The "
                    "probability becomes 100 (won) or 0 (lost).",
        responses={200: ok("Opportunity"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["opportunity-closed", "open-quotes"])}))
    add("/opportunities/{id}/reopen", "post", op(
        "reopenOpportunity", "Opportunities", "Reopen a closed opportunity", parameters=[ID_PARAM],
        description="Managers and administrators only. The opportunity goes back to `inProgress` and loses its actual "
                    "revenue, reason for losing and closing time. No body is read.",
        responses={200: ok("Opportunity"), 401: U401,
                   403: write_403("Only managers and administrators reopen opportunities"), 404: problem(404),
                   409: problem(409, ["opportunity-not-closed"])}))
    add("/opportunities/{id}/stage-history", "get", op(
        "listOpportunityStageHistory", "Opportunities", "Get an opportunity's stage history", parameters=[ID_PARAM],
        responses={200: ok("StageMovePage"), 401: U401, 404: problem(404)}))
    add("/activities/{id}/generate-opportunity", "post", op(
        "generateOpportunityFromActivity", "Opportunities", "Create an opportunity from an activity",
        parameters=[ACTIVITY_ID_PARAM],
        description="Creates an opportunity of the default kind named after the activity's subject, for the caller, "
                    "with the account and contact the activity is about. No body is read.",
        responses={201: created("Opportunity", "/api/v1/opportunities/{id}"), 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   404: problem(404, detail="The activity does not exist or the caller may not see it"),
                   422: problem(422, ["validation", "kind-not-allowed"],
                                "`errors` names each invalid field of the new opportunity; `kind-not-allowed` when no "
                                "opportunity kind is allowed")}))


# ================================================================ operations: boards


def board_operations():
    add("/boards/{id}", "get", op(
        "getBoard", "Opportunities", "Get the pipeline board of an opportunity kind",
        parameters=[
            dict(ID_PARAM, description="The opportunity kind's id (a malformed id answers 404)."),
            {"name": "ownerId", "in": "query", "required": False, "description": "Only opportunities of this owner.",
             "schema": uuid()},
            {"name": "hideLost", "in": "query", "required": False, "description": "`true` leaves lost opportunities out.",
             "schema": {"type": "boolean", "default": False}},
            {"name": "hideWon", "in": "query", "required": False, "description": "`true` leaves won opportunities out.",
             "schema": {"type": "boolean", "default": False}},
        ],
        description="The kind's opportunities the caller may see, by stage. No other parameters are accepted.",
        responses={200: ok("Board"),
                   400: problem(400, ["invalid-query"], "Unknown parameter, or ownerId, hideLost or hideWon invalid"),
                   401: U401, 404: problem(404, detail="No opportunity kind has that id")}))


# ================================================================ operations: reports

CSV_FORMAT_PARAM = {"name": "format", "in": "query", "required": False,
                    "description": "`csv` answers a CSV download (`text/csv`; text cells that a spreadsheet would run as a "
                                   "formula are prefixed with `'`); `json` (the default) the JSON document.",
                    "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}}
CSV_CONTENT = {"text/csv": {"schema": {"type": "string"}}}


def report_operations():
    add("/reports/pipeline", "get", op(
        "getPipelineReport", "Reports", "The pipeline by stage, status or owner",
        parameters=[
            {"name": "groupBy", "in": "query", "required": True, "description": "What the rows are per.",
             "schema": {"type": "string", "enum": ["stage", "status", "owner"]}},
            {"name": "kindId", "in": "query", "required": False, "description": "Only opportunities of this kind.",
             "schema": uuid()},
            {"name": "ownerId", "in": "query", "required": False, "description": "Only opportunities of this owner.",
             "schema": uuid()},
            {"name": "status", "in": "query", "required": False,
             "description": "Statuses counted, comma-separated (`inProgress`, `won`, `lost`). Default: `inProgress` when "
                            "grouping by stage or owner, all three when grouping by status.",
             "schema": {"type": "string", "pattern": "^(inProgress|won|lost)(,(inProgress|won|lost))*$"}},
            CSV_FORMAT_PARAM,
        ],
        description="Count, total and probability-weighted total of the opportunities the caller may see, per group and "
                    "currency, from one aggregation. No other parameters are accepted.",
        responses={200: {"description": "OK", "content": {"application/json": {"schema": ref("PipelineReport")}, **CSV_CONTENT}},
                   400: problem(400, ["invalid-query"], "groupBy missing or unknown, an unknown parameter, or a bad "
                                                        "kindId, ownerId, status or format"),
                   401: U401, 404: problem(404, detail="No opportunity kind has that kindId")}))
    add("/reports/funnel", "get", op(
        "getFunnel", "Reports", "The sales funnel of an opportunity kind",
        parameters=[
            {"name": "kindId", "in": "query", "required": True, "description": "The opportunity kind (one with stages).",
             "schema": uuid()},
            {"name": "ownerId", "in": "query", "required": False, "description": "Only opportunities of this owner.",
             "schema": uuid()},
            CSV_FORMAT_PARAM,
        ],
        description="How many of the kind's opportunities the caller may see reached each stage (judged by the stage "
                    "they are in now), the conversion from each stage to the next, how many are open, lost and won in "
                    "each, with values per currency. No other parameters are accepted.",
        responses={200: {"description": "OK", "content": {"application/json": {"schema": ref("Funnel")}, **CSV_CONTENT}},
                   400: problem(400, ["invalid-query"], "kindId missing or not a UUID, an unknown parameter, or a bad "
                                                        "ownerId or format"),
                   401: U401, 404: problem(404, detail="No opportunity kind has that id"),
                   409: problem(409, ["kind-has-no-stages"])}))


# ================================================================ operations: imports


def import_operations():
    add("/imports/contacts", "post", op(
        "importContacts", "Contacts", "Import contacts from a CSV file",
        parameters=[
            {"name": "dryRun", "in": "query", "required": False, "description": "`true` checks every row and stores nothing.",
             "schema": {"type": "boolean", "default": False}},
            {"name": "allowDuplicates", "in": "query", "required": False,
             "description": "`true` stores rows that look like existing contacts (or like each other).",
             "schema": {"type": "boolean", "default": False}},
            {"name": "ownerId", "in": "query", "required": False,
             "description": "Owner of the new contacts (managers and administrators only); default the caller.",
             "schema": uuid()},
        ],
        request={"required": True, "description": "A CSV file (RFC 4180, UTF-8, at most 64 MiB) whose first line names the "
                                                   "columns: `lastName` (required), `firstName`, `email`, `phone`, `mobile`, "
                                                   "`title`, `accountId`, in any order.",
                 "content": {"text/csv": {"schema": {"type": "string", "minLength": 1}}}},
        description="Every row goes through the same checks as a single create (fields, account, duplicates against "
                    "stored contacts and the rest of the file), read and checked before anything is written; then the "
                    "rows are stored with their search and audit entries in short transactions that no one sees until "
                    "the last is written, when all appear at once: one bad row and nothing is stored. No other "
                    "parameters are accepted.",
        responses={200: ok("ImportReport", "The dry run found every row good"),
                   201: ok("ImportReport", "Every row was stored"),
                   400: problem(400, ["invalid-query", "malformed-request"], "An unknown or bad parameter, or an empty or "
                                                                             "cut-short body"),
                   401: U401, 403: write_403("Read-only users cannot create records"),
                   413: problem(413, ["payload-too-large"]), 415: problem(415, ["unsupported-media-type"]),
                   422: problem(422, ["import-rejected", "validation"],
                                "`import-rejected` with `rowErrors` (line, field, message), `rows` and `errorCount`; "
                                "`validation` when ownerId is not an active user or may not be chosen by the caller")}))


# ================================================================ operations: notifications

NOTIFICATION_ID_PARAM = dict(ID_PARAM, description="The notification's id (a malformed id answers 404).")


def notification_operations():
    add("/me/notifications", "get", op(
        "listNotifications", "Notifications", "List the signed-in user's notifications",
        description="The caller's own notifications, newest first, at most 100 in one page. No other parameters are "
                    "accepted.",
        parameters=[{"name": "unread", "in": "query", "required": False,
                     "description": "`true` lists only unread notifications; `false` (the default) lists all.",
                     "schema": {"type": "boolean", "default": False}}],
        responses={200: ok("NotificationPage"),
                   400: problem(400, ["invalid-query"], "Unknown parameter, or unread is not `true` or `false`"),
                   401: U401}))
    add("/me/notifications/read", "post", op(
        "markAllNotificationsRead", "Notifications", "Mark all notifications read",
        description="Marks every unread notification of the caller read. No body is read.",
        responses={204: NO_CONTENT, 401: U401, 403: problem(403, detail=CSRF)}))
    add("/me/notifications/{id}/read", "post", op(
        "markNotificationRead", "Notifications", "Mark a notification read", parameters=[NOTIFICATION_ID_PARAM],
        description="Marking an already read notification again changes nothing. No body is read.",
        responses={204: NO_CONTENT, 401: U401, 403: problem(403, detail=CSRF),
                   404: problem(404, detail="The notification does not exist or belongs to another user")}))


# ================================================================ operations: sales (catalog and quotes)

QUOTE_ID_PARAM = dict(ID_PARAM, description="The quote's id (a malformed id answers 404).")
QUOTE_PRICING_422 = ["validation", "price-list-required", "price-list-not-valid", "product-not-on-price-list",
                     "currency-mismatch"]
QUOTE_PRICING_DETAIL = ("`errors` names each invalid or unknown field; `price-list-required` for catalog products "
                        "without a price list, `price-list-not-valid` when it is not valid on the quote's date, "
                        "`product-not-on-price-list` for a product it has no price for, `currency-mismatch` when the "
                        "price list, the quote and the opportunity do not share one currency")
NO_BODY = " No body is read."


def product_operations():
    add("/tax-rates", "get", op(
        "listTaxRates", "Products", "List tax rates", description="Everyone signed in reads the sales catalog.",
        responses={200: ok("TaxRatePage"), 401: U401}))
    add("/tax-rates", "post", op(
        "createTaxRate", "Products", "Create a tax rate", request=body("TaxRateCreate"),
        responses={201: created("TaxRate", None), **BODY_ERRORS, 401: U401, 403: write_403(CATALOG_403)}))
    add("/products", "get", op(
        "listProducts", "Products", "List products", parameters=list_params(**PRODUCT_LIST),
        description="All products, active or not, in keyset-paginated pages, by name by default.",
        responses={200: ok("ProductPage"), 400: LIST_400, 401: U401}))
    add("/products", "post", op(
        "createProduct", "Products", "Create a product", request=body("ProductCreate"),
        responses={201: created("Product", "/api/v1/products/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403(CATALOG_403)}))
    add("/products/{id}", "get", op(
        "getProduct", "Products", "Get a product", parameters=[ID_PARAM],
        responses={200: ok("Product"), 401: U401, 404: problem(404)}))
    add("/products/{id}", "patch", op(
        "updateProduct", "Products", "Update a product", parameters=[ID_PARAM, IF_MATCH], request=body("ProductPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body.",
        responses={200: ok("Product"), **BODY_ERRORS, 401: U401, 403: write_403(CATALOG_403), 404: problem(404),
                   412: problem(412), 428: problem(428)}))
    add("/price-lists", "get", op(
        "listPriceLists", "Products", "List price lists", description="Everyone signed in reads the sales catalog.",
        responses={200: ok("PriceListPage"), 401: U401}))
    add("/price-lists", "post", op(
        "createPriceList", "Products", "Create a price list", request=body("PriceListCreate"),
        responses={201: created("PriceList", "/api/v1/price-lists/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403(CATALOG_403)}))
    add("/price-lists/{id}", "get", op(
        "getPriceList", "Products", "Get a price list", parameters=[ID_PARAM],
        responses={200: ok("PriceList"), 401: U401, 404: problem(404)}))
    add("/price-lists/{id}", "patch", op(
        "updatePriceList", "Products", "Update a price list", parameters=[ID_PARAM], request=body("PriceListPatch"),
        description="Price lists carry no version; no If-Match is needed. Quotes keep the prices they were made with "
                    "until their lines are edited.",
        responses={200: ok("PriceList"), **BODY_ERRORS, 401: U401, 403: write_403(CATALOG_403), 404: problem(404)}))


def quote_operations():
    add("/quotes", "post", op(
        "createQuote", "Quotes", "Create a quote", request=body("QuoteCreate"),
        description="A draft, revision 1, numbered `Q-<year>-<serial>` by its date's year and owned by its "
                    "opportunity's owner. Without `opportunityId` it needs a `leadId` or an `accountId` and creates an "
                    "opportunity of the quote-driven kind for the caller (422 when `autoCreateOpportunity` is off).",
        responses={201: created("Quote", "/api/v1/quotes/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   404: problem(404, detail="The opportunity or lead does not exist or the caller may not see it"),
                   409: problem(409, ["opportunity-closed"]),
                   422: problem(422, QUOTE_PRICING_422 + ["kind-not-allowed"],
                                QUOTE_PRICING_DETAIL + "; `kind-not-allowed` when no opportunity kind may be chosen for "
                                                       "the automatic opportunity")}))
    add("/quotes", "get", op(
        "listQuotes", "Quotes", "List quotes", parameters=list_params(**QUOTE_LIST),
        description="The quotes the caller may see, all revisions, in keyset-paginated pages, newest first by default.",
        responses={200: ok("QuotePage"), 400: LIST_400, 401: U401}))
    add("/quotes/{id}", "get", op(
        "getQuote", "Quotes", "Get a quote", parameters=[QUOTE_ID_PARAM],
        responses={200: ok("Quote"), 401: U401, 404: problem(404)}))
    add("/quotes/{id}", "patch", op(
        "updateQuote", "Quotes", "Update a draft quote", parameters=[QUOTE_ID_PARAM, IF_MATCH],
        request=body("QuotePatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body. Only drafts can be "
                    "edited; the lines are priced again.",
        responses={200: ok("Quote"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["quote-not-draft"]), 412: problem(412),
                   422: problem(422, QUOTE_PRICING_422, QUOTE_PRICING_DETAIL), 428: problem(428)}))
    add("/quotes/{id}/send", "post", op(
        "sendQuote", "Quotes", "Send a draft quote", parameters=[QUOTE_ID_PARAM],
        description="The quote becomes `sent` and read-only. The first quote sent on an opportunity of the "
                    "quote-driven kind in its first stage moves it to the next stage. With `{\"email\": true}` the PDF "
                    "is also queued in the outbox to the quote's contact (422 when the contact has no email address).",
        request={"required": False, "content": {"application/json": {"schema": ref("QuoteSend")}}},
        responses={200: ok("Quote"), 400: problem(400), 401: U401, 403: write_403(CHANGE_403), 404: problem(404), 422: problem(422),
                   409: problem(409, ["quote-not-draft", "opportunity-closed", "stage-requirements-unmet"],
                                "`stage-requirements-unmet` when the opportunity's next stage cannot be entered yet")}))
    add("/quotes/{id}/negotiate", "post", op(
        "negotiateQuote", "Quotes", "Mark a sent quote as in negotiation", parameters=[QUOTE_ID_PARAM],
        description="Only a `sent` quote that has not expired." + NO_BODY,
        responses={200: ok("Quote"), 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["quote-not-sent", "quote-closed", "quote-expired"],
                                "`quote-closed` also for a quote already in negotiation")}))
    add("/quotes/{id}/accept", "post", op(
        "acceptQuote", "Quotes", "Accept a quote", parameters=[QUOTE_ID_PARAM],
        description="In one transaction: the quote becomes `accepted`, the opportunity's other open quotes are "
                    "rejected, serialised products on its lines are sold today, and the opportunity is won with the "
                    "quote's total as actual revenue (its estimate when the currencies differ)." + NO_BODY,
        responses={200: ok("Quote"), 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["quote-not-sent", "quote-closed", "quote-expired", "opportunity-closed"])}))
    add("/quotes/{id}/reject", "post", op(
        "rejectQuote", "Quotes", "Reject a quote", parameters=[QUOTE_ID_PARAM],
        request={**body("QuoteReject", "Optional: no body (or `{}`) takes the default reason."), "required": False},
        description="The quote becomes `rejected` (expired quotes too). When no other draft or active quote remains, "
                    "the opportunity is lost with the given or default reason for losing.",
        responses={200: ok("Quote"), **BODY_ERRORS, 400: problem(400, detail="The body is not valid JSON or not a JSON object"),
                   401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["quote-not-sent", "quote-closed", "opportunity-closed"]),
                   422: problem(422, detail="`errors` names each invalid or unknown field: `reasonId` that is not an "
                                            "active reason for losing, or `lostReasonId` when the opportunity must be "
                                            "lost and no active reason for losing exists")}))
    add("/quotes/{id}/revise", "post", op(
        "reviseQuote", "Quotes", "Revise a quote", parameters=[QUOTE_ID_PARAM],
        description="Marks a `sent` or `negotiation` quote (expired ones too) `revised` and answers its copy: a new "
                    "draft with the same number and lines, the next revision, today's date and a `validUntil` kept "
                    "only if not already past." + NO_BODY,
        responses={201: created("Quote", "/api/v1/quotes/{id}"), 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404), 409: problem(409, ["quote-not-sent", "quote-closed", "opportunity-closed"])}))
    add("/quotes/{id}/get-products", "post", op(
        "copyProductsToQuote", "Quotes", "Copy an opportunity's product lines into a draft quote",
        parameters=[QUOTE_ID_PARAM], request=body("QuoteGetProducts"),
        description="Appends the product lines of `fromOpportunityId` to the draft's lines: catalog products priced "
                    "again from the quote's price list (or, when it has none, the opportunity's, which the quote then "
                    "takes), write-ins at their own price. No version is needed.",
        responses={200: ok("Quote"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404, detail="The quote or the opportunity does not exist or the caller may not see it"),
                   409: problem(409, ["quote-not-draft"]),
                   422: problem(422, QUOTE_PRICING_422, QUOTE_PRICING_DETAIL)}))
    add("/quotes/{id}/convert", "post", op(
        "convertQuote", "Orders", "Convert an accepted quote into a sales order", parameters=[QUOTE_ID_PARAM],
        description="Creates a `draft` sales order numbered `SO-<year>-<serial>` with the quote's lines, once per "
                    "quote." + NO_BODY,
        responses={201: created("Order", "/api/v1/orders/{id}"), 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404), 409: problem(409, ["quote-not-accepted", "quote-converted"])}))
    add("/orders/{id}", "get", op(
        "getOrder", "Orders", "Get a sales order",
        parameters=[dict(ID_PARAM, description="The order's id (a malformed id answers 404).")],
        responses={200: ok("Order"), 401: U401, 404: problem(404)}))
    add("/opportunities/{id}/lines", "get", op(
        "getOpportunityLines", "Opportunities", "Get an opportunity's product lines", parameters=[ID_PARAM],
        responses={200: ok("OpportunityLines"), 401: U401, 404: problem(404)}))
    add("/opportunities/{id}/lines", "put", op(
        "replaceOpportunityLines", "Opportunities", "Replace an opportunity's product lines", parameters=[ID_PARAM],
        request=body("OpportunityLinesPut"),
        description="Prices the lines as of today and stores them with the price list. In revenue mode `system` the "
                    "estimated revenue becomes their subtotal. Open opportunities only; no version is needed.",
        responses={200: ok("OpportunityLines"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404), 409: problem(409, ["opportunity-closed"]),
                   422: problem(422, QUOTE_PRICING_422, QUOTE_PRICING_DETAIL.replace("valid on the quote's date", "valid today")
                                .replace("the price list, the quote and the opportunity", "the price list and the "
                                         "opportunity"))}))
    add("/opportunities/{id}/quotes", "get", op(
        "listOpportunityQuotes", "Quotes", "List an opportunity's quotes",
        parameters=[dict(ID_PARAM, description="The opportunity's id (a malformed id answers 404).")],
        description="The opportunity's quotes the caller may see, all revisions, oldest first: at most 200 in one page. "
                    "Query parameters are ignored.",
        responses={200: ok("QuotePage"), 401: U401,
                   404: problem(404, detail="The opportunity does not exist or the caller may not see it")}))


# ================================================================ the document

DESCRIPTION = """The JSON API of Furrow, an open-source CRM. Conventions:

- **Authentication**: send `Authorization: Bearer <token>`; get a token from `POST /auth/tokens` and revoke it with `DELETE /auth/tokens/current`. The web UI's session cookie also works, and then changing requests need its `X-CSRF-Token` header.
- **Bodies** are JSON objects sent as `application/json` (at most 1 MiB), except the CSV or CAMT.053 files of `POST /bank-statements`. Unknown fields are refused with 422 `validation`; server-owned fields (`id`, `version`, `createdAt`, `updatedAt`, `teamId` of accounts, contacts, leads and opportunities, and the fields of an opportunity that only its verbs change) are accepted and ignored (each body's schema lists them). In a PATCH an absent field is unchanged and `null` clears it.
- **Money** amounts are decimal strings (e.g. `"1234.50"`), never floating-point numbers, with an ISO 4217 currency code; quantities are decimal strings too. Dates without a time are `YYYY-MM-DD`.
- **Timestamps** are RFC 3339 UTC strings with milliseconds, e.g. `2026-11-22T15:04:05.123Z`. Ids are lower-case UUIDs. Optional fields without a value are omitted from responses.
- **Lists** are keyset-paginated: a page is `{items, nextCursor}`; pass `nextCursor` as `cursor` (with the same `sort`) for the next page; it is absent on the last page. `limit` is 1 to 200 (default 50); `sort` takes comma-separated fields with a `-` prefix for descending; filters are `?field=value` (repeat for alternatives) and `field[gt|gte|lt|lte]=value` on date, number and money fields. Unknown parameters are refused with 400 `invalid-query`. Catalogs come whole, in one page.
- **Concurrency** is optimistic: every record has a `version`; changes must send it as `If-Match: "N"` (or `version` in the body). A stale version answers 412 `version-conflict` with `currentVersion`; a missing one answers 428 `version-required`. Verbs such as qualify, advance and close need no version.
- **Errors** are RFC 9457 `application/problem+json` documents with a stable `type` slug (see the `Problem` schema). Records the caller may not see are reported as 404 `not-found`, never 403. Any request may also answer 500 `internal` with an `incidentId`. Every response carries an `X-Request-Id` header.
- **Calendar feeds** are served outside this API, at `GET /calendar/{token}.ics` (the address from `GET /me/calendar-feed`): no sign-in, the secret token is the key; an RFC 5545 `text/calendar` document with an `ETag` (a matching `If-None-Match` answers 304); an unknown or revoked token answers 404.
- **Limits and storage**: each user may send 6,000 requests per 5 minutes and have 52 in flight (configurable with
  `FURROW_RATE_LIMIT` and `FURROW_MAX_IN_FLIGHT`); beyond that any operation answers `429 too-many-requests` with
  `Retry-After`. A write the database has no room for answers `507 storage-full` (an I/O failure `503
  storage-unavailable`), with `Retry-After`; nothing of it is saved and reads keep working."""

TAGS = [
    {"name": "Meta", "description": "The API's own description."},
    {"name": "Auth", "description": "Tokens and the signed-in user."},
    {"name": "Users", "description": "Users, managed by administrators."},
    {"name": "Teams", "description": "Teams of users."},
    {"name": "Accounts", "description": "Companies and organisations."},
    {"name": "Contacts", "description": "Individuals."},
    {"name": "Connections", "description": "Relations between accounts and contacts."},
    {"name": "Search", "description": "Global search."},
    {"name": "Audit", "description": "Audit trails of records."},
    {"name": "Settings", "description": "Company settings."},
    {"name": "Catalogs", "description": "The sales pipeline's catalogs: advertising channels, disqualify reasons, "
                                        "reasons for losing, competitors, stages and opportunity kinds."},
    {"name": "Leads", "description": "Prospects before qualification."},
    {"name": "Opportunities", "description": "Sales opportunities, their stages, product lines and the pipeline board."},
    {"name": "Reports", "description": "The pipeline by stage, status or owner and the sales funnel, as JSON or CSV."},
    {"name": "Notifications", "description": "The signed-in user's in-app notifications."},
    {"name": "Products", "description": "The sales catalog: tax rates, products and price lists. Everyone reads it; "
                                       "managers and administrators change it."},
    {"name": "Quotes", "description": "Quotes (offers) and their lifecycle: draft → sent → negotiation → accepted or "
                                     "rejected, with revisions."},
    {"name": "Orders", "description": "Sales orders converted from accepted quotes or made directly."},
    {"name": "Invoices", "description": "Invoices and credit notes: made from orders (whole or in part) or from scratch; "
                                       "draft → issued → partiallyPaid → paid as payments are allocated, or cancelled "
                                       "by a credit note. Finance users see every invoice."},
    {"name": "Payments", "description": "Payments received, their allocation to invoices, and the receivables ageing. "
                                       "Finance users see every payment."},
    {"name": "Bank reconciliation", "description": "Bank statements imported from CSV (through a profile) or CAMT.053, "
                                                  "and their lines matched to payments. For administrators, managers "
                                                  "and finance only."},
    {"name": "Activities", "description": "Tasks, phone calls, appointments, emails and service visits regarding "
                                         "records: open → completed or cancelled (and reopened); record timelines, the "
                                         "signed-in user's list, and their reminder preferences."},
    {"name": "Calendar", "description": "The calendar of activities (recurrences expanded) and opportunities on their "
                                       "expected close date, and the signed-in user's secret iCalendar feed address."},
]


def mail_schemas():
    return {
        "QuoteSend": {
            "type": "object", "additionalProperties": False,
            "properties": {"email": s("Also email the PDF to the quote's contact through the outbox.", type=["boolean", "null"])},
        },
        "Email": {
            "type": "object",
            "description": "An outgoing email in the outbox: stored first, delivered by a worker over SMTP with retries.",
            "required": ["id", "to", "subject", "status", "attempts", "nextAttemptAt", "createdAt"],
            "properties": {
                "id": uuid(), "to": s(type="string"), "subject": s(type="string"),
                "attachmentName": opt_str(), "status": s(type="string", enum=["queued", "sending", "sent", "failed"]),
                "attempts": s(type="integer", minimum=0), "lastError": opt_str("Why the last attempt failed."),
                "nextAttemptAt": ts(), "createdAt": ts(), "sentAt": s(type=["string", "null"], format="date-time"),
                "relatedEntity": opt_str(), "relatedId": s(type=["string", "null"], format="uuid"),
            },
        },
        "EmailPage": page("Email", "Emails, newest first (one page)."),
    }


def order_schemas():
    return {
        "OrderCreate": {
            "type": "object", "additionalProperties": False, "required": ["accountId"],
            "description": "An order made directly, without a quote. `id`, `version`, `createdAt`, `updatedAt`, `teamId`, "
                           "`number` and `status` are accepted and ignored.",
            "properties": {
                "accountId": uuid(), "contactId": uuid(nullable=True), "opportunityId": uuid(nullable=True),
                "priceListId": uuid("Needed for catalog products; write-ins need none.", True),
                "currency": s("ISO 4217; defaults to the price list's, the opportunity's or the base currency.", type=["string", "null"]),
                "lines": s(type=["array", "null"], items=ref("QuoteLineInput"), maxItems=1000),
                "id": s(type=["string", "null"]), "version": s(type=["integer", "null"]), "createdAt": s(type=["string", "null"]),
                "updatedAt": s(type=["string", "null"]), "teamId": s(type=["string", "null"]), "number": s(type=["string", "null"]),
                "status": s(type=["string", "null"]),
            },
        },
        "OrderCancel": {"type": "object", "additionalProperties": False,
                        "properties": {"note": s("Why it was cancelled.", type=["string", "null"], maxLength=1000)}},
        "TrackingCreate": {
            "type": "object", "additionalProperties": False, "required": ["status"],
            "properties": {
                "status": s("The step reached.", type="string", enum=["inFulfilment", "delivered", "installed"]),
                "note": s(type=["string", "null"], maxLength=1000),
                "at": s("When it happened (RFC 3339 UTC); now when absent.", type=["string", "null"], format="date-time"),
            },
        },
        "TrackingEvent": {
            "type": "object", "required": ["id", "status", "at"],
            "properties": {"id": uuid(), "status": s(type="string"), "note": opt_str(), "at": ts(), "actorId": uuid(nullable=True)},
        },
        "TrackingPage": page("TrackingEvent", "An order's tracking events, oldest first (one page)."),
        "OrderPage": page("Order", "A page of sales orders."),
    }


def order_lifecycle_operations():
    add("/orders", "get", op(
        "listOrders", "Orders", "List sales orders", parameters=list_params(**ORDER_LIST),
        responses={200: ok("OrderPage"), 400: LIST_400, 401: U401}))
    add("/orders", "post", op(
        "createOrder", "Orders", "Create an order directly", request=body("OrderCreate"),
        description="A closed opportunity refuses new orders (409 `opportunity-closed`).",
        responses={201: created("Order", "/api/v1/orders/{id}"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404), 409: problem(409, ["opportunity-closed"]),
                   422: problem(422, QUOTE_PRICING_422[:5],
                                "`errors` names each invalid or unknown field; `price-list-required` for catalog products "
                                "without a price list, `price-list-not-valid` when it is not valid on the order's date, "
                                "`product-not-on-price-list` for a product it has no price for, `currency-mismatch` when "
                                "the price list and the order do not share one currency")}))
    for verb, summary in [("confirm", "Confirm an order (the customer approved)")]:
        add(f"/orders/{{id}}/{verb}", "post", op(
            "confirmOrder", "Orders", summary, parameters=[ID_PARAM],
            responses={200: ok("Order"), 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                       409: problem(409, ["order-illegal-move", "order-cancelled", "order-empty"])}))
    add("/orders/{id}/cancel", "post", op(
        "cancelOrder", "Orders", "Cancel an order", parameters=[ID_PARAM],
        request={"required": False, "content": {"application/json": {"schema": ref("OrderCancel")}}},
        description="Its draft invoices are deleted with it; an order with an issued invoice cannot be cancelled "
                    "(409 `order-invoiced`): credit the invoice first.",
        responses={200: ok("Order"), 400: problem(400), 401: U401, 403: write_403(CHANGE_403), 404: problem(404), 422: problem(422),
                   409: problem(409, ["order-illegal-move", "order-cancelled", "order-invoiced"])}))
    add("/orders/{id}/tracking", "get", op(
        "listOrderTracking", "Orders", "An order's tracking timeline", parameters=[ID_PARAM],
        responses={200: ok("TrackingPage"), 401: U401, 404: problem(404)}))
    add("/orders/{id}/tracking", "post", op(
        "trackOrder", "Orders", "Record a fulfilment, delivery or installation step", parameters=[ID_PARAM],
        request=body("TrackingCreate"),
        responses={201: ok("Order", "Created"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["order-illegal-move", "order-cancelled"])}))


def mail_operations():
    add("/quotes/{id}/pdf", "get", op(
        "getQuotePdf", "Quotes", "The quote as a PDF document", parameters=[ID_PARAM],
        description="Company header from the settings, the customer, the lines and totals, comments and terms, number and "
                    "revision, in the document word the administrator chose.",
        responses={200: {"description": "The PDF document", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                   401: U401, 404: problem(404)}))
    add("/quotes/{id}/emails", "get", op(
        "listQuoteEmails", "Quotes", "The emails sent for a quote, with their delivery status", parameters=[ID_PARAM],
        responses={200: ok("EmailPage"), 401: U401, 404: problem(404)}))
    add("/outbox", "get", op(
        "listOutbox", "Quotes", "The whole email outbox (managers and administrators)",
        responses={200: ok("EmailPage"), 400: problem(400), 401: U401, 403: problem(403)}))


# ================================================================ schemas: ledger (invoices, payments, bank reconciliation)

BANK_403 = "Only administrators, managers and finance work with bank statements"
IGNORED_NUMBER_STATUS = {
    "number": s("Given when issued; accepted and ignored."),
    "status": s("Changed only by the invoice's verbs and its payments; accepted and ignored."),
}


def money_in(desc):
    """A required request amount: a decimal string, more than 0, with at most the currency's decimals."""
    return s(desc, type="string", pattern=PLAIN_AMOUNT_PATTERN, examples=["1234.50"])


def invoice_fields():
    """The fields both invoice bodies may set."""
    return {
        "contactId": uuid("The customer contact, one the caller can see (else 422); null clears it.", True),
        "paymentTermId": uuid("An active payment term (see `GET /payment-terms`; else 422) that sets the due date when the "
                              "invoice is issued. Absent or null: Net 30 on create, unchanged on update.", True),
        "notes": in_str("Notes printed on the invoice (trimmed); empty or null clears them.", 2000),
    }


def ledger_schemas():
    quote_line = sales_schemas()["QuoteLine"]
    order_line_id = s("The order line's number within its order, as a string: `\"1\"`, `\"2\"`, … in the order's "
                      "line order.", type="string", pattern="^[1-9][0-9]*$", examples=["1"])
    return {
        "OrderLine": {
            "type": "object",
            "description": "A priced line of a sales order, numbered by `orderLineId` (what `POST "
                           "/orders/{id}/invoice` names); amounts as in `QuoteLine`.",
            "required": ["orderLineId"] + quote_line["required"],
            "properties": {"orderLineId": order_line_id, **quote_line["properties"]},
        },
        "InvoiceLine": {
            "type": "object",
            "description": "A priced line of an invoice or a credit note; amounts as in `QuoteLine`.",
            "required": quote_line["required"],
            "properties": {
                "orderLineId": dict(order_line_id, description="The order line this line bills (part or all of); "
                                                               "omitted on invoices written from scratch."),
                **quote_line["properties"],
            },
        },
        "InvoiceStatus": s("`draft` → `issued` → `partiallyPaid` → `paid`, following the payments allocated to it (a "
                           "reversed payment opens it again); `cancelled` only by a credit note. Credit notes are "
                           "`issued` from the start.", type="string", enum=INVOICE_STATUSES),
        "Invoice": {
            "type": "object",
            "description": "An invoice or a credit note. Drafts can be edited and deleted; once issued it is numbered and "
                           "immutable, and only a credit note cancels it. What is paid is the sum of the payments "
                           "allocated to it. Optional fields are omitted when empty.",
            "required": ["id", "kind", "status", "accountId", "currency", "lines", "subtotal", "discountTotal",
                         "taxTotal", "total", "amountPaid", "balance", "ownerId", "version", "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "kind": s("`creditNote`: the document that cancels an invoice in full.", type="string",
                          enum=INVOICE_KINDS),
                "number": opt_str("`INV-<year>-<serial>` (credit notes `CN-<year>-<serial>`), gap-free per year, given "
                                  "when issued; omitted on drafts.", examples=["INV-2026-00012"]),
                "status": ref("InvoiceStatus"),
                "orderId": uuid("The sales order it bills; omitted on invoices written from scratch.", True),
                "accountId": uuid(),
                "contactId": uuid(nullable=True),
                "opportunityId": uuid("The order's opportunity.", True),
                "relatedInvoiceId": uuid("On a credit note the invoice it cancels; on a cancelled invoice its credit "
                                         "note.", True),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "lines": {"type": "array", "items": ref("InvoiceLine")},
                "paymentTermId": uuid(nullable=True),
                "issueDate": opt_str(format="date"),
                "dueDate": opt_str("The issue date plus the payment term's days.", format="date"),
                "cancelledOn": opt_str("The day a credit note cancelled the invoice.", format="date"),
                "subtotal": decimal("The sum of the lines' subtotals (after discounts, before tax).",
                                    examples=["1125.45"]),
                "discountTotal": decimal(examples=["125.05"]),
                "taxTotal": decimal(examples=["213.84"]),
                "total": decimal("subtotal + taxTotal.", examples=["1339.29"]),
                "amountPaid": decimal("What the posted payments allocated to it add up to.", examples=["500.00"]),
                "balance": decimal("What is still owed: total − amountPaid on issued, partly paid and paid invoices; "
                                   "`0` on drafts, credit notes and cancelled invoices.", examples=["839.29"]),
                "notes": opt_str("On a credit note, the reason given."),
                "ownerId": uuid("The order's owner, or the account's for invoices written from scratch."),
                "version": VERSION,
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "InvoiceCreate": {
            "type": "object",
            "description": "A draft invoice written from scratch. Unknown fields are refused (422); server-owned fields, "
                           "`number`, `status` and `kind` are accepted and ignored.",
            "additionalProperties": False,
            "required": ["accountId", "lines"],
            "properties": {
                "accountId": uuid("The customer account, one the caller can see (else 422)."),
                "priceListId": uuid("The price list catalog products are priced from; it must be in the invoice's "
                                    "currency and valid today.", True),
                "currency": in_currency("The ISO 4217 currency (stored upper-case). Absent: the price list's, else the "
                                        "company's base currency. Cannot be null.", nullable=False),
                **invoice_fields(),
                "lines": s("The invoice's lines in order, priced like quote lines; may be empty, but an invoice needs a "
                           "line to be issued.", type="array", items=ref("QuoteLineInput"), maxItems=1000),
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM, **IGNORED_NUMBER_STATUS,
                "kind": s("Credit notes are made only by `POST /invoices/{id}/credit-note`; accepted and ignored."),
            },
        },
        "InvoicePatch": {
            "type": "object",
            "description": "Changes to a draft invoice: absent fields are unchanged. The account and the currency cannot "
                           "change (sending them is refused, 422). Unknown fields are refused (422); server-owned fields, "
                           "`number`, `status` and `kind` are accepted and ignored.",
            "additionalProperties": False,
            "properties": {
                **invoice_fields(),
                "lines": s("Replaces all lines (null or `[]` removes them), priced as of today. Not allowed on invoices "
                           "made from an order, whose lines come from the order (422).", type=["array", "null"],
                           items=ref("QuoteLineInput"), maxItems=1000),
                "priceListId": uuid("The price list the new `lines`' catalog products are priced from (in the invoice's "
                                    "currency, valid today); it is not stored.", True),
                **PATCH_VERSION,
                **IGNORED, **IGNORED_TEAM, **IGNORED_NUMBER_STATUS,
                "kind": s("Accepted and ignored."),
            },
        },
        "OrderLinePart": {
            "type": "object",
            "description": "A quantity of one order line to invoice. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["orderLineId", "quantity"],
            "properties": {
                "orderLineId": s("The order line's `orderLineId` (a string).", type="string", pattern="^[1-9][0-9]*$",
                                 examples=["1"]),
                "quantity": in_decimal("More than 0 and at most what of the line is not invoiced yet (else 422 "
                                       "`over-invoicing`), as a decimal string with at most 6 decimals.", nullable=False,
                                       examples=["1", "2.5"]),
            },
        },
        "InvoiceFromOrder": {
            "type": "object",
            "description": "What of the order to invoice. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "lines": s("The parts to invoice, at least one. Absent: everything of the order not invoiced yet.",
                           type="array", minItems=1, items=ref("OrderLinePart")),
                "paymentTermId": uuid("An active payment term (see `GET /payment-terms`; else 422). Absent or null: "
                                      "Net 30.", True),
            },
        },
        "InvoiceIssue": {
            "type": "object",
            "description": "Optional details of issuing. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "issueDate": s("The issue date (YYYY-MM-DD); absent or null: today in the company time zone. Its year "
                               "numbers the invoice.", type=["string", "null"], format="date"),
                "email": s("Also email the PDF to the invoice's contact through the outbox.", type=["boolean", "null"]),
            },
        },
        "CreditNoteCreate": {
            "type": "object",
            "description": "Optional details of a credit note. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "reason": s("Why the invoice is cancelled (trimmed), kept as the credit note's `notes`.",
                            type=["string", "null"], maxLength=1000),
            },
        },
        "CreditNote": {
            "type": "object",
            "description": "A new credit note and the invoice it cancelled.",
            "required": ["creditNote", "invoice"],
            "properties": {"creditNote": ref("Invoice"), "invoice": ref("Invoice")},
        },
        "PaymentTerm": {
            "type": "object",
            "description": "A payment term: an invoice is due its issue date plus `days` (0: due on receipt).",
            "required": ["id", "name", "days", "active"],
            "properties": {
                "id": uuid(),
                "name": s(type="string", examples=["Net 30"]),
                "days": s(type="integer", minimum=0),
                "active": s("Inactive terms cannot be chosen for invoices.", type="boolean"),
            },
        },
        "Allocation": {
            "type": "object",
            "description": "What a payment put on one invoice.",
            "required": ["invoiceId", "amount"],
            "properties": {"invoiceId": uuid(), "amount": decimal("In the payment's currency.", examples=["500.00"])},
        },
        "AllocationInput": {
            "type": "object",
            "description": "An amount of a payment to put on one invoice. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["invoiceId", "amount"],
            "properties": {
                "invoiceId": uuid("An `issued` or `partiallyPaid` invoice (not a credit note) of the payment's account, "
                                  "in its currency, that the caller can see."),
                "amount": money_in("More than 0 and at most the invoice's balance, as a decimal string with at most the "
                                   "currency's decimals."),
            },
        },
        "Payment": {
            "type": "object",
            "description": "Money received from a customer, allocated to some of their invoices; what is not "
                           "allocated is the customer's credit. Optional fields are omitted when empty.",
            "required": ["id", "number", "accountId", "date", "amount", "currency", "mode", "status", "allocations",
                         "allocated", "unallocated", "ownerId", "version", "createdAt"],
            "properties": {
                "id": uuid(),
                "number": s("`PAY-<year>-<serial>` by the payment date's year, gap-free per year.", type="string",
                            examples=["PAY-2026-00003"]),
                "accountId": uuid(),
                "date": s("The day the money was received.", type="string", format="date"),
                "amount": decimal("More than 0, in `currency`.", examples=["1339.29"]),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "mode": s(type="string", enum=PAYMENT_MODES),
                "reference": opt_str("The bank or cheque reference."),
                "status": s("`reversed` payments no longer count for their invoices.", type="string",
                            enum=PAYMENT_STATUSES),
                "reversedOn": opt_str(format="date"),
                "allocations": s("One entry per invoice (a reversed payment keeps them, but they no longer count).",
                                 type="array", items=ref("Allocation")),
                "allocated": decimal("The sum of the allocations.", examples=["1339.29"]),
                "unallocated": decimal("The customer credit the payment still holds: amount − allocated; `0` once "
                                       "reversed.", examples=["0.00"]),
                "ownerId": uuid("The account's owner."),
                "version": VERSION,
                "createdAt": ts(),
            },
        },
        "PaymentCreate": {
            "type": "object",
            "description": "A payment received. Unknown fields are refused (422); server-owned fields, `number` and "
                           "`status` are accepted and ignored.",
            "additionalProperties": False,
            "required": ["accountId", "amount", "currency", "mode"],
            "properties": {
                "accountId": uuid("The paying account, one the caller can see (else 422)."),
                "date": s("The day the money was received (YYYY-MM-DD); absent or null: today in the company time zone.",
                          type=["string", "null"], format="date"),
                "amount": money_in("More than 0, as a decimal string with at most the currency's decimals."),
                "currency": in_currency("The ISO 4217 currency (stored upper-case).", nullable=False),
                "mode": s(type="string", enum=PAYMENT_MODES),
                "reference": in_str("The bank or cheque reference (trimmed), which bank reconciliation matches on; "
                                    "empty or null: none.", 200),
                "allocations": s("Invoices to allocate the payment to; several entries for one invoice add up. Absent "
                                 "or null: none, the whole amount is the customer's credit.", type=["array", "null"],
                                 items=ref("AllocationInput")),
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM,
                "number": s("Server-owned; accepted and ignored."),
                "status": s("Changed only by `POST /payments/{id}/reverse`; accepted and ignored."),
            },
        },
        "PaymentAllocate": {
            "type": "object",
            "description": "More allocations of a payment. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["allocations"],
            "properties": {
                "allocations": s("At least one; in the payment's currency, together at most its unallocated amount.",
                                 type="array", minItems=1, items=ref("AllocationInput")),
            },
        },
        "InvoicePayment": {
            "type": "object",
            "description": "A payment allocated to an invoice and the amount it put on that invoice.",
            "required": ["payment", "allocated"],
            "properties": {
                "payment": ref("Payment"),
                "allocated": decimal("What the payment put on this invoice.", examples=["500.00"]),
            },
        },
        "AgeingBuckets": {
            "type": "object",
            "description": "Open balances by days past due on the report's day, in one currency.",
            "required": ["current", "days1to30", "days31to60", "days61to90", "over90", "total"],
            "properties": {
                "current": decimal("Not yet due, or due that day.", examples=["1000.00"]),
                "days1to30": decimal(examples=["0.00"]),
                "days31to60": decimal(examples=["0.00"]),
                "days61to90": decimal(examples=["0.00"]),
                "over90": decimal(examples=["0.00"]),
                "total": decimal("The sum of the buckets.", examples=["1000.00"]),
            },
        },
        "ReceivableInvoice": {
            "type": "object",
            "description": "An invoice open on the report's day.",
            "required": ["invoiceId", "number", "issueDate", "dueDate", "total", "amountPaid", "balance", "daysPastDue"],
            "properties": {
                "invoiceId": uuid(),
                "number": s(type="string"),
                "issueDate": s(type="string", format="date"),
                "dueDate": s(type="string", format="date"),
                "total": decimal(examples=["1339.29"]),
                "amountPaid": decimal("Paid by payments dated on or before the report's day and not reversed by then.",
                                      examples=["500.00"]),
                "balance": decimal("total − amountPaid.", examples=["839.29"]),
                "daysPastDue": s("The report's day less the due date; 0 or less: not yet overdue.", type="integer"),
            },
        },
        "ReceivableAccount": {
            "type": "object",
            "description": "One account's open invoices and credit in one currency.",
            "required": ["accountId", "accountName", "currency", "balance", "credit", "buckets", "invoices"],
            "properties": {
                "accountId": uuid(),
                "accountName": s(type="string"),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "balance": decimal("What the account owes: the sum of its invoices' balances.", examples=["839.29"]),
                "credit": decimal("The unallocated amount of its posted payments: money it could be refunded or have "
                                  "allocated.", examples=["0.00"]),
                "buckets": ref("AgeingBuckets"),
                "invoices": s("Its open invoices, earliest due first; empty when only credit is listed.", type="array",
                              items=ref("ReceivableInvoice")),
            },
        },
        "ReceivableTotal": {
            "type": "object",
            "description": "The totals of one currency.",
            "required": ["currency", "balance", "credit", "buckets"],
            "properties": {
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "balance": decimal(examples=["839.29"]),
                "credit": decimal(examples=["0.00"]),
                "buckets": ref("AgeingBuckets"),
            },
        },
        "Receivables": {
            "type": "object",
            "description": "The receivables ageing as it stood at the end of `asOf`.",
            "required": ["asOf", "accounts", "totals"],
            "properties": {
                "asOf": s(type="string", format="date"),
                "accounts": s("One row per account and currency, by account name.", type="array",
                              items=ref("ReceivableAccount")),
                "totals": s("Per currency, by currency code; never summed across currencies.", type="array",
                            items=ref("ReceivableTotal")),
            },
        },
        "BankLine": {
            "type": "object",
            "description": "One line of a bank statement. Optional fields are omitted when empty.",
            "required": ["id", "date", "amount", "currency", "reference", "duplicate"],
            "properties": {
                "id": uuid(),
                "date": s("The booking date.", type="string", format="date"),
                "amount": decimal("Positive for money received, negative for money paid out.", examples=["1339.29"]),
                "currency": s(type="string", pattern="^[A-Z]{3}$"),
                "reference": s("The remittance text or reference, possibly empty.", type="string", maxLength=500),
                "counterparty": opt_str("The payer (or, for money paid out, the payee)."),
                "paymentId": uuid("The payment the line is matched to; omitted while unmatched.", True),
                "duplicate": s("true only in an import's answer, for a line imported before and not stored again.",
                               type="boolean"),
                "candidatePaymentIds": s("On unmatched lines, except in an import's answer: the posted payments the "
                                         "caller may see of the same amount and currency, dated within 30 days and not "
                                         "matched to another line (none for money paid out).", type="array",
                                         items=uuid()),
            },
        },
        "BankStatement": {
            "type": "object",
            "description": "An imported bank statement with its lines in file order. Optional fields are omitted when "
                           "empty.",
            "required": ["id", "format", "importedAt", "importedBy", "lines"],
            "properties": {
                "id": uuid(),
                "format": s(type="string", enum=STATEMENT_FORMATS),
                "name": opt_str(maxLength=200),
                "importedAt": ts(),
                "importedBy": uuid("The user who imported it."),
                "lines": s("In an import's answer every line read, duplicates included; otherwise the stored lines.",
                           type="array", items=ref("BankLine")),
                "matched": s("Only in the answer of reconcile: the lines it matched to recorded payments.",
                             type="integer", minimum=0),
                "paymentsCreated": s("Only in the answer of reconcile: the lines it recorded as new payments of the "
                                     "invoices their references name.", type="integer", minimum=0),
            },
        },
        "BankStatementSummary": {
            "type": "object",
            "description": "An imported statement without its lines.",
            "required": ["id", "format", "importedAt", "lines", "matched"],
            "properties": {
                "id": uuid(),
                "format": s(type="string", enum=STATEMENT_FORMATS),
                "name": opt_str(),
                "importedAt": ts(),
                "lines": s("How many lines it holds.", type="integer", minimum=0),
                "matched": s("How many of them are matched to payments.", type="integer", minimum=0),
            },
        },
        "StatementProfile": {
            "type": "object",
            "description": "How a bank's CSV export reads: the header names of its columns and their formats. Header "
                           "names are compared case-insensitively.",
            "required": ["name", "delimiter", "dateColumn", "dateFormat", "amountColumn", "decimalComma",
                         "referenceColumn"],
            "properties": {
                "id": uuid("Omitted on the built-in `Standard` profile, which is used when an import names none.", True),
                "name": s(type="string", maxLength=100),
                "delimiter": s("One of `,` `;` tab `|`.", type="string", enum=[",", ";", "\t", "|"]),
                "dateColumn": s(type="string"),
                "dateFormat": s(type="string", enum=DATE_FORMATS),
                "amountColumn": s("Amounts are signed: negative for money paid out.", type="string"),
                "decimalComma": s("true: a comma is the decimal mark and points group thousands; false: the other way "
                                  "round.", type="boolean"),
                "referenceColumn": s(type="string"),
                "counterpartyColumn": opt_str(),
                "currencyColumn": opt_str("Omitted: every line is in the import's `currency`."),
            },
        },
        "StatementProfileCreate": {
            "type": "object",
            "description": "A new CSV statement profile. Unknown fields are refused (422); `id` is accepted and ignored.",
            "additionalProperties": False,
            "required": ["name", "dateColumn", "amountColumn", "referenceColumn"],
            "properties": {
                "name": s("Unique, case-insensitively (trimmed, required).", type="string", minLength=1, maxLength=100),
                "delimiter": s("One of `,` `;` tab `|`; absent or null: `,`.", type=["string", "null"],
                               enum=[",", ";", "\t", "|", None]),
                "dateColumn": s("The header of the booking date column.", type="string", minLength=1, maxLength=100),
                "dateFormat": s("Absent or null: `YYYY-MM-DD`.", type=["string", "null"], enum=DATE_FORMATS + [None]),
                "amountColumn": s("The header of the signed amount column.", type="string", minLength=1,
                                  maxLength=100),
                "decimalComma": s("Amounts use a decimal comma; absent or null: false.", type=["boolean", "null"]),
                "referenceColumn": s("The header of the reference column.", type="string", minLength=1, maxLength=100),
                "counterpartyColumn": s("The header of the payer's name; absent or null: none.",
                                        type=["string", "null"]),
                "currencyColumn": s("The header of a currency column (its header must then exist); absent or null: "
                                    "every line is in the import's `currency`.", type=["string", "null"]),
                "id": IGNORED["id"],
            },
        },
        "LineMatch": {
            "type": "object",
            "description": "The payment a statement line is. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["paymentId"],
            "properties": {
                "paymentId": uuid("A posted payment the caller can see, of the line's amount and currency, not matched "
                                  "to another line."),
            },
        },
        "InvoicePage": page("Invoice", "A page of invoices and credit notes."),
        "PaymentTermPage": page("PaymentTerm", "All payment terms, by days then name (one page)."),
        "PaymentPage": page("Payment", "A page of payments."),
        "InvoicePaymentPage": page("InvoicePayment", "An invoice's payments, by date (one page)."),
        "BankStatementSummaryPage": page("BankStatementSummary", "Imported statements, newest first (one page; "
                                                                 "`nextCursor` is never set)."),
        "StatementProfilePage": page("StatementProfile", "The `Standard` profile, then the stored ones by name "
                                                         "(one page)."),
    }


# ================================================================ operations: ledger

MONEY_FILTER = ("A decimal amount such as `1000.00`, rounded half-even to the minor unit of the first `currency` filter's "
                "currency (two decimals without one) and compared in minor units.")
DAY_ITEM = {"type": "string", "format": "date"}
INVOICE_LIST = dict(                                                              # ListFields.invoices
    sortable=["number", "createdAt", "issueDate", "dueDate", "total", "balance"],
    filters=[("status", "text", {"type": "string", "enum": INVOICE_STATUSES}),
             ("kind", "text", {"type": "string", "enum": INVOICE_KINDS}),
             ("ownerId", "id"), ("accountId", "id"), ("orderId", "id"),
             ("currency", "text", {"type": "string", "pattern": "^[A-Z]{3}$"}),
             ("total", "money", MONEY_FILTER), ("balance", "money", MONEY_FILTER),
             ("issueDate", "text", DAY_ITEM), ("dueDate", "text", DAY_ITEM), ("createdAt", "date")],
    default_sort="-createdAt",
    q="A fragment of the invoice's number.")
PAYMENT_LIST = dict(                                                              # ListFields.payments
    sortable=["number", "createdAt", "date", "amount"],
    filters=[("status", "text", {"type": "string", "enum": PAYMENT_STATUSES}),
             ("mode", "text", {"type": "string", "enum": PAYMENT_MODES}),
             ("ownerId", "id"), ("accountId", "id"),
             ("currency", "text", {"type": "string", "pattern": "^[A-Z]{3}$"}),
             ("amount", "money", MONEY_FILTER), ("date", "text", DAY_ITEM), ("createdAt", "date")],
    default_sort="-createdAt",
    q="A fragment of the payment's number or reference.")

INVOICE_ID_PARAM = dict(ID_PARAM, description="The invoice's id (a malformed id answers 404).")
ORDER_ID_PARAM = dict(ID_PARAM, description="The order's id (a malformed id answers 404).")
PAYMENT_ID_PARAM = dict(ID_PARAM, description="The payment's id (a malformed id answers 404).")
STATEMENT_ID_PARAM = dict(ID_PARAM, description="The statement's id (a malformed id answers 404).")
LINE_ID_PARAM = {"name": "lineId", "in": "path", "required": True,
                 "description": "The statement line's id (a malformed id answers 404).", "schema": uuid()}
INVOICE_PRICING_DETAIL = ("`errors` names each invalid or unknown field (an account, contact or payment term the caller "
                          "cannot use among them); `price-list-required` for catalog products without a price list, "
                          "`price-list-not-valid` when it is not valid today, `product-not-on-price-list` for a product "
                          "it has no price for, `currency-mismatch` when it is not in the invoice's currency")
ALLOCATION_422 = problem(422, ["validation", "over-allocation", "currency-mismatch"],
                         "`errors` names each invalid or unknown field (an amount that is not more than 0, an invoice the "
                         "caller cannot see or of another account among them); `over-allocation` when an invoice would "
                         "get more than its balance or the allocations more than the payment has left; "
                         "`currency-mismatch` for an invoice in another currency")
BANK_404 = "The statement does not exist"


def invoice_operations():
    add("/payment-terms", "get", op(
        "listPaymentTerms", "Invoices", "List payment terms",
        description="Everyone signed in reads them; inactive terms are listed too but cannot be chosen.",
        responses={200: ok("PaymentTermPage"), 401: U401}))
    add("/orders/{id}/invoice", "post", op(
        "invoiceOrder", "Invoices", "Invoice a sales order", parameters=[ORDER_ID_PARAM],
        request={**body("InvoiceFromOrder", "Optional: no body (or `{}`) invoices everything not invoiced yet."),
                 "required": False},
        description="Creates a draft invoice of a `confirmed`, `inFulfilment`, `delivered` or `installed` order with "
                    "the order's account, contact, opportunity, currency, owner and prices: for what is not invoiced "
                    "yet by its invoices that are not cancelled, or for the parts named in `lines`. No order line is "
                    "ever invoiced for more than was ordered.",
        responses={201: created("Invoice", "/api/v1/invoices/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   404: problem(404, detail="The order does not exist or the caller may not see it"),
                   409: problem(409, ["order-not-invoiceable", "order-fully-invoiced"],
                                "`order-not-invoiceable` for draft and cancelled orders and orders without an account"),
                   422: problem(422, ["validation", "over-invoicing"],
                                "`errors` names each invalid or unknown field (an `orderLineId` that is not a line of "
                                "the order, a payment term that is not active); `over-invoicing` when a part exceeds "
                                "what of its line is not invoiced yet")}))
    add("/orders/{id}/invoices", "get", op(
        "listOrderInvoices", "Invoices", "List an order's invoices", parameters=[ORDER_ID_PARAM],
        description="The order's invoices and credit notes, oldest first, in one page. Query parameters are ignored.",
        responses={200: ok("InvoicePage"), 401: U401,
                   404: problem(404, detail="The order does not exist or the caller may not see it")}))
    add("/invoices", "get", op(
        "listInvoices", "Invoices", "List invoices", parameters=list_params(**INVOICE_LIST),
        description="The invoices and credit notes the caller may see (finance users see all), in keyset-paginated "
                    "pages, newest first by default.",
        responses={200: ok("InvoicePage"), 400: LIST_400, 401: U401}))
    add("/invoices", "post", op(
        "createInvoice", "Invoices", "Create an invoice from scratch", request=body("InvoiceCreate"),
        description="A draft invoice for an account the caller can see, owned by the account's owner, its lines "
                    "priced like quote lines as of today.",
        responses={201: created("Invoice", "/api/v1/invoices/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   422: problem(422, QUOTE_PRICING_422, INVOICE_PRICING_DETAIL)}))
    add("/invoices/{id}", "get", op(
        "getInvoice", "Invoices", "Get an invoice or a credit note", parameters=[INVOICE_ID_PARAM],
        responses={200: ok("Invoice"), 401: U401, 404: problem(404)}))
    add("/invoices/{id}", "patch", op(
        "updateInvoice", "Invoices", "Update a draft invoice", parameters=[INVOICE_ID_PARAM, IF_MATCH],
        request=body("InvoicePatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body. Only drafts can be "
                    "edited; an issued invoice is immutable and is cancelled by a credit note.",
        responses={200: ok("Invoice"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["invoice-not-draft"]), 412: problem(412),
                   422: problem(422, QUOTE_PRICING_422, INVOICE_PRICING_DETAIL + "; `lines` on an invoice made from "
                                                                                  "an order"),
                   428: problem(428)}))
    add("/invoices/{id}", "delete", op(
        "deleteInvoice", "Invoices", "Delete a draft invoice", parameters=[INVOICE_ID_PARAM],
        description="Only drafts; an issued invoice is cancelled by a credit note instead.",
        responses={204: NO_CONTENT, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["invoice-not-draft"])}))
    add("/invoices/{id}/issue", "post", op(
        "issueInvoice", "Invoices", "Issue a draft invoice", parameters=[INVOICE_ID_PARAM],
        request={**body("InvoiceIssue", "Optional: no body (or `{}`) issues it today without email."),
                 "required": False},
        description="draft → `issued`, immutable from then on: numbered `INV-<year>-<serial>` by the issue date's "
                    "year, gap-free, dated `issueDate` (default today) and due that date plus the payment term's days. "
                    "With `{\"email\": true}` the PDF is also queued in the outbox to the invoice's contact (when the "
                    "contact has no email address: 422 and nothing is issued). No version is needed.",
        responses={200: ok("Invoice"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["invoice-not-draft", "invoice-empty"],
                                "`invoice-empty` for an invoice without lines"),
                   422: problem(422, detail="`errors` names each invalid or unknown field, or `email` when the contact "
                                            "has no email address")}))
    add("/invoices/{id}/send", "post", op(
        "sendInvoice", "Invoices", "Email an issued invoice", parameters=[INVOICE_ID_PARAM],
        description="Queues the PDF in the outbox to the invoice's contact and answers 202 at once; the outbox "
                    "delivers it (see `GET /outbox`). Any issued document, credit notes too; drafts answer "
                    "409 `invoice-not-issued`." + NO_BODY,
        responses={202: ok("Invoice", "Accepted: the email is queued"), 401: U401, 403: write_403(CHANGE_403),
                   404: problem(404), 409: problem(409, ["invoice-not-issued"]),
                   422: problem(422, detail="`email` when the invoice has no contact with an email address")}))
    add("/invoices/{id}/credit-note", "post", op(
        "creditInvoice", "Invoices", "Cancel an invoice with a credit note", parameters=[INVOICE_ID_PARAM],
        request={**body("CreditNoteCreate", "Optional: no body (or `{}`) gives no reason."), "required": False},
        description="In one transaction: a credit note `CN-<year>-<serial>` issued today reverses an `issued`, "
                    "`partiallyPaid` or `paid` invoice in full; the invoice becomes `cancelled` on that day, and the "
                    "payments allocated to it are released and stay as the customer's credit. Answers both documents; "
                    "`Location` is the credit note's.",
        responses={201: created("CreditNote", "/api/v1/invoices/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["invoice-not-issued"], "For drafts, cancelled invoices and credit notes")}))
    add("/invoices/{id}/pdf", "get", op(
        "getInvoicePdf", "Invoices", "The invoice or credit note as a PDF document", parameters=[INVOICE_ID_PARAM],
        description="Company header from the settings, the customer and contact, the lines and totals, the payment "
                    "term and due date. Drafts are rendered too.",
        responses={200: {"description": "The PDF document, named after the number (`draft-<id>.pdf` for drafts)",
                         "headers": {"Content-Disposition": {"description": "`inline; filename=\"INV-2026-00012.pdf\"`",
                                                             "schema": {"type": "string"}}},
                         "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                   401: U401, 404: problem(404)}))
    add("/invoices/{id}/payments", "get", op(
        "listInvoicePayments", "Invoices", "List the payments allocated to an invoice", parameters=[INVOICE_ID_PARAM],
        description="By payment date, with the amount each put on this invoice, in one page; reversed payments are "
                    "listed too (see their `status`).",
        responses={200: ok("InvoicePaymentPage"), 401: U401, 404: problem(404)}))


def payment_operations():
    add("/payments", "get", op(
        "listPayments", "Payments", "List payments", parameters=list_params(**PAYMENT_LIST),
        description="The payments the caller may see (finance users see all), in keyset-paginated pages, newest first "
                    "by default.",
        responses={200: ok("PaymentPage"), 400: LIST_400, 401: U401}))
    add("/payments", "post", op(
        "createPayment", "Payments", "Record a payment", request=body("PaymentCreate"),
        description="Records money received from an account the caller can see, owned by the account's owner, and "
                    "allocates it to the account's open invoices: each allocation more than 0, in the payment's "
                    "currency, to an `issued` or `partiallyPaid` invoice and at most its balance, all together at most "
                    "the payment's amount. The rest is the customer's credit. The invoices' `amountPaid` and status "
                    "follow.",
        responses={201: created("Payment", "/api/v1/payments/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records"),
                   409: problem(409, ["invoice-not-open"], "An allocation names a draft, paid or cancelled invoice or a "
                                                           "credit note"),
                   422: ALLOCATION_422}))
    add("/payments/{id}", "get", op(
        "getPayment", "Payments", "Get a payment", parameters=[PAYMENT_ID_PARAM],
        responses={200: ok("Payment"), 401: U401, 404: problem(404)}))
    add("/payments/{id}/allocate", "post", op(
        "allocatePayment", "Payments", "Allocate a payment's credit to invoices", parameters=[PAYMENT_ID_PARAM],
        request=body("PaymentAllocate"),
        description="Allocates more of a posted payment's unallocated amount to open invoices of its account, under "
                    "the same rules as when recording it. No version is needed.",
        responses={200: ok("Payment"), **BODY_ERRORS, 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["payment-reversed", "invoice-not-open"]), 422: ALLOCATION_422}))
    add("/payments/{id}/reverse", "post", op(
        "reversePayment", "Payments", "Reverse a payment", parameters=[PAYMENT_ID_PARAM],
        description="For a bounced cheque or a wrong entry: the payment becomes `reversed` today, its allocations no "
                    "longer count (its invoices are open again) and a statement line matched to it is unmatched."
                    + NO_BODY,
        responses={200: ok("Payment"), 401: U401, 403: write_403(CHANGE_403), 404: problem(404),
                   409: problem(409, ["payment-reversed"])}))
    add("/receivables", "get", op(
        "getReceivables", "Payments", "The receivables ageing",
        parameters=[
            {"name": "asOf", "in": "query", "required": False,
             "description": "The day (YYYY-MM-DD, years 1900–2999) the report is as of; default today in the company time zone.",
             "schema": {"type": "string", "format": "date", "pattern": BUSINESS_DAY_PATTERN}},
            {"name": "accountId", "in": "query", "required": False, "description": "Only this account.",
             "schema": uuid()},
        ],
        description="The open balances of the invoices the caller may see (finance users see all) as they stood at the "
                    "end of `asOf`: invoices issued by then and not cancelled by then, less the payments dated by then "
                    "and not reversed by then, each aged by days past due into current, 1–30, 31–60, 61–90 and over 90 "
                    "days; with each account's credit (unallocated payments). Other parameters are ignored.",
        responses={200: ok("Receivables"),
                   400: problem(400, ["invalid-query"], "asOf is not a date or accountId is not a UUID"),
                   401: U401}))


def bank_operations():
    add("/bank-statements", "get", op(
        "listBankStatements", "Bank reconciliation", "List imported bank statements",
        parameters=[
            {"name": "limit", "in": "query", "required": False, "description": "How many statements at most.",
             "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
            {"name": "before", "in": "query", "required": False,
             "description": "Only statements imported before this RFC 3339 UTC timestamp: pass the last item's "
                            "`importedAt` for the next, older ones.", "schema": ts()},
        ],
        description="All imported statements, newest first, with their line and match counts. Other parameters are "
                    "ignored.",
        responses={200: ok("BankStatementSummaryPage"),
                   400: problem(400, ["invalid-query"], "limit is not 1 to 200, or before is not a timestamp"),
                   401: U401, 403: problem(403, detail=BANK_403)}))
    add("/bank-statements", "post", op(
        "importBankStatement", "Bank reconciliation", "Import a bank statement file",
        parameters=[
            {"name": "profileId", "in": "query", "required": False,
             "description": "CSV only: the statement profile to read the file with (see `GET /bank-statement-profiles`); "
                            "default the built-in `Standard` profile.", "schema": uuid()},
            {"name": "currency", "in": "query", "required": False,
             "description": "CSV only: the ISO 4217 currency of lines without a currency column; default the company's "
                            "base currency.", "schema": {"type": "string", "pattern": CURRENCY_PATTERN},
             "example": "EUR"},
            {"name": "name", "in": "query", "required": False,
             "description": "A name for the statement (its first 200 characters are kept).", "schema": {"type": "string"}},
        ],
        request={"required": True, "description": "The statement file itself, at most 8 MiB (not JSON).",
                 "content": {"text/csv": {"schema": {"type": "string", "minLength": 1}},
                             "application/xml": {"schema": {"type": "string", "minLength": 1}},
                             "text/xml": {"schema": {"type": "string", "minLength": 1}}}},
        description="Reads a CSV export (`text/csv`, UTF-8 or Latin-1) through a statement profile, or an ISO 20022 "
                    "CAMT.053 statement (`application/xml` or `text/xml`) whose booked entries carry their currency and "
                    "credit or debit sign, and stores it in one transaction: one unreadable row and nothing is "
                    "imported. Lines imported before (same date, amount, currency and reference) are answered with "
                    "`duplicate: true` and not stored again. Nothing is matched yet (see reconcile).",
        responses={201: created("BankStatement", "/api/v1/bank-statements/{id}"),
                   400: problem(400, detail="The body is empty, or the CSV file is not text"), 401: U401,
                   403: write_403(BANK_403),
                   413: problem(413, detail="The file is larger than 8 MiB"),
                   415: problem(415, detail="The Content-Type is neither text/csv nor application/xml (or text/xml)"),
                   422: problem(422, detail="`errors` names `profileId` or `currency` when invalid; `file` when it is "
                                            "empty, not a CAMT.053 document or without lines; each column setting of "
                                            "the profile (`dateColumn`, `amountColumn`, `referenceColumn`, "
                                            "`currencyColumn`) whose header is missing; and each unreadable row as "
                                            "`lines[N]` (its line in the file) or `entries[N]` (CAMT.053)")}))
    add("/bank-statements/{id}", "get", op(
        "getBankStatement", "Bank reconciliation", "Get a bank statement", parameters=[STATEMENT_ID_PARAM],
        description="With its lines in file order; each unmatched line lists the payments it could be.",
        responses={200: ok("BankStatement"), 401: U401, 403: problem(403, detail=BANK_403),
                   404: problem(404, detail=BANK_404)}))
    add("/bank-statements/{id}/reconcile", "post", op(
        "reconcileBankStatement", "Bank reconciliation", "Match a statement's lines automatically",
        parameters=[STATEMENT_ID_PARAM],
        description="Each unmatched line of money received is matched to a posted payment the caller may see, not "
                    "matched elsewhere, of the same amount and currency, dated at most 7 days apart, whose number, own "
                    "reference (4 characters or more) or one of whose invoices' numbers the line's reference contains. "
                    "Failing that, when the reference names an open invoice (`INV-…`) in the line's currency whose "
                    "balance is at least the amount, a `bankTransfer` payment of the line's date, amount and reference "
                    "is recorded, allocated to that invoice, and matched. Other lines stay unmatched. The answer counts "
                    "both in `matched` and `paymentsCreated`." + NO_BODY,
        responses={200: ok("BankStatement"), 401: U401, 403: write_403(BANK_403), 404: problem(404, detail=BANK_404)}))
    add("/bank-statements/{id}/lines/{lineId}/match", "post", op(
        "matchBankLine", "Bank reconciliation", "Match a statement line to a payment by hand",
        parameters=[STATEMENT_ID_PARAM, LINE_ID_PARAM], request=body("LineMatch"),
        description="Confirms that an unmatched line is a recorded payment: posted, of the line's amount and currency, "
                    "and not matched to another line. Answers the statement.",
        responses={200: ok("BankStatement"), **BODY_ERRORS, 401: U401, 403: write_403(BANK_403),
                   404: problem(404, detail="The statement or its line does not exist, or the payment does not exist "
                                            "or the caller may not see it"),
                   409: problem(409, ["line-matched", "payment-matched"],
                                "`line-matched`: unmatch the line first; `payment-matched`: the payment is another "
                                "line's"),
                   422: problem(422, ["validation", "amount-mismatch"],
                                "`errors` names each invalid or unknown field; `amount-mismatch` when the payment is "
                                "reversed or its amount or currency differs from the line's")}))
    add("/bank-statements/{id}/lines/{lineId}/unmatch", "post", op(
        "unmatchBankLine", "Bank reconciliation", "Unmatch a statement line",
        parameters=[STATEMENT_ID_PARAM, LINE_ID_PARAM],
        description="The line is unmatched again; the payment stays recorded with its allocations (reverse it "
                    "separately if it was wrong). An unmatched line stays as it is. Answers the statement." + NO_BODY,
        responses={200: ok("BankStatement"), 401: U401, 403: write_403(BANK_403),
                   404: problem(404, detail="The statement or its line does not exist")}))
    add("/bank-statement-profiles", "get", op(
        "listStatementProfiles", "Bank reconciliation", "List CSV statement profiles",
        description="The built-in `Standard` profile first (comma-separated `date,amount,reference,counterparty` with "
                    "ISO dates and a decimal point), then the stored ones by name.",
        responses={200: ok("StatementProfilePage"), 401: U401, 403: problem(403, detail=BANK_403)}))
    add("/bank-statement-profiles", "post", op(
        "createStatementProfile", "Bank reconciliation", "Create a CSV statement profile",
        request=body("StatementProfileCreate"),
        responses={201: created("StatementProfile", None), **BODY_ERRORS, 401: U401, 403: write_403(BANK_403),
                   422: problem(422, detail="`errors` names each invalid or unknown field, `name` also when another "
                                            "profile has it")}))


# ================================================================ schemas: activities and calendar

RECURRENCE_DESC = ("A repeat rule in the RFC 5545 RRULE subset Furrow supports (an `RRULE:` prefix is allowed, names "
                   "and values are case-insensitive): `FREQ=DAILY`, `WEEKLY` or `MONTHLY`; optional `INTERVAL` (1 to "
                   "366); an optional end by `COUNT` (1 to 1000) or `UNTIL` (`YYYYMMDD` or `YYYYMMDDTHHMMSSZ`), not "
                   "both; `BYDAY` (`MO`…`SU`, comma-separated) with `WEEKLY` only. Occurrences repeat the start's "
                   "wall-clock time in the company time zone; months without the start's day are skipped. It needs a "
                   "start or due time and must not end before it.")
TIME_IN = "An RFC 3339 UTC timestamp (ending in `Z`); null clears it."


def activity_fields():
    """The fields an activity body may set, besides type and subject (required on create)."""
    return {
        "description": in_str("Details; empty or null clears it.", 5000),
        "regarding": nullable("RegardingRefInput", "The record the activity is about, one the caller can see; null "
                                                   "clears it."),
        "ownerId": uuid("The owning user (an active user). Only managers and administrators may give an activity to "
                        "someone other than themselves. Absent or null: the caller on create, unchanged on update.", True),
        "dueAt": s("When a task, call or email is due. " + TIME_IN, type=["string", "null"], format="date-time"),
        "startAt": s("When it starts; required for appointments and service visits, and with endAt. " + TIME_IN,
                     type=["string", "null"], format="date-time"),
        "endAt": s("When it ends, not before startAt; required for appointments and service visits. " + TIME_IN,
                   type=["string", "null"], format="date-time"),
        "allDay": s("Whether it takes whole days (in the company time zone); absent: false on create, unchanged on "
                    "update; null: false.", type=["boolean", "null"]),
        "location": in_str("Where it takes place; empty or null clears it.", 200),
        "attendees": s("Replaces the attendees (at most 100): existing users and contacts the caller can see; null or "
                       "`[]` removes them all.", type=["array", "null"], items=ref("AttendeeRefInput"), maxItems=100),
        "reminderAt": s("When to remind the owner (an in-app notification, and an email when their preferences say "
                        "so). It moves with the activity when the time changes and it is left as it was. " + TIME_IN,
                        type=["string", "null"], format="date-time"),
        "recurrence": s(RECURRENCE_DESC + " Empty or null clears it.", type=["string", "null"],
                        examples=["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10", "FREQ=MONTHLY;UNTIL=20261231"]),
    }


def activity_schemas():
    return {
        "ActivityType": s("What kind of activity: `appointment` and `serviceVisit` are held from startAt to endAt "
                          "(calendar events); `task`, `phoneCall` and `email` are due at dueAt (to-dos).",
                          type="string", enum=ACTIVITY_TYPES),
        "ActivityStatus": s("`open` → `completed` (with an outcome) or `cancelled`; a closed activity can be reopened.",
                            type="string", enum=ACTIVITY_STATUSES),
        "RegardingType": s("The kind of record an activity is about.", type="string", enum=REGARDING_TYPES),
        "RegardingRef": {
            "type": "object",
            "description": "The record an activity is about.",
            "required": ["type", "id"],
            "properties": {"type": ref("RegardingType"), "id": uuid()},
        },
        "RegardingRefInput": {
            "type": "object",
            "description": "The record an activity is about. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["type", "id"],
            "properties": {"type": ref("RegardingType"), "id": uuid()},
        },
        "AttendeeRef": {
            "type": "object",
            "description": "Someone taking part: a user or a contact.",
            "required": ["type", "id"],
            "properties": {"type": s(type="string", enum=ATTENDEE_TYPES), "id": uuid()},
        },
        "AttendeeRefInput": {
            "type": "object",
            "description": "Someone taking part: an existing user, or a contact the caller can see. Unknown fields are "
                           "refused (422).",
            "additionalProperties": False,
            "required": ["type", "id"],
            "properties": {"type": s(type="string", enum=ATTENDEE_TYPES), "id": uuid()},
        },
        "Activity": {
            "type": "object",
            "description": "A task, phone call, appointment, email or service visit, optionally regarding a record. "
                           "Optional fields are omitted when empty.",
            "required": ["id", "type", "subject", "ownerId", "allDay", "attendees", "status", "sequence", "version",
                         "createdAt", "updatedAt"],
            "properties": {
                "id": uuid(),
                "type": ref("ActivityType"),
                "subject": s(type="string", maxLength=200),
                "description": opt_str(maxLength=5000),
                "regarding": nullable("RegardingRef"),
                "ownerId": uuid(),
                "dueAt": opt_ts("When a task, call or email is due."),
                "startAt": opt_ts("When it starts; always present for appointments and service visits."),
                "endAt": opt_ts("When it ends; always present for appointments and service visits."),
                "allDay": s("Whether it takes whole days in the company time zone.", type="boolean"),
                "location": opt_str(maxLength=200),
                "attendees": s(type="array", items=ref("AttendeeRef")),
                "reminderAt": opt_ts("When the owner is reminded."),
                "remindedAt": opt_ts("When the reminder fired; cleared when reminderAt changes."),
                "status": ref("ActivityStatus"),
                "outcome": opt_str("What came of it, given on completion.", maxLength=2000),
                "recurrence": opt_str("The repeat rule, normalised (parts in the order FREQ, INTERVAL, BYDAY, COUNT, "
                                      "UNTIL; UNTIL as `YYYYMMDDTHHMMSSZ`).",
                                      examples=["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10"]),
                "completedAt": opt_ts("When it was completed; cleared on reopen."),
                "sequence": s("Bumped whenever the time (due, start, end, all-day, recurrence) changes, for calendar "
                              "clients (the iCalendar SEQUENCE).", type="integer", minimum=0),
                "version": VERSION,
                "createdAt": ts(),
                "updatedAt": ts(),
            },
        },
        "ActivityCreate": {
            "type": "object",
            "description": "A new activity, status `open`, or `completed` to log one that already happened (a call) with its "
                           "outcome in one step. Appointments and service visits need startAt and endAt. Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["type", "subject"],
            "properties": {
                "type": ref("ActivityType"),
                "subject": s("What it is about (trimmed, required).", type="string", minLength=1, maxLength=200),
                **activity_fields(),
                "status": s("`open` (the default) or `completed`; `cancelled` is refused (422).", type="string", enum=["open", "completed"]),
                "outcome": s("What came of it; kept with status `completed`, refused otherwise (422).", type=["string", "null"], maxLength=2000),
                **IGNORED, **IGNORED_VERSION, **IGNORED_TEAM,
            },
        },
        "ActivityPatch": {
            "type": "object",
            "description": "Changes to an activity (of any status): absent fields are unchanged, null clears a field. "
                           "The result is checked as a whole, so e.g. turning a task into an appointment needs startAt "
                           "and endAt. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "type": nullable("ActivityType", "Absent or null: unchanged."),
                "subject": s("What it is about (trimmed, cannot be cleared).", type="string", minLength=1, maxLength=200),
                **activity_fields(),
                **PATCH_VERSION,
                "status": s("Changed only by complete, cancel and reopen; accepted and ignored."),
                "outcome": s("Set only by complete; accepted and ignored."),
                "completedAt": s("Set only by complete; accepted and ignored."),
                "remindedAt": s("Set when the reminder fires; accepted and ignored."),
                "sequence": s("Server-owned; accepted and ignored."),
                **IGNORED, **IGNORED_TEAM,
            },
        },
        "ActivityComplete": {
            "type": "object",
            "description": "How an activity ended. Unknown fields are refused (422).",
            "additionalProperties": False,
            "properties": {
                "outcome": in_str("What came of it (trimmed); absent, empty or null keeps the current outcome.", 2000),
            },
        },
        "ActivityReschedule": {
            "type": "object",
            "description": "A new time for an open activity (a calendar drag). Unknown fields are refused (422).",
            "additionalProperties": False,
            "required": ["start"],
            "properties": {
                "start": s("The new start (or due time, for an activity without a start), an RFC 3339 UTC timestamp.",
                           type="string", format="date-time"),
            },
        },
        "ActivityPage": page("Activity", "A page of activities."),
        "MyActivities": {
            "type": "object",
            "description": "The caller's own open activities by day in the company time zone (at most 500 in all), "
                           "each group soonest first.",
            "required": ["overdue", "today", "upcoming", "undated"],
            "properties": {
                "overdue": s("Due or starting on an earlier day.", type="array", items=ref("Activity")),
                "today": s("Due or starting today.", type="array", items=ref("Activity")),
                "upcoming": s("Due or starting in the 14 days after today.", type="array", items=ref("Activity")),
                "undated": s("Without a due or start time.", type="array", items=ref("Activity")),
            },
        },
        "CalendarEntry": {
            "type": "object",
            "description": "One calendar entry: an occurrence of an activity, or an opportunity on its expected close "
                           "date. Optional fields are omitted when empty.",
            "required": ["kind", "id", "title", "status", "start", "allDay", "recurring", "invited", "ownerId", "url"],
            "properties": {
                "kind": s(type="string", enum=["activity", "opportunity"]),
                "id": uuid("The activity's or opportunity's id; every occurrence of a recurring activity has its id."),
                "title": s("The activity's subject or the opportunity's name.", type="string"),
                "type": s("The activity's type; omitted for opportunities.", anyOf=[ref("ActivityType"), {"type": "null"}]),
                "status": s("The activity's status (`open` or `completed`) or the opportunity's (`inProgress`, `won`, "
                            "`lost`).", type="string", enum=["open", "completed"] + CALENDAR_STATUSES),
                "start": ts("When the occurrence starts (or is due); for all-day entries, the start of the day in the "
                            "company time zone."),
                "end": opt_ts("When the occurrence ends; omitted when the activity has no end and for opportunities."),
                "day": opt_str("All-day entries: their day (YYYY-MM-DD) in the company time zone.", format="date"),
                "allDay": s(type="boolean"),
                "recurring": s("Whether the entry is an occurrence of a recurring activity.", type="boolean"),
                "invited": s("Whether the caller is invited to it as an attendee (another user owns it).", type="boolean"),
                "ownerId": uuid(),
                "url": s("The record's web page, e.g. `/activities/{id}` or `/opportunities/{id}`.", type="string",
                         examples=["/activities/0b5e1c7e-8c2d-4f7a-9a51-2f1e3c4d5e6f"]),
            },
        },
        "Calendar": {
            "type": "object",
            "description": "The calendar entries starting in `[from, to)`, by start, then title.",
            "required": ["from", "to", "timeZone", "items"],
            "properties": {
                "from": ts("The window's start."),
                "to": ts("The window's end (exclusive)."),
                "timeZone": s("The company time zone all-day entries and recurrences use (IANA).", type="string",
                              examples=["Europe/Berlin"]),
                "items": s(type="array", items=ref("CalendarEntry")),
            },
        },
        "CalendarFeed": {
            "type": "object",
            "description": "The caller's secret iCalendar feed address (RFC 5545), for subscribing from Outlook, Google "
                           "or Apple calendars. Anyone with the address can read the feed: keep it secret.",
            "required": ["url", "path"],
            "properties": {
                "url": s("The full address, built from the request's host.", type="string", format="uri",
                         examples=["http://crm.example.com/calendar/3q2kXzR8vJ0bN5mT1wYcLh9eFa.ics"]),
                "path": s("The address's path, `/calendar/{token}.ics` (outside `/api/v1`).", type="string",
                          examples=["/calendar/3q2kXzR8vJ0bN5mT1wYcLh9eFa.ics"]),
            },
        },
        "Preferences": {
            "type": "object",
            "description": "The signed-in user's own choices.",
            "required": ["emailReminders"],
            "properties": {
                "emailReminders": s("Whether reminders also come by email (default false); they always come as "
                                    "in-app notifications.", type="boolean"),
            },
        },
        "PreferencesPatch": {
            "type": "object",
            "description": "Changes to the caller's preferences: absent or null fields are unchanged. Unknown fields are "
                           "refused (422).",
            "additionalProperties": False,
            "properties": {
                "emailReminders": s("Whether reminders also come by email.", type=["boolean", "null"]),
            },
        },
    }


# ================================================================ operations: activities and calendar

ACTIVITY_LIST = dict(                                                             # ListFields.activities
    sortable=["createdAt", "dueAt", "startAt", "subject", "when"],
    filters=[("status", "text", {"type": "string", "enum": ACTIVITY_STATUSES}),
             ("type", "text", {"type": "string", "enum": ACTIVITY_TYPES}),
             ("ownerId", "id"),
             ("regardingType", "text", {"type": "string", "enum": REGARDING_TYPES}),
             ("regardingId", "id"),
             ("dueAt", "date"), ("startAt", "date"),
             ("when", "date"), ("createdAt", "date")],
    default_sort="-createdAt",
    q="Only activities whose subject contains this text (case-insensitive).")
ACTIVITY_404 = problem(404, detail="The activity does not exist or the caller may not see it")
ACTIVITY_VERB_403 = write_403(CHANGE_403)


def activity_operations():
    add("/activities", "get", op(
        "listActivities", "Activities", "List activities", parameters=list_params(**ACTIVITY_LIST),
        description="The activities the caller may see, in keyset-paginated pages, newest first by default. `when` is "
                    "startAt, else dueAt.",
        responses={200: ok("ActivityPage"), 400: LIST_400, 401: U401}))
    add("/activities", "post", op(
        "createActivity", "Activities", "Create an activity", request=body("ActivityCreate"),
        description="The activity starts `open`, owned by the caller unless `ownerId` names someone else (managers and "
                    "administrators only).",
        responses={201: created("Activity", "/api/v1/activities/{id}"), **BODY_ERRORS, 401: U401,
                   403: write_403("Read-only users cannot create records; only managers and administrators give "
                                  "activities to others")}))
    add("/activities/regarding/{type}/{id}", "get", op(
        "listRegardingActivities", "Activities", "Get a record's activity timeline",
        parameters=[
            {"name": "type", "in": "path", "required": True,
             "description": "The kind of record (an unknown kind answers 404).", "schema": ref("RegardingType")},
            dict(ID_PARAM, description="The record's id (a malformed id answers 404)."),
        ],
        description="The activities regarding one record the caller may see, in one page: open ones first, soonest "
                    "first (undated last), then completed and cancelled ones, most recently closed first. It holds "
                    "the activities the caller may see, and those sharing the record's owner and team.",
        responses={200: ok("ActivityPage"), 401: U401,
                   404: problem(404, detail="The record does not exist or the caller may not see it")}))
    add("/activities/{id}", "get", op(
        "getActivity", "Activities", "Get an activity", parameters=[ACTIVITY_ID_PARAM],
        responses={200: ok("Activity"), 401: U401, 404: ACTIVITY_404}))
    add("/activities/{id}", "patch", op(
        "updateActivity", "Activities", "Update an activity", parameters=[ACTIVITY_ID_PARAM, IF_MATCH],
        request=body("ActivityPatch"),
        description="Requires the current version as `If-Match: \"N\"` or `version` in the body. A changed time "
                    "bumps `sequence` and re-arms the reminder. The status changes only through complete, cancel and "
                    "reopen.",
        responses={200: ok("Activity"), **BODY_ERRORS, 401: U401,
                   403: write_403("The caller's role cannot change the record, or only managers and administrators "
                                  "give activities to others"),
                   404: ACTIVITY_404, 412: problem(412), 428: problem(428)}))
    add("/activities/{id}/complete", "post", op(
        "completeActivity", "Activities", "Complete an activity", parameters=[ACTIVITY_ID_PARAM],
        request={**body("ActivityComplete", "Optional: no body (or `{}`) completes without an outcome."),
                 "required": False},
        description="An open activity becomes `completed` at the current time, with the outcome if one is given.",
        responses={200: ok("Activity"), **BODY_ERRORS, 401: U401, 403: ACTIVITY_VERB_403, 404: ACTIVITY_404,
                   409: problem(409, ["activity-not-open"])}))
    add("/activities/{id}/cancel", "post", op(
        "cancelActivity", "Activities", "Cancel an activity", parameters=[ACTIVITY_ID_PARAM],
        description="An open activity becomes `cancelled`. No body is read.",
        responses={200: ok("Activity"), 401: U401, 403: ACTIVITY_VERB_403, 404: ACTIVITY_404,
                   409: problem(409, ["activity-not-open"])}))
    add("/activities/{id}/reopen", "post", op(
        "reopenActivity", "Activities", "Reopen a completed or cancelled activity", parameters=[ACTIVITY_ID_PARAM],
        description="The activity goes back to `open` and loses its completion time; its outcome is kept. No body is "
                    "read.",
        responses={200: ok("Activity"), 401: U401, 403: ACTIVITY_VERB_403, 404: ACTIVITY_404,
                   409: problem(409, ["activity-open"])}))
    add("/activities/{id}/reschedule", "post", op(
        "rescheduleActivity", "Activities", "Move an activity to a new time", parameters=[ACTIVITY_ID_PARAM],
        request=body("ActivityReschedule"),
        description="Moves an open activity's start to `start`, keeping its length (or its due time, when it has no "
                    "start); a reminder moves along and is re-armed, and `sequence` is bumped. Needs no version.",
        responses={200: ok("Activity"), **BODY_ERRORS, 401: U401, 403: ACTIVITY_VERB_403, 404: ACTIVITY_404,
                   409: problem(409, ["activity-not-open"])}))
    add("/me/activities", "get", op(
        "listMyActivities", "Activities", "The signed-in user's open activities by day",
        description="The caller's own open activities grouped by day in the company time zone: overdue, today, "
                    "upcoming (the next 14 days) and undated.",
        responses={200: ok("MyActivities"), 401: U401}))
    add("/me/preferences", "get", op(
        "getPreferences", "Activities", "The signed-in user's preferences",
        responses={200: ok("Preferences"), 401: U401}))
    add("/me/preferences", "patch", op(
        "updatePreferences", "Activities", "Change the signed-in user's preferences", request=body("PreferencesPatch"),
        description="Needs no version. Answers the preferences after the change.",
        responses={200: ok("Preferences"), **BODY_ERRORS, 401: U401, 403: problem(403, detail=CSRF)}))


def calendar_operations():
    instant = {"type": "string", "description": "An RFC 3339 UTC timestamp, or a day (YYYY-MM-DD) taken as its start "
                                                "in UTC, in the years 1900–2999.",
               "pattern": "^(19[0-9]{2}|2[0-9]{3})" + DATE_VALUE["pattern"][len("^[0-9]{4}"):], "examples": ["2026-03-01", "2026-03-01T00:00:00Z"]}
    add("/calendar", "get", op(
        "getCalendar", "Calendar", "Get the calendar of a time window",
        parameters=[
            query_param("from", "The window's start (inclusive).", instant) | {"required": True},
            query_param("to", "The window's end (exclusive): after `from`, at most 500 days later.", instant)
            | {"required": True},
            query_param("ownerId", "Only entries of this owner; default every owner the caller may see.", uuid()),
        ],
        description="The entries starting in the window the caller may see, by start: activities that are not "
                    "cancelled, a recurring one once per occurrence (its rule expanded in the company time zone), and "
                    "the opportunities the settings' `calendarStates` select, all-day on their expected close date. "
                    "No other parameters are accepted.",
        responses={200: ok("Calendar"),
                   400: problem(400, ["invalid-query"], "from or to is missing or invalid, ownerId is not an id, or "
                                                        "another parameter was sent"),
                   401: U401,
                   422: problem(422, detail="`errors` names `to` when it is not after `from` or more than 500 days "
                                            "after it")}))
    feed_note = ("The feed at `GET /calendar/{token}.ics` (outside `/api/v1`, no sign-in: the token is the key) serves "
                 "the caller's activities from 90 days back to a year ahead and the opportunities of `calendarStates` "
                 "as `text/calendar`.")
    add("/me/calendar-feed", "get", op(
        "getCalendarFeed", "Calendar", "The signed-in user's calendar feed address",
        description="Makes the secret address on first use. " + feed_note,
        responses={200: ok("CalendarFeed"), 401: U401}))
    add("/me/calendar-feed/rotate", "post", op(
        "rotateCalendarFeed", "Calendar", "Give the calendar feed a new address",
        description="A new secret: the old address stops working at once. No body is read.",
        responses={200: ok("CalendarFeed"), 401: U401, 403: problem(403, detail=CSRF)}))
    add("/me/calendar-feed", "delete", op(
        "revokeCalendarFeed", "Calendar", "Switch the calendar feed off",
        description="The address stops working; `GET /me/calendar-feed` makes a new one.",
        responses={204: NO_CONTENT, 401: U401, 403: problem(403, detail=CSRF)}))


def build_document():
    schemas = {**backbone_schemas(), **catalog_schemas(), **lead_schemas(), **opportunity_schemas(), **board_schemas(), **report_schemas(),
               **notification_schemas(), **sales_schemas(), **mail_schemas(), **order_schemas(), **ledger_schemas(),
               **activity_schemas(), **problem_schemas()}
    backbone_operations()
    catalog_operations()
    lead_operations()
    opportunity_operations()
    board_operations()
    report_operations()
    import_operations()
    notification_operations()
    product_operations()
    quote_operations()
    mail_operations()
    order_lifecycle_operations()
    invoice_operations()
    payment_operations()
    bank_operations()
    activity_operations()
    calendar_operations()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Furrow API",
            "version": "1.0.0",
            "description": DESCRIPTION,
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "tags": TAGS,
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "An API token from `POST /auth/tokens`, sent as `Authorization: Bearer <token>`."},
            },
            "schemas": schemas,
        },
    }


def main():
    text = json.dumps(build_document(), indent=2, ensure_ascii=False) + "\n"
    out = sys.argv[1] if len(sys.argv) > 1 else "Sources/FurrowAPI/Resources/openapi.json"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
