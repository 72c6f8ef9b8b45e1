"""Journeys a user takes through the web UI, in a real headless Chromium."""
import os
import re
import shutil
import tempfile
import uuid

import pytest
from playwright.sync_api import expect

from conftest import ADMIN, api, create_account, launched, sign_in


@pytest.fixture
def empty_page(browser):
    """A page on a server of its own over an empty database (the shared one is set up by whichever test runs first)."""
    folder = tempfile.mkdtemp(prefix="furrow-first-run-")
    try:
        with launched(folder, os.path.join(folder, "empty.sqlite")) as base:
            context = browser.new_context(base_url=base)
            context.set_default_timeout(10_000)
            yield context.new_page()
            context.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def unique(word):
    return f"{word} {uuid.uuid4().hex[:6]}"


def test_first_run_setup_creates_the_admin_and_lands_signed_in(empty_page):
    page = empty_page
    # given an empty database, the start page sends us to the first-run form
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    expect(page.locator("#f-email")).to_be_focused()
    # when we create the administrator
    page.fill("#f-email", ADMIN["email"])
    page.fill("#f-name", ADMIN["name"])
    page.fill("#f-password", ADMIN["password"])
    page.press("#f-password", "Enter")
    # then we are signed in on the home page, and set-up is closed
    expect(page).to_have_url(re.compile(r"/home$"))
    expect(page.locator(".topbar .user")).to_contain_text(ADMIN["name"])
    expect(page.locator(".flash")).to_contain_text("Welcome")
    page.goto("/setup")
    expect(page).to_have_url(re.compile(r"/home$"))


def test_sign_out_then_sign_in_again(admin):
    page = admin
    # when we sign out
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator(".flash")).to_contain_text("signed out")
    # then protected pages send us to sign in, and back afterwards
    page.goto("/contacts?sort=-createdAt")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    sign_in(page, ADMIN["email"], "not-the-password")
    expect(page.locator(".flash-error")).to_contain_text("email or password is wrong")
    expect(page.locator("#f-password")).to_be_focused()
    sign_in(page, ADMIN["email"], ADMIN["password"])
    expect(page).to_have_url(re.compile(r"/contacts\?sort=-createdAt$"))
    expect(page.locator("h1")).to_have_text("Contacts")


def test_a_contact_created_for_an_account_appears_on_the_account_page(admin):
    page = admin
    name = unique("Northwind Traders")
    account_url = create_account(page, name, industry="Wholesale")
    expect(page.locator(".flash")).to_contain_text("Account created")
    # when we add a contact from the account's page
    page.get_by_role("link", name="Add contact").click()
    expect(page.locator("#f-accountId option:checked")).to_have_text(name)
    page.fill("#f-firstName", "Nancy")
    page.fill("#f-lastName", "Davolio")
    page.fill("#f-title", "Sales Representative")
    page.click("button.primary")
    # then the contact's page names the account, and the account lists the contact
    expect(page.locator("h1")).to_have_text("Nancy Davolio")
    expect(page.locator(".breadcrumb")).to_contain_text(name)
    page.goto(account_url)
    contacts = page.locator("#contacts")
    expect(contacts.get_by_role("link", name="Nancy Davolio")).to_be_visible()
    expect(contacts).to_contain_text("Sales Representative")


def test_a_duplicate_email_warns_and_create_anyway_creates_it(admin):
    page = admin
    email = f"hello-{uuid.uuid4().hex[:6]}@contoso.example"
    first = unique("Contoso")
    first_url = create_account(page, first, email=email)
    # when a second account with the same email is created
    page.goto("/accounts/new")
    page.fill("#f-name", unique("Contoso Again"))
    page.fill("#f-email", email)
    page.click("button.primary")
    # then the form warns, listing the match as a link
    warning = page.locator(".warning")
    expect(warning).to_contain_text("duplicate")
    expect(warning.get_by_role("link", name=first)).to_have_attribute("href", "/" + first_url.split("/", 3)[3])
    expect(page.locator("#f-email")).to_have_value(email)
    # and "Create anyway" creates it
    page.get_by_role("button", name="Create anyway").click()
    expect(page).to_have_url(re.compile(r"/accounts/[0-9a-f-]{36}$"))
    expect(page.locator(".flash")).to_contain_text("Account created")
    assert page.url != first_url


def test_global_search_finds_an_account_by_a_name_fragment(admin):
    page = admin
    tag = uuid.uuid4().hex[:5]
    name = f"Zephyrine{tag} Optics"
    url = create_account(page, name)
    # when we search from the top bar for a fragment of the name
    page.fill("#global-search", f"phyrine{tag}")
    page.press("#global-search", "Enter")
    # then the results group it under Accounts, linking to it
    expect(page).to_have_url(re.compile(r"/search\?q="))
    group = page.locator("section.results", has=page.locator("h2", has_text="Accounts"))
    group.get_by_role("link", name=name).click()
    expect(page).to_have_url(url)


def test_editing_an_account_shows_the_change_in_its_history(admin):
    page = admin
    url = create_account(page, unique("Fabrikam"), industry="Textiles")
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.locator("#f-name")).to_be_focused()
    page.fill("#f-industry", "Aerospace")
    page.click("button.primary")
    expect(page).to_have_url(url)
    expect(page.locator(".flash")).to_contain_text("Changes saved")
    history = page.locator("#history")
    edited = history.locator("tr", has_text="Edited")
    expect(edited).to_contain_text(ADMIN["name"])
    expect(edited).to_contain_text("Industry")
    expect(edited.locator("del")).to_have_text("Textiles")
    expect(edited.locator("ins")).to_have_text("Aerospace")
    expect(history.locator("tr", has_text="Created")).to_be_visible()


def test_an_empty_required_name_shows_the_error_beside_the_field(admin):
    page = admin
    page.goto("/accounts/new")
    expect(page.locator("#f-name")).to_be_focused()
    page.fill("#f-email", "someone@example.org")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button.primary")
    assert answer.value.status == 422
    field = page.locator(".field", has=page.locator("#f-name"))
    expect(field).to_have_class(re.compile("has-error"))
    expect(field.locator(".error")).to_have_text("is required")
    expect(page.locator("#f-name")).to_have_attribute("aria-describedby", "f-name-error")
    expect(page.locator("#f-name")).to_be_focused()
    expect(page.locator("#f-email")).to_have_value("someone@example.org")


def test_a_stale_edit_says_someone_else_changed_the_record(admin, browser, server):
    page = admin
    url = create_account(page, unique("Tailspin Toys"))
    page.get_by_role("link", name="Edit", exact=True).click()
    # given someone else saves a change in the meantime (another tab)
    other = page.context.new_page()
    other.goto(url + "/edit")
    other.fill("#f-industry", "Toys")
    other.click("button.primary")
    expect(other.locator(".flash")).to_contain_text("Changes saved")
    other.close()
    # when we save our stale form
    page.fill("#f-industry", "Games")
    page.click("button.primary")
    # then the form says so and keeps our input
    expect(page.locator(".flash-error")).to_contain_text("changed by someone else")
    expect(page.locator("#f-industry")).to_have_value("Games")


def test_pages_send_a_strict_csp_and_carry_no_inline_script_or_style(admin, server):
    page = admin
    url = create_account(page, unique("Woodgrove"))
    for path in ["/accounts", url, "/accounts/new", "/contacts", "/search?q=wood", "/settings"]:
        response = page.goto(path)
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        assert response.headers.get("x-content-type-options") == "nosniff", path
        assert response.headers.get("referrer-policy") == "same-origin", path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("[style]").count() == 0, path
        assert page.locator("style").count() == 0, path
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
        assert handlers == [], path
    css = page.request.get("/static/app.css")
    assert css.status == 200 and css.headers["content-type"].startswith("text/css")
    signed_out = page.context.browser.new_context(base_url=server).new_page()
    response = signed_out.goto("/login")
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    signed_out.context.close()


def test_records_one_may_not_see_answer_not_found(admin):
    page = admin
    response = page.goto(f"/accounts/{uuid.uuid4()}")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")


def test_readonly_users_get_no_create_or_edit_buttons(admin, browser, server):
    page = admin
    url = create_account(page, unique("Litware"))
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    email = f"reader-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Rita Reader", "password": "reader-pass-2026", "role": "readonly"}, token)
    reader = browser.new_context(base_url=server).new_page()
    reader.goto("/login")
    sign_in(reader, email, "reader-pass-2026")
    expect(reader).to_have_url(re.compile(r"/home$"))
    expect(reader.get_by_role("link", name="New account")).to_have_count(0)
    expect(reader.get_by_role("link", name="Settings")).to_have_count(0)
    reader.goto("/contacts")
    expect(reader.get_by_role("link", name="New contact")).to_have_count(0)
    response = reader.goto("/settings")
    assert response.status == 403
    # the administrator's account is not the reader's: it answers not found
    assert reader.goto(url).status == 404
    reader.context.close()


def test_merging_an_account_moves_its_contacts_and_removes_the_other(admin):
    page = admin
    page.on("dialog", lambda dialog: dialog.accept())
    tag = uuid.uuid4().hex[:6]
    keep_url = create_account(page, f"Adatum{tag} Corporation")
    create_account(page, f"Adatum{tag} Corp")
    page.get_by_role("link", name="Add contact").click()
    page.fill("#f-lastName", "Kim")
    page.fill("#f-firstName", "Jo")
    page.click("button.primary")
    other_url = page.locator(".breadcrumb a").nth(1).get_attribute("href")
    # when the second account is merged into the first
    page.goto(keep_url + "/merge")
    page.fill("#merge-search", f"Adatum{tag} Corp")
    page.press("#merge-search", "Enter")
    page.locator("tr", has=page.get_by_role("link", name=f"Adatum{tag} Corp", exact=True)).get_by_role("button").click()
    # then the survivor lists the contact and the other account is gone
    expect(page).to_have_url(keep_url)
    expect(page.locator(".flash")).to_contain_text("merged")
    expect(page.locator("#contacts").get_by_role("link", name="Jo Kim")).to_be_visible()
    expect(page.locator("#history")).to_contain_text("Merged")
    assert page.goto(other_url).status == 404


def test_deleting_an_account_asks_first(admin):
    page = admin
    name = unique("Proseware")
    url = create_account(page, name)
    page.get_by_role("link", name="Delete…").click()
    expect(page.locator("h1")).to_contain_text(f"Delete {name}?")
    page.get_by_role("button", name="Delete account").click()
    expect(page).to_have_url(re.compile(r"/accounts$"))
    expect(page.locator(".flash")).to_contain_text("deleted")
    assert page.goto(url).status == 404


def test_a_connection_shows_on_both_parties(admin):
    page = admin
    page.on("dialog", lambda dialog: dialog.accept())
    partner = unique("Relecloud")
    partner_url = create_account(page, partner)
    create_account(page, unique("Wide World Importers"))
    page.fill("#connection-role", "reseller for")
    page.select_option("#connection-target", label=partner)
    page.get_by_role("button", name="Add connection").click()
    expect(page.locator(".flash")).to_contain_text("Connection added")
    expect(page.locator("#connections")).to_contain_text(f"This account is reseller for {partner}")
    page.goto(partner_url)
    expect(page.locator("#connections")).to_contain_text("is reseller for this account")
    page.locator("#connections").get_by_role("button", name="Remove").click()
    expect(page.locator(".flash")).to_contain_text("Connection removed")
    expect(page.locator("#connections")).to_contain_text("No connections")
