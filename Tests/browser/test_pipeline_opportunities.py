"""Journeys through an opportunity: stage gates, parties, primary demand, closing and reopening."""
import re

from playwright.sync_api import expect

from conftest import ADMIN, api, create_account
from pipeline_steps import column, create_opportunity, drag, unique


def test_advancing_needs_a_stakeholder_and_then_succeeds(admin):
    page = admin
    account = unique("Harbour Logistics")
    create_account(page, account)
    create_opportunity(page, unique("Fleet telematics"), account=account, revenue="56000")
    next_stage = page.locator("#next-stage")
    expect(next_stage).to_contain_text("at least one stakeholder (missing)")
    expect(next_stage).to_contain_text("an account (done)")
    # when we advance without a stakeholder, the server refuses and says what is missing
    page.get_by_role("button", name="Advance to Develop").click()
    expect(page.locator(".flash-error")).to_contain_text("stakeholder")
    expect(page.locator(".process [aria-current=step]")).to_have_text("Qualify")
    # when we record a stakeholder, the advance succeeds
    page.select_option("#party-role", label="Stakeholder")
    page.select_option("#party-who", label=account)
    page.get_by_role("button", name="Add party").click()
    expect(page.locator(".flash")).to_contain_text("Party added")
    expect(page.locator("#parties")).to_contain_text("Stakeholder")
    page.get_by_role("button", name="Advance to Develop").click()
    expect(page.locator(".flash")).to_contain_text("Moved to Develop")
    expect(page.locator(".process [aria-current=step]")).to_have_text("Develop")
    row = page.locator("#stage-history tbody tr").first
    expect(row).to_contain_text("Qualify")
    expect(row).to_contain_text("Develop")
    expect(page.locator("#next-stage")).to_contain_text("a quote")


def test_a_competitor_is_added_on_the_fly(admin):
    page = admin
    create_opportunity(page, unique("Grain dryer"))
    competitor = unique("Rival Drying")
    page.fill("#new-competitor", competitor)
    page.get_by_role("button", name="Add competitor").click()
    expect(page.locator(".flash")).to_contain_text("Competitor added")
    expect(page.locator("#parties tr", has_text=competitor)).to_contain_text("Competitor")
    expect(page.locator("#party-who option", has_text=competitor)).to_have_count(1)


def test_closing_as_lost_needs_a_reason_and_removes_the_buttons(admin):
    page = admin
    url = create_opportunity(page, unique("Dock cranes"), revenue="210000")
    page.get_by_text("Close as lost…").click()
    page.get_by_role("button", name="Close as lost", exact=True).click()
    expect(page.locator(".flash-error")).to_contain_text("Not closed: Lost reason is required to close an opportunity as lost.")
    page.get_by_text("Close as lost…").click()
    page.select_option("#lost-reason", label="Price too high")
    page.get_by_role("button", name="Close as lost", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Closed as lost")
    expect(page.locator("#opportunity-status")).to_have_text("Lost")
    expect(page.locator("#general")).to_contain_text("Price too high")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Advance"))).to_have_count(0)
    expect(page.get_by_role("button", name="Add party")).to_have_count(0)
    expect(page.locator("#close")).to_have_count(0)
    # a manager or administrator may reopen it (the timeline's cancelled stage task has a Reopen of its own)
    page.locator(".page-head").get_by_role("button", name="Reopen").click()
    expect(page).to_have_url(url)
    expect(page.locator("#opportunity-status")).to_have_text("In progress")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_be_visible()


def test_a_custom_kind_moves_to_any_stage_and_records_primary_demand(admin, server):
    page = admin
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    kind = unique("Service deal")
    stages = ["5e000000-0000-4000-8000-000000000005", "5e000000-0000-4000-8000-000000000006", "5e000000-0000-4000-8000-000000000004"]
    kind_id = api(server, "POST", "/opportunity-kinds", {"name": kind, "type": "custom", "stageIds": stages,
                                                         "recordsPrimaryDemand": True}, token)["id"]
    url = create_opportunity(page, unique("Maintenance"), kind=kind, revenue="500")
    # primary demand lines are recorded for this kind
    page.fill("#line-description", "Yearly inspection")
    page.fill("#line-quantity", "2")
    page.fill("#line-amount", "250")
    page.get_by_role("button", name="Add line").click()
    expect(page.locator(".flash")).to_contain_text("Line added")
    expect(page.locator("#demand tbody tr")).to_contain_text("Yearly inspection")
    expect(page.locator("#demand tbody tr")).to_contain_text("250.00 EUR")
    # a custom kind offers every other stage, skipping allowed
    expect(page.get_by_role("button", name=re.compile("^Advance"))).to_have_count(0)
    page.select_option("#move-stage", label="Close")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Moved to Close")
    expect(page.locator(".process [aria-current=step]")).to_have_text("Close")
    # and on the board a card may be dropped on any stage
    card_id = url.rsplit("/", 1)[1]
    page.goto(f"/board?kind={kind_id}")
    with page.expect_navigation():  # after a move the board shows itself again
        drag(page, card_id, "New")
    expect(column(page, "New").locator(f".board-card[data-opportunity-id='{card_id}']")).to_be_visible()
    expect(column(page, "New").locator(".count")).to_have_text("1")
    # closing as won keeps the estimate as the actual revenue by default
    page.goto(url)
    page.get_by_text("Close as won…").click()
    expect(page.locator("#actual-revenue")).to_have_value("500.00")
    page.get_by_role("button", name="Close as won", exact=True).click()
    expect(page.locator("#opportunity-status")).to_have_text("Won")
    expect(page.locator("#general")).to_contain_text("500.00 EUR")
    expect(page.locator("#demand").get_by_role("button", name="Add line")).to_have_count(0)
