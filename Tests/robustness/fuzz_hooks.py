"""Schemathesis extension for the API fuzz run of test_fuzz.py. `schemathesis run` loads it through
SCHEMATHESIS_HOOKS=fuzz_hooks and reads its settings from the JSON file named by FURROW_FUZZ_CONFIG.

- Each generated case is signed in as the next of six roles in turn (admin, manager, sales,
  service, finance, readonly).
- The tokens the run relies on stay alive: sign-out (`DELETE /auth/tokens/current`) gets a
  throw-away token of the same role, the fuzzer may not change the users behind the tokens, and a
  token that stops working anyway (after `POST /auth/sign-out-everywhere`, say) is issued again
  (and counted). The helper's own sign-ins come
  from another loopback address, so the fuzzer's failed sign-ins cannot throttle them.
- Path ids and id fields of bodies are often swapped for ids of real records of the seeded
  company, so that the cases reach past "not found" into the business rules.
- `problem_details` checks every answer: a 4xx is application/problem+json whose `type` is one the
  document names for that operation and status; no body shows SQL text, a stack trace or other
  internals (text the request itself carried aside).
- Every call is logged (operation, role, status) so the test can count the cases per operation.
"""
import http.client
import itertools
import json
import os
import re
import sys
import threading
import urllib.parse
import uuid

import schemathesis
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import support  # noqa: E402  (the harness's leak patterns)

ROLES = ["admin", "manager", "sales", "service", "finance", "readonly"]
SIGN_OUT = ("DELETE", "/auth/tokens/current")
SIGN_OUT_EVERYWHERE = ("POST", "/auth/sign-out-everywhere")
SIGN_IN = ("POST", "/auth/tokens")
# body fields holding the id of another record, and where real ids of that kind are found
ID_FIELDS = {
    "accountId": "accounts", "parentAccountId": "accounts", "otherId": "accounts", "contactId": "contacts",
    "leadId": "leads", "opportunityId": "opportunities", "fromOpportunityId": "opportunities",
    "quoteId": "quotes", "orderId": "orders", "invoiceId": "invoices", "paymentId": "payments",
    "productId": "products", "priceListId": "price-lists", "taxRateId": "tax-rates",
    "paymentTermId": "payment-terms", "ownerId": "users", "managerId": "users", "teamId": "teams",
    "kindId": "opportunity-kinds", "stageId": "stages", "channelId": "channels",
    "lostReasonId": "lost-reasons", "reasonId": "disqualify-reasons", "fromId": "parties", "toId": "parties",
    "orderLineId": "order-lines", "regardingId": "parties", "campaignId": "campaigns", "listId": "marketing-lists",
}
# numeric text fields and the boundary and overflow values mixed into them: the edges of the
# documented ranges, one past them, and values whose products and sums leave 64 bits
NUMERIC_FIELDS = {"quantity", "unitPrice", "discountPercent", "amount", "estimatedRevenue", "actualRevenue",
                  "estimatedValue", "value", "percent", "probability", "defaultProbability", "days", "interval"}
BOUNDARY_TEXTS = ["0", "-0", "0.000001", "1", "-1", "100", "100.000001", "999999999999", "999999999999.99",
                  "999999999999.999", "999999999999.999999", "1000000000", "1000000001", "100000", "-999999999999.99",
                  "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e308", "NaN"]
BOUNDARY_NUMBERS = [0, -1, 100, 101, 2147483647, 9223372036854775807, -9223372036854775808, 18446744073709551616]


@schemathesis.serializer("message/rfc822")
def raw_email(ctx, value):
    """A received email is raw bytes: the generated text as it is (lone surrogates and all), anything else as JSON text."""
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")


# the path segment before `{id}` names the kind of record; a few differ from the list they come from
PATH_KINDS = {"boards": "opportunity-kinds", "notifications": "notifications", "lines": "bank-lines"}


class Settings:
    def __init__(self, path):
        with open(path) as f:
            data = json.load(f)
        self.base = data["base"]
        parts = urllib.parse.urlsplit(self.base)
        self.host, self.port = parts.hostname, parts.port
        self.source = data.get("helper_source", "127.0.0.2")
        self.server_pid = data.get("server_pid")
        self.credentials = data["roles"]  # role -> [email, password]
        self.protected = set(data["protected_user_ids"])
        self.pools = {kind: ids for kind, ids in data["pools"].items() if ids}
        self.log_path = data["log"]
        self.document = data["document"]
        self.lock = threading.Lock()
        self.tokens = dict(data["tokens"])  # role -> current token
        self.owner = {token: role for role, token in self.tokens.items()}  # every token ever issued
        self.turn = itertools.count()
        self.reissued = 0
        self.log = open(self.log_path, "a", buffering=1)
        self.slugs = documented_slugs(self.document)

    # ---- the helper's own HTTP calls, from another loopback address
    def request(self, method, path, body=None, token=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(self.source, 0))
        try:
            headers = {"Content-Type": "application/json"}
            if token:
                headers["Authorization"] = "Bearer " + token
            connection.request(method, "/api/v1" + path, body=json.dumps(body).encode() if body is not None else None,
                               headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def sign_in(self, role):
        email, password = self.credentials[role]
        status, body = self.request("POST", "/auth/tokens", {"email": email, "password": password})
        if status != 201:
            raise RuntimeError(f"fuzz helper: sign-in of {role} answered {status}: {body[:300]!r}")
        token = json.loads(body)["token"]
        with self.lock:
            self.owner[token] = role
        return token

    def next_role(self):
        with self.lock:
            return ROLES[next(self.turn) % len(ROLES)]

    def token_of(self, role):
        with self.lock:
            return self.tokens[role]

    def ensure_alive(self, role, token):
        """After a 401 to one of the run's tokens: issue the role a new token if this one died."""
        with self.lock:
            if self.tokens[role] != token:
                return  # already replaced
        status, _ = self.request("GET", "/me", token=token)
        if status == 401:
            fresh = self.sign_in(role)
            with self.lock:
                replaced = self.tokens[role] == token
                if replaced:
                    self.tokens[role] = fresh
                    self.reissued += 1
            if replaced:  # written outside the lock, which `write` takes itself (it is not re-entrant)
                self.write({"event": "reissued", "role": role})

    def write(self, record):
        with self.lock:
            self.log.write(json.dumps(record) + "\n")


_settings = None
_settings_lock = threading.Lock()


def settings():
    global _settings
    with _settings_lock:
        if _settings is None:
            _settings = Settings(os.environ["FURROW_FUZZ_CONFIG"])
        return _settings


def documented_slugs(document):
    """(METHOD, path template, status) -> the problem types the document names for that answer."""
    known = set(document["components"]["schemas"]["Problem"]["properties"]["type"]["enum"])
    out = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, response in operation["responses"].items():
                named = {w for w in re.findall(r"`([^`]+)`", response.get("description", "")) if w in known}
                out[(method.upper(), path, status)] = named
    return out


def bearer(headers):
    value = (headers or {}).get("Authorization") or (headers or {}).get("authorization") or ""
    return value[7:] if value.startswith("Bearer ") else None


def operation_key(case):
    return case.operation.method.upper(), case.operation.path


# ================================================================ who calls

@schemathesis.auth(refresh_interval=None)
class RoleTokens:
    """Each case is made by the next role in turn."""

    def get(self, case, context):
        return settings().next_role()

    def set(self, case, role, context):
        headers = dict(case.headers or {})
        headers["Authorization"] = "Bearer " + settings().token_of(role)
        case.headers = headers


# Headers that frame the HTTP message rather than carry the request: a generated value for one of
# them (`Transfer-Encoding: KI-CF`) makes a message the HTTP parser refuses (400) before any route
# sees it, which no API document describes. The requests keep every other generated header.
FRAMING_HEADERS = {"transfer-encoding", "content-length", "connection", "host", "te", "upgrade", "expect", "trailer"}


@schemathesis.hook
def before_call(context, case, kwargs):
    s = settings()
    if case.headers and any(name.lower() in FRAMING_HEADERS for name in case.headers):
        case.headers = {name: value for name, value in case.headers.items() if name.lower() not in FRAMING_HEADERS}
    token = bearer(case.headers)
    role = s.owner.get(token) if token else None
    if role is not None:
        headers = dict(case.headers)
        if operation_key(case) == SIGN_OUT:
            # sign out a throw-away token of the same role, never one the run relies on
            headers["Authorization"] = "Bearer " + s.sign_in(role)
        elif s.tokens.get(role) != token:
            headers["Authorization"] = "Bearer " + s.token_of(role)  # the case was made before a reissue
        case.headers = headers
    if operation_key(case) == ("PATCH", "/users/{id}") and str((case.path_parameters or {}).get("id")) in s.protected:
        # the users behind the run's tokens keep their role, password and active flag
        case.path_parameters = {**case.path_parameters, "id": str(uuid.uuid4())}


@schemathesis.hook
def after_call(context, case, response):
    s = settings()
    token = bearer(case.headers)
    role = s.owner.get(token) if token else None
    s.write({"op": f"{case.operation.method.upper()} {case.operation.path}", "role": role, "status": response.status_code})
    if response.status_code == 401 and role is not None and operation_key(case) not in (SIGN_OUT, SIGN_IN):
        s.ensure_alive(role, token)
    elif response.status_code == 204 and role is not None and operation_key(case) == SIGN_OUT_EVERYWHERE:
        s.ensure_alive(role, token)  # every token of the role's user just ended


# ================================================================ real ids in generated cases

def _kind_of_path_id(path, name):
    segments = path.strip("/").split("/")
    index = segments.index("{" + name + "}")
    if index == 0:
        return None
    before = segments[index - 1]
    if before.startswith("{"):
        return None  # /activities/regarding/{type}/{id}: the kind is itself generated
    return PATH_KINDS.get(before, before)


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    s = settings()
    choices = {}
    for name, value in (path_parameters or {}).items():
        kind = _kind_of_path_id(context.operation.path, name) if name in ("id", "lineId") else None
        pool = s.pools.get(kind) if kind else None
        if pool:
            if kind == "users":
                pool = [i for i in pool if i not in s.protected] or [str(uuid.uuid4())]
            choices[name] = st.one_of(st.just(value), st.sampled_from(pool))
        else:
            choices[name] = st.just(value)
    return st.fixed_dictionaries(choices) if choices else st.just(path_parameters)


def _with_real_ids(value, pools, depth=0):
    if depth > 3:
        return st.just(value)
    if isinstance(value, dict):
        parts = {}
        for key, item in value.items():
            pool = pools.get(ID_FIELDS.get(key, ""))
            if pool and isinstance(item, str):
                parts[key] = st.one_of(st.just(item), st.sampled_from(pool))
            elif key in NUMERIC_FIELDS and isinstance(item, (str, int)) and not isinstance(item, bool):
                edges = BOUNDARY_TEXTS if isinstance(item, str) else BOUNDARY_NUMBERS
                parts[key] = st.one_of(st.just(item), st.sampled_from(edges))
            else:
                parts[key] = _with_real_ids(item, pools, depth + 1)
        return st.fixed_dictionaries(parts)
    if isinstance(value, list) and value:
        return st.tuples(*[_with_real_ids(item, pools, depth + 1) for item in value]).map(list)
    return st.just(value)


@schemathesis.hook
def map_query(context, query):
    """A cursor is an opaque token that only the server issues: a generated one can only be refused
    (400), whatever its shape. Keyset paging is tested with real cursors elsewhere."""
    if isinstance(query, dict) and "cursor" in query:
        query = {key: value for key, value in query.items() if key != "cursor"}
    return query


@schemathesis.hook
def flatmap_body(context, body):
    return _with_real_ids(body, settings().pools)


# ================================================================ the problem check

def _request_text(response):
    request = response.request
    parts = [request.url or "", urllib.parse.unquote_plus(request.url or "")]
    parts += [f"{k}: {v}" for k, v in (getattr(request, "headers", None) or {}).items()]
    body = request.body
    if isinstance(body, bytes):
        parts.append(body.decode("utf-8", "replace"))
    elif isinstance(body, str):
        parts.append(body)
    return "\n".join(parts)


STRONG_INTERNALS = re.compile(r"(?i)sqlstate|\.swift\b|fatal error|stack ?trace|backtrace|Swift\.|NIOCore|Hummingbird|"
                              r"no such (table|column)|syntax error at or near")


def find_leak(status, text, request_text):
    """SQL text or internals in an answer body, unless the request itself carried that text."""
    patterns = (support.SQL_TEXT, support.INTERNALS) if status >= 400 else (STRONG_INTERNALS,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if match.group(0).lower() not in request_text.lower():
                return match.group(0)
    return None


def problem_failure(slugs_by_answer, method, path, response):
    """What is wrong with one answer (None when nothing)."""
    status = response.status_code
    content_type = (response.headers.get("content-type") or [""])[0]
    text = ""
    if content_type.startswith(("application/json", "application/problem+json", "text/")):
        text = response.content.decode("utf-8", "replace") if response.content else ""
        leak = find_leak(status, text, _request_text(response))
        if leak:
            return f"the body shows internals ({leak!r}): {text[:300]}"
    if not 400 <= status < 500:
        return None
    if not content_type.startswith("application/problem+json"):
        return f"{status} answered with Content-Type {content_type!r}, not application/problem+json"
    try:
        problem = json.loads(text)
    except ValueError:
        return f"{status} problem body is not JSON: {text[:200]!r}"
    if not isinstance(problem, dict):
        return f"{status} problem body is not an object: {text[:200]!r}"
    missing = [m for m in ("type", "title", "status", "detail") if m not in problem]
    if missing:
        return f"{status} problem lacks {missing}: {text[:300]}"
    if problem["status"] != status:
        return f"problem status {problem['status']!r} differs from the HTTP status {status}"
    documented = slugs_by_answer.get((method, path, str(status)))
    if documented is None:
        return None  # an undocumented status: status_code_conformance reports it
    if problem["type"] not in documented:
        return (f"{status} type {problem['type']!r} is not one the document names for {method} {path} "
                f"(documented: {sorted(documented)})")
    return None


def server_alive(pid):
    """Whether the server process the run started with still runs (a trap ends it)."""
    if not pid:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


@schemathesis.check
def problem_details(ctx, response, case):
    if not server_alive(settings().server_pid):
        raise AssertionError(f"the server process {settings().server_pid} has died")
    method, path = operation_key(case)
    failure = problem_failure(settings().slugs, method, path, response)
    if failure:
        raise AssertionError(failure)
    return None
