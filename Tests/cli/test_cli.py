"""The furrow command line, run as a user would: a real binary on real databases."""
import re
import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.request

import pytest

BIN = os.environ.get("FURROW_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "furrow"))


def furrow(*args, env=None, check=True, timeout=120):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    clean.update(env or {})
    result = subprocess.run([BIN, *args], capture_output=True, text=True, env=clean, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"furrow {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_help_names_every_command():
    out = furrow("--help").stdout
    for command in ["serve", "migrate", "users", "backup", "demo", "bank", "receivables", "budget", "amc"]:
        assert command in out
    assert "--email" in furrow("users", "create", "--help").stdout


def test_migrate_is_idempotent(tmp_path):
    db = str(tmp_path / "m.sqlite")
    assert "Applied" in furrow("migrate", "--database", db).stdout
    assert "Up to date" in furrow("migrate", "--database", db).stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_users_create_and_list(tmp_path):
    db = str(tmp_path / "u.sqlite")
    furrow("users", "create", "--admin", "--email", "Boss@Example.com", "--password", "long-password", "--name", "Boss", "--database", db)
    furrow("users", "create", "--email", "seller@example.com", "--password", "long-password", "--role", "sales", "--database", db)
    listed = furrow("users", "list", "--database", db).stdout
    assert "boss@example.com\tadmin\tactive" in listed
    assert "seller@example.com\tsales\tactive" in listed
    again = furrow("users", "create", "--email", "seller@example.com", "--password", "long-password", "--database", db, check=False)
    assert again.returncode != 0
    short = furrow("users", "create", "--email", "x@example.com", "--password", "short", "--database", db, check=False)
    assert short.returncode != 0 and "password" in (short.stdout + short.stderr)
    bad_role = furrow("users", "create", "--email", "y@example.com", "--password", "long-password", "--role", "boss", "--database", db, check=False)
    assert bad_role.returncode != 0


def test_backup_writes_a_checked_copy(tmp_path):
    db, copy = str(tmp_path / "b.sqlite"), str(tmp_path / "copy.sqlite")
    furrow("demo", "--database", db)
    out = furrow("backup", "--to", copy, "--database", db).stdout
    assert "integrity_check: ok" in out
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM accounts").fetchone()[0] >= 6
    assert furrow("backup", "--to", copy, "--database", db, check=False).returncode != 0


@pytest.mark.skipif("FURROW_TEST_POSTGRES_URL" not in os.environ, reason="needs the test PostgreSQL server")
def test_backup_refuses_postgres(tmp_path):
    result = furrow("backup", "--to", str(tmp_path / "x.sqlite"), "--database", os.environ["FURROW_TEST_POSTGRES_URL"], check=False)
    assert result.returncode != 0
    assert "pg_dump" in result.stdout + result.stderr


def test_demo_refuses_a_database_with_users(tmp_path):
    db = str(tmp_path / "d.sqlite")
    first = furrow("demo", "--database", db).stdout
    assert "admin@demo.furrow.test" in first and "demo-admin-2026" in first
    assert furrow("demo", "--database", db, check=False).returncode != 0


def test_serve_creates_the_admin_from_the_environment_and_stops_gracefully(tmp_path):
    db, port = str(tmp_path / "s.sqlite"), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    env.update({"FURROW_ADMIN_EMAIL": "first@example.com", "FURROW_ADMIN_PASSWORD": "first-password"})
    server = subprocess.Popen([BIN, "serve", "--port", str(port), "--database", db], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        request = urllib.request.Request(base + "/api/v1/auth/tokens", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"email": "first@example.com", "password": "first-password"}).encode())
        token = json.load(urllib.request.urlopen(request, timeout=5))["token"]
        me = urllib.request.Request(base + "/api/v1/me", headers={"Authorization": "Bearer " + token})
        body = json.load(urllib.request.urlopen(me, timeout=5))
        assert body["role"] == "admin"
        response = urllib.request.urlopen(base + "/healthz", timeout=5)
        assert response.headers["X-Request-Id"]
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)
    assert code == 0


def test_bank_import_skips_lines_seen_before_and_reports_bad_rows(tmp_path):
    db = str(tmp_path / "b.sqlite")
    furrow("users", "create", "--admin", "--email", "boss@example.com", "--password", "long-password", "--database", db)
    statement = tmp_path / "nov.csv"
    statement.write_text("date,amount,reference,counterparty\n2026-11-20,120.00,Unknown transfer,X\n2026-11-21,-9.99,Fee,Bank\n")
    first = furrow("bank", "import", str(statement), "--currency", "EUR", "--database", db).stdout
    assert "Imported 2 lines (0 seen before" in first
    again = furrow("bank", "import", str(statement), "--reconcile", "--database", db).stdout
    assert "Imported 0 lines (2 seen before" in again
    assert "0 lines unmatched" in again
    bad = tmp_path / "bad.csv"
    bad.write_text("date,amount,reference\n2026-11-40,1.00,x\n")
    result = furrow("bank", "import", str(bad), "--database", db, check=False)
    assert result.returncode == 65
    assert "Line 2 has no valid date (YYYY-MM-DD)" in result.stdout
    furrow("users", "create", "--email", "s@example.com", "--password", "long-password", "--database", db)
    refused = furrow("bank", "import", str(statement), "--user", "s@example.com", "--database", db, check=False)
    assert refused.returncode != 0 and "finance" in (refused.stdout + refused.stderr)


def test_receivables_prints_the_demo_ageing(tmp_path):
    db = str(tmp_path / "d.sqlite")
    furrow("demo", "--database", db)
    out = furrow("receivables", "--database", db).stdout
    assert out.startswith("Receivables as of ")
    assert "Greenway Farms" in out and "Harbour Logistics" in out
    total = [line for line in out.splitlines() if line.startswith("Total")]
    assert len(total) == 1 and " GBP " in total[0]
    assert furrow("receivables", "--as-of", "soon", "--database", db, check=False).returncode != 0


def test_budget_report_prints_the_demo_budget_against_actual(tmp_path):
    db = str(tmp_path / "b.sqlite")
    furrow("demo", "--database", db)
    out = furrow("budget", "report", "--account", "Acme Field Services", "--database", db).stdout
    assert "master and 2 correction(s)" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split() and line.split()[0] in ("Maintenance", "Installation", "Total")}
    # the latest correction's numbers, the booked income and expenses, variance and percentage consumed
    assert rows["Maintenance"][1:5] == ["26000.00", "10300.00", "-15700.00", "39.6"]
    assert rows["Installation"][1:3] == ["18000.00", "9800.00"]
    assert rows["Total"][1:3] == ["46000.00", "21300.00"]
    assert "Not added in: Maintenance expense 310.00 USD" in out
    months = furrow("budget", "report", "--account", "Acme Field Services", "--group-by", "month", "--database", db).stdout
    assert "-01 " in months and "-12 " in months
    assert furrow("budget", "report", "--database", db, check=False).returncode != 0
    assert furrow("budget", "report", "--account", "Nobody Ltd", "--database", db, check=False).returncode != 0


def test_amc_due_prints_renewals_and_overdue_visits_of_the_demo(tmp_path):
    db = str(tmp_path / "m.sqlite")
    furrow("demo", "--database", db)
    soon = furrow("amc", "due", "--days", "40", "--database", db).stdout
    assert "Renewals due within 40 days: 1" in soon and "Greenway Farms" in soon, soon
    out = furrow("amc", "due", "--days", "400", "--database", db).stdout
    assert "Renewals due within 400 days: 3" in out, out
    assert re.search(r"AMC-\d{4}-00001\s+Acme Field Services", out), out
    overdue = int(re.search(r"Overdue visits: (\d+)", out).group(1))
    assert overdue >= 1 and "Tess Tech" in out
    assert "Renewals due within 0 days: 0" in furrow("amc", "due", "--days", "0", "--database", db).stdout
    assert furrow("amc", "due", "--days", "-1", "--database", db, check=False).returncode != 0
    # the service report over the demo's two years: Tess Tech's visits, some done with ratings, the renewal due
    import datetime
    today = datetime.date.today()
    report = furrow("amc", "report", "--from", (today - datetime.timedelta(days=400)).isoformat(),
                    "--to", (today + datetime.timedelta(days=400)).isoformat(), "--database", db).stdout
    tess = next(line.split() for line in report.splitlines() if line.startswith("Tess Tech"))
    due, done, overdue = int(tess[2]), int(tess[3]), int(tess[4])
    assert due > done >= 4 and overdue >= 1 and re.fullmatch(r"[45]\.\d", tess[-1]), report
    assert re.search(r"within 30 days\s+1\s+1600\.00 GBP", report), report
    assert "Greenway Farms" in report and "Acme Manufacturing" in report
    assert furrow("amc", "report", "--from", "2026-02-30", "--database", db, check=False).returncode != 0


def test_printed_names_carry_no_terminal_escapes_or_bidi_overrides(tmp_path):
    db = str(tmp_path / "t.sqlite")
    name = "Red\u001b[31mAlert\u001b]0;title\u0007\u202eevil\u2066x\u009b2J\u007fend"
    furrow("users", "create", "--admin", "--email", "boss@example.com", "--password", "long-password", "--name", name, "--database", db)
    for args in (["users", "list"], ["report", "pipeline", "--group-by", "owner"]):
        out = furrow(*args, "--database", db).stdout
        for forbidden in ["\u001b", "\u0007", "\u202e", "\u2066", "\u009b", "\u007f"]:
            assert forbidden not in out, (args, out)
    assert "boss@example.com\tadmin\tactive\tRed[31mAlert]0;titleevilx2Jend" in furrow("users", "list", "--database", db).stdout
