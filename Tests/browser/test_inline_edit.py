"""Editing a field in place on a record's page: Enter saves it with the version the page was read
at; when someone else saved the record meanwhile, their value is shown beside yours and you
choose; a refused value is said by the field; Escape leaves it as it was."""
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, sign_in
from sales_steps import admin_token


def test_inline_edit_saves_and_a_stale_page_shows_the_other_change(admin, browser, server):
    token = admin_token(server)
    name = "Inline " + uuid.uuid4().hex[:6]
    account = api(server, "POST", "/accounts", {"name": name, "email": "old@inline.example"}, token)
    url = f"/accounts/{account['id']}"
    mine = admin
    mine.goto(url)
    theirs = browser.new_context(base_url=server).new_page()
    sign_in(theirs, ADMIN["email"], ADMIN["password"])
    theirs.wait_for_url("**/home")
    theirs.goto(url)

    # one person changes the email in place
    email = theirs.locator("#details dd[data-inline=email]")
    email.get_by_role("button", name="Edit email").click()
    expect(theirs.locator("#inline-email")).to_be_focused()
    theirs.fill("#inline-email", "theirs@inline.example")
    theirs.press("#inline-email", "Enter")
    expect(theirs.locator("#details dd[data-inline=email]")).to_contain_text("theirs@inline.example")
    expect(theirs.locator("#history")).to_contain_text("theirs@inline.example")

    # the other page was read before that: Escape leaves it, a bad value is said, a stale save shows theirs
    field = mine.locator("#details dd[data-inline=email]")
    field.get_by_role("button", name="Edit email").click()
    mine.fill("#inline-email", "half typed")
    mine.press("#inline-email", "Escape")
    expect(field).to_contain_text("old@inline.example")
    field.get_by_role("button", name="Edit email").click()
    mine.fill("#inline-email", "not an address")
    mine.press("#inline-email", "Enter")
    expect(field.locator(".inline-note.error")).to_be_visible()
    mine.fill("#inline-email", "mine@inline.example")
    mine.press("#inline-email", "Enter")
    note = field.locator(".inline-note")
    expect(note).to_contain_text("Someone else changed this record meanwhile")
    expect(note).to_contain_text("theirs@inline.example")
    expect(note).to_contain_text("mine@inline.example")
    # nothing was overwritten until the choice is made
    assert api(server, "GET", f"/accounts/{account['id']}", token=token)["email"] == "theirs@inline.example"
    note.get_by_role("button", name="Save mine").click()
    expect(mine.locator("#details dd[data-inline=email]")).to_contain_text("mine@inline.example")
    assert api(server, "GET", f"/accounts/{account['id']}", token=token)["email"] == "mine@inline.example"
    theirs.context.close()
