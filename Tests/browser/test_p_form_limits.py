"""A form larger than the server takes: kept as typed in the browser, or a page that says the limit."""
import re

from playwright.sync_api import expect

BIG = "x" * 1_100_000


def test_a_form_too_large_is_not_sent_and_stays_filled_in(admin):
    page = admin
    page.goto("/contacts/new")
    page.fill("#f-lastName", "Longwind")
    page.locator("#f-title").evaluate("(field, text) => { field.value = text; }", BIG)
    page.get_by_role("button", name=re.compile("^(Create|Save)")).first.click()
    note = page.locator(".form-too-large")
    expect(note).to_be_visible()
    expect(note).to_contain_text("at most 1 MB")
    expect(page).to_have_url(re.compile(r"/contacts/new$"))
    expect(page.locator("#f-lastName")).to_have_value("Longwind")
    assert page.locator("#f-title").evaluate("field => field.value.length") == len(BIG)


def test_without_the_check_the_server_answers_with_a_page_that_says_the_limit(admin):
    page = admin
    page.goto("/contacts/new")
    page.evaluate("() => document.querySelector('meta[name=form-limit]').remove()")
    page.fill("#f-lastName", "Longwind")
    page.locator("#f-title").evaluate("(field, text) => { field.value = text; }", BIG)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=re.compile("^(Create|Save)")).first.click()
    assert navigation.value.status == 413
    expect(page.locator("h1")).to_have_text("Form too large")
    expect(page.locator(".error-page")).to_contain_text("at most 1 MB")
    # the browser's Back keeps what was typed (where it can)
    page.go_back()
    expect(page.locator("#f-lastName")).to_have_value("Longwind")
