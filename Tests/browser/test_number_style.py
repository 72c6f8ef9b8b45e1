"""Amounts as the user writes numbers: a seller who writes `1.234,56` types an estimate that way,
it is stored exactly, and every page shows amounts that way; the API is unchanged."""
import uuid

from playwright.sync_api import expect

from conftest import api, sign_in
from sales_steps import admin_token


def test_a_seller_types_and_reads_amounts_in_their_own_style(browser, server, admin):
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    email = f"style-{tag}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": f"Stella {tag}", "password": "style-password-1", "role": "sales"}, token)
    page = browser.new_context(base_url=server).new_page()
    sign_in(page, email, "style-password-1")
    page.wait_for_url("**/home")
    page.goto("/me")
    page.select_option("#number-style", "dot-comma")
    page.locator("#reminders").get_by_role("button", name="Save").click()
    expect(page.locator("#number-style")).to_have_value("dot-comma")

    page.goto("/opportunities/new")
    page.fill("#f-name", f"Styled {tag}")
    page.fill("#f-estimatedRevenue", "14.400,50")
    page.get_by_role("button", name="Create opportunity").click()
    page.wait_for_url("**/opportunities/*-*")
    opportunity = page.url.rsplit("/", 1)[1]
    assert api(server, "GET", f"/opportunities/{opportunity}", token=token)["estimatedRevenue"] == "14400.50"
    page.goto(f"/opportunities?q=Styled+{tag}")
    expect(page.locator("table.list tbody tr").first).to_contain_text("14.400,50")
    # a typo is refused by its field, not read as another number
    page.goto("/opportunities/new")
    page.fill("#f-name", f"Typo {tag}")
    page.fill("#f-estimatedRevenue", "14.40,50")
    page.get_by_role("button", name="Create opportunity").click()
    expect(page.locator("#f-estimatedRevenue-error")).to_be_visible()
    page.context.close()
