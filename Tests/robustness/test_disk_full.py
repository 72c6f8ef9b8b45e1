"""A full disk. SQLite: the database lives on a small tmpfs that a filler file then fills up.
PostgreSQL: a fresh database whose default tablespace lives on a small tmpfs (the WAL stays on the
cluster's own disk, so PostgreSQL itself stays up); a filler file leaves little room, and writes
through the API fill the rest. Either way, writes are refused with 507 storage-full and save
nothing, reads keep working (also after a kill -9 and restart on the full disk), and once space
returns (the filler removed, or the tmpfs remounted larger) the same writes succeed without a
restart; nothing acknowledged is lost and the database stays sound."""
import os
import pwd
import subprocess
import tempfile
import uuid

import pytest

import support

SIZE = "16m"
PG_SIZE, PG_GROWN = "24m", "64m"
PG_HEADROOM = 512 * 1024  # what the filler leaves for the API's writes to fill


def mount_tmpfs(mountpoint, size, options=""):
    """Mounts a tmpfs of `size` (skips the test where that is not allowed); returns the unmount."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}{options}", "tmpfs", str(mountpoint)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")

    def unmount():
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)
    return unmount


@pytest.fixture
def small_disk(tmp_path):
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    unmount = mount_tmpfs(mountpoint, SIZE)
    try:
        yield mountpoint
    finally:
        unmount()


def fill(path, leave=0):
    """Writes until the file system refuses even one more byte, then gives `leave` bytes back."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 1):
            chunk = b"\0" * size
            try:
                while True:
                    os.write(fd, chunk)
            except OSError as error:
                assert error.errno == 28, error  # ENOSPC
        if leave:
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
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


# ================================================================ PostgreSQL: a full tablespace

class SmallTablespace:
    """A fresh PostgreSQL database whose default tablespace is a directory on a small tmpfs."""

    def __init__(self, mountpoint, name):
        self.mountpoint = mountpoint
        self.location = os.path.join(mountpoint, "tablespace")
        self.tablespace = name
        self.engine = "postgres"
        self.name = name
        self.url = support.with_database(support.PG_URL, name)

    def used(self):
        stat = os.statvfs(self.mountpoint)
        return (stat.f_blocks - stat.f_bfree) * stat.f_frsize

    def integrity_problems(self):
        return support.Database.integrity_problems(self)

    def query(self, sql):
        return support.Database.query(self, sql)


@pytest.fixture
def small_tablespace():
    if not support.PG_URL:
        pytest.skip("set FURROW_TEST_POSTGRES_URL")
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    # the tablespace directory must be on this machine and owned by the user PostgreSQL runs as
    data_directory = support.psql(support.PG_URL, "SHOW data_directory")
    if not os.path.isdir(data_directory):
        pytest.skip(f"PostgreSQL's data directory {data_directory} is not on this machine")
    owner = os.stat(data_directory).st_uid
    try:
        pwd.getpwuid(owner)
    except KeyError:
        pytest.skip("PostgreSQL runs as an unknown user")
    mountpoint = tempfile.mkdtemp(prefix="furrow-pg-disk-")  # under /tmp: PostgreSQL's user can reach it
    try:
        unmount = mount_tmpfs(mountpoint, PG_SIZE, ",mode=0755")
    except BaseException:
        os.rmdir(mountpoint)
        raise
    name = "furrow_full_" + uuid.uuid4().hex[:12]
    space = SmallTablespace(mountpoint, name)
    os.mkdir(space.location, 0o700)
    os.chown(space.location, owner, os.stat(data_directory).st_gid)
    created = []
    try:
        try:
            admin_sql(f"CREATE TABLESPACE {name} LOCATION '{space.location}'")
            created.append("tablespace")
            admin_sql(f"CREATE DATABASE {name} TABLESPACE {name}")
            created.append("database")
        except AssertionError as error:
            pytest.skip(f"cannot create a tablespace on the tmpfs: {error}")
        yield space
    finally:
        # the tmpfs goes only once PostgreSQL holds nothing on it
        if "database" in created:
            admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if "tablespace" in created:
            admin_sql(f"DROP TABLESPACE IF EXISTS {name}")
        unmount()
        os.rmdir(mountpoint)


def admin_sql(sql):
    """A statement on the cluster's maintenance database. CREATE and DROP DATABASE may wait for a
    checkpoint, which takes long on a busy cluster that fsyncs: a generous timeout."""
    result = subprocess.run(["psql", support.PG_URL, "-v", "ON_ERROR_STOP=1", "-Atqc", sql], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"psql failed: {sql}\n{result.stderr}")
    return result.stdout.strip()


def test_full_tablespace_on_postgres_refuses_writes_keeps_reads_and_recovers(small_tablespace, server_for):
    space = small_tablespace
    server = server_for(space, support.UNLIMITED)
    server.start()  # migrates: the schema lands in the small tablespace
    client = server.login()
    spare = server.login()  # a second token, issued while there is room (sign-in is a write)
    accounts = []
    for n in range(8):
        response = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": f"Before {n}", "industry": "steady"})
        assert response.status == 201, response
        accounts.append(response.json)
    lead = client.call("POST", "/api/v1/leads", {"topic": "Full disk deal", "lastName": "Diskless", "companyName": "Full Disk Co"})
    assert lead.status == 201, lead
    lead = lead.json
    tablespace_oid = admin_sql(f"SELECT oid FROM pg_tablespace WHERE spcname = '{space.tablespace}'")
    for table in ("accounts", "audit_entries", "sales_orders"):
        path = support.psql(space.url, f"SELECT pg_relation_filepath('{table}')")
        assert path.startswith(f"pg_tblspc/{tablespace_oid}/"), (table, path)

    # a filler file leaves a little room; the API's writes fill the rest
    filler = os.path.join(space.mountpoint, "filler")
    fill(filler, leave=PG_HEADROOM)
    squeezed = []
    for n in range(20000):
        response = client.call("POST", "/api/v1/accounts?allowDuplicate=true",
                               {"name": f"Squeezed {n} " + "x" * 180, "industry": "i" * 100})
        if response.status != 201:
            support.assert_problem(response, 507, "storage-full")
            assert int(response.headers.get("retry-after", "0")) > 0, response.headers
            break
        squeezed.append(response.json)
    else:
        pytest.fail(f"20,000 writes succeeded on a full tablespace ({space.used()} bytes used)")
    accounts += squeezed
    order = ("POST", "/api/v1/orders", {"accountId": accounts[1]["id"], "lines": [
        {"description": "Disk", "quantity": "2", "unitPrice": "80"}, {"description": "Cable", "quantity": "1", "unitPrice": "5"}]}, None, 201)
    writes = [
        ("POST", "/api/v1/accounts?allowDuplicate=true", {"name": "Written once", "industry": "new"}, None, 201),
        ("PATCH", f"/api/v1/accounts/{accounts[0]['id']}", {"name": "Renamed later"}, {"If-Match": '"1"'}, 200),
        ("POST", f"/api/v1/leads/{lead['id']}/qualify?allowDuplicate=true", {}, None, 200),
        order,
    ]
    # Unlike SQLite's, PostgreSQL's write-ahead log is elsewhere: a write that fits in room left inside
    # a table's pages still succeeds. Each write is answered either way, then; the ones that need a
    # new page (the first order, the qualification's first contact and opportunity) must be refused.
    refused, fitted = [], []
    for write in writes:
        method, path, body, headers, status = write
        response = client.call(method, path, body, headers=headers)
        if response.status == status:
            fitted.append(write)
            if path.startswith("/api/v1/accounts?"):
                accounts.append(response.json)
            continue
        support.assert_problem(response, 507, "storage-full")
        assert int(response.headers.get("retry-after", "0")) > 0, response.headers
        refused.append(write)
    assert writes[2] in refused and order in refused, f"writes that need new pages succeeded: {fitted}"
    if writes[1] in fitted:
        accounts[0] = client.call("GET", f"/api/v1/accounts/{accounts[0]['id']}").json
    # reads keep working, for every token, and show nothing of the refused writes
    for reader in (client, spare):
        listed = reader.all_items("/api/v1/accounts")
        assert sorted(a["id"] for a in listed) == sorted(a["id"] for a in accounts)
    one = client.call("GET", f"/api/v1/accounts/{accounts[0]['id']}")
    assert one.status == 200 and one.json["version"] == (2 if writes[1] in fitted else 1), one
    assert client.call("GET", f"/api/v1/leads/{lead['id']}").json["status"] == "new"
    assert client.call("GET", "/api/v1/orders").json["items"] == []
    assert client.call("GET", f"/api/v1/audit?entity=account&id={accounts[0]['id']}").status == 200
    assert client.call("GET", "/healthz").status == 200
    # a crash while the tablespace is full: the server comes back, serves reads and still refuses writes
    server.kill()
    server.start()
    assert len(client.all_items("/api/v1/accounts")) == len(accounts)
    support.assert_problem(client.call(order[0], order[1], order[2]), 507, "storage-full")
    full = space.used()

    # space returns (the tmpfs grows): the very same writes succeed, without a restart
    result = subprocess.run(["mount", "-o", f"remount,size={PG_GROWN}", space.mountpoint], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for method, path, body, headers, status in refused:
        response = client.call(method, path, body, headers=headers)
        assert response.status == status, (method, path, response)
        if path.startswith("/api/v1/accounts?"):
            accounts.append(response.json)
    orders = client.call("GET", "/api/v1/orders").json["items"]
    assert [o["number"][-5:] for o in orders] == ["00001"], orders  # the refused orders burned no number
    assert client.call("GET", f"/api/v1/leads/{lead['id']}").json["status"] == "qualified"
    more = client.call("POST", "/api/v1/accounts?allowDuplicate=true", {"name": "After the disk grew", "industry": "new"})
    assert more.status == 201, more
    accounts.append(more.json)
    # PostgreSQL's own background writes into the tablespace (which failed while it was full) work again
    admin_sql("CHECKPOINT")

    server.stop()
    assert not space.integrity_problems()  # amcheck on every B-tree index, where available
    # nothing acknowledged was lost, and nothing of the refused attempts was kept
    ids = {id_ for (id_,) in space.query("SELECT id FROM accounts")}
    lost = [a["id"] for a in accounts if a["id"] not in ids]
    assert not lost, f"{len(lost)} acknowledged accounts are missing"
    assert space.query("SELECT count(*) FROM accounts WHERE name = 'Written once'") == [("1",)]
    assert space.query("SELECT count(*) FROM accounts WHERE name = 'Renamed later' AND version = 2") == [("1",)]
    assert space.query("SELECT count(*) FROM opportunities") == [("1",)]
    assert space.query("SELECT count(*) FROM sales_orders") == [("1",)]
    assert space.query("SELECT count(*) FROM audit_entries WHERE action = 'account.create' AND changes LIKE '%Written once%'") == [("1",)]
    assert space.query("SELECT count(*) FROM audit_entries WHERE action = 'account.update' AND changes LIKE '%Renamed later%'") == [("1",)]
    assert not server.server_errors(expected={507}), server.server_errors(expected={507})
    support.summary(f"disk-full[postgres]: {len(squeezed)} writes filled the last {PG_HEADROOM // 1024} KiB of a {PG_SIZE} tablespace "
                    f"({full // 1024} KiB used), then {len(refused) + 2} writes answered 507 storage-full ({len(fitted)} still fitted in pages with room), "
                    "reads 200 (also after kill -9 + restart), "
                    f"the same writes 2xx after remounting it at {PG_GROWN}, amcheck clean, {len(accounts)} acknowledged accounts all present")
