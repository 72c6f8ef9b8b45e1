"""A full disk (SQLite): the database lives on a small tmpfs that a filler file then fills up.
Writes are refused with 507 storage-full and save nothing, reads keep working (also after a
kill -9 and restart on the full disk), and once space returns the same writes succeed without a
restart; the file stays sound."""
import json
import os
import subprocess

import pytest

import support

SIZE = "16m"


@pytest.fixture
def small_disk(tmp_path):
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(mountpoint)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def fill(path):
    """Writes until the file system refuses even one more byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 1):
            chunk = b"\0" * size
            try:
                while True:
                    os.write(fd, chunk)
            except OSError as error:
                assert error.errno == 28, error  # ENOSPC
    finally:
        os.close(fd)


def test_full_disk_refuses_writes_keeps_reads_and_recovers(small_disk, server_for):
    database = support.Database("sqlite", small_disk)
    server = server_for(database, support.UNLIMITED)
    server.start()
    client = server.login()
    accounts = []
    for n in range(8):
        response = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": f"Before {n}", "industry": "steady"})
        assert response.status == 201, response
        accounts.append(response.json)
    lead = client.call("POST", "/api/v1/leads", {"topic": "Full disk deal", "lastName": "Diskless", "companyName": "Full Disk Co"})
    assert lead.status == 201, lead
    lead = lead.json

    filler = small_disk / "filler"
    fill(filler)
    # SQLite may still have room inside its write-ahead log; writes succeed until that is used up
    squeezed = []
    for n in range(2000):
        response = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": f"Squeezed {n}", "industry": "steady"})
        if response.status != 201:
            support.assert_problem(response, 507, "storage-full")
            break
        squeezed.append(response.json)
    else:
        pytest.fail("2,000 writes succeeded on a full disk")
    accounts += squeezed
    writes = [
        ("POST", "/api/v1/accounts?allowDuplicate=true", {"name": "Written once", "industry": "new"}, None, 201),
        ("PATCH", f"/api/v1/accounts/{accounts[0]['id']}", {"name": "Renamed later"}, {"If-Match": '"1"'}, 200),
        ("POST", f"/api/v1/leads/{lead['id']}/qualify?allowDuplicate=true", {}, None, 200),
        ("POST", "/api/v1/orders", {"accountId": accounts[1]["id"], "lines": [
            {"description": "Disk", "quantity": "2", "unitPrice": "80"}, {"description": "Cable", "quantity": "1", "unitPrice": "5"}]}, None, 201),
    ]
    for method, path, body, headers, _ in writes:
        response = client.call(method, path, body, headers=headers)
        support.assert_problem(response, 507, "storage-full")
        assert int(response.headers.get("retry-after", "0")) > 0, response.headers
    # reads keep working, and show nothing of the refused writes
    for n in range(3):
        listed = client.all_items("/api/v1/accounts")
        assert sorted(a["name"] for a in listed) == sorted(a["name"] for a in accounts)
    one = client.call("GET", f"/api/v1/accounts/{accounts[0]['id']}")
    assert one.status == 200 and one.json["version"] == 1 and one.json["name"] == "Before 0", one
    assert client.call("GET", f"/api/v1/leads/{lead['id']}").json["status"] == "new"
    assert client.call("GET", "/api/v1/orders").json["items"] == []
    assert client.call("GET", f"/api/v1/audit?entity=account&id={accounts[0]['id']}").status == 200
    assert client.call("GET", "/healthz").status == 200
    # a crash while the disk is full: the server comes back, serves reads and still refuses writes
    server.kill()
    server.start()
    assert len(client.all_items("/api/v1/accounts")) == len(accounts)
    support.assert_problem(client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": "Written once", "industry": "new"}),
                           507, "storage-full")

    # space returns: the very same writes succeed, without a restart
    os.remove(filler)
    for method, path, body, headers, status in writes:
        response = client.call(method, path, body, headers=headers)
        assert response.status == status, (method, path, response)
    order = client.call("GET", "/api/v1/orders").json["items"]
    assert [o["number"][-5:] for o in order] == ["00001"], order  # the refused order burned no number
    assert client.call("GET", f"/api/v1/leads/{lead['id']}").json["status"] == "qualified"

    server.stop()
    assert not database.integrity_problems()
    # nothing of the refused attempts was kept: each write exists exactly once
    assert database.query("SELECT count(*) FROM accounts WHERE name = 'Written once'") == [(1,)]
    assert database.query("SELECT count(*) FROM accounts WHERE name = 'Renamed later' AND version = 2") == [(1,)]
    assert database.query("SELECT count(*) FROM opportunities") == [(1,)]
    assert database.query("SELECT count(*) FROM sales_orders") == [(1,)]
    creates = database.query("SELECT changes FROM audit_entries WHERE action = 'account.create'")
    assert sum(1 for (changes,) in creates if "Written once" in changes) == 1
    renames = database.query("SELECT changes FROM audit_entries WHERE action = 'account.update'")
    assert sum(1 for (changes,) in renames if "Renamed later" in changes) == 1
    assert not server.server_errors(expected={507}), server.server_errors(expected={507})
    ids = {id_ for (id_,) in database.query("SELECT id FROM accounts")}
    assert all(a["id"] in ids for a in accounts), "an account acknowledged before the disk filled is missing"
    support.summary(f"disk-full[sqlite]: {len(squeezed)} writes fitted after the fill, then {len(writes) + 2} writes on a full {SIZE} tmpfs answered 507 storage-full, reads 200 (also after kill -9 + restart on the full disk), "
                    "the same writes 2xx once space returned, integrity_check ok, nothing half-written")
