"""Journeys through the sales pages: the catalog, the quote editor with live totals, and a
quote's life from draft to accepted, won opportunity and sold serialised item."""
import re

from playwright.sync_api import expect

from conftest import api, create_account, sign_in
from pipeline_steps import create_lead, create_opportunity, unique
from sales_steps import (REDUCED_TAX, admin_token, create_price_list, create_product, fill_line, today)

QUOTE_URL = re.compile(r"/quotes/[0-9a-f-]{36}$")


def test_products_and_a_price_list_are_made_through_the_pages(admin):
    page = admin
    page.locator(".topbar nav").get_by_role("link", name="Products").click()
    expect(page.locator("h1")).to_have_text("Products")
    page.get_by_role("link", name="New product").click()
    name = unique("Seed drill")
    page.fill("#f-sku", unique("SD").replace(" ", "-"))
    page.fill("#f-name", name)
    page.fill("#f-unitPrice", "4200")
    page.select_option("#f-taxRateId", label="Reduced 5 %")
    page.check("#f-serialized")
    page.get_by_role("button", name="Create product").click()
    # a serialised item needs its serial number, said beside the field
    expect(page.locator("#f-serialNumber-error")).to_contain_text("serial number")
    expect(page.locator("#f-serialNumber")).to_be_focused()
    page.fill("#f-serialNumber", "SN-2026-001")
    page.get_by_role("button", name="Create product").click()
    expect(page.locator(".flash")).to_contain_text("Product created")
    expect(page.locator("#product-status")).to_have_text("Available")
    expect(page.locator("#details")).to_contain_text("SN-2026-001")
    expect(page.locator("#details")).to_contain_text("4,200.00 EUR")
    # the list finds it by text
    page.goto("/products?q=" + name.split()[-1])
    expect(page.locator("#products tbody tr")).to_have_count(1)
    # a price list with the product in the first of its empty rows
    page.get_by_role("link", name="Price lists").click()
    page.get_by_role("link", name="New price list").click()
    list_name = unique("Spring")
    page.fill("#f-name", list_name)
    page.fill("#f-validFrom", "2020-01-01")
    page.select_option("#item-0-product", page.locator("#item-0-product option", has_text=name).get_attribute("value"))
    page.fill("#item-1-price", "12")
    page.get_by_role("button", name="Create price list").click()
    expect(page.locator("#item-1-product-error")).to_contain_text("choose a product")
    page.fill("#item-0-price", "3999.50")
    page.fill("#item-1-price", "")
    page.get_by_role("button", name="Create price list").click()
    expect(page.locator(".flash")).to_contain_text("Price list created")
    expect(page.locator("#items")).to_contain_text("3,999.50 EUR")
    expect(page.locator("h1")).to_contain_text("Valid today")


def test_a_quote_with_two_products_and_a_write_in_is_sent_accepted_and_wins(admin, server):
    page = admin
    token = admin_token(server)
    plough = create_product(server, token, unique("Plough"), "1000")
    tractor = create_product(server, token, unique("Tractor"), "26000", tax=REDUCED_TAX, serial=unique("VIN"))
    price_list = create_price_list(server, token, unique("Dealer"), {plough["id"]: "1000", tractor["id"]: "25000"})
    account = unique("Greenfield Farms")
    create_account(page, account)
    opportunity_url = create_opportunity(page, unique("Spring fleet"), kind="Quote-driven", account=account)
    # the opportunity's Quotes section starts the editor
    page.locator("#quotes").get_by_role("link", name="New quote").click()
    expect(page.locator("h1")).to_contain_text("New quote")
    page.fill("#f-name", "Tractor and plough")
    page.select_option("#f-priceListId", price_list["id"])
    fill_line(page, 0, product=plough["name"], quantity="2", discount="10")
    fill_line(page, 1, product=tractor["name"])
    fill_line(page, 2, description="Delivery and set-up", quantity="3", price="150", tax="Standard 20 %")
    # live totals while typing: 1,800 + 360 tax; 25,000 + 1,250 tax; 450 + 90 tax
    expect(page.locator("#line-0-total")).to_have_text("2,160.00 EUR")
    expect(page.locator("#line-1-total")).to_have_text("26,250.00 EUR")
    expect(page.locator("#line-2-total")).to_have_text("540.00 EUR")
    expect(page.locator("#quote-discount")).to_have_text("200.00 EUR")
    expect(page.locator("#quote-subtotal")).to_have_text("27,250.00 EUR")
    expect(page.locator("#quote-tax")).to_have_text("1,700.00 EUR")
    expect(page.locator("#quote-total")).to_have_text("28,950.00 EUR")
    page.get_by_role("button", name="Create quote").click()
    # the saved document shows the server's figures, and only the buttons a draft allows
    expect(page).to_have_url(QUOTE_URL)
    expect(page.locator(".flash")).to_contain_text("created")
    expect(page.locator("#quote-number")).to_have_text(re.compile(r"^Q-\d{4}-\d{5}$"))
    expect(page.locator("#quote-revision")).to_have_text("revision 1")
    expect(page.locator("#quote-status")).to_have_text("Draft")
    expect(page.locator("#lines tbody tr")).to_have_count(3)
    expect(page.locator("#lines tbody tr").nth(0)).to_contain_text("1,800.00 EUR")
    expect(page.locator("#lines tbody tr").nth(0)).to_contain_text("200.00 EUR")
    expect(page.locator("#total-total")).to_have_text("28,950.00 EUR")
    expect(page.locator("#total-tax")).to_have_text("1,700.00 EUR")
    actions = page.locator("#quote-actions")
    expect(actions.get_by_role("button", name="Accept")).to_have_count(0)
    expect(actions.get_by_role("link", name="Edit")).to_be_visible()
    # send, then accept
    actions.get_by_role("button", name="Send").click()
    expect(page.locator(".flash")).to_contain_text("Quote sent")
    expect(page.locator("#quote-status")).to_have_text("Sent")
    expect(actions.get_by_role("link", name="Edit")).to_have_count(0)
    actions.get_by_role("button", name="Accept").click()
    expect(page.locator(".flash")).to_contain_text("Quote accepted")
    expect(page.locator("#quote-status")).to_have_text("Accepted")
    expect(actions.get_by_role("button", name="Accept")).to_have_count(0)
    # the opportunity is won at the quote's subtotal after discounts, without tax, and takes no new quotes
    page.locator("#details").get_by_role("link", name=re.compile("Spring fleet")).click()
    expect(page).to_have_url(opportunity_url)
    expect(page.locator("#opportunity-status")).to_have_text("Won")
    expect(page.locator("#general")).to_contain_text("27,250.00 EUR")
    expect(page.locator("#quotes tbody tr")).to_contain_text("Accepted")
    expect(page.locator("#quotes").get_by_role("link", name="New quote")).to_have_count(0)
    # the serialised tractor is sold today
    page.goto(f"/products/{tractor['id']}")
    expect(page.locator("#product-status")).to_have_text("Sold")
    expect(page.locator("#details")).to_contain_text(today())


def test_refused_actions_show_the_servers_reason(admin, server):
    page = admin
    token = admin_token(server)
    account = api(server, "POST", "/accounts", {"name": unique("Meadow Co-op")}, token)
    write_in = [{"description": "Soil survey", "quantity": "1", "unitPrice": "800"}]
    # an expired quote: no Accept or Negotiate, but Reject and Revise
    expired = api(server, "POST", "/quotes", {"accountId": account["id"], "date": "2020-01-02", "validUntil": "2020-01-31",
                                              "lines": write_in}, token)
    api(server, "POST", f"/quotes/{expired['id']}/send", {}, token)
    page.goto(f"/quotes/{expired['id']}")
    expect(page.locator("#quote-status")).to_have_text("Expired")
    actions = page.locator("#quote-actions")
    expect(actions.get_by_role("button", name="Accept")).to_have_count(0)
    expect(actions.get_by_role("button", name="Negotiate")).to_have_count(0)
    expect(page.get_by_text("Reject…")).to_be_visible()
    actions.get_by_role("button", name="Revise").click()
    expect(page.locator(".flash")).to_contain_text("New revision")
    expect(page.locator("#quote-number")).to_have_text(expired["number"])
    expect(page.locator("#quote-revision")).to_have_text("revision 2")
    expect(page.locator("#quote-status")).to_have_text("Draft")
    expect(page.locator("#revisions")).to_contain_text("Revision 1")
    expect(page.locator("#revisions")).to_contain_text("Revised")
    # an edit form left open while someone else changes the draft says so, keeping what was typed
    draft_url = page.url
    draft_id = draft_url.rsplit("/", 1)[1]
    actions.get_by_role("link", name="Edit").click()
    page.fill("#f-name", "Soil survey, second offer")
    api(server, "PATCH", f"/quotes/{draft_id}", {"terms": "Payment in 30 days", "version": 1}, token)
    page.get_by_role("button", name="Save quote").click()
    expect(page.locator("#editor-message")).to_contain_text("changed by someone else")
    expect(page.locator("#f-name")).to_have_value("Soil survey, second offer")
    # a page left open while someone else sends the draft: its Send is refused with the server's reason
    page.goto(draft_url)
    expect(page.locator("#quote-terms")).to_have_text("Payment in 30 days")
    api(server, "POST", f"/quotes/{draft_id}/send", {}, token)
    actions.get_by_role("button", name="Send").click()
    expect(page.locator(".flash-error")).to_contain_text("Not sent: Only a draft quote can be changed or sent.")
    expect(page.locator("#quote-status")).to_have_text("Sent")
    # rejecting the last open quote loses the opportunity, with the reason chosen
    page.get_by_text("Reject…").click()
    page.select_option("#reject-reason", label="Price too high")
    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page.locator("#quote-status")).to_have_text("Rejected")
    page.locator("#details").get_by_role("link", name=re.compile("Lost")).click()
    expect(page.locator("#opportunity-status")).to_have_text("Lost")
    expect(page.locator("#general")).to_contain_text("Price too high")
    # unknown documents and catalog entries answer with the not-found page
    for path in ("/quotes/", "/products/", "/price-lists/"):
        assert page.goto(path + "00000000-0000-4000-8000-000000000000").status == 404
        expect(page.locator("h1")).to_have_text("Not found")


def test_the_editor_refuses_a_product_line_without_a_price_list(admin, server):
    page = admin
    token = admin_token(server)
    harrow = create_product(server, token, unique("Harrow"), "700")
    create_price_list(server, token, unique("Harrows"), {harrow["id"]: "650"})
    lead_url = create_lead(page, unique("Harrows for the cooperative"), companyName="Valley Co-op")
    page.locator("#quotes").get_by_role("link", name="New quote").click()
    expect(page.locator("tr.quote-line")).to_have_count(5)
    fill_line(page, 0, product=harrow["name"], quantity="4")
    fill_line(page, 1, description="Training", price="90.5")
    expect(page.locator("#line-0-detail")).to_have_text("needs a price list")
    expect(page.locator("#line-1-total")).to_have_text("90.50 EUR")
    # "Add a line" shows the form again with one more row and everything kept
    page.get_by_role("button", name="Add a line").click()
    expect(page.locator("tr.quote-line")).to_have_count(6)
    expect(page.locator("#line-5-product")).to_be_focused()
    expect(page.locator("#line-1-description")).to_have_value("Training")
    # saving without a price list: the server's message beside the product line and the picker
    page.select_option("#f-priceListId", "")
    page.get_by_role("button", name="Create quote").click()
    expect(page.locator("#line-0-product-error")).to_contain_text("Choose a price list before adding catalog products")
    expect(page.locator("#f-priceListId-error")).to_contain_text("choose a price list")
    expect(page.locator("#f-priceListId")).to_be_focused()
    # a write-in without a price is refused beside its row
    fill_line(page, 0, product="— write-in —", description="Spare tines", price="")
    page.get_by_role("button", name="Create quote").click()
    expect(page.locator("#line-0-price-error")).to_contain_text("unit price")
    fill_line(page, 0, price="12")
    page.get_by_role("button", name="Create quote").click()
    expect(page).to_have_url(QUOTE_URL)
    expect(page.locator("#details").get_by_role("link", name=re.compile("Harrows for the cooperative")).first).to_be_visible()
    expect(page.locator("#total-subtotal")).to_have_text("138.50 EUR")
    page.goto(lead_url)
    expect(page.locator("#quotes tbody tr")).to_have_count(1)


def test_the_only_price_list_valid_in_the_currency_is_chosen_for_a_new_quote(admin, server):
    page = admin
    token = admin_token(server)
    api(server, "POST", "/price-lists", {"name": unique("Kroner list, old"), "currency": "NOK", "validFrom": "2020-01-01",
                                          "validTo": "2020-12-31", "items": []}, token)
    only = api(server, "POST", "/price-lists", {"name": unique("Kroner list"), "currency": "NOK", "validFrom": "2020-01-01", "items": []}, token)
    page.goto("/opportunities/new")
    page.fill("#f-name", unique("Fjord ferries"))
    page.fill("#f-currency", "NOK")
    page.get_by_role("button", name="Create opportunity").click()
    page.locator("#quotes").get_by_role("link", name="New quote").click()
    expect(page.locator("#f-priceListId")).to_have_value(only["id"])
    # a second valid list in the currency: the choice is the user's again
    api(server, "POST", "/price-lists", {"name": unique("Kroner list, new"), "currency": "NOK", "validFrom": "2020-01-01", "items": []}, token)
    page.reload()
    expect(page.locator("#f-priceListId")).to_have_value("")


def test_the_editor_shows_every_line_error_at_once(admin):
    page = admin
    create_lead(page, unique("Fencing for the paddocks"), companyName=unique("Paddock Farm"))
    page.locator("#quotes").get_by_role("link", name="New quote").click()
    # given four bad write-in lines, with a blank row among them
    fill_line(page, 0, description="Posts", quantity="abc", price="10")
    fill_line(page, 1, description="Wire", quantity="2", price="10", discount="150")
    fill_line(page, 3, description="Gates", quantity="0", price="10")
    fill_line(page, 4, description="Labour", quantity="1", price="-50")
    # when it is saved once
    page.get_by_role("button", name="Create quote").click()
    # then every error shows, each beside its own row
    expect(page.locator("#line-0-quantity-error")).to_contain_text("must be a number")
    expect(page.locator("#line-1-discount-error")).to_contain_text("from 0 to 100")
    expect(page.locator("#line-3-quantity-error")).to_contain_text("more than 0")
    expect(page.locator("#line-4-price-error")).to_contain_text("from 0")
    expect(page.locator(".quote-line .error")).to_have_count(4)


def test_opportunity_products_are_copied_into_a_quote_that_converts_to_an_order(admin, server, browser):
    page = admin
    token = admin_token(server)
    baler = create_product(server, token, unique("Baler"), "9000")
    price_list = create_price_list(server, token, unique("Balers"), {baler["id"]: "8500"})
    create_opportunity(page, unique("Hay season"))
    # the opportunity's products are edited with the same rows as a quote
    page.locator("#products").get_by_role("link", name="Edit products").click()
    page.select_option("#f-priceListId", price_list["id"])
    fill_line(page, 0, product=baler["name"], quantity="2")
    expect(page.locator("#quote-total")).to_have_text("20,400.00 EUR")
    page.get_by_role("button", name="Save products").click()
    expect(page.locator(".flash")).to_contain_text("Products saved")
    expect(page.locator("#products")).to_contain_text(baler["name"])
    expect(page.locator("#products #total-total")).to_have_text("20,400.00 EUR")
    # a new quote starts with them, at the opportunity's price list
    page.locator("#quotes").get_by_role("link", name="New quote").click()
    expect(page.locator("#f-priceListId")).to_have_value(price_list["id"])
    expect(page.locator("#line-0-product")).to_have_value(baler["id"])
    expect(page.locator("#line-0-quantity")).to_have_value("2")
    expect(page.locator("#quote-total")).to_have_text("20,400.00 EUR")
    page.get_by_role("button", name="Create quote").click()
    expect(page).to_have_url(QUOTE_URL)
    expect(page.locator("#total-total")).to_have_text("20,400.00 EUR")
    actions = page.locator("#quote-actions")
    actions.get_by_role("button", name="Send").click()
    actions.get_by_role("button", name="Accept").click()
    expect(page.locator("#quote-status")).to_have_text("Accepted")
    # only an accepted quote converts, and only once: the page then names the order instead of the button
    stale = page.context.new_page()
    stale.goto(page.url)
    actions.get_by_role("button", name="Convert to sales order").click()
    expect(page.locator(".flash")).to_contain_text(re.compile(r"Sales order SO-\d{4}-\d{5} created"))
    expect(actions.get_by_role("button", name="Convert to sales order")).to_have_count(0)
    expect(page.locator("#quote-order")).to_have_text(re.compile(r"^Sales order SO-\d{4}-\d{5} · 20,400\.00 EUR$"))
    stale.locator("#quote-actions").get_by_role("button", name="Convert to sales order").click()
    expect(stale.locator(".flash-error")).to_contain_text("Not converted:")
    expect(stale.locator("#quote-order")).to_be_visible()
    stale.close()
    # a reader sees the catalog without its write controls
    email = f"reader-{unique('q').split()[1]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Rhea Reader", "password": "reader-pass-2026", "role": "readonly"}, token)
    reader = browser.new_context(base_url=server).new_page()
    sign_in(reader, email, "reader-pass-2026")
    expect(reader).to_have_url(re.compile(r"/home$"))
    reader.goto("/products")
    expect(reader.locator("#products")).to_contain_text(baler["name"])
    expect(reader.get_by_role("link", name="New product")).to_have_count(0)
    reader.goto(f"/price-lists/{price_list['id']}")
    expect(reader.get_by_role("link", name="Edit")).to_have_count(0)
    assert reader.goto(f"/products/{baler['id']}/edit").status == 403
    reader.context.close()


def test_a_quote_is_addressed_to_a_contact_emailed_and_printed(admin, server):
    page = admin
    token = admin_token(server)
    contact = api(server, "POST", "/contacts", {"firstName": "Ada", "lastName": unique("Acre"), "email": "ada@browser.furrow.test"}, token)
    opportunity = api(server, "POST", "/opportunities", {"name": unique("Orchard sprayer")}, token)
    page.goto(f"/quotes/new?opportunity={opportunity['id']}")
    page.select_option("#f-contactId", contact["id"])
    fill_line(page, 0, description="Sprayer service", price="320")
    page.get_by_role("button", name="Create quote").click()
    expect(page).to_have_url(QUOTE_URL)
    expect(page.locator("#details")).to_contain_text(contact["lastName"])
    pdf = page.request.get(page.url + "/pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    page.check("#send-email")
    page.locator("#quote-actions").get_by_role("button", name="Send").click()
    expect(page.locator(".flash")).to_contain_text("Its PDF is queued in the Outbox, not sent: no outgoing mail server is set up")
    expect(page.locator("#quote-status")).to_have_text("Sent")


def test_the_quote_word_chosen_in_the_settings_names_the_pages(admin, server):
    page = admin
    page.goto("/settings")
    page.select_option("#f-quoteWord", "Budget")
    page.get_by_role("button", name="Save settings").click()
    try:
        nav = page.locator(".topbar nav")
        expect(nav.get_by_role("link", name="Budgets")).to_be_visible()
        nav.get_by_role("link", name="Budgets").click()
        expect(page.locator("h1")).to_have_text("Budgets")
        page.get_by_label("Status").select_option("accepted")
        page.get_by_role("button", name="Filter").click()
        expect(page.locator("#quotes tbody tr").first).to_contain_text("Accepted")
        page.get_by_role("link", name=re.compile("Total")).click()
        expect(page).to_have_url(re.compile(r"sort=total"))
    finally:
        page.goto("/settings")
        page.select_option("#f-quoteWord", "Quote")
        page.get_by_role("button", name="Save settings").click()
