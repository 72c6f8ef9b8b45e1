"""Acting on a list's ticked rows: an administrator gives two accounts to a seller at once, ticks a
whole page and deletes it (after a question), and a refused deletion changes nothing and says
which record stood in the way."""
import uuid

from playwright.sync_api import expect

from conftest import api
from sales_steps import admin_token


def test_bulk_owner_change_and_delete_on_the_accounts_list(admin, server):
    page = admin
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    seller = api(server, "POST", "/users", {"email": f"bulk-{tag}@browser.furrow.test", "name": f"Bo Bulk {tag}",
                                            "password": "bulk-password-1", "role": "sales"}, token)
    accounts = [api(server, "POST", "/accounts", {"name": f"Bulk {tag} {n}"}, token) for n in range(3)]
    api(server, "POST", "/contacts", {"lastName": f"Keeper {tag}", "accountId": accounts[2]["id"]}, token)

    page.goto(f"/accounts?q={tag}")
    expect(page.locator("table.list tbody tr")).to_have_count(3)
    expect(page.locator("#bulk-owner")).to_be_hidden()
    page.locator(f"input[name=ids][value='{accounts[0]['id']}']").check()
    page.locator(f"input[name=ids][value='{accounts[1]['id']}']").check()
    expect(page.locator("#bulk-count")).to_have_text("2 ticked")
    page.select_option("#bulk-action", "owner")
    page.select_option("#bulk-owner", label=f"Bo Bulk {tag}")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".flash")).to_contain_text(f"2 of 2 accounts now belong to Bo Bulk {tag}")
    expect(page).to_have_url(f"{server}/accounts?q={tag}")
    for account in accounts[:2]:
        assert api(server, "GET", f"/accounts/{account['id']}", token=token)["ownerId"] == seller["id"]

    # tick the whole page and delete: the account with a contact stops it, nothing is deleted
    page.check("#bulk-all")
    expect(page.locator("#bulk-count")).to_have_text("3 ticked")
    page.select_option("#bulk-action", "delete")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".flash-error")).to_contain_text("Nothing was changed")
    expect(page.locator(".flash-error")).to_contain_text("contacts")
    expect(page.locator("table.list tbody tr")).to_have_count(3)
    # without it, the two go
    page.locator(f"input[name=ids][value='{accounts[0]['id']}']").check()
    page.locator(f"input[name=ids][value='{accounts[1]['id']}']").check()
    page.select_option("#bulk-action", "delete")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".flash")).to_contain_text("2 accounts deleted")
    expect(page.locator("table.list tbody tr")).to_have_count(1)
