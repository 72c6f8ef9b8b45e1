"""Every main page on a 390 px phone, over the demo company: each page the navigation offers, and
the first record of each list, as the administrator and as a seller — none scrolls sideways."""
import re

import pytest

from conftest import sign_in

ROLES = {"admin": ("admin@demo.furrow.test", "demo-admin-2026"), "sales": ("sam@demo.furrow.test", "demo-sales-2026"),
         "service": ("tess@demo.furrow.test", "demo-service-2026")}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_main_page_scrolls_sideways_on_a_phone(browser, demo_server, role):
    page = browser.new_context(base_url=demo_server, viewport={"width": 390, "height": 800}).new_page()
    sign_in(page, *ROLES[role])
    page.wait_for_url("**/home")
    paths = page.eval_on_selector_all(".topbar nav a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    paths = sorted({p.split("#")[0] for p in paths if not p.startswith("/logout")} | {"/home", "/me", "/notifications", "/search?q=acme"})
    assert len(paths) > 10, paths
    records = []
    wide = []
    for path in paths:
        page.goto(path)
        if page.evaluate("document.documentElement.scrollWidth") > 390:
            wide.append(path)
        first = page.locator("table.list tbody tr td a[href^='/']").first
        if first.count():
            href = first.get_attribute("href")
            if re.search(r"/[0-9a-f-]{36}$", href or ""):
                records.append(href)
    for path in records:
        page.goto(path)
        if page.evaluate("document.documentElement.scrollWidth") > 390:
            wide.append(path)
    assert len(records) >= 5, records
    assert not wide, f"these pages scroll sideways at 390 px as {role}: {wide}"
    page.context.close()
