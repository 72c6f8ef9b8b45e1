"""Email from the web UI: outgoing-mail settings on the Settings page (the SMTP password is
write-only, never echoed back), a quote emailed to its contact and delivered to a real SMTP
server on loopback, its delivery status on the quote's page and in the outbox, which only
managers and administrators may read."""
import re
import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from playwright.sync_api import expect

from conftest import api, free_port, sign_in
from pipeline_steps import unique
from sales_steps import admin_token

SMTP_USER = "mailer"


class Sink:
    """An SMTP server's handler keeping what it receives, and the logins it was offered."""

    def __init__(self):
        self.messages = []
        self.logins = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.login == SMTP_USER.encode())


@pytest.fixture
def smtp(server):
    """A loopback SMTP server taking logins without TLS; email is switched off again afterwards."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), authenticator=sink.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield controller.port, sink
    finally:
        api(server, "PATCH", "/settings", {"smtpHost": ""}, admin_token(server))
        controller.stop()


def save_settings(page, **fields):
    page.goto("/settings")
    for name, value in fields.items():
        page.fill(f"#f-{name}", value)
    page.get_by_role("button", name="Save settings").click()


def reload_until(page, locator, text, seconds=15):
    """Reloads the page until the locator's text is `text` (the outbox worker polls every 2 s)."""
    deadline = time.time() + seconds
    while True:
        page.reload()
        if locator.count() and locator.first.inner_text().strip() == text:
            return
        if time.time() > deadline:
            raise AssertionError(f"still {locator.first.inner_text() if locator.count() else 'nothing'!r} after {seconds} s, wanted {text!r}")
        time.sleep(1)


def test_smtp_settings_keep_the_password_write_only(admin, server, smtp):
    page = admin
    port, _ = smtp
    secret = "pw-" + uuid.uuid4().hex
    # refused values are said beside their fields, and the typed password is not sent back
    save_settings(page, smtpHost="127.0.0.1", smtpPort="70000", mailFrom="not an address", smtpUsername=SMTP_USER, smtpPassword=secret)
    expect(page.locator("#f-smtpPort-error")).to_contain_text("1 to 65535")
    expect(page.locator("#f-mailFrom-error")).to_be_visible()
    expect(page.locator("#f-smtpPort")).to_be_focused()
    expect(page.locator("#f-smtpPassword")).to_have_value("")
    assert secret not in page.content()
    expect(page.locator("#f-smtpHost")).to_have_value("127.0.0.1")
    # a good save stores the password and says so, without showing it
    save_settings(page, smtpHost="127.0.0.1", smtpPort=str(port), mailFrom="sales@browser.furrow.test",
                  smtpUsername=SMTP_USER, smtpPassword=secret)
    expect(page.locator(".flash")).to_contain_text("Settings saved")
    expect(page.locator("#f-smtpPort")).to_have_value(str(port))
    expect(page.locator("#f-mailFrom")).to_have_value("sales@browser.furrow.test")
    expect(page.locator("#f-smtpPassword")).to_have_value("")
    expect(page.locator(".field", has=page.locator("#f-smtpPassword"))).to_contain_text("A password is stored")
    assert secret not in page.content()
    # saving with the field left empty keeps it; the boolean settings round-trip
    page.uncheck("#f-opportunityNameFromQuote")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".flash")).to_contain_text("Settings saved")
    expect(page.locator("#f-opportunityNameFromQuote")).not_to_be_checked()
    expect(page.locator("#f-autoCreateOpportunity")).to_be_checked()
    expect(page.locator(".field", has=page.locator("#f-smtpPassword"))).to_contain_text("A password is stored")
    settings = api(server, "GET", "/settings", token=admin_token(server))
    assert settings["smtpPasswordSet"] is True and settings["opportunityNameFromQuote"] is False
    page.check("#f-opportunityNameFromQuote")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#f-opportunityNameFromQuote")).to_be_checked()


def test_an_emailed_quote_shows_its_delivery_on_its_page_and_in_the_outbox(admin, server, browser, smtp):
    page = admin
    port, sink = smtp
    secret = "pw-" + uuid.uuid4().hex
    save_settings(page, smtpHost="127.0.0.1", smtpPort=str(port), mailFrom="sales@browser.furrow.test",
                  smtpUsername=SMTP_USER, smtpPassword=secret)
    expect(page.locator(".flash")).to_contain_text("Settings saved")
    token = admin_token(server)
    address = f"ines-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    contact = api(server, "POST", "/contacts", {"firstName": "Ines", "lastName": unique("Irrigation"), "email": address}, token)
    account = api(server, "POST", "/accounts", {"name": unique("Riverside Farm")}, token)
    quote = api(server, "POST", "/quotes", {"accountId": account["id"], "contactId": contact["id"],
                                            "lines": [{"description": "Drip line survey", "quantity": "1", "unitPrice": "480"}]}, token)
    page.goto(f"/quotes/{quote['id']}")
    expect(page.locator("#emails")).to_contain_text("No emails yet")
    page.check("#send-email")
    page.locator("#quote-actions").get_by_role("button", name="Send").click()
    expect(page.locator(".flash")).to_contain_text("Its PDF is queued in the Outbox for the contact")
    # the email is listed at once, and turns "sent" when the worker has delivered it
    rows = page.locator("#emails tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(address)
    expect(rows.first).to_contain_text(f"{quote['number']}-r1.pdf")
    reload_until(page, page.locator("#emails .email-status"), "Sent")
    expect(rows.first.locator(".email-attempts")).to_have_text("1")
    assert len([m for m in sink.messages if m[1] == [address]]) == 1
    assert set(sink.logins) == {(SMTP_USER, secret)}
    # the outbox lists it with a link back to the quote
    page.locator(".topbar nav").get_by_role("link", name="Outbox").click()
    expect(page.locator("h1")).to_have_text("Outbox")
    row = page.locator("#outbox tbody tr", has_text=address)
    expect(row.locator(".email-status")).to_have_text("Sent")
    row.get_by_role("link", name="Quote").click()
    expect(page).to_have_url(re.compile(f"/quotes/{quote['id']}$"))
    # managers read the outbox of their teams' records (this quote is the administrator's, in no team of
    # theirs); salespeople get the forbidden page and no link to it
    for role, allowed in (("manager", True), ("sales", False)):
        email = f"{role}-{uuid.uuid4().hex[:6]}@browser.furrow.test"
        api(server, "POST", "/users", {"email": email, "name": f"{role.title()} Mailer", "password": f"{role}-pass-2026", "role": role}, token)
        other = browser.new_context(base_url=server).new_page()
        sign_in(other, email, f"{role}-pass-2026")
        expect(other).to_have_url(re.compile(r"/home$"))
        expect(other.locator(".topbar nav").get_by_role("link", name="Outbox")).to_have_count(1 if allowed else 0)
        response = other.goto("/outbox")
        assert response.status == (200 if allowed else 403), role
        if allowed:
            expect(other.locator(".intro")).to_contain_text("your teams'")
            expect(other.locator("body")).not_to_contain_text(address)
        else:
            expect(other.locator("h1")).to_have_text("Forbidden")
        other.context.close()


def test_a_queued_email_waits_while_email_is_switched_off(admin, server):
    page = admin
    token = admin_token(server)
    api(server, "PATCH", "/settings", {"smtpHost": ""}, token)
    address = f"olaf-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    contact = api(server, "POST", "/contacts", {"firstName": "Olaf", "lastName": unique("Orchard"), "email": address}, token)
    account = api(server, "POST", "/accounts", {"name": unique("Hillside Orchard")}, token)
    quote = api(server, "POST", "/quotes", {"accountId": account["id"], "contactId": contact["id"],
                                            "lines": [{"description": "Pruning", "quantity": "2", "unitPrice": "90"}]}, token)
    api(server, "POST", f"/quotes/{quote['id']}/send", {"email": True}, token)
    page.goto(f"/quotes/{quote['id']}")
    expect(page.locator("#emails .email-status")).to_have_text("Queued")
    page.goto("/outbox")
    expect(page.locator("#mail-off")).to_contain_text("switched off")
    expect(page.locator("#outbox tbody tr", has_text=address).locator(".email-status")).to_have_text("Queued")
