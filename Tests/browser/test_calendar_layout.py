"""The day view draws a meeting to its length, puts overlapping meetings side by side, and says
on each whom it is about."""
import datetime
import uuid
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from conftest import api
from sales_steps import admin_token


def test_overlapping_meetings_stand_side_by_side_drawn_to_their_length(admin, server):
    page = admin
    token = admin_token(server)
    zone = ZoneInfo(api(server, "GET", "/settings", token=token)["timeZone"])
    tag = uuid.uuid4().hex[:6]
    account = api(server, "POST", "/accounts", {"name": f"Harbour {tag}"}, token)

    def at(hour, minute):
        local = datetime.datetime(2027, 3, 10, hour, minute, tzinfo=zone)
        return local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    long = api(server, "POST", "/activities", {"type": "appointment", "subject": f"Long {tag}", "startAt": at(10, 0), "endAt": at(11, 30),
                                              "regarding": {"type": "account", "id": account["id"]}}, token)
    short = api(server, "POST", "/activities", {"type": "appointment", "subject": f"Short {tag}", "startAt": at(10, 30), "endAt": at(11, 0),
                                               "regarding": {"type": "account", "id": account["id"]}}, token)
    page.goto("/calendar?view=day&date=2027-03-10")
    first = page.locator(f".cal-card[data-entry-id='{long['id']}']")
    second = page.locator(f".cal-card[data-entry-id='{short['id']}']")
    expect(first).to_have_class("cal-card timed h3 lanes-2 lane-0 kind-activity status-open")
    expect(second).to_have_class("cal-card timed h1 at2 lanes-2 lane-1 kind-activity status-open")
    expect(first.locator(".cal-about")).to_have_text(f"Harbour {tag}")
    a, b = first.bounding_box(), second.bounding_box()
    # three half hours against one, side by side, the short one starting half-way down the long one
    assert 2.6 < a["height"] / b["height"] < 3.4, (a, b)
    assert b["x"] >= a["x"] + a["width"] - 2
    assert abs((b["y"] - a["y"]) - a["height"] / 3) < 6, (a, b)
