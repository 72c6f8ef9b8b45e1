"""Steps shared by the activity and calendar journeys: dates on the company's clock (UTC in the
browser journeys), activities arranged through the API, and the record pages' quick forms."""
import datetime
import re

from conftest import api
from sales_steps import admin_token

OPPORTUNITY_URL = re.compile(r"/opportunities/[0-9a-f-]{36}$")
ACTIVITY_URL = re.compile(r"/activities/[0-9a-f-]{36}$")


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def next_week(weekday):
    """A day of next week (Monday = 0), so that it and the day after lie in one week view."""
    start = today() + datetime.timedelta(days=7 - today().weekday())
    return start + datetime.timedelta(days=weekday)


def stamp(day, time):
    return f"{day.isoformat()}T{time}:00Z"


def create_activity(server, body):
    """Creates an activity through the API with the administrator's credentials; returns it."""
    return api(server, "POST", "/activities", body, admin_token(server))


def get_activity(server, activity_id):
    return api(server, "GET", f"/activities/{activity_id}", token=admin_token(server))


def schedule_meeting(page, subject, day, time, location=None):
    """Schedules a meeting with the quick form of the record page shown."""
    page.get_by_text("Schedule a meeting", exact=True).click()
    page.fill("#meeting-subject", subject)
    page.fill("#meeting-date", day.isoformat())
    page.fill("#meeting-start", time)
    if location:
        page.fill("#meeting-location", location)
    page.get_by_role("button", name="Schedule meeting").click()


def log_call(page, subject, outcome):
    page.get_by_text("Log a call", exact=True).click()
    page.fill("#call-subject", subject)
    page.fill("#call-outcome", outcome)
    page.get_by_role("button", name="Log call").click()


def add_task(page, subject, day=None, time=None):
    page.get_by_text("Add a task", exact=True).click()
    page.fill("#task-subject", subject)
    if day:
        page.fill("#task-date", day.isoformat())
    if time:
        page.fill("#task-time", time)
    page.get_by_role("button", name="Add task").click()


def timeline_row(page, subject):
    return page.locator("#activity-timeline tr.activity-row", has=page.get_by_role("link", name=subject, exact=True))


def create_opportunity_closing(page, name, close_date):
    """Creates an opportunity through the form with an expected close date; returns its page URL."""
    page.goto("/opportunities/new")
    page.fill("#f-name", name)
    page.select_option("#f-kindId", label="Standard sale")
    page.fill("#f-expectedCloseDate", close_date.isoformat())
    page.get_by_role("button", name="Create opportunity").click()
    page.wait_for_url(OPPORTUNITY_URL)
    return page.url
