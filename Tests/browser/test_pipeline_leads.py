"""Journeys through leads: capture, qualify (with the duplicate choice), disqualify, lists."""
import re
import uuid

from playwright.sync_api import expect

from conftest import create_account
from pipeline_steps import OPPORTUNITY_URL, QUOTE_DRIVEN, STANDARD_SALE, create_lead, create_opportunity, unique


def test_a_new_lead_is_contacted_then_qualified_into_an_opportunity(admin):
    page = admin
    company = unique("Ashby Orchards")
    url = create_lead(page, unique("Irrigation controllers"), firstName="Tom", lastName="Ashby", companyName=company,
                      estimatedValue="18,500.00", currency="EUR")  # grouped as Furrow shows it
    expect(page.locator(".flash")).to_contain_text("Lead created")
    expect(page.locator("#lead-status")).to_have_text("New")
    expect(page.locator("#details")).to_contain_text("18,500.00 EUR")
    # when we mark it contacted, then qualify it
    page.get_by_role("button", name="Mark contacted").click()
    expect(page.locator("#lead-status")).to_have_text("Contacted")
    page.get_by_role("link", name="Qualify…").click()
    expect(page.locator(".plan")).to_contain_text(company)
    expect(page.locator(".plan")).to_contain_text("Tom Ashby")
    page.get_by_role("button", name="Qualify", exact=True).click()
    # then we land on the new opportunity, at the first stage of the default process
    expect(page).to_have_url(OPPORTUNITY_URL)
    expect(page.locator(".flash")).to_contain_text("Lead qualified")
    expect(page.locator(".process [aria-current=step]")).to_have_text("Qualify")
    expect(page.locator("#general").get_by_role("link", name=company)).to_be_visible()
    expect(page.locator("#general")).to_contain_text("18,500.00 EUR")
    # and the lead says so, without the buttons of an open lead
    page.goto(url)
    expect(page.locator("#lead-status")).to_have_text("Qualified")
    expect(page.get_by_role("link", name="Qualify…")).to_have_count(0)
    expect(page.locator("#history")).to_contain_text("Qualify")


def test_amounts_are_read_with_grouping_commas_but_not_a_decimal_comma(admin):
    page = admin
    page.goto("/leads/new")
    page.fill("#f-topic", unique("Cold store"))
    page.fill("#f-companyName", unique("Polar Foods"))
    page.fill("#f-estimatedValue", "1,5")
    page.get_by_role("button", name="Create lead").click()
    # a comma that groups no thousands is not guessed at: the field says what it takes
    expect(page.locator("#f-estimatedValue-error")).to_contain_text("1,250.00 or 1250.00")
    expect(page.locator("#f-estimatedValue")).to_have_value("1,5")
    page.fill("#f-estimatedValue", "1,214,400.5")
    page.get_by_role("button", name="Create lead").click()
    page.wait_for_url(re.compile(r"/leads/[0-9a-f-]{36}$"))
    expect(page.locator("#details")).to_contain_text("1,214,400.50")


def test_qualifying_a_lead_whose_company_exists_proposes_the_account(admin):
    page = admin
    company = unique("Coastal Cold Chain")
    account_url = create_account(page, company)
    create_lead(page, unique("Cold-store racking"), lastName=unique("Mills"), companyName=company)
    page.get_by_role("link", name="Qualify…").click()
    # the stored account is proposed instead of a new one
    expect(page.locator(".plan")).to_contain_text("exists already")
    expect(page.locator("#f-accountId")).to_have_value(account_url.rsplit("/", 1)[1])
    # choosing a new account anyway asks first
    page.select_option("#f-accountId", "new")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Qualify", exact=True).click()
    assert answer.value.status == 409
    duplicates = page.locator("#duplicates")
    expect(duplicates).to_contain_text("duplicate")
    expect(duplicates.get_by_role("link", name=company)).to_be_visible()
    expect(duplicates.get_by_role("button", name="Create anyway")).to_be_visible()
    # when we link the lead to the existing account
    duplicates.get_by_role("button", name="Link to this account").click()
    # then the opportunity belongs to that account
    expect(page).to_have_url(OPPORTUNITY_URL)
    link = page.locator("#general").get_by_role("link", name=company)
    expect(link).to_have_attribute("href", "/" + account_url.split("/", 3)[3])


def test_a_lead_is_disqualified_with_a_reason_and_reactivated_by_a_manager(admin):
    page = admin
    create_lead(page, unique("Just browsing"), lastName="Unknown")
    page.get_by_text("Disqualify this lead…").click()
    page.select_option("#disqualify-reason", label="No budget")
    page.get_by_role("button", name="Disqualify", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Lead disqualified")
    expect(page.locator("#lead-status")).to_have_text("Disqualified")
    expect(page.locator("#details")).to_contain_text("No budget")
    expect(page.get_by_role("link", name="Qualify…")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    # an administrator may bring it back
    page.get_by_role("button", name="Reactivate").click()
    expect(page.locator("#lead-status")).to_have_text("Contacted")


def test_lead_and_opportunity_lists_filter_and_sort(admin):
    page = admin
    tag = uuid.uuid4().hex[:6]
    create_lead(page, f"Racking {tag}", companyName=f"Store {tag}", estimatedValue="10")
    create_lead(page, f"Shelving {tag}", companyName=f"Depot {tag}", estimatedValue="20")
    page.goto(f"/leads?q={tag}")
    expect(page.locator("table.list tbody tr")).to_have_count(2)
    page.select_option("#filter-status", "qualified")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.list tbody tr")).to_have_count(0)
    page.select_option("#filter-status", "new")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=re.compile("Estimated value")).click()
    expect(page).to_have_url(re.compile(r"status=new"))
    expect(page.locator("table.list tbody tr").first).to_contain_text(f"Racking {tag}")
    create_opportunity(page, f"Deal {tag}", kind="Quote-driven", revenue="99.50")
    page.goto(f"/opportunities?q={tag}&kindId={QUOTE_DRIVEN}")
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    expect(page.locator("table.list tbody tr")).to_contain_text("99.50 EUR")
    page.goto(f"/opportunities?q={tag}&kindId={STANDARD_SALE}")
    expect(page.locator("table.list tbody tr")).to_have_count(0)
