"""Resource limits: the body cap, the list `limit` cap, the per-user rate limit (here 20 requests per
60 s), 1,000 idle (and some half-sent) connections from one client that must not starve anyone
(at most 256 held open per client address, each closed after 3 s idle here), and error bodies
that are always problem+json without stack traces or SQL text."""
import json
import resource
import socket
import time
import uuid

import pytest

import support

MiB = 1 << 20


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    directory = tmp_path_factory.mktemp("limits")
    database = support.Database("sqlite", directory)
    server = support.Server(database, directory, {"FURROW_RATE_LIMIT": "20/60", "FURROW_IDLE_TIMEOUT": "3"})
    server.start()
    admin = server.login()
    users = {}
    for name in ("burst", "other", "body", "idle", "errors", "throttled"):
        email = f"{name}@example.com"
        created = admin.call("POST", "/api/v1/users", {"email": email, "password": "limits-password", "role": "sales"})
        assert created.status == 201, created
        if name != "throttled":
            users[name] = server.login(email, "limits-password")
    yield server, users
    server.stop()
    assert not server.server_errors(), server.server_errors()[:10]


def test_request_body_is_capped_at_1_mib(limited):
    _, users = limited
    client = users["body"]
    over = json.dumps({"name": "x" * MiB}).encode()
    support.assert_problem(client.call("POST", "/api/v1/accounts", raw=over), 413, "payload-too-large")

    def chunks():
        for _ in range(12):
            yield b" " * 100_000
    chunked = client.call("POST", "/api/v1/accounts", raw=chunks(), headers={"Transfer-Encoding": "chunked"})
    support.assert_problem(chunked, 413, "payload-too-large")
    # just under the cap the body is read and judged on its content
    under = json.dumps({"name": "y" * (MiB - 100)}).encode()
    assert len(under) < MiB
    support.assert_problem(client.call("POST", "/api/v1/accounts", raw=under), 422, "validation")


def test_list_limit_is_capped_at_200(limited):
    _, users = limited
    client = users["body"]
    support.assert_problem(client.call("GET", "/api/v1/accounts?limit=1000"), 400, "invalid-query")
    support.assert_problem(client.call("GET", "/api/v1/accounts?limit=201"), 400, "invalid-query")
    support.assert_problem(client.call("GET", "/api/v1/accounts?limit=99999999999999999999999"), 400, "invalid-query")
    assert client.call("GET", "/api/v1/accounts?limit=200").status == 200


def test_rate_limit_answers_429_with_retry_after_per_user(limited):
    _, users = limited
    client = users["burst"]
    statuses = [client.call("GET", "/api/v1/accounts?limit=1").status for _ in range(20)]
    assert statuses == [200] * 20, statuses
    refused = client.call("GET", "/api/v1/accounts?limit=1")
    support.assert_problem(refused, 429, "too-many-requests")
    retry_after = int(refused.headers.get("retry-after", "0"))
    assert 1 <= retry_after <= 60, refused.headers
    # the limit is per user: someone else is served meanwhile
    assert users["other"].call("GET", "/api/v1/accounts?limit=1").status == 200
    # and Retry-After means what it says
    time.sleep(retry_after + 0.2)
    assert client.call("GET", "/api/v1/accounts?limit=1").status == 200


def from_other_client(port):
    """A connection from another loopback address (127.0.0.2), as a second client machine."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(5)
    s.bind(("127.0.0.2", 0))
    s.connect(("127.0.0.1", port))
    return s


def closed_by_server(s, wait):
    """Whether the server has closed the connection (reading sees the end) within `wait` seconds."""
    s.settimeout(wait)
    try:
        return s.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def test_idle_connections_do_not_starve_a_client(limited):
    server, users = limited
    client = users["idle"]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    idle, half_sent = [], []
    try:
        for _ in range(1000):
            idle.append(from_other_client(server.port))
        for _ in range(100):  # a request line and headers, never finished
            s = from_other_client(server.port)
            try:
                s.sendall(b"GET /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer x\r\n")
            except OSError:
                pass
            half_sent.append(s)
        time.sleep(0.5)
        for attempt in range(3):
            began = time.monotonic()
            response = client.with_token(client.token).call("GET", "/api/v1/accounts?limit=5", timeout=10)
            elapsed = time.monotonic() - began
            assert response.status == 200, response
            assert elapsed <= 2.0, f"a normal request took {elapsed:.2f}s behind 1,100 idle connections"
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            assert s.recv(64).startswith(b"HTTP/1.1 200")
        # the one client holds at most 256 connections at once: the rest were closed
        held = [s for s in idle + half_sent if not closed_by_server(s, 0.01)]
        assert 0 < len(held) <= 256, f"{len(held)} connections of one client held open"
        # and the ones it holds are closed once idle (3 s here), half-sent headers too
        time.sleep(3.5)
        lingering = [s for s in held if not closed_by_server(s, 0.5)]
        assert not lingering, f"{len(lingering)} idle connections still open after the idle timeout"
    finally:
        for s in idle + half_sent:
            s.close()
    support.summary(f"limits[sqlite]: a request answered in {elapsed:.3f}s with 1,000 idle and 100 half-sent connections "
                    "from one client (256 held, the rest closed; all closed after 3 s idle)")


def test_error_answers_are_problems_without_internals(limited):
    server, users = limited
    client = users["errors"]
    anonymous = support.Client(server.base)
    account = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": "Error probe"})
    assert account.status == 201, account
    account = account.json
    missing = uuid.uuid4()
    cases = [
        (anonymous, "GET", "/api/v1/accounts", None, None, None, 401),
        (anonymous.with_token("not-a-token"), "GET", "/api/v1/accounts", None, None, None, 401),
        (client, "POST", "/api/v1/accounts", None, b'{"name": "broken', None, 400),
        (client, "POST", "/api/v1/accounts", None, b'["an", "array"]', None, 400),
        (client, "POST", "/api/v1/accounts", None, b'{"name": "\xff\xfe bad utf-8"}', None, 400),
        (client, "POST", "/api/v1/accounts", None, b"[" * 100_000 + b"]" * 100_000, None, 400),
        (client, "POST", "/api/v1/accounts", None, b"name=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
        (client, "POST", "/api/v1/accounts", {"name": "x", "bogus": 1}, None, None, 422),
        (client, "POST", "/api/v1/accounts", {"name": "x" * 201, "email": "not an email"}, None, None, 422),
        (client, "GET", "/api/v1/accounts/not-a-uuid", None, None, None, 404),
        (client, "GET", f"/api/v1/accounts/{missing}", None, None, None, 404),
        (client, "PATCH", f"/api/v1/accounts/{account['id']}", {"name": "y"}, None, None, 428),
        (client, "PATCH", f"/api/v1/accounts/{account['id']}", {"name": "y"}, None, {"If-Match": '"7"'}, 412),
        (client, "GET", "/api/v1/accounts?bogus=1", None, None, None, 400),
        (client, "GET", "/api/v1/accounts?sort=name;DROP%20TABLE%20accounts", None, None, None, 400),
        (client, "GET", "/api/v1/accounts?cursor=%27%20OR%201%3D1%20--", None, None, None, 400),
        (client, "GET", f"/api/v1/audit?entity=account&id={missing}%27", None, None, None, 400),
        (client, "GET", "/api/v1/nothing-here", None, None, None, 404),
    ]
    failures = []
    for who, method, path, body, raw, headers, status in cases:
        response = who.call(method, path, body, headers=headers, raw=raw)
        try:
            support.assert_problem(response, status)
        except AssertionError as error:
            failures.append(f"{method} {path[:80]} {str(raw or body)[:40]}: {error}")
    # hostile text that is valid input is stored and searched, not executed
    hostile = "Robert'); DROP TABLE accounts;-- \\ % _ \u0000"
    for method, path, body in (("GET", "/api/v1/accounts?q=%27%20OR%201%3D1%20--", None),
                               ("GET", "/api/v1/search?q=%22%27%29%28*%20OR%20NEAR", None),
                               ("POST", "/api/v1/accounts?allowDuplicate=true", {"name": hostile})):
        response = client.call(method, path, body)
        if response.status >= 500 or (response.status >= 400 and support.leaks(response.text)):
            failures.append(f"{method} {path}: {response!r}")
    assert not failures, "\n".join(failures)


def test_failed_sign_ins_are_throttled(limited):
    server, _ = limited
    anonymous = support.Client(server.base)
    for _ in range(5):
        wrong = anonymous.call("POST", "/api/v1/auth/tokens", {"email": "throttled@example.com", "password": "not-the-password"})
        support.assert_problem(wrong, 401, "unauthorized")
    # even the right password waits now
    refused = anonymous.call("POST", "/api/v1/auth/tokens", {"email": "throttled@example.com", "password": "limits-password"})
    support.assert_problem(refused, 429, "too-many-attempts")
    assert int(refused.headers.get("retry-after", "0")) > 0, refused.headers
    # and another account is not affected
    assert anonymous.call("POST", "/api/v1/auth/tokens", {"email": "other@example.com", "password": "limits-password"}).status == 201


def test_in_flight_limit_is_per_user_and_released(tmp_path, server_for):
    """FURROW_MAX_IN_FLIGHT=4: requests whose bodies are still arriving hold their places; the
    fifth at once is refused with 429, someone else is served, and the places come back when
    those requests end."""
    database = support.Database("sqlite", tmp_path)
    server = server_for(database, {"FURROW_MAX_IN_FLIGHT": "4"})
    server.start()
    admin = server.login()
    assert admin.call("POST", "/api/v1/users", {"email": "slow@example.com", "password": "limits-password"}).status == 201
    slow = server.login("slow@example.com", "limits-password")
    held = []
    try:
        for _ in range(4):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(f"POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      f"Authorization: Bearer {slow.token}\r\nContent-Length: 100\r\n\r\n{{\"name\"".encode())
            held.append(s)
        time.sleep(0.3)
        refused = slow.call("GET", "/api/v1/accounts?limit=1")
        support.assert_problem(refused, 429, "too-many-requests")
        assert int(refused.headers.get("retry-after", "0")) >= 1, refused.headers
        assert admin.call("GET", "/api/v1/accounts?limit=1").status == 200
    finally:
        for s in held:
            s.close()
    time.sleep(0.3)
    assert slow.call("GET", "/api/v1/accounts?limit=1").status == 200
    server.stop()


def test_a_body_cut_short_is_a_client_error_not_too_large(limited):
    """A client that goes away halfway through its body is logged as a 400, not as a 413."""
    server, users = limited
    marker = "cut-short-" + uuid.uuid4().hex
    head = (f"POST /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {users['body'].token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: 5000\r\nX-Request-Id: {marker}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(head.encode() + b'{"name": "' + b"x" * 100)
        time.sleep(0.2)
    deadline = time.time() + 5
    lines = []
    while time.time() < deadline and not lines:
        with open(server.log_path, errors="replace") as f:
            lines = [line for line in f if marker in line and "status=" in line]
        time.sleep(0.1)
    assert lines, "the cut-short request was not logged"
    assert "status=400" in lines[0], lines[0]
