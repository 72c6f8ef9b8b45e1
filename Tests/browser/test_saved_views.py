"""Saved views on a record list: a manager keeps the filtered list under a name and shares it with
the team; a seller of the team finds it above the same list and opens it, but cannot delete it;
a second view with the same name is refused by its field; the owner deletes it."""
import uuid

from playwright.sync_api import expect

from conftest import api, sign_in
from sales_steps import admin_token


def person(browser, server, email, password):
    page = browser.new_context(base_url=server).new_page()
    sign_in(page, email, password)
    page.wait_for_url("**/home")
    return page


def test_a_shared_view_reaches_the_team_and_only_its_owner_deletes_it(browser, server, admin):
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    team = api(server, "POST", "/teams", {"name": f"Views {tag}"}, token)
    for role in ("manager", "sales"):
        api(server, "POST", "/users", {"email": f"{role}-{tag}@browser.furrow.test", "name": f"{role.title()} {tag}",
                                       "password": f"{role}-password-1", "role": role, "teamId": team["id"]}, token)
    manager = person(browser, server, f"manager-{tag}@browser.furrow.test", "manager-password-1")
    manager.goto("/leads")
    expect(manager.locator("#saved-views a[aria-current]")).to_have_text("All")
    manager.select_option("#filter-status", "new")
    manager.get_by_role("button", name="Filter").click()
    manager.wait_for_url("**/leads?*status=new*")
    manager.locator("#saved-views summary").click()
    manager.fill("#view-name", f"New leads {tag}")
    manager.check("#view-shared")
    manager.get_by_role("button", name="Save view").click()
    view = manager.locator("#saved-views a", has_text=f"New leads {tag}")
    expect(view).to_have_attribute("aria-current", "page")
    expect(manager.locator("#saved-views .view", has_text=f"New leads {tag}")).to_contain_text("team")
    # the same name again is refused
    manager.locator("#saved-views summary").click()
    manager.fill("#view-name", f"new LEADS {tag}")
    manager.get_by_role("button", name="Save view").click()
    expect(manager.locator("#view-error")).to_contain_text("with that name already")

    seller = person(browser, server, f"sales-{tag}@browser.furrow.test", "sales-password-1")
    seller.goto("/leads")
    shared = seller.locator("#saved-views a", has_text=f"New leads {tag}")
    expect(shared).to_be_visible()
    expect(seller.get_by_role("button", name=f"Delete the view New leads {tag}")).to_have_count(0)
    shared.click()
    seller.wait_for_url("**/leads?*status=new*")
    expect(seller.locator("#filter-status")).to_have_value("new")
    expect(seller.locator("#saved-views a[aria-current]")).to_have_text(f"New leads {tag}")

    manager.once("dialog", lambda dialog: dialog.accept())
    manager.get_by_role("button", name=f"Delete the view New leads {tag}").click()
    expect(manager.locator("#saved-views a", has_text=f"New leads {tag}")).to_have_count(0)
    seller.reload()
    expect(seller.locator("#saved-views a", has_text=f"New leads {tag}")).to_have_count(0)
    manager.context.close()
    seller.context.close()


def test_a_view_keeps_the_columns_chosen(admin, server):
    page = admin
    api(server, "POST", "/accounts", {"name": "Columned " + uuid.uuid4().hex[:6], "industry": "Testing"}, admin_token(server))
    page.goto("/accounts")
    page.locator("details.column-choice summary").click()
    page.locator("details.column-choice input[data-column=Industry]").uncheck()
    page.locator("details.column-choice input[data-column=Phone]").uncheck()
    expect(page.locator("table.list thead th", has_text="Industry")).to_be_hidden()
    expect(page.locator("table.list thead th", has_text="Email")).to_be_visible()
    assert "hide=Industry%2CPhone" in page.url or "hide=Industry,Phone" in page.url
    name = "Slim " + uuid.uuid4().hex[:6]
    page.locator("#saved-views summary").click()
    page.fill("#view-name", name)
    page.get_by_role("button", name="Save view").click()
    expect(page.locator("#saved-views a", has_text=name)).to_be_visible()
    page.goto("/accounts")
    expect(page.locator("table.list thead th", has_text="Industry")).to_be_visible()
    page.locator("#saved-views a", has_text=name).click()
    expect(page.locator("table.list thead th", has_text="Industry")).to_be_hidden()
    expect(page.locator("table.list thead th", has_text="Phone")).to_be_hidden()
    page.locator("details.column-choice summary").click()
    expect(page.locator("details.column-choice input[data-column=Industry]")).not_to_be_checked()
