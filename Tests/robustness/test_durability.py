"""Durability under kill -9: 16 writers create and patch accounts; the server is SIGKILLed at a
random moment and restarted on the same database; every write it acknowledged with a 2xx must be
there, whole, with its audit trail, and the database must pass its integrity check.

FURROW_KILLS (default 10) sets the number of kill cycles per engine; FURROW_SEED the random seed."""
import http.client
import os
import random
import sqlite3
import threading
import time

import pytest

import support

KILLS = int(os.environ.get("FURROW_KILLS", "10"))
WRITERS = 16
MAX_RESTART_SECONDS = 2.0


class Record:
    """What the server acknowledged about one account, and the one change in flight on it."""

    def __init__(self, writer, label, account):
        self.writer = writer
        self.label = label
        self.id = account["id"]
        self.version = account["version"]
        self.names = {account["version"]: account["name"]}
        self.pending = None  # (version, name) of a PATCH sent but not answered
        self.touched = True


def name_for(label, version):
    return f"{label} v{version}"


class Writer(threading.Thread):
    def __init__(self, index, cycle, client, records, lock, killed, rng):
        super().__init__(daemon=True)
        self.index, self.cycle, self.client = index, cycle, client
        self.records, self.lock, self.killed, self.rng = records, lock, killed, rng
        self.mine = [r for r in records.values() if r.writer == index]
        self.acknowledged = 0
        self.problems = []

    def run(self):
        serial = 0
        while not self.killed.is_set():
            try:
                if not self.mine or self.rng.random() < 0.4:
                    serial += 1
                    label = f"k{self.cycle}-w{self.index}-{serial}"
                    response = self.client.call("POST", "/api/v1/accounts?allowDuplicate=true",
                                                {"name": name_for(label, 1), "industry": "v1"})
                    if response.status != 201:
                        self.problems.append(("create", response))
                        return
                    account = response.json
                    assert account["name"] == name_for(label, 1) and account["version"] == 1, account
                    record = Record(self.index, label, account)
                    with self.lock:
                        self.records[record.id] = record
                    self.mine.append(record)
                else:
                    record = self.rng.choice(self.mine)
                    version = record.version + 1
                    name = name_for(record.label, version)
                    record.pending = (version, name)
                    response = self.client.call("PATCH", f"/api/v1/accounts/{record.id}", {"name": name, "industry": f"v{version}"},
                                                headers={"If-Match": f'"{record.version}"'})
                    if response.status != 200:
                        self.problems.append(("patch", response))
                        return
                    assert response.json["version"] == version and response.json["name"] == name, response
                    record.version = version
                    record.names[version] = name
                    record.pending = None
                    record.touched = True
                self.acknowledged += 1
            except (OSError, http.client.HTTPException) as error:  # the server died under us (before the kill: a finding)
                if not self.killed.is_set():
                    self.problems.append(("connection", repr(error)))
                return
            except Exception as error:  # a 2xx whose body is not what was written
                self.problems.append(("answer", repr(error)))
                return


def verify(client, records, only_touched):
    """Checks every acknowledged write against the server; returns how many records were checked.
    A PATCH sent but not answered may or may not have committed: the server then holds the
    acknowledged version or exactly that one next version, whole (name and industry agree)."""
    live = {a["id"]: a for a in client.all_items("/api/v1/accounts")}
    failures = []
    checked = 0
    for record in records.values():
        account = live.get(record.id)
        if account is None:
            failures.append(f"{record.label}: acknowledged account {record.id} (v{record.version}) is missing")
            continue
        allowed = {record.version: record.names[record.version]}
        if record.pending and record.pending[0] == record.version + 1:
            allowed[record.pending[0]] = record.pending[1]
        if account["version"] not in allowed:
            failures.append(f"{record.label}: server has v{account['version']}, acknowledged v{record.version}")
            continue
        version = account["version"]
        if account["name"] != allowed[version] or account.get("industry") != f"v{version}":
            failures.append(f"{record.label}: v{version} is not whole: {account}")
            continue
        # a change that committed without its answer reaching us is now simply the state
        if version != record.version:
            record.version = version
            record.names[version] = allowed[version]
        record.pending = None
        checked += 1
        if only_touched and not record.touched:
            continue
        audit = client.call("GET", f"/api/v1/audit?entity=account&id={record.id}")
        if audit.status != 200:
            failures.append(f"{record.label}: audit answered {audit!r}")
            continue
        actions = [entry["action"] for entry in audit.json["items"]]
        if actions.count("account.create") != 1 or actions.count("account.update") != version - 1:
            failures.append(f"{record.label}: v{version} but audit has {actions}")
        record.touched = False
    assert not failures, f"{len(failures)} acknowledged writes lost or damaged:\n" + "\n".join(failures[:30])
    return checked


def test_acknowledged_writes_survive_kill_9(database, server_for, tmp_path, engine):
    rng = random.Random(f"{support.SEED}-durability-{engine}")
    server = server_for(database, support.UNLIMITED)
    server.start()
    client = server.login()
    records, lock = {}, threading.Lock()
    restarts, acknowledged = [], 0
    problems = []
    for cycle in range(KILLS):
        killed = threading.Event()
        writers = [Writer(i, cycle, client.with_token(client.token), records, lock, killed,
                          random.Random(f"{support.SEED}-{engine}-{cycle}-{i}")) for i in range(WRITERS)]
        for writer in writers:
            writer.start()
        time.sleep(rng.uniform(0.5, 2.0))
        killed.set()
        server.kill()
        for writer in writers:
            writer.join(timeout=30)
            assert not writer.is_alive(), "a writer hung after the kill"
            acknowledged += writer.acknowledged
            problems.extend(writer.problems)
        assert not problems, f"cycle {cycle}: answers other than 2xx before the kill: {problems[:10]}\n{server.log_tail()}"
        if engine == "sqlite":
            damaged = database.integrity_problems(copy_dir=tmp_path / "crash-copy")
            assert not damaged, f"cycle {cycle}: integrity_check after kill -9: {damaged[:10]}"
        restarts.append(server.start())
        verify(client, records, only_touched=True)
    # at the end every acknowledged record once more, audit trail included
    for record in records.values():
        record.touched = True
    verify(client, records, only_touched=False)
    server.stop()
    damaged = database.integrity_problems()
    assert not damaged, f"integrity check at the end: {damaged[:10]}"
    assert not server.server_errors(), server.server_errors()[:10]
    assert acknowledged > KILLS * WRITERS, f"too few acknowledged writes ({acknowledged}) for the test to mean anything"
    support.summary(f"durability[{engine}]: {KILLS} kills, {acknowledged} acknowledged writes on {len(records)} accounts all present "
                    f"and whole with their audit trail after every restart, restart-to-healthy max {max(restarts):.2f}s "
                    f"(mean {sum(restarts) / len(restarts):.2f}s), seed {support.SEED}")
    assert max(restarts) <= MAX_RESTART_SECONDS, f"restart to healthy took {max(restarts):.2f}s: {restarts}"


def test_verify_catches_lost_and_damaged_writes(tmp_path, server_for):
    """The harness itself: writes removed behind the server's back must make verify() fail."""
    database = support.Database("sqlite", tmp_path)
    server = server_for(database, support.UNLIMITED)
    server.start()
    client = server.login()
    records = {}
    for n in range(4):
        account = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": name_for(f"self-{n}", 1), "industry": "v1"}).json
        records[account["id"]] = Record(0, f"self-{n}", account)
    for record in records.values():
        response = client.call("PATCH", f"/api/v1/accounts/{record.id}", {"name": name_for(record.label, 2), "industry": "v2"},
                               headers={"If-Match": '"1"'})
        assert response.status == 200, response
        record.version, record.names[2] = 2, name_for(record.label, 2)
    assert verify(client, records, only_touched=False) == 4
    first, second, third, fourth = records.values()
    tampering = [
        (f"DELETE FROM accounts WHERE id = '{first.id}'", "is missing"),
        (f"UPDATE accounts SET version = 1, name = '{first.names[1]}', industry = 'v1' WHERE id = '{second.id}'", "acknowledged v2"),
        (f"UPDATE accounts SET name = 'half' WHERE id = '{third.id}'", "is not whole"),
        (f"DELETE FROM audit_entries WHERE entity_id = '{fourth.id}' AND action = 'account.update'", "audit has"),
    ]
    triggers = database.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'")
    for sql, message in tampering:
        server.kill()
        connection = sqlite3.connect(database.path)
        with connection:
            if "audit_entries" in sql:  # the trail is append-only; only a tamperer drops that guard
                for (trigger,) in triggers:
                    connection.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
            assert connection.execute(sql).rowcount == 1, sql
        connection.close()
        server.start()
        for record in records.values():
            record.touched = True
        with pytest.raises(AssertionError, match=message):
            verify(client, records, only_touched=False)
