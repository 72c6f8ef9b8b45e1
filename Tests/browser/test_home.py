"""Every role lands on a home page of its own (issue 22) over the demo company: the day's work,
the pipeline, the money and the service as numbers, each a link to the list behind it whose rows
are the number; nothing scrolls sideways on a phone."""
import re

import pytest
from playwright.sync_api import expect

from conftest import sign_in

ROLES = {
    "sales": ("sam@demo.furrow.test", "demo-sales-2026", ["Your day", "Your pipeline"]),
    "manager": ("nora@demo.furrow.test", "demo-manager-2026", ["Your day", "Your pipeline", "Your team's pipeline", "Service"]),
    "finance": ("fin@demo.furrow.test", "demo-finance-2026", ["Your day", "Money"]),
    "service": ("tess@demo.furrow.test", "demo-service-2026", ["Your day", "Service"]),
    "admin": ("admin@demo.furrow.test", "demo-admin-2026", ["Your day", "Your pipeline", "The company's pipeline", "Money", "Service", "Setup"]),
    "readonly": ("rita@demo.furrow.test", "demo-readonly-2026", ["The pipeline you can see"]),
}


def signed_in(browser, demo_server, role, width=1280):
    email, password, _ = ROLES[role]
    context = browser.new_context(base_url=demo_server, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login")
    sign_in(page, email, password)
    expect(page).to_have_url(re.compile(r"/home$"))
    return page


def rows_of(page):
    """Rows of the list page the number linked to (the first page: the demo's numbers are small)."""
    if page.locator("p.empty").count() and not page.locator("table.list tbody tr").count():
        return 0
    return page.locator("table.list tbody tr").count()


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_lands_on_its_home_page_whose_numbers_are_their_lists(browser, demo_server, role):
    page = signed_in(browser, demo_server, role)
    headings = page.locator("section.home-section h2").all_inner_texts()
    assert headings == ROLES[role][2], headings
    # every number links somewhere; the record lists behind them hold as many rows as the number says
    tiles = page.locator("a.tile")
    assert tiles.count() >= 2
    checked = 0
    for index in range(tiles.count()):
        tile = tiles.nth(index)
        href = tile.get_attribute("href")
        value = int(tile.locator(".tile-value").inner_text().replace(",", ""))
        if not re.match(r"^/(opportunities|quotes|invoices)\?", href) or value > 25:
            continue
        listed = page.context.new_page()
        listed.goto(href)
        assert rows_of(listed) == value, (href, value)
        listed.close()
        checked += 1
    if role in ("sales", "manager", "finance", "admin"):
        assert checked >= 1
    page.context.close()


def test_the_pipeline_by_stage_links_each_stage_to_its_open_deals(browser, demo_server):
    page = signed_in(browser, demo_server, "sales")
    table = page.locator("#home-mine table.stages")
    expect(table).to_be_visible()
    first = table.locator("tbody tr").first
    deals = int(first.locator("td").nth(1).inner_text())
    stage = first.locator("td").first.inner_text()
    first.locator("a").click()
    expect(page).to_have_url(re.compile(r"/opportunities\?.*stageId="))
    assert rows_of(page) == deals, stage
    page.context.close()


def test_finance_sees_receivables_by_age_and_the_admin_the_setup_gaps(browser, demo_server):
    page = signed_in(browser, demo_server, "finance")
    expect(page.locator("#home-money svg.ageing-chart").first).to_be_visible()
    page.context.close()
    admin = signed_in(browser, demo_server, "admin")
    setup = admin.locator("#home-setup")
    expect(setup).to_be_visible()
    # the demo has price lists and tax rates; what it lacks is named with where to fix it
    expect(setup).not_to_contain_text("No price list")
    admin.context.close()


@pytest.mark.parametrize("role", ["sales", "manager", "finance", "service", "admin"])
def test_home_fits_a_phone(browser, demo_server, role):
    page = signed_in(browser, demo_server, role, width=390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


def test_on_a_phone_the_navigation_folds_behind_the_menu_button(browser, demo_server):
    page = signed_in(browser, demo_server, "sales", width=390)
    nav = page.locator("#main-nav")
    expect(nav).to_be_hidden()
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(nav).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Opportunities").click()
    expect(page).to_have_url(re.compile(r"/opportunities$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


def test_keys_go_to_lists_open_new_and_edit_and_list_themselves(browser, demo_server):
    page = signed_in(browser, demo_server, "sales")
    page.keyboard.press("g")
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/opportunities$"))
    page.keyboard.press("g")
    page.keyboard.press("a")
    expect(page).to_have_url(re.compile(r"/accounts$"))
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"/accounts/new$"))
    page.goto("/accounts")
    page.locator("table.list tbody a").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/[0-9a-f-]{36}$"))
    page.keyboard.press("e")
    expect(page).to_have_url(re.compile(r"/accounts/[0-9a-f-]{36}/edit$"))
    # typing in a field types: no shortcut fires
    page.locator("input[type=text]").first.focus()
    page.keyboard.press("g")
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/edit$"))
    page.goto("/home")
    page.keyboard.press("?")
    dialog = page.locator("dialog#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Opportunities")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    page.context.close()


@pytest.mark.parametrize("path,noun", [("/opportunities", "opportunit"), ("/accounts", "account"), ("/leads", "lead"), ("/quotes", "quote"),
                                       ("/invoices", "invoice"), ("/products", "product")])
def test_a_list_says_how_many_records_it_holds_and_how_many_match(browser, demo_server, path, noun):
    page = signed_in(browser, demo_server, "admin")
    page.goto(path)
    text = page.locator("#list-count").inner_text()
    total = int(text.split(" ")[0].replace(",", ""))
    assert noun in text and "match" not in text, text
    if total <= 25:
        assert rows_of(page) == total, (path, text)
    # a text search narrows the list: the count is not said then
    page.goto(path + "?q=zzzz-nothing")
    expect(page.locator("#list-count")).to_have_count(0)
    page.context.close()


def test_a_filtered_list_counts_its_matches(browser, demo_server):
    page = signed_in(browser, demo_server, "admin")
    page.goto("/opportunities?status=won")
    text = page.locator("#list-count").inner_text()
    assert text.endswith("match") or text.endswith("matches"), text
    assert rows_of(page) == int(text.split(" ")[0])
    page.context.close()
