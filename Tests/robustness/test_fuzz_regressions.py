"""Regression tests for what the API fuzzing (test_fuzz.py) found: each one is the smallest request
that showed the fault, against a server seeded with the demo company, on both engines. Each answer
must be what the document promises: never a 5xx, and an error a problem whose `type` the document
names for that operation and status. See RELIABILITY.md (API fuzzing) for the list."""
import http.cookiejar
import os
import re
import sqlite3
import subprocess
import urllib.parse
import urllib.request
import uuid

import pytest

import fuzz_hooks
import support

LINE = {"description": "Fuzzed widget", "quantity": "1", "unitPrice": "5"}


@pytest.fixture(scope="module", params=support.engines())
def demo(request, tmp_path_factory):
    """A demo-company server and an admin client, shared by the tests of one engine."""
    with support.demo_server(request.param, tmp_path_factory.mktemp(f"regressions-{request.param}")) as (server, admin):
        yield Demo(server, admin, admin.call("GET", "/api/v1/openapi.json").json)


class Demo:
    def __init__(self, server, admin, document):
        self.server, self.admin = server, admin
        self.slugs = fuzz_hooks.documented_slugs(document)

    def call(self, method, path, body=None, headers=None):
        return self.admin.call(method, "/api/v1" + path, body, headers=headers)

    def create(self, path, body):
        response = self.call("POST", path, body)
        assert response.status in (200, 201), (path, body, response)
        return response.json

    def account(self, name="Fuzz"):
        return self.create("/accounts?allowDuplicate=true", {"name": f"{name} {uuid.uuid4().hex[:8]}"})["id"]

    def contact(self, account_id):
        return self.create("/contacts?allowDuplicate=true", {"lastName": f"Fuzz {uuid.uuid4().hex[:8]}", "accountId": account_id})["id"]

    def documented(self, response, method, template, statuses=None):
        """The answer is one the document describes for the operation: no 5xx, a documented status,
        and for an error a problem of a type named for that status."""
        assert response.status < 500, f"{method} {template}: server error {response!r}"
        assert statuses is None or response.status in statuses, f"{method} {template}: expected {statuses}, got {response!r}"
        assert (method, template, str(response.status)) in self.slugs or response.ok, \
            f"{method} {template}: status {response.status} is not in the document: {response!r}"
        if response.status >= 400:
            problem = support.assert_problem(response)
            named = self.slugs[(method, template, str(response.status))]
            assert problem["type"] in named, f"{method} {template}: type {problem['type']!r} not documented for {response.status} ({sorted(named)})"
        return response


# ---------------------------------------------------------------- F1: a quote's unknown lead

def test_quote_for_an_opportunity_with_an_unknown_lead_is_refused_not_500(demo):
    account = demo.account()
    opportunity = demo.create("/opportunities", {"name": "Fuzzed deal", "accountId": account})
    response = demo.call("POST", "/quotes", {"opportunityId": opportunity["id"], "leadId": str(uuid.uuid4())})
    demo.documented(response, "POST", "/quotes", {404, 422})


# ---------------------------------------------------------------- F2: deleting a party that invoices or payments point at

@pytest.mark.parametrize("record", ["invoice", "payment"])
def test_deleting_an_account_an_invoice_or_payment_points_at_answers_409(demo, record):
    account = demo.account()
    if record == "invoice":
        demo.create("/invoices", {"accountId": account, "lines": [LINE]})
    else:
        demo.create("/payments", {"accountId": account, "amount": "10.00", "currency": "GBP", "date": "2026-11-01", "mode": "cash"})
    response = demo.call("DELETE", f"/accounts/{account}")
    demo.documented(response, "DELETE", "/accounts/{id}", {409})
    assert response.json["type"] == "has-dependents"
    assert demo.call("GET", f"/accounts/{account}").status == 200


def test_deleting_a_contact_an_invoice_points_at_answers_409(demo):
    account = demo.account()
    contact = demo.contact(account)
    demo.create("/invoices", {"accountId": account, "contactId": contact, "lines": [LINE]})
    response = demo.call("DELETE", f"/contacts/{contact}")
    demo.documented(response, "DELETE", "/contacts/{id}", {409})
    assert response.json["type"] == "has-dependents"


# ---------------------------------------------------------------- F3: merging a party that business records point at

BUSINESS = {
    "opportunity": ("/opportunities", lambda a, c: {"name": "Fuzzed deal", "accountId": a, "contactId": c}),
    "quote": ("/quotes", lambda a, c: {"accountId": a, "contactId": c}),
    "order": ("/orders", lambda a, c: {"accountId": a, "contactId": c, "lines": [LINE]}),
    "invoice": ("/invoices", lambda a, c: {"accountId": a, "contactId": c, "lines": [LINE]}),
    "payment": ("/payments", lambda a, c: {"accountId": a, "amount": "10.00", "currency": "GBP", "date": "2026-11-01", "mode": "cash"}),
}


@pytest.mark.parametrize("record", list(BUSINESS))
def test_merging_accounts_moves_business_records(demo, record):
    keep, other = demo.account("Keep"), demo.account("Other")
    path, body = BUSINESS[record]
    created = demo.create(path, body(other, None))
    response = demo.call("POST", f"/accounts/{keep}/merge", {"otherId": other})
    demo.documented(response, "POST", "/accounts/{id}/merge", {200})
    moved = demo.call("GET", f"{path}/{created['id']}")
    assert moved.status == 200 and moved.json["accountId"] == keep, moved
    assert demo.call("GET", f"/accounts/{other}").status == 404


@pytest.mark.parametrize("record", ["opportunity", "quote", "order", "invoice"])
def test_merging_contacts_moves_business_records(demo, record):
    account = demo.account()
    keep, other = demo.contact(account), demo.contact(account)
    path, body = BUSINESS[record]
    created = demo.create(path, body(account, other))
    response = demo.call("POST", f"/contacts/{keep}/merge", {"otherId": other})
    demo.documented(response, "POST", "/contacts/{id}/merge", {200})
    moved = demo.call("GET", f"{path}/{created['id']}")
    assert moved.status == 200 and moved.json["contactId"] == keep, moved


# ---------------------------------------------------------------- F6: merging an account's own parent into it

def test_merging_an_accounts_parent_into_it_is_refused_or_clears_the_parent_not_500(demo):
    """Its grandparent answers 409 hierarchy-cycle; its direct parent must not fail on the foreign key."""
    parent = demo.account("Parent")
    child = demo.create("/accounts?allowDuplicate=true", {"name": f"Child {uuid.uuid4().hex[:8]}", "parentAccountId": parent})["id"]
    response = demo.call("POST", f"/accounts/{child}/merge", {"otherId": parent})
    demo.documented(response, "POST", "/accounts/{id}/merge", {200, 409})
    if response.status == 409:
        assert response.json["type"] == "hierarchy-cycle", response
        assert demo.call("GET", f"/accounts/{parent}").status == 200
    else:
        assert response.json.get("parentAccountId") in (None, ""), response
        assert demo.call("GET", f"/accounts/{parent}").status == 404


# ---------------------------------------------------------------- D1: the price-list problems of a new order

def test_order_price_list_problems_are_documented(demo):
    account = demo.account()
    product = demo.call("GET", "/products?limit=1").json["items"][0]["id"]
    # a catalog product without a price list
    response = demo.call("POST", "/orders", {"accountId": account, "lines": [{"productId": product, "quantity": "1"}]})
    demo.documented(response, "POST", "/orders", {422})
    # a price list that is not valid today
    stale = demo.create("/price-lists", {"name": f"Stale {uuid.uuid4().hex[:6]}", "currency": "GBP", "validFrom": "2000-01-01",
                                         "validTo": "2000-01-01", "items": [{"productId": product, "unitPrice": "10"}]})
    response = demo.call("POST", "/orders", {"accountId": account, "priceListId": stale["id"],
                                             "lines": [{"productId": product, "quantity": "1"}]})
    demo.documented(response, "POST", "/orders", {422})


# ---------------------------------------------------------------- F4: percent-encoded query parameter names

def test_percent_encoded_filter_names_are_decoded(demo):
    """`createdAt[gt]` is what most clients send as `createdAt%5Bgt%5D` (Python's urlencode, JavaScript's
    URLSearchParams); both spellings must mean the same filter."""
    plain = demo.call("GET", "/accounts?limit=200&createdAt[gt]=2000-01-01T00:00:00Z")
    assert plain.status == 200, plain
    encoded = demo.call("GET", "/accounts?" + urllib.parse.urlencode({"limit": 200, "createdAt[gt]": "2000-01-01T00:00:00Z"}))
    demo.documented(encoded, "GET", "/accounts", {200})
    assert [a["id"] for a in encoded.json["items"]] == [a["id"] for a in plain.json["items"]]


# ---------------------------------------------------------------- F5: a method the resource does not take

def test_a_method_the_resource_does_not_take_answers_405_with_allow(demo):
    """`PUT /accounts` names an existing resource with a method it does not take: 405
    method-not-allowed with an Allow header (RFC 9110 §15.5.6), not 404 "no record with that id"."""
    response = demo.call("PUT", "/accounts", {"name": "x"})
    support.assert_problem(response, 405, "method-not-allowed")
    allowed = {m.strip() for m in response.headers.get("allow", "").split(",")}
    assert {"GET", "POST"} <= allowed, response.headers
    # an unknown path stays 404
    support.assert_problem(demo.call("GET", "/no-such-collection"), 404, "not-found")


# ---------------------------------------------------------------- F7: U+0000 in text input

NUL_REQUESTS = [
    ("POST", "/accounts?allowDuplicate=true", "/accounts", {"name": "Nul\u0000Account"}),
    ("POST", "/leads", "/leads", {"topic": "Nul\u0000topic", "lastName": "Nul"}),
    ("POST", "/auth/tokens", "/auth/tokens", {"email": "nul\u0000@example.com", "password": "whatever-1"}),
    ("GET", "/accounts?industry=%00", "/accounts", None),
    ("GET", "/products?type=a%00b", "/products", None),
    ("GET", "/leads?status=%00", "/leads", None),
    ("GET", "/search?q=a%00b", "/search", None),
]


@pytest.mark.parametrize("method, path, template, body", NUL_REQUESTS, ids=[f"{m} {p}" for m, p, _, _ in NUL_REQUESTS])
def test_a_nul_character_in_text_is_a_client_error_or_accepted_never_500(demo, method, path, template, body):
    """PostgreSQL cannot store U+0000 in text (SQLSTATE 22021); SQLite's full-text query syntax chokes
    on it. Either way the answer must be a documented one: refused as invalid input (or ignored), never a 500."""
    response = demo.call(method, path, body)
    demo.documented(response, method, template)


# ---------------------------------------------------------------- F8: U+0000 in CSV files and web forms

def test_a_nul_character_in_an_uploaded_csv_is_a_row_error_never_500(demo):
    """The CSV bodies of the contact import and of bank statements are not JSON, so the JSON check
    (F7) never saw them: a NUL byte in a field reached PostgreSQL and answered 500."""
    csv_headers = {"Content-Type": "text/csv"}
    contacts = demo.admin.call("POST", "/api/v1/imports/contacts", raw=b"lastName,email\nNul\x00Name,nul@example.com\n", headers=csv_headers)
    demo.documented(contacts, "POST", "/imports/contacts", {422})
    assert "NUL" in contacts.text, contacts
    statement = demo.admin.call("POST", "/api/v1/bank-statements?currency=EUR",
                          raw=b"date,amount,reference,counterparty\n2026-11-20,10.00,ref\x00x,Someone\n", headers=csv_headers)
    demo.documented(statement, "POST", "/bank-statements", {422})
    assert "NUL" in statement.text, statement


def test_a_nul_character_in_a_web_form_is_refused_never_500(demo):
    """Web forms reach the same use cases as the API: a NUL in a field is a 422 page, nothing stored."""
    jar = http.cookiejar.CookieJar()

    class Keep(urllib.request.HTTPErrorProcessor):
        def http_response(self, request, response):
            return response

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Keep)

    def send(path, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(demo.server.base + path, data=data,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", errors="replace")

    def token(html):
        return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)

    _, page = send("/login")
    status, _ = send("/login", {"_csrf": token(page), "email": "admin@demo.furrow.test", "password": "demo-admin-2026",
                                "next": "/accounts"})
    assert status in (200, 303), status
    _, page = send("/accounts/new")
    name = f"Nul {uuid.uuid4().hex[:8]}"
    status, page = send("/accounts", {"_csrf": token(page), "name": name + "\x00Corp"})
    assert status == 422, (status, page[:500])
    assert "NUL character" in page
    found = demo.call("GET", "/accounts?" + urllib.parse.urlencode({"q": name}))
    assert found.status == 200 and found.json["items"] == [], found


# ---------------------------------------------------------------- the outside probe: amounts that crashed the process

HUGE_LINE = {"description": "x", "quantity": "100000", "unitPrice": "999999999999"}


def assert_alive(demo):
    assert demo.server.process.poll() is None, f"the server died:\n{demo.server.log_tail()}"
    assert demo.call("GET", "/me").status == 200


@pytest.mark.parametrize("currency", ["EUR", "JPY", "KWD"])
def test_pricing_beyond_the_amount_range_is_a_422_and_the_server_lives(demo, currency):
    account = demo.account("Overflow")
    opportunity = demo.create("/opportunities", {"name": "Overflow deal", "accountId": account, "currency": currency})
    cases = [
        ("POST", "/orders", "/orders", {"accountId": account, "currency": currency, "lines": [HUGE_LINE]}),
        ("POST", "/quotes", "/quotes", {"opportunityId": opportunity["id"], "lines": [HUGE_LINE]}),
        ("POST", "/invoices", "/invoices", {"accountId": account, "currency": currency, "lines": [HUGE_LINE]}),
        ("PUT", f"/opportunities/{opportunity['id']}/lines", "/opportunities/{id}/lines", {"lines": [HUGE_LINE]}),
        ("POST", "/orders", "/orders", {"accountId": account, "currency": currency,
                                         "lines": [{"description": "x", "quantity": "90000", "unitPrice": "999999999999.99"}]}),
    ]
    for method, path, template, body in cases:
        response = demo.documented(demo.call(method, path, body), method, template, {422})
        assert any(e["field"].startswith("lines") for e in response.json["errors"]), response
        assert_alive(demo)


def test_an_empty_order_is_neither_confirmed_nor_invoiced(demo):
    order = demo.create("/orders", {"accountId": demo.account("Empty"), "currency": "EUR", "lines": []})
    demo.documented(demo.call("POST", f"/orders/{order['id']}/confirm"), "POST", "/orders/{id}/confirm", {409})
    response = demo.call("POST", f"/orders/{order['id']}/invoice", {"lines": [{"orderLineId": "1", "quantity": "1"}]})
    demo.documented(response, "POST", "/orders/{id}/invoice", {409, 422})
    assert_alive(demo)


def test_what_the_document_refuses_is_refused(demo):
    """The server accepted what the document says it refuses: an invoice whose currency is null
    (the document: absent takes the default, null is not allowed) and an order whose server-owned
    fields held values of another type (the document typed fields the server ignores)."""
    account = demo.account("Refused")
    response = demo.call("POST", "/invoices", {"accountId": account, "currency": None, "lines": [LINE]})
    demo.documented(response, "POST", "/invoices", {422})
    assert any(error["field"] == "currency" for error in response.json["errors"]), response
    order = {"accountId": account, "currency": "EUR", "lines": [LINE], "version": "x", "createdAt": 5, "number": 7, "status": []}
    assert demo.documented(demo.call("POST", "/orders", order), "POST", "/orders", {201}).json["version"] == 1
    schema = demo.admin.call("GET", "/api/v1/openapi.json").json["components"]["schemas"]["OrderCreate"]["properties"]
    assert all("type" not in schema[field] for field in ("version", "createdAt", "number", "status"))


def write_sql(database, sql):
    if database.engine == "sqlite":
        connection = sqlite3.connect(database.path, timeout=30)
        try:
            connection.execute(sql)
            connection.commit()
        finally:
            connection.close()
    else:
        support.psql(database.url, sql)


def test_stored_amounts_near_64_bits_keep_every_read_working(demo):
    """Stored before the bounds existed: issued invoices of ~9·10^16 each and deals at the largest
    amount at 100 % summed past 2^63 in receivables and the pipeline reports (every read trapped)."""
    database = demo.server.database
    write_sql(database, "UPDATE invoices SET total_minor = 8999999999999910000, subtotal_minor = 8999999999999910000 "
                        "WHERE status IN ('issued', 'partiallyPaid')")
    write_sql(database, "UPDATE opportunities SET estimated_revenue_minor = 8999999999999910000, probability = 100")
    kind = demo.call("GET", "/opportunity-kinds").json["items"][0]["id"]
    for path, template in [("/receivables", "/receivables"), ("/reports/pipeline?groupBy=stage", "/reports/pipeline"),
                           ("/reports/pipeline?groupBy=status", "/reports/pipeline"), (f"/reports/funnel?kindId={kind}", "/reports/funnel"),
                           (f"/boards/{kind}", "/boards/{id}")]:
        response = demo.documented(demo.call("GET", path), "GET", template, {200})
        assert response.status == 200
        assert_alive(demo)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    cli = subprocess.run([support.BIN, "receivables", "--database", database.url], env=env, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stdout[-2000:] + cli.stderr[-2000:]
    assert_alive(demo)
