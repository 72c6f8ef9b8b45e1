"""Type-ahead pickers: a record picker searches the server as one types, so an account past the
first two hundred is found by a part of its name; a contact picker lists the chosen customer's
contacts first; the choice is saved with the record."""
import uuid

from playwright.sync_api import expect

from conftest import api
from sales_steps import admin_token


def test_an_account_beyond_the_first_page_is_found_by_typing(admin, server):
    page = admin
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    # names that sort before the one we want (and after the other journeys' accounts), so the
    # picker's first page cannot hold it
    api(server, "POST", "/accounts/batch", {"items": [{"name": f"Zy filler {tag} {n:03d}"} for n in range(210)]}, token)
    wanted = api(server, "POST", "/accounts", {"name": f"Zz Works {tag}"}, token)
    contact = api(server, "POST", "/contacts", {"firstName": "Zoe", "lastName": f"Zephyr {tag}", "accountId": wanted["id"]}, token)

    page.goto("/opportunities/new")
    account = page.locator("#f-accountId")
    expect(account.locator(f"option[value='{wanted['id']}']")).to_have_count(0)
    page.fill("#f-accountId-search", f"zz works {tag}")
    expect(account).to_have_value(wanted["id"])
    expect(page.locator("#f-accountId + .picker-status, .picker-status").first).to_contain_text("1 found")
    # the customer's contacts come first in the contact picker
    expect(page.locator("#f-contactId option").nth(1)).to_have_attribute("value", contact["id"])
    page.select_option("#f-contactId", contact["id"])
    page.fill("#f-name", f"Picked {tag}")
    page.get_by_role("button", name="Create opportunity").click()
    page.wait_for_url("**/opportunities/*-*")
    expect(page.locator("main")).to_contain_text(f"Zz Works {tag}")
    expect(page.locator("main")).to_contain_text(f"Zoe Zephyr {tag}")

    # pressing Enter in the search box keeps the match rather than sending the form
    page.goto("/contacts/new")
    page.fill("#f-accountId-search", f"Zz Works {tag}")
    expect(page.locator("#f-accountId")).to_have_value(wanted["id"])
    page.press("#f-accountId-search", "Enter")
    expect(page).to_have_url(f"{server}/contacts/new")
    expect(page.locator("#f-accountId")).to_be_focused()
