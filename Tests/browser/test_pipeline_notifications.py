"""Journeys through in-app notifications: assigning a lead or an opportunity to someone else
lights their bell; the notifications page links to the record and marks them read."""
import re
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, sign_in
from pipeline_steps import OPPORTUNITY_URL, create_lead, create_opportunity, unique


def admin_token(server):
    return api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]


def new_user(server, token, role, password, **fields):
    """Creates a user through the API and returns (email, name)."""
    email = f"{role}-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    name = unique(role.capitalize())
    api(server, "POST", "/users", {"email": email, "name": name, "password": password, "role": role, **fields}, token)
    return email, name


def signed_in(browser, server, email, password):
    page = browser.new_context(base_url=server).new_page()
    page.goto("/login")
    sign_in(page, email, password)
    expect(page).to_have_url(re.compile(r"/home$"))
    return page


def test_a_lead_assigned_to_a_salesperson_lights_their_bell_until_read(admin, browser, server):
    page = admin
    email, name = new_user(server, admin_token(server), "sales", "seller-pass-2026")
    topic = unique("Greenhouse heating")
    url = create_lead(page, topic, owner=name, lastName="Berry", companyName=unique("Berry Farms"))
    # the salesperson signs in and sees one unread notification
    seller = signed_in(browser, server, email, "seller-pass-2026")
    bell = seller.get_by_role("link", name="Notifications (1 unread)")
    expect(bell).to_be_visible()
    expect(seller.locator("#notification-bell .bell-count")).to_have_text("1")
    bell.click()
    expect(seller).to_have_url(re.compile(r"/notifications$"))
    item = seller.locator(".notification.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"{ADMIN['name']} assigned you the lead “{topic}”")
    # following its link opens the lead
    item.get_by_role("link", name=re.compile(re.escape(topic))).click()
    expect(seller).to_have_url(url)
    expect(seller.locator("h1")).to_contain_text(topic)
    # marking all read clears the count but keeps the notification listed
    seller.get_by_role("link", name="Notifications (1 unread)").click()
    seller.get_by_role("button", name="Mark all read").click()
    expect(seller).to_have_url(re.compile(r"/notifications$"))
    expect(seller.locator(".flash")).to_contain_text("marked as read")
    expect(seller.locator("#notification-bell .bell-count")).to_have_count(0)
    expect(seller.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(seller.locator(".notification")).to_have_count(1)
    expect(seller.locator(".notification.unread")).to_have_count(0)
    expect(seller.get_by_role("button", name="Mark all read")).to_have_count(0)
    seller.context.close()


def test_a_manager_assigns_work_and_notifications_are_marked_read_one_by_one(admin, browser, server):
    token = admin_token(server)
    manager_email, manager_name = new_user(server, token, "manager", "manager-pass-2026")
    users = api(server, "GET", "/users", token=token)["items"]
    manager_id = next(u["id"] for u in users if u["email"] == manager_email)
    team = api(server, "POST", "/teams", {"name": unique("Team"), "managerId": manager_id}, token)
    email, name = new_user(server, token, "sales", "seller-pass-2026", teamId=team["id"])
    # a manager assigns a lead and an opportunity to a salesperson of their team; their own work tells nobody
    manager = signed_in(browser, server, manager_email, "manager-pass-2026")
    topic, deal = unique("Cold frames"), unique("Orchard deal")
    create_lead(manager, topic, owner=name, lastName="Frost")
    opportunity = create_opportunity(manager, deal, owner=name)
    create_lead(manager, unique("Own lead"), lastName="Self")
    expect(manager.locator("#notification-bell .bell-count")).to_have_count(0)
    manager.context.close()
    # the salesperson sees both, newest first
    seller = signed_in(browser, server, email, "seller-pass-2026")
    seller.get_by_role("link", name="Notifications (2 unread)").click()
    items = seller.locator(".notification")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(f"{manager_name} assigned you the opportunity “{deal}”")
    expect(items.nth(1)).to_contain_text(f"{manager_name} assigned you the lead “{topic}”")
    href = items.nth(0).get_by_role("link").get_attribute("href")
    assert OPPORTUNITY_URL.search(href) and opportunity.endswith(href)
    # marking one read leaves the other unread
    items.nth(0).get_by_role("button", name="Mark read").click()
    expect(seller.locator(".flash")).to_contain_text("Marked as read")
    expect(seller.locator(".notification.unread")).to_have_count(1)
    expect(seller.locator(".notification.unread")).to_contain_text(topic)
    expect(seller.get_by_role("link", name="Notifications (1 unread)")).to_be_visible()
    # someone else's (or an unknown) notification is not found; a form without the token is refused
    csrf = seller.locator("meta[name=csrf-token]").get_attribute("content")
    assert seller.request.post(f"/notifications/{uuid.uuid4()}/read", form={"_csrf": csrf}).status == 404
    assert seller.request.post("/notifications/read", form={}).status == 403
    seller.reload()
    expect(seller.locator(".notification.unread")).to_have_count(1)
    seller.context.close()


def test_the_notifications_page_carries_no_inline_script_or_style(admin):
    page = admin
    response = page.goto("/notifications")
    assert response.status == 200
    assert "unsafe-inline" not in response.headers.get("content-security-policy", "")
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[style]").count() == 0
    expect(page.locator("#notification-bell")).to_have_attribute("aria-current", "page")
