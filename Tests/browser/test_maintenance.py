"""Maintenance contracts in the browser (seed 002 §5): an administrator makes a contract from an
account's page and activates it, and the technician completes the first visit on a phone-sized
page with the customer's rating."""
import re
import uuid

from conftest import ADMIN, api, create_account, sign_in


def test_contract_activated_and_a_visit_completed_on_a_phone(admin, browser, server):
    # given: a technician (a user with the service role) and an account
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    email = f"tech-{uuid.uuid4().hex[:8]}@browser.furrow.test"
    name = f"Tara Tech {uuid.uuid4().hex[:4]}"
    api(server, "POST", "/users", {"email": email, "name": name, "password": "tech-password-2026", "role": "service"}, token)
    page = admin
    account = create_account(page, f"Okafor Pumps {uuid.uuid4().hex[:6]}")

    # when: a quarterly contract for a year, made from the account's Maintenance section
    page.get_by_role("link", name="New contract").click()
    page.fill("#f-durationMonths", "12")
    page.select_option("#f-frequency", "quarterly")
    page.fill("#f-visitMinutes", "90")
    page.get_by_label(name).check()
    page.fill("#f-value", "1800")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/amc-contracts/*-*")
    assert "saved as a draft" in page.content()
    number = re.search(r"AMC-\d{4}-\d{5}", page.locator("h1").inner_text()).group(0)
    page.get_by_role("button", name="Activate and plan the visits").click()

    # then: four visits, all the technician's, the contract on the account's page
    assert "Activated: 4 visits planned." in page.content()
    visits = page.locator("#visits tbody tr")
    assert visits.count() == 4
    assert all(name in visits.nth(i).inner_text() for i in range(4))
    page.goto(account)
    assert number in page.locator("#maintenance").inner_text()

    # when: the technician, on a phone, completes the first visit with the customer's rating
    phone = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, is_mobile=True)
    tech = phone.new_page()
    tech.goto("/login")
    sign_in(tech, email, "tech-password-2026")
    tech.wait_for_load_state()
    tech.goto("/amc-contracts")
    tech.get_by_role("link", name=number).click()
    tech.get_by_role("link", name="Visit 1").click()
    tech.fill("#complete-outcome", "Pump serviced, seals replaced")
    tech.fill("#complete-minutes", "80")
    tech.fill("#complete-parts", "Seal kit\nOil, 2 l")
    tech.get_by_label("5", exact=True).check()
    tech.fill("#complete-signed", "Ken Olsen")
    box = tech.get_by_role("button", name="Complete").bounding_box()
    assert box["height"] >= 40, "the Complete button is a large tap target on a phone"
    tech.get_by_role("button", name="Complete").click()

    # then
    assert "Activity completed." in tech.content()
    details = tech.locator("#details").inner_text()
    assert "5 of 5" in details and "Ken Olsen" in details and "80 minutes" in details and "Seal kit; Oil, 2 l" in details
    assert tech.evaluate("document.documentElement.scrollWidth") <= 390, "the visit page fits a phone's width"
    phone.close()


def test_sold_machine_invoiced_then_maintained_and_renewed_with_a_quote(admin, browser, server):
    # given: a serialised baler sold to a customer on a confirmed order, and a technician
    from sales_steps import admin_token, create_price_list, create_product
    from ledger_steps import INVOICE_URL
    from playwright.sync_api import expect
    token = admin_token(server)
    serial = f"BX-{uuid.uuid4().hex[:8].upper()}"
    baler = create_product(server, token, f"Round baler {serial[-4:]}", "21000.00", serial=serial)
    prices = create_price_list(server, token, f"Machines {serial}", {baler["id"]: "21000.00"})
    account = api(server, "POST", "/accounts", {"name": f"Moorland Farm {serial[-4:]}"}, token)
    quote = api(server, "POST", "/quotes", {"accountId": account["id"], "priceListId": prices["id"],
                                            "lines": [{"productId": baler["id"], "quantity": "1"}]}, token)
    for verb in ("send", "accept"):
        api(server, "POST", f"/quotes/{quote['id']}/{verb}", {}, token)
    order = api(server, "POST", f"/quotes/{quote['id']}/convert", {}, token)
    api(server, "POST", f"/orders/{order['id']}/confirm", {}, token)
    email = f"tech-{uuid.uuid4().hex[:8]}@browser.furrow.test"
    name = f"Tom Tech {uuid.uuid4().hex[:4]}"
    api(server, "POST", "/users", {"email": email, "name": name, "password": "tech-password-2026", "role": "service"}, token)
    page = admin

    # when: the order is invoiced and issued, and a contract is made from the invoice's page
    page.goto(f"/orders/{order['id']}")
    page.locator("#order-actions").get_by_role("button", name="Create invoice").click()
    expect(page).to_have_url(INVOICE_URL)
    page.get_by_role("button", name="Issue", exact=True).click()
    expect(page.locator("#invoice-status")).to_have_text("Issued")
    invoice_number = page.locator("#invoice-number").inner_text()
    page.get_by_role("link", name="Maintenance contract…").click()

    # then: the form knows the customer, the baler and the invoice's line
    assert page.locator("#f-accountId option:checked").inner_text() == account["name"]
    assert page.get_by_label(re.compile(f"serial {serial}")).is_checked()
    assert page.get_by_label(re.compile(f"{invoice_number}, line 1")).is_checked()

    # when: a yearly contract, quarterly visits by the technician
    page.select_option("#f-frequency", "quarterly")
    page.get_by_label(name).check()
    page.fill("#f-value", "1200")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url("**/amc-contracts/*-*")
    covers = page.locator("#items").inner_text()
    assert serial in covers and invoice_number in covers
    number = re.search(r"AMC-\d{4}-\d{5}", page.locator("h1").inner_text()).group(0)
    page.get_by_role("button", name="Activate and plan the visits").click()
    assert "Activated: 4 visits planned." in page.content()
    assert page.locator("#visits svg circle").count() == 4, "the schedule's timeline shows each visit"
    contract_url = page.url

    # when: the technician completes the first visit on a phone with a rating of 4
    phone = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, is_mobile=True)
    tech = phone.new_page()
    tech.goto("/login")
    sign_in(tech, email, "tech-password-2026")
    tech.wait_for_load_state()
    tech.goto(contract_url)
    tech.get_by_role("link", name="Visit 1").click()
    tech.fill("#complete-outcome", "Knotters adjusted")
    tech.get_by_label("4", exact=True).check()
    tech.fill("#complete-signed", "Jo Moor")
    tech.get_by_role("button", name="Complete").click()
    assert "Activity completed." in tech.content()
    phone.close()

    # then: the contract shows the feedback; the service page counts the visit with its rating
    page.goto(contract_url)
    assert "★ 4/5" in page.locator("#visits").inner_text() and "Jo Moor" in page.locator("#visits").inner_text()
    page.goto("/service")
    assert name in page.locator("#technicians").inner_text()
    assert account["name"] in page.locator("#customers").inner_text()

    # when: renewed at 1,260.00 with a renewal quote
    page.goto(contract_url)
    page.fill("#renew-value", "1260.00")
    page.get_by_label("Renewal quote").check()
    page.locator("#renew").get_by_role("button", name="Renew").click()

    # then: the draft renewal quote opens; the contract is renewed and links to its successor
    page.wait_for_url("**/quotes/*-*")
    assert "renewal quote" in page.content()
    assert "1,260.00" in page.content()
    page.goto(contract_url)
    assert "Renewed" in page.locator("h1").inner_text()
    page.get_by_role("link", name="the contract that follows it").click()
    assert "Renewal quote" in page.locator("#details").inner_text()
