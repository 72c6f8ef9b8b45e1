"""Activities and the calendar (SPEC §6): timelines and quick forms on record pages, my
activities, the activity page, the month, week and day views with drag and drop, the settings
that govern them, and the secret calendar feed on the user's own settings page."""
import datetime
import re
import urllib.error
import urllib.request

from playwright.sync_api import expect

from conftest import ADMIN, api, create_account
from pipeline_steps import create_opportunity, unique
from planning_steps import (ACTIVITY_URL, add_task, create_activity, create_opportunity_closing, get_activity, log_call,
                            next_week, schedule_meeting, stamp, timeline_row, today)
from sales_steps import admin_token


def test_a_meeting_scheduled_on_an_opportunity_is_in_its_week_and_completed_from_its_page(admin):
    page = admin
    deal, subject = unique("Silo sensors"), unique("Kick-off")
    url = create_opportunity(page, deal)
    day = today() + datetime.timedelta(days=2)
    # given a meeting scheduled from the opportunity's page
    schedule_meeting(page, subject, day, "10:00", location="Plant 2")
    expect(page.locator(".flash")).to_contain_text("Meeting scheduled")
    row = timeline_row(page, subject)
    expect(row).to_contain_text("Meeting")
    expect(row).to_contain_text(f"{day.isoformat()} 10:00–11:00")
    expect(row).to_contain_text("Open")
    # then the week view of that week shows it in its hour
    page.goto(f"/calendar?view=week&date={day.isoformat()}")
    card = page.locator(f"td.slot[data-start='{day.isoformat()}T10:00'] .cal-card", has_text=subject)
    expect(card).to_be_visible()
    expect(card).to_contain_text("10:00–11:00")
    # when it is opened and completed with an outcome
    card.get_by_role("link").click()
    expect(page).to_have_url(ACTIVITY_URL)
    expect(page.locator("h1")).to_contain_text(subject)
    expect(page.locator("#details")).to_contain_text("Plant 2")
    page.fill("#complete-outcome", "Scope agreed, quote next week")
    page.get_by_role("button", name="Complete", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Activity completed")
    expect(page.locator("#activity-status")).to_have_text("Completed")
    # then the opportunity's timeline shows it completed, after the open ones
    page.get_by_role("link", name=f"Open {deal}").click()
    expect(page).to_have_url(re.compile(re.escape(url) + "#activities$"))
    row = timeline_row(page, subject)
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("Scope agreed, quote next week")
    expect(row.get_by_role("button", name="Reopen")).to_be_visible()
    statuses = page.locator("#activity-timeline tbody .badge").all_inner_texts()
    assert statuses == sorted(statuses, key=lambda s: s != "Open"), statuses


def test_a_call_logged_on_an_account_is_completed_with_its_outcome_and_can_be_reopened(admin):
    page = admin
    create_account(page, unique("Harbour Feed"))
    subject = unique("Renewal call")
    log_call(page, subject, "Wants a quote for two silos")
    expect(page.locator(".flash")).to_contain_text("Call logged")
    row = timeline_row(page, subject)
    expect(row).to_contain_text("Phone call")
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("Wants a quote for two silos")
    # reopening and cancelling come back to the account
    row.get_by_role("button", name="Reopen").click()
    expect(page.locator(".flash")).to_contain_text("Activity reopened")
    expect(timeline_row(page, subject)).to_contain_text("Open")
    timeline_row(page, subject).get_by_role("button", name="Cancel").click()
    expect(page.locator(".flash")).to_contain_text("Activity cancelled")
    expect(timeline_row(page, subject)).to_contain_text("Cancelled")


def test_my_activities_lists_what_is_overdue_and_what_is_due_today(admin, server):
    page = admin
    late, now = unique("Send the brochure"), unique("Call back the buyer")
    yesterday = today() - datetime.timedelta(days=1)
    create_activity(server, {"type": "task", "subject": late, "dueAt": stamp(yesterday, "09:00")})
    create_account(page, unique("Mill & Co"))
    add_task(page, now)
    expect(page.locator(".flash")).to_contain_text("Task added")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Activities").click()
    expect(page).to_have_url(re.compile(r"/activities$"))
    expect(page.locator("#overdue")).to_contain_text(late)
    expect(page.locator("#overdue")).to_contain_text(f"due {yesterday.isoformat()} 09:00")
    expect(page.locator("#today")).to_contain_text(now)
    expect(page.locator("#today").get_by_role("link", name="Mill & Co", exact=False)).to_be_visible()
    expect(page.locator("#overdue")).not_to_contain_text(now)
    page.locator("#overdue").get_by_role("link", name=late).click()
    expect(page).to_have_url(ACTIVITY_URL)
    expect(page.locator("h1")).to_contain_text(late)


def test_the_month_view_moves_between_months_and_shows_opportunities_on_their_close_date(admin):
    page = admin
    first = today().replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=15)
    deal = unique("Dryer retrofit")
    url = create_opportunity_closing(page, deal, following)
    page.goto("/calendar?view=month")
    title = page.locator("#calendar-title")
    expect(title).to_have_text(first.strftime("%B %Y"))
    expect(page.locator("td.month-day.today")).to_have_count(1)
    page.get_by_role("link", name="Next ›").click()
    expect(title).to_have_text(following.strftime("%B %Y"))
    card = page.locator(f"td[data-day='{following.isoformat()}'] .cal-card", has_text=deal)
    expect(card).to_have_class(re.compile("kind-opportunity"))
    assert url.endswith(card.get_by_role("link").get_attribute("href"))
    page.get_by_role("link", name="‹ Previous").click()
    expect(title).to_have_text(first.strftime("%B %Y"))
    page.get_by_role("link", name="Day", exact=True).click()
    expect(page).to_have_url(re.compile(r"view=day"))
    expect(page.locator("table.calendar-days.single thead th")).to_have_count(1)
    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.locator("table.calendar-days thead th.today")).to_have_count(1)


def test_dragging_a_meeting_in_the_week_view_moves_it_and_a_refusal_snaps_back(admin, server):
    page = admin
    page.set_viewport_size({"width": 1400, "height": 2400})
    day, other = next_week(2), next_week(3)
    subject = unique("Site walk")
    meeting = create_activity(server, {"type": "appointment", "subject": subject, "startAt": stamp(day, "09:00"),
                                       "endAt": stamp(day, "10:30")})
    page.goto(f"/calendar?view=week&date={day.isoformat()}")
    card = page.locator(f".cal-card[data-entry-id='{meeting['id']}']")
    expect(page.locator(f"td.slot[data-start='{day.isoformat()}T09:00']").locator(card)).to_be_visible()
    # when it is dropped on another day's 14:00, the server moves it and keeps its length
    page.drag_and_drop(f".cal-card[data-entry-id='{meeting['id']}']", f"td.slot[data-start='{other.isoformat()}T14:00']")
    expect(page.locator("#calendar-status")).to_contain_text(f"{other.isoformat()} 14:00–15:30")
    expect(page.locator(f"td.slot[data-start='{other.isoformat()}T14:00']").locator(card)).to_be_visible()
    expect(card).to_contain_text("14:00–15:30")
    expect(page.locator("#calendar-message")).to_be_hidden()
    moved = get_activity(server, meeting["id"])
    assert moved["startAt"].startswith(f"{other.isoformat()}T14:00:00"), moved
    assert moved["endAt"].startswith(f"{other.isoformat()}T15:30:00"), moved
    # when it was cancelled meanwhile, a drop is refused and the card goes back where it was
    api(server, "POST", f"/activities/{meeting['id']}/cancel", {}, admin_token(server))
    page.drag_and_drop(f".cal-card[data-entry-id='{meeting['id']}']", f"td.slot[data-start='{other.isoformat()}T16:00']")
    message = page.locator("#calendar-message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Not moved")
    expect(message).to_contain_text("reopen")
    expect(page.locator(f"td.slot[data-start='{other.isoformat()}T14:00']").locator(card)).to_be_visible()
    assert get_activity(server, meeting["id"])["startAt"].startswith(f"{other.isoformat()}T14:00:00")
    # after a reload the cancelled meeting is off the calendar
    page.reload()
    expect(card).to_have_count(0)


def test_the_full_form_shows_errors_beside_fields_and_a_stale_edit_is_reported(admin, server):
    page = admin
    page.goto("/activities/new")
    page.select_option("#f-type", label="Meeting")
    page.fill("#f-subject", unique("Board review"))
    page.get_by_role("button", name="Create activity").click()
    expect(page.locator("#f-date-error")).to_contain_text("is required")
    expect(page.locator("#f-date")).to_be_focused()
    # a repeating meeting with a reminder is saved, and described on its page
    subject = unique("Weekly stand-up")
    day = next_week(0)
    page.fill("#f-subject", subject)
    page.fill("#f-date", day.isoformat())
    page.fill("#f-time", "08:30")
    page.fill("#f-endTime", "09:00")
    page.select_option("#f-repeat", label="Every week")
    page.fill("#f-count", "5")
    page.select_option("#f-reminder", label="Minutes before it starts")
    page.fill("#f-reminderMinutes", "10")
    page.get_by_role("button", name="Create activity").click()
    expect(page).to_have_url(ACTIVITY_URL)
    expect(page.locator("#details")).to_contain_text("Every week, 5 times")
    expect(page.locator("#details")).to_contain_text(f"{day.isoformat()} 08:20")
    activity_id = page.url.rsplit("/", 1)[1]
    # the week view marks it as repeating, also in the week after
    page.goto(f"/calendar?view=week&date={(day + datetime.timedelta(days=7)).isoformat()}")
    expect(page.locator(".cal-card", has_text=subject).locator(".recurring")).to_be_visible()
    # when someone else changes it while it is being edited, saving says so
    page.goto(f"/activities/{activity_id}")
    page.get_by_text("Edit the activity").click()
    page.fill("#f-location", "Room 4")
    current = get_activity(server, activity_id)
    api(server, "PATCH", f"/activities/{activity_id}", {"location": "Room 1", "version": current["version"]}, admin_token(server))
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#edit [role=alert]").first).to_contain_text("changed by someone else")
    assert get_activity(server, activity_id)["location"] == "Room 1"


def test_my_profile_shows_a_feed_address_that_answers_without_a_cookie(admin, server):
    page = admin
    page.get_by_role("link", name=re.compile(ADMIN["name"])).click()
    expect(page).to_have_url(re.compile(r"/me$"))
    page.check("#email-reminders")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Preferences saved")
    expect(page.locator("#email-reminders")).to_be_checked()
    if page.get_by_role("button", name="Turn on the calendar feed").count():
        page.get_by_role("button", name="Turn on the calendar feed").click()
    address = page.locator("#feed-url").input_value()
    assert re.fullmatch(re.escape(server) + r"/calendar/[A-Za-z0-9_-]{20,}\.ics", address), address
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/calendar")
            assert b"BEGIN:VCALENDAR" in response.read()
        feed_served = True
    except urllib.error.HTTPError as error:
        # The feed itself belongs to the API module; until it is served, its address answers 404.
        assert error.code == 404, error.code
        feed_served = False
    # a new address replaces the old one, after a confirmation
    page.get_by_role("link", name="New address…").click()
    page.get_by_role("button", name="Make a new address").click()
    expect(page.locator(".flash")).to_contain_text("New calendar address made")
    renewed = page.locator("#feed-url").input_value()
    assert renewed != address
    if feed_served:
        try:
            urllib.request.urlopen(address, timeout=10)
            raise AssertionError("the old feed address still answers")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    # turning it off asks first, and it stays off
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Turn off").click()
    expect(page.locator(".flash")).to_contain_text("Calendar feed turned off")
    page.reload()
    expect(page.locator("#feed-url")).to_have_count(0)
    expect(page.get_by_role("button", name="Turn on the calendar feed")).to_be_visible()


def test_settings_choose_the_follow_up_delay_and_the_opportunities_the_calendar_shows(admin):
    page = admin
    page.goto("/settings")
    group = page.locator("fieldset.field-group", has_text="Calendar shows opportunities that are")
    expect(group.get_by_label("In progress")).to_be_checked()
    expect(group.get_by_label("Won")).not_to_be_checked()
    expect(group.get_by_label(re.compile(r"In the stage Develop \(Standard sale\)"))).to_be_visible()
    page.fill("#f-followUpDays", "400")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#f-followUpDays-error")).to_contain_text("0 (off) to 365")
    page.fill("#f-followUpDays", "7")
    group.get_by_label("Won").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".flash")).to_contain_text("Settings saved")
    expect(page.locator("#f-followUpDays")).to_have_value("7")
    expect(group.get_by_label("Won")).to_be_checked()
    # back to the defaults, for the journeys that follow
    page.fill("#f-followUpDays", "0")
    group.get_by_label("Won").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".flash")).to_contain_text("Settings saved")
    expect(group.get_by_label("Won")).not_to_be_checked()


def test_activity_and_calendar_pages_carry_no_inline_script_or_style(admin, server):
    page = admin
    activity = create_activity(server, {"type": "task", "subject": unique("CSP task")})
    paths = ["/activities", "/activities/new", f"/activities/{activity['id']}", "/calendar", "/calendar?view=month",
             "/calendar?view=day", "/me"]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers.get("content-security-policy", ""), path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("[style]").count() == 0, path
        assert page.locator("[onclick], [ondragstart], [ondrop]").count() == 0, path
    csrf = page.locator("meta[name=csrf-token]").get_attribute("content")
    assert page.request.post(f"/activities/{activity['id']}/move", form={"start": "2030-01-01T09:00"}).status == 403
    answer = page.request.post(f"/activities/{activity['id']}/move", form={"_csrf": csrf, "start": "soon"},
                               headers={"Accept": "application/json"})
    assert answer.status == 422 and answer.json()["type"] == "validation"
