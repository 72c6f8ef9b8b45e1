"""Steps shared by the order-to-cash journeys: an accepted quote converted to a confirmed order
through the API (the quote journeys cover those pages), then invoiced and issued on the pages."""
import datetime
import re

from playwright.sync_api import expect

from conftest import api
from pipeline_steps import unique

INVOICE_URL = re.compile(r"/invoices/[0-9a-f-]{36}$")


def days_ago(days):
    return (datetime.date.today() - datetime.timedelta(days=days)).isoformat()


def confirmed_order(server, token, customer, lines):
    """A confirmed order for a new account; `lines` are (description, quantity, unit price) write-ins without tax."""
    account = api(server, "POST", "/accounts", {"name": unique(customer)}, token)
    body = {"accountId": account["id"],
            "lines": [{"description": d, "quantity": q, "unitPrice": p} for d, q, p in lines]}
    quote = api(server, "POST", "/quotes", body, token)
    api(server, "POST", f"/quotes/{quote['id']}/send", {}, token)
    api(server, "POST", f"/quotes/{quote['id']}/accept", {}, token)
    order = api(server, "POST", f"/quotes/{quote['id']}/convert", {}, token)
    api(server, "POST", f"/orders/{order['id']}/confirm", {}, token)
    return account, order


def issued_invoice(page, server, token, customer, price, issue_date=None):
    """An issued invoice for one write-in line of `price`: (account, invoice URL, invoice number)."""
    account, order = confirmed_order(server, token, customer, [("Harvest service", "1", price)])
    page.goto(f"/orders/{order['id']}")
    page.locator("#order-actions").get_by_role("button", name="Create invoice").click()
    expect(page).to_have_url(INVOICE_URL)
    if issue_date:
        page.fill("#issue-date", issue_date)
    page.get_by_role("button", name="Issue", exact=True).click()
    expect(page.locator("#invoice-status")).to_have_text("Issued")
    return account, page.url, page.locator("#invoice-number").inner_text()
