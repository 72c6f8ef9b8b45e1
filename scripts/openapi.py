#!/usr/bin/env python3
"""Generates Sources/FurrowAPI/Resources/openapi.json: run `python3 scripts/openapi.py` from the package root after changing the API."""
import json
import sys

SLUGS = [
    "malformed-request", "invalid-query", "unauthorized", "forbidden", "not-found", "method-not-allowed",
    "version-conflict", "version-required", "validation", "duplicate-suspected", "hierarchy-cycle",
    "merge-with-self", "has-dependents", "already-set-up", "email-taken", "too-many-attempts",
    "payload-too-large", "unsupported-media-type", "internal",
]
ROLES = ["admin", "manager", "sales", "service", "finance", "readonly"]
PARTY_TYPES = ["account", "contact"]
SEARCH_TYPES = ["account", "contact", "lead", "opportunity"]
AUDIT_ENTITIES = ["account", "contact", "connection", "user", "team", "settings"]


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
    "id": s("Server-owned; accepted and ignored.", type="string"),
    "createdAt": s("Server-owned; accepted and ignored.", type="string"),
    "updatedAt": s("Server-owned; accepted and ignored.", type="string"),
}
IGNORED_VERSION = {"version": s("Server-owned; accepted and ignored on create.", type=["integer", "null"])}
IGNORED_TEAM = {"teamId": s("Derived from the owner; accepted and ignored.", type=["string", "null"])}
PATCH_VERSION = {"version": s("The expected current version, when not sent as `If-Match: \"N\"` (the header wins). "
                              "A stale version answers 412 `version-conflict`.", type=["integer", "null"], minimum=1)}

# ---------------------------------------------------------------- schemas

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


def page(item, desc):
    return {
        "type": "object",
        "description": desc,
        "required": ["items"],
        "properties": {
            "items": {"type": "array", "items": ref(item)},
            "nextCursor": s("The cursor of the next page; absent (or null) on the last page.", type=["string", "null"]),
        },
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
              "team's records; readonly reads like sales and writes nothing.", type="string", enum=ROLES),
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
        "required": ["companyName", "companyAddress", "timeZone", "baseCurrency", "quoteWord"],
        "properties": {
            "companyName": s(type="string", maxLength=200),
            "companyAddress": s(type="string", maxLength=500),
            "timeZone": s("An IANA time zone identifier.", type="string", examples=["Europe/Berlin"]),
            "baseCurrency": s("An ISO 4217 currency code.", type="string", pattern="^[A-Z]{3}$", examples=["EUR"]),
            "quoteWord": s("What the company calls a quote.", type="string", maxLength=30),
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
        },
    },
    "AccountPage": page("Account", "A page of accounts."),
    "ContactPage": page("Contact", "A page of contacts."),
    "UserPage": page("User", "All users (one page)."),
    "TeamPage": page("Team", "All teams (one page)."),
    "ConnectionPage": page("Connection", "All visible connections of a party (one page)."),
    "AuditPage": page("AuditEntry", "The audit trail of one record (one page)."),
    "SearchPage": page("SearchResult", "Search results (one page)."),
    "FieldError": {
        "type": "object",
        "required": ["field", "message"],
        "properties": {"field": s(type="string"), "message": s(type="string")},
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
            "incidentId": s("`internal`: the id under which the error was logged.", type="string"),
        },
    },
}

# ---------------------------------------------------------------- errors

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


# ---------------------------------------------------------------- parameters

ID_PARAM = {"name": "id", "in": "path", "required": True, "description": "The record's id (a malformed id answers 404).",
            "schema": uuid()}
IF_MATCH = {
    "name": "If-Match", "in": "header", "required": False,
    "description": "The expected current version as `\"N\"` (or `W/\"N\"`). Required unless `version` is sent in the "
                   "body; a stale one answers 412 `version-conflict`.",
    "schema": {"type": "string", "pattern": "^(W/)?\"[0-9]+\"$"}, "example": "\"3\"",
}
IF_MATCH_USER = dict(IF_MATCH, description="The expected current version as `\"N\"` (or `W/\"N\"`), or send `version` "
                                            "in the body; optional for users. A stale one answers 412 `version-conflict`.")
ALLOW_DUPLICATE = {
    "name": "allowDuplicate", "in": "query", "required": False,
    "description": "`true` (or `1`) creates the record even when likely duplicates exist; otherwise they answer 409 "
                   "`duplicate-suspected` with the `matches`.",
    "schema": {"type": "boolean", "default": False},
}


def list_params(sortable, filters, default_sort, ignore=()):
    sort_alt = "|".join(sortable)
    params = [
        {"name": "limit", "in": "query", "required": False, "description": "Page size.",
         "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
        {"name": "cursor", "in": "query", "required": False,
         "description": "The `nextCursor` of the previous page, used with the same `sort`.", "schema": {"type": "string"}},
        {"name": "sort", "in": "query", "required": False,
         "description": f"Comma-separated sort fields, `-` prefix for descending. Sortable: {', '.join(sortable)}. "
                        f"Default: `{default_sort}`. The id breaks ties.",
         "schema": {"type": "string", "pattern": f"^-?({sort_alt})(,-?({sort_alt}))*$", "default": default_sort}},
        {"name": "q", "in": "query", "required": False, "description": "Free-text filter.", "schema": {"type": "string"}},
    ]
    for name, kind in filters:
        if name in ignore:
            continue
        if kind == "id":
            params.append({"name": name, "in": "query", "required": False,
                           "description": f"Only records whose {name} is one of these ids (repeat the parameter for several).",
                           "style": "form", "explode": True,
                           "schema": {"type": "array", "items": uuid()}})
        elif kind == "text":
            params.append({"name": name, "in": "query", "required": False,
                           "description": f"Only records whose {name} equals one of these values (repeat the parameter for several).",
                           "style": "form", "explode": True,
                           "schema": {"type": "array", "items": {"type": "string"}}})
        else:
            date_schema = {"type": "string", "description": "A date (YYYY-MM-DD) or an RFC 3339 UTC timestamp.",
                           "examples": ["2026-01-31", "2026-01-31T12:00:00Z"]}
            params.append({"name": name, "in": "query", "required": False,
                           "description": f"Only records whose {name} equals this date or timestamp.",
                           "schema": date_schema})
            for op, word in [("gt", "after"), ("gte", "at or after"), ("lt", "before"), ("lte", "at or before")]:
                params.append({"name": f"{name}[{op}]", "in": "query", "required": False,
                               "description": f"Only records whose {name} is {word} this date or timestamp.",
                               "schema": date_schema})
    return params


ACCOUNT_LIST = dict(sortable=["name", "createdAt", "updatedAt", "industry"],
                    filters=[("ownerId", "id"), ("parentAccountId", "id"), ("industry", "text"),
                             ("createdAt", "date"), ("updatedAt", "date")],
                    default_sort="name")
CONTACT_LIST = dict(sortable=["lastName", "firstName", "createdAt", "updatedAt"],
                    filters=[("ownerId", "id"), ("accountId", "id"), ("createdAt", "date"), ("updatedAt", "date")],
                    default_sort="lastName,firstName")
LIST_400 = problem(400, ["invalid-query"], "Unknown parameter or operator, unsortable field, bad value, or a cursor "
                                           "that does not belong to the sort order")

# ---------------------------------------------------------------- operations


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


add("/openapi.json", "get", op(
    "getOpenApiDocument", "Meta", "This OpenAPI document", security=[],
    responses={200: {"description": "The OpenAPI 3.1 document of the API.",
                     "content": {"application/json": {"schema": {"type": "object"}}}},
               401: problem(401, detail="An Authorization header was sent that is not a valid bearer token")}))

# Auth
add("/auth/tokens", "post", op(
    "createToken", "Auth", "Sign in and get an API token", security=[],
    description="Checks the email and password and issues a bearer token valid for 30 days. Failed sign-ins are "
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
    description="Its connections are deleted with it.",
    responses={204: NO_CONTENT, 401: U401, 403: write_403("The caller's role cannot change the record"),
               404: problem(404)}))
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
    description="Matches fragments of names, emails and phone numbers in the records the caller may see. A query "
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
    description="The audit entries of one record the caller may see; users, teams, settings, connections and "
                "deleted records only for administrators. No other parameters are accepted.",
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

DESCRIPTION = """The JSON API of Furrow, an open-source CRM. Conventions:

- **Authentication**: send `Authorization: Bearer <token>`; get a token from `POST /auth/tokens` and revoke it with `DELETE /auth/tokens/current`. The web UI's session cookie also works, and then changing requests need its `X-CSRF-Token` header.
- **Bodies** are JSON objects sent as `application/json` (at most 1 MiB). Unknown fields are refused with 422 `validation`; server-owned fields (`id`, `version`, `createdAt`, `updatedAt`, `teamId` of accounts and contacts) are accepted and ignored. In a PATCH an absent field is unchanged and `null` clears it.
- **Money** amounts are decimal strings (e.g. `"1234.50"`), never floating-point numbers, with an ISO 4217 currency code.
- **Timestamps** are RFC 3339 UTC strings with milliseconds, e.g. `2026-11-22T15:04:05.123Z`. Ids are lower-case UUIDs. Optional fields without a value are omitted from responses.
- **Lists** are keyset-paginated: a page is `{items, nextCursor}`; pass `nextCursor` as `cursor` (with the same `sort`) for the next page; it is absent on the last page. `limit` is 1 to 200 (default 50); `sort` takes comma-separated fields with a `-` prefix for descending; filters are `?field=value` (repeat for alternatives) and `field[gt|gte|lt|lte]=value` on date fields. Unknown parameters are refused with 400 `invalid-query`.
- **Concurrency** is optimistic: every record has a `version`; changes must send it as `If-Match: "N"` (or `version` in the body). A stale version answers 412 `version-conflict` with `currentVersion`; a missing one answers 428 `version-required`.
- **Errors** are RFC 9457 `application/problem+json` documents with a stable `type` slug (see the `Problem` schema). Records the caller may not see are reported as 404 `not-found`, never 403. Any request may also answer 500 `internal` with an `incidentId`. Every response carries an `X-Request-Id` header."""

document = {
    "openapi": "3.1.0",
    "info": {
        "title": "Furrow API",
        "version": "1.0.0",
        "description": DESCRIPTION,
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "tags": [
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
    ],
    "paths": paths,
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "An API token from `POST /auth/tokens`, sent as `Authorization: Bearer <token>`."},
        },
        "schemas": schemas,
    },
}

text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
out = sys.argv[1] if len(sys.argv) > 1 else "Sources/FurrowAPI/Resources/openapi.json"
with open(out, "w", encoding="utf-8") as f:
    f.write(text)
