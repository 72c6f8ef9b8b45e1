"""Administration and passwords in the browser: the catalogs, teams, stages and kinds an
administrator keeps on screens (refused values said by their fields); a user invited by email who
chooses a password through the link; "forgot password" from the sign-in page with the link
delivered to a real SMTP server on loopback; an administrator's forced reset; the pages on a
phone; and no administration for anyone else."""
import email
import re
import time
import uuid

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

from conftest import api, free_port, sign_in
from sales_steps import admin_token


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        parts = [part.get_payload(decode=True).decode("utf-8", "replace") for part in message.walk() if part.get_content_type() == "text/plain"]
        self.messages.append((list(envelope.rcpt_tos), "\n".join(parts)))
        return "250 OK"


@pytest.fixture
def mail(server):
    """A loopback SMTP server the outbox delivers to, with links pointing at the test server."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    token = admin_token(server)
    api(server, "PATCH", "/settings", {"smtpHost": "127.0.0.1", "smtpPort": controller.port, "smtpSecurity": "none",
                                       "mailFrom": "crm@browser.furrow.test", "smtpUsername": "", "publicURL": server}, token)
    try:
        yield sink
    finally:
        api(server, "PATCH", "/settings", {"smtpHost": ""}, token)
        controller.stop()


def link_sent_to(sink, address, seconds=20):
    """The path of the newest password link emailed to the address (the outbox worker polls every 2 s)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for recipients, content in reversed(sink.messages):
            if address in recipients:
                found = re.search(r"/reset-password/[A-Za-z0-9_-]+", content)
                if found:
                    return found.group(0)
        time.sleep(0.5)
    raise AssertionError(f"no password link reached {address} within {seconds} s")


def test_catalogs_teams_stages_and_kinds_are_kept_on_screens(admin):
    page = admin
    page.get_by_role("link", name="Users & catalogs").click()
    expect(page.locator("h1")).to_have_text("Users")
    page.get_by_role("link", name="Catalogs", exact=True).click()
    # a refused entry is said by its field, in its own section
    page.locator("#lost-reasons").get_by_role("button", name="Add").click()
    expect(page.locator("#f-lost-reasons-name-error")).to_contain_text("required")
    reason = "Went quiet " + uuid.uuid4().hex[:6]
    page.fill("#f-lost-reasons-name", reason)
    page.locator("#lost-reasons").get_by_role("button", name="Add").click()
    expect(page.locator(".flash")).to_contain_text(f"“{reason}” is added")
    row = page.locator("#lost-reasons tr", has_text=reason)
    expect(row).to_contain_text("Active")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Deactivate").click()
    expect(page.locator("#lost-reasons tr", has_text=reason)).to_contain_text("Inactive")
    # payment terms: days are checked; tax rates take a typed percentage
    page.fill("#f-payment-terms-name", "Net 45")
    page.fill("#f-payment-terms-days", "400")
    page.get_by_role("button", name="Add payment term").click()
    expect(page.locator("#f-payment-terms-days-error")).to_contain_text("0 to 365")
    expect(page.locator("#f-payment-terms-name")).to_have_value("Net 45")
    page.fill("#f-payment-terms-days", "45")
    page.get_by_role("button", name="Add payment term").click()
    expect(page.locator("#payment-terms tr", has_text="Net 45")).to_contain_text("45 days")
    page.fill("#f-tax-rates-name", "Reduced 7.5 %")
    page.fill("#f-tax-rates-percent", "7.5")
    page.get_by_role("button", name="Add tax rate").click()
    expect(page.locator("#tax-rates tr", has_text="Reduced 7.5 %")).to_contain_text("7.5 %")
    page.fill("#f-holidays-day", "2027-05-01")
    page.fill("#f-holidays-name", "Labour Day")
    page.get_by_role("button", name="Add holiday").click()
    holiday = page.locator("#holidays tr", has_text="Labour Day")
    expect(holiday).to_contain_text("2027-05-01")
    page.once("dialog", lambda dialog: dialog.accept())
    holiday.get_by_role("button", name="Remove").click()
    expect(page.locator("#holidays tr", has_text="Labour Day")).to_have_count(0)

    # a team, then its manager
    team = "Team " + uuid.uuid4().hex[:6]
    page.get_by_role("link", name="Teams", exact=True).click()
    page.fill("#f-team-name", team)
    page.get_by_role("button", name="Add team").click()
    page.locator("#teams").get_by_role("link", name=team).click()
    page.fill("#f-team-name", team + " East")
    page.select_option("#f-team-managerId", label="Bea Browser")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_contain_text(f"“{team} East” is saved")
    expect(page.locator("#f-team-managerId option:checked")).to_have_text("Bea Browser")

    # a stage with gates and tasks written one a line; a bad line is said
    stage = "Demo " + uuid.uuid4().hex[:6]
    page.get_by_role("link", name="Stages", exact=True).click()
    page.fill("#f-stage-name", stage)
    page.fill("#f-stage-defaultProbability", "40")
    page.get_by_label("a stakeholder").check()
    page.get_by_label("the expected close date").check()
    page.fill("#f-stage-taskTemplates", "Book the demo; meeting; 2\nSend slides; fax")
    page.get_by_role("button", name="Add stage").click()
    expect(page.locator("#f-stage-taskTemplates-error")).to_contain_text("line 2")
    expect(page.get_by_label("a stakeholder")).to_be_checked()
    page.fill("#f-stage-taskTemplates", "Book the demo; meeting; 2\nSend slides; email")
    page.get_by_role("button", name="Add stage").click()
    row = page.locator("#stages tr", has_text=stage)
    expect(row).to_contain_text("the expected close date, a stakeholder")
    expect(row).to_contain_text("Book the demo (meeting, due after 2 days)")

    # a kind running two stages in the order numbered
    kind = "Kind " + uuid.uuid4().hex[:6]
    page.get_by_role("link", name="Opportunity kinds").click()
    page.fill("#f-kind-name", kind)
    page.get_by_label(stage).fill("2")
    page.get_by_label("Qualify").fill("1")
    page.get_by_role("button", name="Add kind").click()
    row = page.locator("#kinds tr", has_text=kind)
    expect(row).to_contain_text(f"Qualify → {stage}")
    row.get_by_role("button", name="Stop offering").click()
    expect(page.locator("#kinds tr", has_text=kind)).to_contain_text("No")


def test_an_invited_user_chooses_a_password_through_the_emailed_link(admin, browser, server, mail):
    page = admin
    email = f"nell-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    page.goto("/admin/users")
    page.get_by_role("link", name="New user").click()
    page.fill("#f-email", email)
    page.fill("#f-name", "Nell Newcomer")
    page.select_option("#f-role", "service")
    page.get_by_role("button", name="Create user").click()
    expect(page.locator(".flash")).to_contain_text(f"An invitation went to {email}")
    path = link_sent_to(mail, email)

    newcomer = browser.new_context(base_url=server).new_page()
    newcomer.goto(path)
    expect(newcomer.locator("h1")).to_have_text("Choose a password")
    expect(newcomer.locator(".intro")).to_contain_text("Nell Newcomer")
    newcomer.fill("#f-password", "nell-password-1")
    newcomer.fill("#f-repeat", "nell-password-2")
    newcomer.get_by_role("button", name="Set password").click()
    expect(newcomer.locator("#f-repeat-error")).to_contain_text("not the same")
    newcomer.fill("#f-password", "nell-password-1")
    newcomer.fill("#f-repeat", "nell-password-1")
    newcomer.get_by_role("button", name="Set password").click()
    expect(newcomer.locator(".flash")).to_contain_text("Your password is set")
    expect(newcomer.locator("#f-email")).to_have_value(email)
    newcomer.fill("#f-password", "nell-password-1")
    newcomer.press("#f-password", "Enter")
    newcomer.wait_for_url("**/home")
    # the link worked once
    newcomer.goto(path)
    expect(newcomer.locator("h1")).to_have_text("This link does not work any more")
    newcomer.context.close()


def test_forgot_password_and_a_forced_reset(admin, browser, server, mail):
    email = f"fay-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    user = api(server, "POST", "/users", {"email": email, "name": "Fay Forgetful", "password": "fay-password-1", "role": "sales"},
               admin_token(server))
    visitor = browser.new_context(base_url=server).new_page()
    visitor.goto("/login")
    visitor.get_by_role("link", name="Forgot your password?").click()
    visitor.fill("#f-email", email)
    visitor.get_by_role("button", name="Email me a link").click()
    expect(visitor.locator(".flash")).to_contain_text("a link to choose a new password is on its way")
    path = link_sent_to(mail, email)
    visitor.goto(path)
    visitor.fill("#f-password", "fay-password-2")
    visitor.fill("#f-repeat", "fay-password-2")
    visitor.get_by_role("button", name="Set password").click()
    sign_in(visitor, email, "fay-password-1")
    expect(visitor.locator(".flash-error")).to_contain_text("wrong")
    sign_in(visitor, email, "fay-password-2")
    visitor.wait_for_url("**/home")

    # the administrator resets it: her session ends at once, and a new link arrives
    page = admin
    page.goto(f"/admin/users/{user['id']}")
    mail.messages.clear()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset password").click()
    expect(page.locator(".flash")).to_contain_text("password no longer works")
    visitor.goto("/home")
    expect(visitor).to_have_url(re.compile(r"/login"))
    forced = link_sent_to(mail, email)
    assert forced != path
    visitor.goto(forced)
    expect(visitor.locator("h1")).to_have_text("Choose a password")
    visitor.context.close()


def test_administration_is_for_administrators_and_fits_a_phone(admin, browser, server):
    page = admin
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ["/admin/users", "/admin/teams", "/admin/stages", "/admin/kinds", "/admin/catalogs", "/admin/users/new", "/forgot-password"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    # a table's rows become labelled cards
    page.goto("/admin/users")
    expect(page.locator("#users thead")).to_be_hidden()
    expect(page.locator("#users td[data-label=Email]").first).to_be_visible()

    api(server, "POST", "/users", {"email": f"sid-{uuid.uuid4().hex[:6]}@browser.furrow.test", "password": "sid-password-1", "role": "manager"},
        admin_token(server))
    manager = browser.new_context(base_url=server).new_page()
    users = api(server, "GET", "/users", token=admin_token(server))["items"]
    sid = next(u for u in users if u["email"].startswith("sid-"))
    sign_in(manager, sid["email"], "sid-password-1")
    manager.wait_for_url("**/home")
    expect(manager.get_by_role("link", name="Users & catalogs")).to_have_count(0)
    response = manager.goto("/admin/catalogs")
    assert response.status == 403
    manager.context.close()
