"""Journeys through order to cash: an accepted quote becomes an order that is confirmed, delivered,
invoiced and paid in two parts; partial invoices, credit notes, customer credit and reversals;
refusals on the invoicing and payment forms; a draft invoice changed and deleted, and an order
cancelled."""
import re

from playwright.sync_api import expect

from conftest import api
from ledger_steps import INVOICE_URL, confirmed_order
from pipeline_steps import unique
from sales_steps import admin_token, today

ORDER_URL = re.compile(r"/orders/[0-9a-f-]{36}$")


def test_an_accepted_quote_is_ordered_delivered_invoiced_and_paid_in_two_parts(admin, server):
    page = admin
    token = admin_token(server)
    account = api(server, "POST", "/accounts", {"name": unique("Hillside Dairy")}, token)
    quote = api(server, "POST", "/quotes", {"accountId": account["id"], "lines": [
        {"description": "Milking robot service", "quantity": "2", "unitPrice": "600"}]}, token)
    api(server, "POST", f"/quotes/{quote['id']}/send", {}, token)
    # the quote is accepted and converted on its page, which then links the order
    page.goto(f"/quotes/{quote['id']}")
    actions = page.locator("#quote-actions")
    actions.get_by_role("button", name="Accept").click()
    actions.get_by_role("button", name="Convert to sales order").click()
    page.locator("#quote-order").get_by_role("link").click()
    expect(page).to_have_url(ORDER_URL)
    expect(page.locator("#order-status")).to_have_text("Draft")
    expect(page.locator("#details")).to_contain_text(quote["number"])
    expect(page.locator("#total-total")).to_have_text("1,200.00 EUR")
    # a draft is confirmed before it is tracked or invoiced
    expect(page.get_by_role("button", name="Create invoice")).to_have_count(0)
    expect(page.locator("#invoice-note")).to_contain_text("Confirm the order")
    page.locator("#order-actions").get_by_role("button", name="Confirm").click()
    expect(page.locator(".flash")).to_contain_text("Order confirmed")
    expect(page.locator("#order-status")).to_have_text("Confirmed")
    # the delivery is recorded with a note and shows last on the timeline, with who and when
    page.select_option("#track-status", label="Delivered")
    expect(page.locator("#track-date")).to_have_value(today())
    page.fill("#track-note", "Left at the milking parlour")
    page.get_by_role("button", name="Record step").click()
    expect(page.locator(".flash")).to_contain_text("Delivery recorded")
    expect(page.locator("#order-status")).to_have_text("Delivered")
    events = page.locator("#timeline li")
    expect(events).to_have_count(2)
    expect(events.nth(0)).to_contain_text("Confirmed")
    expect(events.nth(1)).to_contain_text("Delivered")
    expect(events.nth(1)).to_contain_text("Left at the milking parlour")
    expect(events.nth(1)).to_contain_text("Bea Browser")
    expect(page.locator("#track")).to_have_count(0)
    # the whole order is invoiced, then the draft is issued with Net 30 terms
    order_url = page.url
    page.locator("#order-actions").get_by_role("button", name="Create invoice").click()
    expect(page).to_have_url(INVOICE_URL)
    expect(page.locator("#invoice-status")).to_have_text("Draft")
    expect(page.locator("#lines tbody tr")).to_have_count(1)
    expect(page.locator("#f-paymentTermId option:checked")).to_contain_text("30")
    page.get_by_role("button", name="Issue", exact=True).click()
    expect(page.locator(".flash")).to_contain_text(re.compile(r"Invoice INV-\d{4}-\d{5} issued"))
    expect(page.locator("#invoice-status")).to_have_text("Issued")
    expect(page.locator("#invoice-balance")).to_have_text("1,200.00 EUR")
    expect(page.locator("#invoice-actions").get_by_role("button", name="Issue")).to_have_count(0)
    pdf = page.request.get(page.url + "/pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    invoice_url = page.url
    # a part payment: the form is prefilled for the invoice, and the allocation follows the amount typed
    page.get_by_role("link", name="Record payment").click()
    expect(page.locator("#f-amount")).to_have_value("1200.00")
    expect(page.locator("#f-amount")).to_be_focused()
    allocation = page.locator("tr.allocation input").first
    expect(allocation).to_have_value("1200.00")
    page.fill("#f-amount", "450")
    expect(allocation).to_have_value("450.00")
    page.select_option("#f-mode", label="Cheque")
    page.fill("#f-reference", "Cheque 1001")
    page.get_by_role("button", name="Record payment").click()
    expect(page).to_have_url(invoice_url)
    expect(page.locator(".flash")).to_contain_text(re.compile(r"Payment PAY-\d{4}-\d{5} recorded: 450.00 EUR allocated"))
    expect(page.locator("#invoice-status")).to_have_text("Partially paid")
    expect(page.locator("#invoice-paid")).to_have_text("450.00 EUR")
    expect(page.locator("#invoice-balance")).to_have_text("750.00 EUR")
    expect(page.locator("#payment-rows tbody tr")).to_have_count(1)
    expect(page.locator("#payment-rows")).to_contain_text("Cheque")
    # the rest, as suggested
    page.get_by_role("link", name="Record payment").click()
    expect(page.locator("#f-amount")).to_have_value("750.00")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-status")).to_have_text("Paid")
    expect(page.locator("#invoice-balance")).to_have_text("0.00 EUR")
    expect(page.locator("#payment-rows tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Record payment")).to_have_count(0)
    # the order lists its paid invoice and has nothing left to invoice
    page.goto(order_url)
    expect(page.locator("#invoices tbody tr")).to_contain_text("Paid")
    expect(page.locator("#invoice-note")).to_contain_text("Everything on this order is invoiced")
    expect(page.get_by_role("button", name="Create invoice")).to_have_count(0)
    # the lists find them
    page.locator(".topbar nav").get_by_role("link", name="Invoices").click()
    page.get_by_label("Status").select_option("paid")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#invoices")).to_contain_text(account["name"])
    page.locator(".topbar nav").get_by_role("link", name="Orders").click()
    expect(page.locator("#orders")).to_contain_text(account["name"])


def test_partial_invoices_credit_notes_and_refused_payments(admin, server):
    page = admin
    token = admin_token(server)
    account, order = confirmed_order(server, token, "Brook Farm", [("Fence posts", "10", "12"), ("Gate", "1", "380")])
    page.goto(f"/orders/{order['id']}")
    # invoice 4 of the 10 posts and not the gate
    page.get_by_text("Invoice part of the order…").click()
    expect(page.locator("#part-1")).to_have_value("10")
    page.fill("#part-1", "4")
    page.fill("#part-2", "0")
    page.get_by_role("button", name="Create partial invoice").click()
    expect(page).to_have_url(INVOICE_URL)
    expect(page.locator("#total-total")).to_have_text("48.00 EUR")
    page.get_by_role("button", name="Issue", exact=True).click()
    first_invoice = page.url
    # more than is left is refused with the server's reason; the rest is prefilled
    page.goto(f"/orders/{order['id']}")
    page.get_by_text("Invoice part of the order…").click()
    expect(page.locator("#part-1")).to_have_value("6")
    page.fill("#part-1", "7")
    page.get_by_role("button", name="Create partial invoice").click()
    expect(page.locator(".flash-error")).to_contain_text("Not invoiced: Order line 1 would be invoiced for more than was ordered")
    # a payment larger than what it is allocated to is refused on the form, keeping what was typed
    page.goto(first_invoice)
    page.get_by_role("link", name="Record payment").click()
    page.fill("#f-amount", "20")
    page.locator("tr.allocation input").first.fill("30")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#payment-message")).to_contain_text("may not exceed")
    expect(page.locator("#f-amount")).to_have_value("20")
    expect(page.locator("tr.allocation input").first).to_have_value("30")
    # an allocation in another currency is refused too; "Suggest" puts the amount back on the invoice
    page.fill("#f-currency", "USD")
    page.locator("tr.allocation input").first.fill("20")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#payment-message")).to_contain_text("currency")
    page.fill("#f-currency", "EUR")
    page.get_by_role("button", name="Suggest from the amount").click()
    expect(page.locator("tr.allocation input").first).to_have_value("20.00")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-balance")).to_have_text("28.00 EUR")
    payment_url = page.locator("#payment-rows a").first.get_attribute("href")
    # the credit note cancels the invoice; what was paid stays as the customer's credit
    page.get_by_role("link", name="Credit note…").click()
    expect(page.locator("h1")).to_contain_text("with a credit note")
    page.fill("#f-reason", "Wrong posts delivered")
    page.get_by_role("button", name="Issue credit note").click()
    expect(page.locator(".flash")).to_contain_text(re.compile(r"Credit note CN-\d{4}-\d{5} issued"))
    expect(page.locator("#invoice-related")).to_contain_text("reverses invoice")
    expect(page.locator("#invoice-notes")).to_have_text("Wrong posts delivered")
    page.locator("#invoice-related").get_by_role("link").click()
    expect(page).to_have_url(first_invoice)
    expect(page.locator("#invoice-status")).to_have_text("Cancelled")
    expect(page.locator("#invoice-related")).to_contain_text("Cancelled by credit note")
    page.goto(payment_url)
    expect(page.locator("#payment-credit")).to_have_text("20.00 EUR")
    expect(page.locator("#allocations-made")).to_contain_text("Not allocated")
    expect(page.locator("#allocate")).to_have_count(0)
    # the credit goes to the next invoice of the order, suggested in full
    page.goto(f"/orders/{order['id']}")
    page.locator("#order-actions").get_by_role("button", name="Create invoice").click()
    page.get_by_role("button", name="Issue", exact=True).click()
    next_invoice = page.url
    page.goto(payment_url)
    expect(page.locator("#allocate tr.allocation input")).to_have_value("20.00")
    page.locator("#allocate").get_by_role("button", name="Allocate").click()
    expect(page.locator(".flash")).to_contain_text("20.00 EUR allocated; 0.00 EUR credit left")
    expect(page.locator("#payment-credit")).to_have_text("0.00 EUR")
    expect(page.locator("#allocations-made tbody tr")).to_contain_text("Partially paid")
    # reversing it (a bounced cheque) asks first and opens the invoice again
    page.get_by_role("link", name="Reverse…").click()
    page.get_by_role("button", name="Reverse payment").click()
    expect(page.locator(".flash")).to_contain_text("Payment reversed")
    expect(page.locator("#payment-status")).to_have_text("Reversed")
    expect(page.get_by_role("link", name="Reverse…")).to_have_count(0)
    page.goto(next_invoice)
    expect(page.locator("#invoice-status")).to_have_text("Issued")
    expect(page.locator("#payment-rows tr.reversed")).to_have_count(1)


def test_a_draft_invoice_is_changed_and_deleted_and_the_order_cancelled_with_a_note(admin, server):
    page = admin
    token = admin_token(server)
    contact = api(server, "POST", "/contacts", {"firstName": "Ida", "lastName": unique("Furrow"), "email": "ida@browser.furrow.test"}, token)
    account, order = confirmed_order(server, token, "Willow Creek", [("Drainage survey", "1", "640")])
    page.goto(f"/orders/{order['id']}")
    page.locator("#order-actions").get_by_role("button", name="Create invoice").click()
    # the draft's terms and contact are changed; the due date follows the terms on issue
    page.select_option("#f-paymentTermId", label="Net 15 (15 days)")
    page.select_option("#f-contactId", contact["id"])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Changes saved")
    expect(page.locator("#details")).to_contain_text("Net 15")
    expect(page.locator("#details")).to_contain_text(contact["lastName"])
    expect(page.locator("#issue-email")).to_be_visible()
    # deleting asks first, and returns to the order, which can be invoiced again
    page.get_by_role("link", name="Delete…").click()
    page.get_by_role("button", name="Delete draft").click()
    expect(page).to_have_url(re.compile(f"/orders/{order['id']}$"))
    expect(page.locator(".flash")).to_contain_text("Draft invoice deleted")
    expect(page.get_by_role("button", name="Create invoice")).to_be_visible()
    # cancelling keeps the note on the timeline and leaves no step to take
    page.get_by_text("Cancel the order…").click()
    page.fill("#cancel-note", "Customer postponed the survey")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel order").click()
    expect(page.locator("#order-status")).to_have_text("Cancelled")
    expect(page.locator("#timeline li").last).to_contain_text("Customer postponed the survey")
    expect(page.locator("#track")).to_have_count(0)
    expect(page.get_by_role("button", name="Create invoice")).to_have_count(0)
    expect(page.locator("#invoice-note")).to_contain_text("cancelled order")
