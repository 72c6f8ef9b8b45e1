"""The pipeline board: drag and drop through the API, refusals that snap back, the no-JS path, filters."""
import re
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, create_account, sign_in
from pipeline_steps import QUOTE_DRIVEN, STANDARD_SALE, column, count, create_lead, create_opportunity, drag, unique


def test_the_board_refuses_a_skipped_stage_and_accepts_the_next(admin):
    page = admin
    account = unique("Acme Manufacturing")
    create_account(page, account)
    url = create_opportunity(page, unique("Plant automation"), account=account, revenue="1383.33")
    card_id = url.rsplit("/", 1)[1]
    page.goto(f"/board?kind={STANDARD_SALE}")
    card = page.locator(f".board-card[data-opportunity-id='{card_id}']")
    expect(column(page, "Qualify").locator(card)).to_be_visible()
    expect(card).to_contain_text("1,383.33 EUR")
    expect(card).to_contain_text(account)
    qualify, develop = count(page, "Qualify"), count(page, "Develop")
    assert qualify >= 1
    expect(column(page, "Qualify").locator(".totals")).to_contain_text("EUR")
    message = page.locator("#board-message")
    expect(message).to_be_hidden()
    # when the card is dropped on a stage further on, the move is refused and the card snaps back
    drag(page, card_id, "Propose")
    expect(message).to_be_visible()
    expect(message).to_have_attribute("role", "alert")
    expect(message).to_contain_text("only to the next stage")
    expect(column(page, "Qualify").locator(card)).to_be_visible()
    assert count(page, "Qualify") == qualify and count(page, "Propose") >= 0
    # the next stage is refused too while its requirement is unmet, with the requirement listed
    drag(page, card_id, "Develop")
    expect(message.locator("li")).to_contain_text("stakeholder")
    expect(message.locator("p")).to_have_text("Not moved: the stage cannot be entered yet.")
    assert message.inner_text().count("stakeholder") == 1, "each requirement is said once"
    expect(column(page, "Qualify").locator(card)).to_be_visible()
    # when the requirement is met, a drop on the next stage moves the card and the counts follow
    page.goto(url)
    page.select_option("#party-role", label="Stakeholder")
    page.select_option("#party-who", label=account)
    page.get_by_role("button", name="Add party").click()
    expect(page.locator(".flash")).to_contain_text("Party added")
    page.goto(f"/board?kind={STANDARD_SALE}")
    with page.expect_navigation():  # after a move the board shows itself again
        drag(page, card_id, "Develop")
    expect(column(page, "Develop").locator(card)).to_be_visible()
    expect(column(page, "Develop").locator(".count")).to_have_text(str(develop + 1))
    expect(column(page, "Qualify").locator(".count")).to_have_text(str(qualify - 1))
    expect(message).to_be_hidden()
    page.goto(url)
    expect(page.locator(".process [aria-current=step]")).to_have_text("Develop")


def test_the_board_hides_lost_and_filters_by_owner(admin):
    page = admin
    name = unique("Hull sensors")
    create_opportunity(page, name, kind="Quote-driven", revenue="200")
    page.get_by_text("Close as lost…").click()
    page.select_option("#lost-reason", label="Bad timing")
    page.get_by_role("button", name="Close as lost", exact=True).click()
    expect(page.locator("#opportunity-status")).to_have_text("Lost")
    page.goto(f"/board?kind={QUOTE_DRIVEN}")
    expect(page.locator(".board-card", has_text=name)).to_contain_text("Lost")
    page.check("#board-hide-lost")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"hideLost=1"))
    expect(page.locator(".board-card", has_text=name)).to_have_count(0)
    page.select_option("#board-owner", label=ADMIN["name"])
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"owner=[0-9a-f-]{36}"))
    expect(page.locator("#board-hide-lost")).to_be_checked()


def test_the_board_advances_without_javascript(browser, server, admin):
    admin.goto("/")  # the administrator exists
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login")
    sign_in(page, ADMIN["email"], ADMIN["password"])
    page.wait_for_url("**/home")
    name = unique("Grain dryer")
    url = create_opportunity(page, name, kind="Quote-driven", revenue="23900")
    card_id = url.rsplit("/", 1)[1]
    page.goto(f"/board?kind={QUOTE_DRIVEN}")
    card = page.locator(f".board-card[data-opportunity-id='{card_id}']")
    expect(column(page, "New").locator(card)).to_be_visible()
    card.get_by_role("button", name=re.compile("^Advance")).click()
    expect(page).to_have_url(re.compile(r"/board\?kind="))
    expect(page.locator(".flash")).to_contain_text("Moved to In Negotiation")
    expect(column(page, "In Negotiation").locator(card)).to_be_visible()
    context.close()


def test_pipeline_pages_carry_no_inline_script_or_style(admin):
    page = admin
    lead = create_lead(page, unique("CSP check"), lastName="Checker")
    opportunity = create_opportunity(page, unique("CSP deal"))
    for path in ["/leads", lead, lead + "/qualify", "/leads/new", "/opportunities", opportunity, "/opportunities/new", "/board"]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers.get("content-security-policy", ""), path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("[style]").count() == 0, path
        assert page.locator("meta[name=csrf-token]").get_attribute("content"), path


def test_readonly_users_get_no_pipeline_write_buttons(admin, browser, server):
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    email = f"viewer-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Vic Viewer", "password": "viewer-pass-2026", "role": "readonly"}, token)
    reader = browser.new_context(base_url=server).new_page()
    reader.goto("/login")
    sign_in(reader, email, "viewer-pass-2026")
    expect(reader).to_have_url(re.compile(r"/home$"))
    reader.goto("/leads")
    expect(reader.get_by_role("link", name="New lead")).to_have_count(0)
    reader.goto("/opportunities")
    expect(reader.get_by_role("link", name="New opportunity")).to_have_count(0)
    reader.goto("/board")
    expect(reader.locator(".board-card[draggable=true]")).to_have_count(0)
    expect(reader.get_by_role("button", name=re.compile("^Advance"))).to_have_count(0)
    assert reader.goto("/leads/new").status == 403
    assert reader.goto(f"/opportunities/{uuid.uuid4()}").status == 404
    reader.context.close()
