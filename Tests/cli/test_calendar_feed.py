"""The iCalendar feed as a calendar client sees it: a real server, a secret URL, a real parser."""
import datetime
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import icalendar
import pytest

from test_cli import BIN, free_port

HOSTILE = 'Visit; bring "specs", cables\\adapters\nthen lunch — café ☕ 日本語 ' + "x" * 90


@pytest.fixture
def server(tmp_path):
    db, port = str(tmp_path / "feed.sqlite"), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FURROW_")}
    env.update({"FURROW_ADMIN_EMAIL": "cal@example.com", "FURROW_ADMIN_PASSWORD": "calendar-pass"})
    process = subprocess.Popen([BIN, "serve", "--port", str(port), "--database", db], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)


def call(base, method, path, token=None, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method, headers={"Content-Type": "application/json", **(headers or {})},
                                     data=json.dumps(body).encode() if body is not None else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
        return response.status, dict(response.headers), (json.loads(text) if text and "json" in response.headers.get("Content-Type", "") else text)


def test_feed_parses_escapes_hostile_text_and_answers_304(server):
    _, _, signed = call(server, "POST", "/api/v1/auth/tokens", body={"email": "cal@example.com", "password": "calendar-pass"})
    token = signed["token"]
    call(server, "PATCH", "/api/v1/settings", token, {"timeZone": "Europe/London"})
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    stamp = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
    _, _, meeting = call(server, "POST", "/api/v1/activities", token, {
        "type": "appointment", "subject": HOSTILE, "description": "Line one\nLine two; with, punctuation", "location": "Gate 3, Leeds",
        "startAt": stamp(start), "endAt": stamp(start + datetime.timedelta(hours=1)), "recurrence": "FREQ=WEEKLY;COUNT=4"})
    call(server, "POST", "/api/v1/activities", token, {"type": "task", "subject": "Send the contract", "dueAt": stamp(start)})

    _, _, feed = call(server, "GET", "/api/v1/me/calendar-feed", token)
    assert feed["path"].startswith("/calendar/") and feed["path"].endswith(".ics")
    status, headers, text = call(server, "GET", feed["path"])
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    raw = text.encode()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")

    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    todos = [c for c in calendar.walk("VTODO")]
    assert len(events) == 1 and len(todos) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == HOSTILE
    assert str(event["DESCRIPTION"]) == "Line one\nLine two; with, punctuation"
    assert str(event["LOCATION"]) == "Gate 3, Leeds"
    assert event["UID"] == f"{meeting['id']}@furrow"
    assert event.decoded("DTSTART") == start
    assert event["RRULE"]["COUNT"] == [4]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert str(todos[0]["SUMMARY"]) == "Send the contract" and str(todos[0]["STATUS"]) == "NEEDS-ACTION"

    # unchanged: 304 on the ETag; changed: a new ETag and a higher SEQUENCE
    with pytest.raises(urllib.error.HTTPError) as unchanged:
        call(server, "GET", feed["path"], headers={"If-None-Match": headers["ETag"]})
    assert unchanged.value.code == 304
    call(server, "POST", f"/api/v1/activities/{meeting['id']}/reschedule", token, {"start": stamp(start + datetime.timedelta(hours=2))})
    _, again, text = call(server, "GET", feed["path"], headers={"If-None-Match": headers["ETag"]})
    assert again["ETag"] != headers["ETag"]
    assert int(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SEQUENCE"]) == 1

    # a new address retires the old one; turning it off retires every one
    _, _, rotated = call(server, "POST", "/api/v1/me/calendar-feed/rotate", token)
    assert rotated["path"] != feed["path"]
    with pytest.raises(urllib.error.HTTPError) as gone:
        call(server, "GET", feed["path"])
    assert gone.value.code == 404
    call(server, "DELETE", "/api/v1/me/calendar-feed", token)
    with pytest.raises(urllib.error.HTTPError) as off:
        call(server, "GET", rotated["path"])
    assert off.value.code == 404
