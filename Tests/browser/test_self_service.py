"""A user changes their own password on their profile (issue 22): the current one named, every
fault by its field, the other sign-ins ended, the new password the one that signs in."""
import re
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, sign_in


def test_a_user_changes_their_password_on_their_profile(admin, browser, server):
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    email = f"pat-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Pat Password", "password": "first-pass-2026", "role": "sales"}, token)
    elsewhere = api(server, "POST", "/auth/tokens", {"email": email, "password": "first-pass-2026"})["token"]
    page = browser.new_context(base_url=server).new_page()
    page.goto("/login")
    sign_in(page, email, "first-pass-2026")
    expect(page).to_have_url(re.compile(r"/home$"))
    page.goto("/me")
    # a wrong current password and a repeat that differs: both named, nothing changed
    page.locator("#f-currentPassword").fill("not-my-pass")
    page.locator("#f-newPassword").fill("second-pass-2026")
    page.locator("#f-repeatPassword").fill("second-pass-2026x")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-message")).to_be_visible()
    expect(page.locator("#password")).to_contain_text("is not the same as the new password")
    page.locator("#f-currentPassword").fill("not-my-pass")
    page.locator("#f-newPassword").fill("second-pass-2026")
    page.locator("#f-repeatPassword").fill("second-pass-2026")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password")).to_contain_text("is not your current password")
    # right: changed, this browser stays signed in, the other sign-in ended
    page.locator("#f-currentPassword").fill("first-pass-2026")
    page.locator("#f-newPassword").fill("second-pass-2026")
    page.locator("#f-repeatPassword").fill("second-pass-2026")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".flash")).to_contain_text("Your password is changed")
    page.goto("/home")
    expect(page).to_have_url(re.compile(r"/home$"))
    try:
        api(server, "GET", "/me", token=elsewhere)
        raise AssertionError("the other sign-in should have ended")
    except Exception as error:
        assert "401" in str(error), error
    assert api(server, "POST", "/auth/tokens", {"email": email, "password": "second-pass-2026"})["token"]
    page.context.close()
