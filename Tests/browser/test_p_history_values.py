"""History sections show names, labels, local times and amounts, not the stored ids and codes."""
from playwright.sync_api import expect

from conftest import ADMIN, api
from pipeline_steps import create_opportunity, unique
from sales_steps import admin_token


def test_an_activity_history_names_attendees_and_says_times_and_recurrence_in_words(admin, server):
    page = admin
    token = admin_token(server)
    me = next(u for u in api(server, "GET", "/users", token=token)["items"] if u["email"] == ADMIN["email"])
    meeting = api(server, "POST", "/activities", {
        "type": "appointment", "subject": unique("Site walk"), "startAt": "2026-12-08T09:30:00Z", "endAt": "2026-12-08T10:30:00Z",
        "attendees": [{"type": "user", "id": me["id"]}], "recurrence": "FREQ=WEEKLY;BYDAY=MO,TH"}, token)
    page.goto(f"/activities/{meeting['id']}")
    history = page.locator("#history")
    expect(history).to_contain_text("Bea Browser")
    expect(history).to_contain_text("Every week on Monday and Thursday")
    expect(history).to_contain_text("2026-12-08 09:30")
    expect(history).to_contain_text("All day: — → No")
    text = history.inner_text()
    for leak in ("user:", me["id"], "FREQ=", "2026-12-08T09:30", "appointment"):
        assert leak not in text, leak


def test_an_opportunity_history_says_status_and_revenue_mode_in_words(admin, server):
    page = admin
    url = create_opportunity(page, unique("Cold rooms"), revenue="23900")
    token = admin_token(server)
    opportunity_id = url.rsplit("/", 1)[1]
    current = api(server, "GET", f"/opportunities/{opportunity_id}", token=token)
    api(server, "PATCH", f"/opportunities/{opportunity_id}", {"revenueMode": "system", "version": current["version"]}, token)
    page.goto(url)
    history = page.locator("#history")
    expect(history).to_contain_text("Sum of the product lines")
    expect(history).to_contain_text("23,900.00")
    text = history.inner_text()
    for leak in ("inProgress", "Revenue mode: user", "23900.00"):
        assert leak not in text, leak
