"""The authorization matrix over the whole API: every role of one team (admins see all) × every operation on a
record of the other team (the outside probe's findings 4 and 6). A record one may not see answers
404 on every route (reads, writes, verbs, timelines) and never shows in a list; finance reads what
it bills (every customer's accounts, orders, invoices and payments, and their timelines) and
changes only what its role table allows. Runs against a `furrow demo` company on both engines."""
import re

import pytest

import support

NORTH = {"manager": "nora@demo.furrow.test", "sales": "sam@demo.furrow.test", "service": "tess@demo.furrow.test",
         "finance": "fin@demo.furrow.test"}
PASSWORDS = {"manager": "demo-manager-2026", "sales": "demo-sales-2026", "service": "demo-service-2026", "finance": "demo-finance-2026"}
KINDS = ["accounts", "contacts", "leads", "opportunities", "quotes", "orders", "invoices", "payments", "activities"]
BILLING = {"accounts", "orders", "invoices", "payments"}
REGARDING = {"accounts": "account", "contacts": "contact", "leads": "lead", "opportunities": "opportunity", "quotes": "quote",
             "orders": "order", "invoices": "invoice"}
# finance's own work on billing records: allowed on every customer's, so not sent here (they would change the data)
FINANCE_WRITES = re.compile(r"^/(invoices|payments)/\{id\}|^/orders/\{id\}/invoice$")


@pytest.fixture(scope="module", params=support.engines())
def company(request, tmp_path_factory):
    with support.demo_server(request.param, tmp_path_factory.mktemp(f"matrix-{request.param}")) as (server, admin):
        users = {role: server.login(email, PASSWORDS[role]) for role, email in NORTH.items()}
        # the demo's read-only user is in South: one for North
        north = next(t["id"] for t in admin.call("GET", "/api/v1/teams").json["items"] if t["name"] == "North")
        created = admin.call("POST", "/api/v1/users", {"email": "reader@matrix.example", "password": "matrix-reader-2026",
                                                      "role": "readonly", "teamId": north})
        assert created.status == 201, created
        users["readonly"] = server.login("reader@matrix.example", "matrix-reader-2026")
        yield server, admin, users


def add_south_business(server, admin):
    """A South seller's quote, order, invoice, payment and activity, beside the demo's South records."""
    seller = server.login("priya@demo.furrow.test", "demo-sales-2026")
    teams = {t["name"]: t["id"] for t in admin.call("GET", "/api/v1/teams").json["items"]}
    account = next(a for a in admin.all_items("/api/v1/accounts") if a.get("teamId") == teams["South"])
    line = {"description": "Matrix service", "quantity": "1", "unitPrice": "10.00"}

    def create(path, body):
        answer = seller.call("POST", "/api/v1" + path, body)
        assert answer.status == 201, (path, answer)
        return answer.json

    deal = create("/opportunities", {"name": "Matrix deal", "accountId": account["id"], "currency": "GBP"})
    create("/quotes", {"opportunityId": deal["id"], "lines": [line]})
    order = create("/orders", {"accountId": account["id"], "currency": "GBP", "lines": [line]})
    assert seller.call("POST", f"/api/v1/orders/{order['id']}/confirm").status == 200
    create("/invoices", {"accountId": account["id"], "currency": "GBP", "lines": [line]})
    create("/payments", {"accountId": account["id"], "amount": "10.00", "currency": "GBP", "date": "2026-11-01", "mode": "cash"})
    create("/activities", {"type": "task", "subject": "Matrix call", "regarding": {"type": "account", "id": account["id"]}})


def south_records(admin):
    """Per kind, the ids of records owned by team South's users (none of the North users may see them)."""
    teams = {t["name"]: t["id"] for t in admin.call("GET", "/api/v1/teams").json["items"]}
    south = {u["id"] for u in admin.all_items("/api/v1/users") if u.get("teamId") == teams["South"]}
    return {kind: [item["id"] for item in admin.all_items(f"/api/v1/{kind}") if item.get("ownerId") in south] for kind in KINDS}


def operations(document):
    """(method, template, kind) of every operation on one record `{id}` of a kind."""
    for template, item in document["paths"].items():
        match = re.match(r"^/([a-z-]+)/\{id\}(/[a-z-]+)?$", template)
        if not match or match.group(1) not in KINDS:
            continue
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), template, match.group(1)


def test_every_route_hides_another_teams_records(company):
    server, admin, users = company
    document = admin.call("GET", "/api/v1/openapi.json").json
    add_south_business(server, admin)
    records = south_records(admin)
    covered = {kind for kind, ids in records.items() if ids}
    assert covered == set(KINDS), records
    calls, problems = 0, []
    for role, client in users.items():
        for method, template, kind in operations(document):
            if not records[kind]:
                continue
            record = records[kind][0]
            path = template.replace("{id}", record)
            reads = role == "finance" and kind in BILLING
            if method != "GET" and reads and FINANCE_WRITES.match(template):
                continue
            headers = {"If-Match": '"1"'} if method in ("PATCH", "PUT") else None
            answer = client.call(method, "/api/v1" + path, {} if method in ("POST", "PUT", "PATCH") else None, headers=headers)
            calls += 1
            if answer.status >= 500:
                problems.append(f"{role} {method} {template}: {answer.status}")
            elif method == "GET":
                expected = 200 if reads else 404
                if answer.status != expected:
                    problems.append(f"{role} GET {template}: {answer.status}, expected {expected}")
            elif 200 <= answer.status < 300:
                problems.append(f"{role} {method} {template}: {answer.status} on another team's record")
            elif not reads and answer.status not in (404, 403, 405, 422, 400, 415):
                # 403 only where the role may never do it (reopen, reactivate): it says nothing of the record
                problems.append(f"{role} {method} {template}: {answer.status}, expected 404")
        # timelines follow the regarded record's visibility
        for kind, regarding in REGARDING.items():
            if not records[kind]:
                continue
            answer = client.call("GET", f"/api/v1/activities/regarding/{regarding}/{records[kind][0]}")
            calls += 1
            expected = 200 if role == "finance" and kind in BILLING else 404
            if answer.status != expected:
                problems.append(f"{role} timeline of {regarding}: {answer.status}, expected {expected}")
        # and lists leave them out
        for kind in KINDS:
            listed = {item["id"] for item in client.all_items(f"/api/v1/{kind}")}
            calls += 1
            leaked = listed & set(records[kind])
            if leaked and not (role == "finance" and kind in BILLING):
                problems.append(f"{role} list {kind}: {len(leaked)} of another team's records")
            if role == "finance" and kind in BILLING and set(records[kind]) - listed:
                problems.append(f"finance list {kind}: misses records it bills")
    assert not problems, "\n".join(problems)
    assert not server.server_errors()
    support.summary(f"authorization matrix[{server.database.engine}]: {calls} calls, 5 roles × every operation on another team's "
                    f"records of {len(covered)} kinds, 0 disagreements")
