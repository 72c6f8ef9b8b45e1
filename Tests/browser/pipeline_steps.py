"""Steps shared by the pipeline journeys: creating leads and opportunities, and the board."""
import re
import uuid

from playwright.sync_api import expect

STANDARD_SALE = "6b000000-0000-4000-8000-000000000001"
QUOTE_DRIVEN = "6b000000-0000-4000-8000-000000000002"
OPPORTUNITY_URL = re.compile(r"/opportunities/[0-9a-f-]{36}$")


def unique(word):
    return f"{word} {uuid.uuid4().hex[:6]}"


def pick(page, field, name):
    """Chooses a record in a type-ahead picker (`field` is the select's selector) by typing its name."""
    page.fill(f"{field}-search", name)
    expect(page.locator(f"{field} option:checked")).to_have_text(re.compile("^" + re.escape(name) + "( — .*)?$"))


def create_lead(page, topic, owner=None, **fields):
    """Creates a lead through the form (owned by the user named `owner`, if given) and returns its page URL."""
    page.goto("/leads/new")
    page.fill("#f-topic", topic)
    for field, value in fields.items():
        page.fill(f"#f-{field}", value)
    if owner:
        page.select_option("#f-ownerId", label=owner)
    page.get_by_role("button", name="Create lead").click()
    page.wait_for_url(re.compile(r"/leads/[0-9a-f-]{36}$"))
    return page.url


def create_opportunity(page, name, kind="Standard sale", account=None, revenue=None, owner=None):
    """Creates an opportunity through the form (owned by the user named `owner`, if given) and returns its page URL."""
    page.goto("/opportunities/new")
    page.fill("#f-name", name)
    page.select_option("#f-kindId", label=kind)
    if account:
        pick(page, "#f-accountId", account)
    if revenue:
        page.fill("#f-estimatedRevenue", revenue)
    if owner:
        page.select_option("#f-ownerId", label=owner)
    page.get_by_role("button", name="Create opportunity").click()
    page.wait_for_url(OPPORTUNITY_URL)
    return page.url


def column(page, stage):
    return page.locator(".board-column", has=page.locator("h2", has_text=re.compile(f"^{stage}$")))


def count(page, stage):
    return int(column(page, stage).locator(".count").inner_text())


def drag(page, card_id, stage):
    """Drags a card onto a column with the mouse (HTML5 drag and drop). The window is tall enough
    that nothing scrolls mid-drag, which would make the browser start the drag on another card."""
    page.set_viewport_size({"width": 1280, "height": 4000})
    page.drag_and_drop(f".board-card[data-opportunity-id='{card_id}']", f".board-column:has(h2:text-is('{stage}'))")
