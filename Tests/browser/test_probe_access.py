"""Access regressions from the outside probe, in the real web UI: a pre-filled reference in a
"new" form goes through the same visibility as the API (finding 6)."""
import re
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, sign_in


def test_new_forms_do_not_reveal_the_name_of_an_account_one_may_not_see(admin, browser, server):
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    secret_name = f"Hidden Holdings {uuid.uuid4().hex[:6]}"
    account = api(server, "POST", "/accounts", {"name": secret_name}, token)
    email = f"seller-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Sam Seller", "password": "seller-pass-2026", "role": "sales"}, token)
    seller = browser.new_context(base_url=server).new_page()
    seller.goto("/login")
    sign_in(seller, email, "seller-pass-2026")
    expect(seller).to_have_url(re.compile(r"/home$"))
    for path in ["/contacts/new", "/opportunities/new", "/payments/new"]:
        response = seller.goto(f"{path}?accountId={account['id']}")
        assert response.status in (200, 403), path
        assert secret_name not in seller.content(), path
    # the administrator, who sees the account, gets it pre-filled
    admin.goto(f"/contacts/new?accountId={account['id']}")
    assert secret_name in admin.content()
    seller.context.close()
