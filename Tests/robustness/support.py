"""Shared helpers of the robustness harness: a real `furrow serve` on a real database (an SQLite
file, or a fresh PostgreSQL database when FURROW_TEST_POSTGRES_URL is set), a small keep-alive
HTTP client that never retries, and the checks every error answer must pass."""
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("FURROW_BIN", os.path.join(ROOT, ".build", "debug", "furrow"))
PG_URL = os.environ.get("FURROW_TEST_POSTGRES_URL")
ADMIN_EMAIL = "robust@example.com"
ADMIN_PASSWORD = "robustness-pass-1"
SEED = int(os.environ.get("FURROW_SEED", "20261122"))
# The tests that hammer the server on purpose raise the per-user limit so that only the limit
# test meets it; every other server setting is the default.
UNLIMITED = {"FURROW_RATE_LIMIT": "100000000/1", "FURROW_MAX_IN_FLIGHT": "1000"}

SUMMARIES = []


def summary(line):
    """A result line printed at the end of the pytest run (and kept in the summaries file)."""
    SUMMARIES.append(line)
    print(line)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    result = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"psql failed: {sql}\n{result.stderr}")
    return result.stdout.strip()


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class Database:
    """Where one test's server keeps its data: an SQLite file or a fresh PostgreSQL database."""

    def __init__(self, engine, directory):
        self.engine = engine
        if engine == "sqlite":
            self.path = os.path.join(str(directory), "furrow.sqlite")
            self.url = self.path
        else:
            self.name = "furrow_robust_" + uuid.uuid4().hex[:12]
            psql(PG_URL, f"CREATE DATABASE {self.name}")
            self.url = with_database(PG_URL, self.name)

    def drop(self):
        if self.engine == "postgres":
            psql(PG_URL, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")

    def integrity_problems(self, copy_dir=None):
        """SQLite: what `PRAGMA integrity_check` finds (empty when sound), run on a copy of the
        database and its WAL so the server's own recovery is left to the server. PostgreSQL:
        `amcheck` on every B-tree index of the schema, where the extension is available."""
        if self.engine == "sqlite":
            target = self.path
            if copy_dir is not None:
                os.makedirs(copy_dir, exist_ok=True)
                target = os.path.join(copy_dir, "check.sqlite")
                for suffix in ("", "-wal"):
                    if os.path.exists(target + suffix):
                        os.remove(target + suffix)
                    if os.path.exists(self.path + suffix):
                        shutil.copyfile(self.path + suffix, target + suffix)
            connection = sqlite3.connect(target, timeout=10)
            try:
                rows = [r[0] for r in connection.execute("PRAGMA integrity_check")]
            finally:
                connection.close()
            return [] if rows == ["ok"] else rows
        if psql(self.url, "SELECT count(*) FROM pg_available_extensions WHERE name = 'amcheck'") == "0":
            return []
        psql(self.url, "CREATE EXTENSION IF NOT EXISTS amcheck")
        psql(self.url, """SELECT bt_index_check(index => c.oid, heapallindexed => true)
                          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE a.amname = 'btree' AND n.nspname = 'public' AND c.relpersistence = 'p'""")
        return []

    def query(self, sql):
        """Rows of a read-only query, straight from the database (the server should be stopped
        for SQLite)."""
        if self.engine == "sqlite":
            connection = sqlite3.connect(self.path, timeout=10)
            try:
                return [tuple(r) for r in connection.execute(sql)]
            finally:
                connection.close()
        out = psql(self.url, sql)
        return [tuple(line.split("|")) for line in out.splitlines() if line]


@contextlib.contextmanager
def demo_server(engine, directory):
    """A server on a fresh `furrow demo` company, with an admin client; stopped and dropped after."""
    database = Database(engine, directory)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    seeded = subprocess.run([BIN, "demo", "--database", database.url], env=env, capture_output=True, text=True, timeout=120)
    assert seeded.returncode == 0, seeded.stdout[-2000:] + seeded.stderr[-2000:]
    server = Server(database, directory, UNLIMITED)
    server.start()
    try:
        yield server, server.login("admin@demo.furrow.test", "demo-admin-2026")
    finally:
        server.stop()
        database.drop()


class Server:
    """One `furrow serve` process on a fixed port and database, restartable after a kill."""

    def __init__(self, database, directory, env=None):
        self.database = database
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(str(directory), "server.log")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
        self.env.update({"FURROW_ADMIN_EMAIL": ADMIN_EMAIL, "FURROW_ADMIN_PASSWORD": ADMIN_PASSWORD})
        self.env.update(env or {})
        self.process = None
        self.starts = []

    def start(self, timeout=30):
        """Starts the server; returns the seconds from exec to the first 200 of /healthz."""
        assert self.process is None or self.process.poll() is not None, "server already running"
        log = open(self.log_path, "a")
        log.write(f"\n--- start {time.strftime('%H:%M:%S')} ---\n")
        log.flush()
        began = time.monotonic()
        self.process = subprocess.Popen([BIN, "serve", "--port", str(self.port), "--database", self.database.url],
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"furrow serve exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    s.settimeout(2)
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        elapsed = time.monotonic() - began
                        self.starts.append(elapsed)
                        return elapsed
            except OSError:
                pass
            if time.monotonic() - began > timeout:
                raise AssertionError(f"furrow serve not healthy after {timeout}s:\n{self.log_tail()}")
            time.sleep(0.01)

    def kill(self):
        """SIGKILL: no shutdown code runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
                raise AssertionError("furrow serve did not stop on SIGTERM within 15 s")

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def server_errors(self, expected=()):
        """Request log lines with a 5xx status other than the expected ones."""
        with open(self.log_path, errors="replace") as f:
            return [line.rstrip() for line in f
                    if (m := re.search(r"status=(5\d\d)\b", line)) and int(m.group(1)) not in expected]

    def login(self, email=ADMIN_EMAIL, password=ADMIN_PASSWORD):
        response = Client(self.base).call("POST", "/api/v1/auth/tokens", {"email": email, "password": password})
        assert response.status == 201, response
        return Client(self.base, response.json["token"], server=self)


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers
        self.text = text
        self.json = None
        if text and "json" in headers.get("content-type", ""):
            try:
                self.json = json.loads(text)
            except ValueError:
                pass

    @property
    def ok(self):
        return 200 <= self.status < 300

    def __repr__(self):
        return f"<{self.status} {self.text[:500]}>"


class Client:
    """A keep-alive HTTP/1.1 client, one connection per thread. It never retries: a request that
    fails on the wire raises, so the caller knows the server did not acknowledge it."""

    def __init__(self, base, token=None, timeout=30, server=None):
        parts = urllib.parse.urlsplit(base)
        self.server = server  # a restart of it retires the connections to the old process
        self.host, self.port = parts.hostname, parts.port
        self.base = base
        self.token = token
        self.timeout = timeout
        self.local = threading.local()

    def with_token(self, token):
        return Client(self.base, token, self.timeout, self.server)

    def close(self):
        connection = getattr(self.local, "connection", None)
        if connection is not None:
            connection.close()
            self.local.connection = None

    def call(self, method, path, body=None, headers=None, raw=None, timeout=None):
        connection = getattr(self.local, "connection", None)
        # a connection idle for long may have been closed by the server: start afresh rather
        # than retry a request that may have been applied
        generation = len(self.server.starts) if self.server else 0
        if connection is not None and (time.monotonic() - self.local.used > 2 or self.local.generation != generation):
            connection.close()
            connection = None
        if connection is None:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout or self.timeout)
            self.local.connection = connection
            self.local.generation = generation
        all_headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        all_headers.update(headers or {})
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        try:
            chunked = all_headers.get("Transfer-Encoding") == "chunked"
            connection.request(method, path, body=data, headers=all_headers, encode_chunked=chunked)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
        except BaseException:
            connection.close()
            self.local.connection = None
            raise
        self.local.used = time.monotonic()
        if answer.will_close:
            connection.close()
            self.local.connection = None
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, text)

    def all_items(self, path, limit=200):
        """Every item of a keyset-paginated list."""
        items, cursor = [], None
        separator = "&" if "?" in path else "?"
        while True:
            url = f"{path}{separator}limit={limit}" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
            response = self.call("GET", url)
            assert response.status == 200, (url, response)
            items.extend(response.json["items"])
            cursor = response.json.get("nextCursor")
            if not cursor:
                return items


SQL_TEXT = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE FROM\b|\bRETURNING\b")
INTERNALS = re.compile(r"(?i)sqlite|psql|postgres|sqlstate|syntax error|constraint failed|\.swift\b|fatal error|"
                       r"stack ?trace|backtrace|0x[0-9a-f]{8,}|Swift\.|Foundation\.|NIOCore|Hummingbird")


def leaks(text):
    """The SQL text or internals an error body shows, if any."""
    found = SQL_TEXT.search(text) or INTERNALS.search(text)
    return found.group(0) if found else None


def assert_problem(response, status=None, slug=None):
    """An error answer as the API promises it: application/problem+json with type, title, status and
    detail, the status matching, and no stack trace or SQL text."""
    assert status is None or response.status == status, f"expected {status}, got {response!r}"
    assert response.headers.get("content-type", "").startswith("application/problem+json"), response
    problem = response.json
    assert isinstance(problem, dict), response
    for member in ("type", "title", "status", "detail"):
        assert member in problem, (member, response)
    assert problem["status"] == response.status, response
    assert slug is None or problem["type"].endswith(slug), (slug, response)
    assert not leaks(response.text), f"internal detail leaked ({leaks(response.text)!r}): {response.text}"
    return problem


def engines():
    return ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(not PG_URL, reason="set FURROW_TEST_POSTGRES_URL"))]
