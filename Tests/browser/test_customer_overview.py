"""The account as a customer overview, over the demo company: at a glance the open pipeline, the
open balance and what is overdue (each a link to the same list), the sums over child accounts;
the account's opportunities, orders, invoices and payments; and one timeline holding the
activities of the account and of its opportunities — as finance and as the administrator, on a
desk and on a phone."""
import re

from playwright.sync_api import expect

from conftest import sign_in


def open_account(page, name):
    page.goto("/accounts?q=" + name.replace(" ", "+"))
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(re.compile(r"/accounts/[0-9a-f-]{36}$"))


def test_finance_sees_what_a_customer_owes_and_each_number_opens_its_list(browser, demo_server):
    page = browser.new_context(base_url=demo_server).new_page()
    sign_in(page, "fin@demo.furrow.test", "demo-finance-2026")
    page.wait_for_url("**/home")
    open_account(page, "Greenway Farms")
    balance = page.locator("#overview a.tile", has_text="Open balance")
    expect(balance).to_contain_text("2 unpaid invoices")
    amount = balance.locator(".tile-value").inner_text()
    assert re.fullmatch(r"[\d,]+\.\d\d [A-Z]{3}", amount), amount
    invoices = page.locator("#invoices tbody tr")
    expect(invoices).to_have_count(2)
    expect(page.locator("#invoices")).to_contain_text("Issued")
    # the tile's link is the invoice list with the same filter
    balance.click()
    page.wait_for_url(re.compile(r"/invoices\?"))
    expect(page.locator("table.list tbody tr")).to_have_count(2)
    expect(page.locator("#list-count")).to_contain_text("2")


def test_the_timeline_holds_the_activities_of_its_deals_and_child_sums_show(browser, demo_server):
    page = browser.new_context(base_url=demo_server, viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "admin@demo.furrow.test", "demo-admin-2026")
    page.wait_for_url("**/home")
    open_account(page, "Acme Holdings")
    # the parent sums its child accounts
    expect(page.locator("#overview .tile", has_text="with its 2 child accounts")).to_have_count(2)
    expect(page.locator("#opportunities tbody tr").first).to_contain_text("Acme Holdings service contract")
    # an activity on the account's opportunity shows on the account, saying where it is
    about = page.locator("#activities .about").first
    expect(about).to_contain_text("opportunity “Acme Holdings service contract”")
    about.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/opportunities/[0-9a-f-]{36}$"))
    expect(page.locator("h1")).to_contain_text("Acme Holdings service contract")

    # on a phone nothing runs off the side and the tables become labelled cards
    page.set_viewport_size({"width": 390, "height": 800})
    open_account(page, "Acme Field Services")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("#invoices thead")).to_be_hidden()
    expect(page.locator("#invoices td[data-label=Status]").first).to_be_visible()
