"""Budget tracking in the browser (seed 001): an administrator adds a budget activity, makes a
master budget on an account, books income on a task, reads budget vs actual, and after the
company's midnight (the server's clock moved with libfaketime) edits the locked budget and sees
the correction beside the original."""
import datetime
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest

from conftest import ADMIN, create_account, free_port, furrow_binary

FAKETIME = next((p for p in ("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
                                "/usr/lib/faketime/libfaketimeMT.so.1") if os.path.exists(p)), "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1")


@pytest.fixture(scope="module")
def moved_server():
    """A fresh server whose clock is the real one plus the offset written to `clock` (libfaketime
    reads the file on every call, so the test moves the server's time while it runs)."""
    if not os.path.exists(FAKETIME):
        pytest.fail("libfaketime is missing: the README's test command installs the faketime package")
    folder = tempfile.mkdtemp(prefix="furrow-budget-")
    clock = os.path.join(folder, "clock")
    with open(clock, "w") as f:
        f.write("+0\n")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    env.update(LD_PRELOAD=FAKETIME, FAKETIME_TIMESTAMP_FILE=clock, FAKETIME_NO_CACHE="1")
    log = open(os.path.join(folder, "server.log"), "wb")
    # Started through a shell that has the library loaded already: a Swift binary started with
    # LD_PRELOAD=libfaketime straight from a process without it does not see its arguments.
    process = subprocess.Popen(["sh", "-c", 'exec "$@"', "sh", furrow_binary(), "serve", "--database", os.path.join(folder, "b.sqlite"),
                                "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            assert process.poll() is None, open(log.name, encoding="utf-8", errors="replace").read()
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                assert time.time() < deadline, "furrow serve did not answer /healthz"
                time.sleep(0.2)
        yield base, clock
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_budget_master_actual_and_a_correction_after_midnight(browser, moved_server):
    base, clock = moved_server
    context = browser.new_context(base_url=base)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # the server's day (UTC, the company's) ends ten minutes from now: the jump past its midnight
    # below stays far shorter than a sign-in lasts, whatever the hour the test runs
    now = datetime.datetime.now(datetime.timezone.utc)
    lead = int(((now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0) - now).total_seconds()) - 600
    with open(clock, "w") as f:
        f.write(f"{lead:+d}\n")
    # the first administrator, through the first-run page; the company clock is UTC
    page.goto("/")
    page.fill("#f-email", ADMIN["email"])
    page.fill("#f-name", ADMIN["name"])
    page.fill("#f-password", ADMIN["password"])
    page.get_by_role("button", name="Create administrator").click()
    page.wait_for_url("**/home")

    # a budget activity, from the administration menu
    page.get_by_role("link", name="Budget activities").click()
    page.fill("#f-name", "Road work")
    page.fill("#f-code", "RW")
    page.get_by_role("button", name="Add").click()
    assert "“Road work” added." in page.content()

    # a master budget on an account, from its Economy section
    account = create_account(page, "Okafor Haulage")
    page.get_by_role("link", name="New budget").click()
    page.select_option('[name="lines[0].budgetActivityId"]', label="Road work")
    page.fill('[name="lines[0].income"]', "1000")
    page.fill('[name="lines[0].cost"]', "400")
    page.get_by_role("button", name="Save budget").click()
    page.wait_for_url("**/budgets/*-*")
    budget = page.url
    assert "Open until" in page.content()

    # a task about the account under that activity, with income booked on it
    page.goto(account)
    page.get_by_role("link", name="New activity…").click()
    page.fill("#f-subject", "Resurface the depot yard")
    page.select_option("#f-budgetActivityId", label="Road work")
    page.get_by_role("button", name="Create activity").click()
    page.wait_for_url(account + "*")
    page.get_by_role("link", name="Resurface the depot yard").click()
    page.wait_for_url("**/activities/*-*")
    page.fill("#entry-amount", "250.00")
    page.fill("#entry-currency", "EUR")
    page.get_by_role("button", name="Book").click()
    assert "Booked." in page.content()
    assert "250.00 EUR" in page.locator("#entries").inner_text()

    # budget vs actual: 250 of 1,000 income reached, in the table and in the chart
    page.goto(budget)
    actual = page.locator("#actual table").inner_text()
    assert re.search(r"Road work\s+1,000\.00\s+250\.00\s+-750\.00\s+25\.0 %", actual, re.I), actual
    assert page.locator("svg.budget-chart title").text_content().startswith("Budget vs actual")
    assert page.locator("svg.budget-chart rect").count() == 4

    # past the company's midnight the master is locked: new numbers become correction 1
    with open(clock, "w") as f:
        f.write(f"{lead + 660:+d}\n")
    page.reload()
    assert "The master locked on" in page.content()
    page.get_by_role("link", name="Edit numbers").click()
    assert page.locator('[name="from"]').count() == 0, "a locked master's dates are not offered"
    page.fill('[name="lines[0].income"]', "1200")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(budget)
    assert "Saved as correction 1" in page.content()
    versions = page.locator("#versions table").inner_text()
    assert "MASTER" in versions.upper() and "CORRECTION 1" in versions.upper()
    assert re.search(r"Road work\s+1,000\.00\s+400\.00\s+1,200\.00\s+(\(changed\)\s+)?400\.00", versions, re.I), versions
    assert page.locator("#versions td.changed").count() == 1
    page.screenshot(path=os.path.join(tempfile.gettempdir(), "furrow-budget-correction.png"), full_page=True)
    context.close()
