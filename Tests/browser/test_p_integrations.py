"""Integrations in the browser (SPEC §11): a filtered list exported as CSV from its Export
button, a named API token made, shown once, used, seen as used and revoked, and a webhook
added, pinged (the loopback receiver checks the signature) and its delivery log shown."""
import base64
import csv
import hashlib
import hmac
import http.server
import io
import json
import re
import threading
import time
import urllib.error
import urllib.request
import uuid

from conftest import ADMIN, api, sign_in
from playwright.sync_api import expect


def test_a_filtered_list_exports_every_matching_row(admin, server):
    # given: three accounts of an industry of this test's own, one named like a formula
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    tag = uuid.uuid4().hex[:6]
    for name in (f"Alder Export {tag}", f"Birch Export {tag}", f"=1+1 Export {tag}"):
        api(server, "POST", "/accounts", {"name": name, "industry": "Forestry"}, token)
    api(server, "POST", "/accounts", {"name": f"Unrelated {uuid.uuid4().hex[:6]}"}, token)
    page = admin

    # when: the accounts list is filtered by the tag and exported
    page.goto("/accounts")
    page.fill("#list-filter", f"Export {tag}")
    page.get_by_role("button", name="Filter").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()

    # then: the file holds the three matching accounts (all of them, not a page), the formula as text
    assert download.value.suggested_filename == "accounts.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    names = sorted(row["name"] for row in rows)
    assert names == sorted([f"'=1+1 Export {tag}", f"Alder Export {tag}", f"Birch Export {tag}"]), names
    assert all(row["industry"] == "Forestry" for row in rows)


def test_a_change_made_through_a_token_names_it_in_the_history(admin, server):
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    tag = uuid.uuid4().hex[:6]
    sync = api(server, "POST", "/api-tokens", {"name": f"Nightly sync {tag}", "scopes": ["read", "write"]}, token)["token"]
    account = api(server, "POST", "/accounts", {"name": f"Synced Farm {tag}"}, sync)
    admin.goto(f"/accounts/{account['id']}")
    history = admin.locator("#history").inner_text()
    assert f'via token "Nightly sync {tag}"' in history, history


def call(server, path, secret):
    request = urllib.request.Request(server + "/api/v1" + path, headers={"Authorization": "Bearer " + secret})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_a_token_is_made_shown_once_used_and_revoked(page, server):
    # given: a seller with one account
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    tag = uuid.uuid4().hex[:6]
    email = f"seller-{tag}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": f"Sally {tag}", "password": "seller-password-2026", "role": "sales"}, token)
    sign_in(page, email, "seller-password-2026")
    page.wait_for_url("**/home")

    # when: from the profile, a read-only token for a report script
    page.goto("/me")
    page.get_by_role("link", name="Manage API tokens").click()
    page.fill("#f-name", f"Report script {tag}")
    assert page.is_checked("input[name=scopes][value=read]"), "read is ticked to begin with"
    assert page.locator("input[name=scopes][value=admin]").count() == 0, "a seller is not offered administration"
    page.get_by_role("button", name="Make token").click()

    # then: the secret is shown this once
    secret = page.input_value("#new-token")
    assert secret.startswith("furrow_") and "shown only this once" in page.content()
    status, body = call(server, "/accounts", secret)
    assert status == 200 and "items" in body
    page.goto("/me/api-tokens")
    assert page.locator("#new-token").count() == 0 and secret not in page.content()
    row = page.locator("tr", has_text=f"Report script {tag}")
    assert row.locator("td").nth(2).inner_text() == "read"
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row.locator("td").nth(4).inner_text()), "last used, in company time"

    # a form error is shown by its field, the form kept
    page.fill("#f-name", "")
    page.uncheck("input[name=scopes][value=read]")
    page.get_by_role("button", name="Make token").click()
    assert re.search(r"is required", page.locator(".field", has=page.locator("#f-name")).inner_text())
    assert "names at least one scope" in page.content()

    # when: revoked
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("tr", has_text=f"Report script {tag}").get_by_role("button", name="Revoke").click()
    assert f"“Report script {tag}” is revoked" in page.content()
    assert "Revoked" in page.locator("tr", has_text=f"Report script {tag}").inner_text()
    assert call(server, "/accounts", secret)[0] == 401


class Receiver(http.server.BaseHTTPRequestHandler):
    """A loopback webhook receiver: keeps each request's headers and body."""
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_webhook_is_added_pinged_and_its_log_shown(admin, server):
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    page = admin
    try:
        # a loopback address is refused until the settings allow it
        page.goto("/webhooks")
        page.fill("#f-url", url)
        page.get_by_role("button", name="Add webhook").click()
        assert "loopback" in page.locator(".field", has=page.locator("#f-url")).inner_text()
        token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
        api(server, "PATCH", "/settings", {"webhookAllowedHosts": "127.0.0.1"}, token)

        # added for every event: the secret is shown once
        page.goto("/webhooks")
        page.fill("#f-url", url)
        page.fill("#f-description", "Test receiver")
        page.get_by_role("button", name="Add webhook").click()
        secret = page.input_value("#new-secret")
        assert secret.startswith("whsec_")
        page.get_by_role("link", name=url).click()
        assert "Active" in page.locator(".facts").inner_text()

        # a ping reaches the receiver, signed, and the log shows it sent
        page.get_by_role("button", name="Send a test ping").click()
        assert "Ping queued" in page.content()
        for _ in range(50):
            if Receiver.received:
                break
            time.sleep(0.1)
        headers, body = Receiver.received[-1]
        assert json.loads(body)["type"] == "webhook.ping"
        signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
        expected = "v1," + base64.b64encode(hmac.new(base64.b64decode(secret[len("whsec_"):]), signed, hashlib.sha256).digest()).decode()
        assert headers["webhook-signature"] == expected
        for _ in range(30):
            page.reload()
            if "HTTP 200" in page.locator("#deliveries").inner_text():
                break
            time.sleep(0.2)
        log = page.locator("#deliveries").inner_text()
        assert "webhook.ping" in log and "Succeeded" in log and "HTTP 200" in log
    finally:
        receiver.shutdown()


def test_an_import_is_uploaded_mapped_checked_and_imported_through_its_pages(admin, server, tmp_path):
    page = admin
    tag = uuid.uuid4().hex[:6]
    # a semicolon file in Windows-1252 with titles of its own; one row names an owner nobody is
    path = tmp_path / f"fair-{tag}.csv"
    path.write_bytes(("Thema;Firma;Nachname;E-Mail;Wert;Betreuer\r\n"
                      f"Melkroboter {tag};Hof Müller {tag};Müller;m-{tag}@hof.example;12.500,00;nobody-{tag}@example.com\r\n"
                      f"Futtermischer {tag};Gut Sonne {tag};Sonne;s-{tag}@gut.example;900;\r\n").encode("cp1252"))

    # the leads list offers the import; the upload opens the import's page with its columns told
    page.goto("/leads")
    page.get_by_role("link", name="Import from CSV").click()
    expect(page.get_by_label("What the rows are")).to_have_value("leads")
    page.get_by_label("CSV file").set_input_files(str(path))
    page.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(re.compile(r"/imports/[0-9a-f-]{36}$"))
    expect(page.locator("#import-facts")).to_contain_text("Windows-1252, “;”-separated, 6 columns, 2 rows")
    # the first values show beside each column, in their own encoding
    expect(page.locator("#mapping tr", has_text="Firma")).to_contain_text(f"Hof Müller {tag}")

    # titles the type does not know are left out until mapped by hand; a check without the topic is refused, every fault at once
    page.get_by_label("Field for column Firma").select_option(label="Company")
    page.get_by_label("Field for column Nachname").select_option(label="Last name")
    page.get_by_label("Field for column E-Mail").select_option(label="Email")
    page.get_by_label("Field for column Betreuer").select_option(label="Owner (email)")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.locator("#mapping-errors")).to_contain_text("maps no column to topic")
    page.get_by_label("Field for column Thema").select_option(label="Topic (required)")
    page.get_by_label("Field for column Wert").select_option(label="Estimated value")
    page.get_by_label("Save this mapping as").fill(f"Fair {tag}")

    # the check names the bad row by its line, and stores nothing
    page.get_by_role("button", name="Check the rows").click()
    expect(page.locator("#report-heading")).to_have_text("The check found 1 bad row; nothing would be stored until they are right")
    expect(page.locator("#import-report")).to_contain_text(f"is no active user's email: nobody-{tag}@example.com")
    expect(page.locator("#import-report td.num")).to_have_text(["2"])

    # the owner column left out, the import runs and its report links the records
    page.get_by_label("Field for column Betreuer").select_option(label="— leave out —")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#report-heading")).to_have_text("Imported", timeout=20000)
    expect(page.locator("#report-counts")).to_have_text("2 created, 0 updated, 0 skipped.")
    expect(page.locator("#import-status")).to_have_text("Imported")
    page.locator("#import-report a").first.click()
    expect(page.locator("h1")).to_contain_text(f"Melkroboter {tag}")
    expect(page.locator("main")).to_contain_text("12,500.00")

    # the mapping is saved for the next file; the list shows the import
    page.goto("/imports")
    expect(page.locator("#import-jobs")).to_contain_text(f"fair-{tag}.csv")
    page.locator("#import-jobs a", has_text=f"fair-{tag}.csv").click()
    expect(page.locator("#mapping-form")).to_have_count(0)
