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
