"""Campaigns and marketing lists in the browser (seed 003): a dynamic list tried with Find and
saved, a static list filled by finding records and ticking them, a campaign that links both and
moves from planning to launched; a list's target and kind are fixed once saved."""
import re
import uuid

from conftest import ADMIN, api


def test_lists_found_saved_and_linked_to_a_launched_campaign(admin, server):
    # given: three accounts of an industry made for this test, and leads about a topic of its own
    token = api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]
    tag = uuid.uuid4().hex[:6]
    industry = f"Viticulture{tag}"
    for name in ("Alder", "Birch", "Cedar"):
        api(server, "POST", "/accounts", {"name": f"{name} Vineyard {tag}", "industry": industry}, token)
    for who in ("Ash", "Elm"):
        api(server, "POST", "/leads", {"topic": f"Frost fans {tag}", "lastName": who, "companyName": f"{who} Estate"}, token)
    page = admin

    # when: a dynamic list of the industry's accounts, tried with Find, then saved
    page.goto("/campaigns")
    page.get_by_role("link", name="Marketing lists").click()
    page.get_by_role("link", name="New list").click()
    page.fill("#f-name", f"Vineyards {tag}")
    page.select_option("#f-listType", "dynamic")
    page.fill("#f-query", f"industry={industry}")
    page.get_by_role("button", name="Find").click()

    # then: the three accounts are previewed, the form kept as filled in
    aside = page.locator("#form-aside").inner_text()
    assert "Find: 3 matches" in aside and f"Alder Vineyard {tag}" in aside
    assert page.input_value("#f-name") == f"Vineyards {tag}"
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/marketing-lists/*-*")
    assert "Members (3)" in page.locator("#members").inner_text()
    vineyards = page.url

    # a vineyard added later is a member at once (rule 63)
    api(server, "POST", "/accounts", {"name": f"Dogwood Vineyard {tag}", "industry": industry}, token)
    page.reload()
    assert "Members (4)" in page.locator("#members").inner_text()

    # when: a static list of leads, filled by finding the topic's words and ticking one
    page.goto("/marketing-lists/new")
    page.fill("#f-name", f"Frost prospects {tag}")
    page.select_option("#f-targetType", "leads")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/marketing-lists/*-*")
    page.fill("#find-filter", f"Frost fans {tag}")
    page.locator("#add-members").get_by_role("button", name="Find").click()
    assert "2 found" in page.locator("#add-members").inner_text()
    page.get_by_label(re.compile("Ash Estate")).check()
    page.get_by_role("button", name="Add ticked").click()
    assert "1 member added." in page.content()
    assert "Ash Estate" in page.locator("#members").inner_text() and "Elm Estate" not in page.locator("#members").inner_text()
    assert page.input_value("#find-filter") == f"Frost fans {tag}", "the search stays for the next ones"
    page.get_by_role("button", name=re.compile(r"Add all 2 found")).click()
    assert "1 member added." in page.content() and "Members (2)" in page.locator("#members").inner_text()

    # when: a campaign links both lists and goes from planning to launched
    page.goto("/campaigns/new")
    page.fill("#f-name", f"Frost season {tag}")
    page.fill("#f-startDate", "2027-01-10")
    page.fill("#f-endDate", "2027-01-01")
    page.fill("#f-budgetedCost", "-3")
    page.get_by_role("button", name="Save").click()
    # then: every wrong field is marked at once
    assert "must not be before startDate" in page.locator("#f-endDate-error").inner_text()
    assert "must not be negative" in page.locator("#f-budgetedCost-error").inner_text()
    page.fill("#f-endDate", "2027-03-31")
    page.fill("#f-budgetedCost", "2500")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/campaigns/*-*")
    for list_name in (f"Vineyards {tag}", f"Frost prospects {tag}"):
        value = page.locator("#link-list option", has_text=list_name).get_attribute("value")
        page.select_option("#link-list", value)
        page.locator("#lists").get_by_role("button", name="Link", exact=True).click()
        assert "List linked." in page.content()
    lists = page.locator("#lists").inner_text()
    assert f"Vineyards {tag}" in lists and f"Frost prospects {tag}" in lists
    campaign_page = page.url

    # when: a leaflet with its file is added to the sales literature and handed out by the campaign
    page.goto("/sales-literature")
    page.fill("#literature-title", f"Frost fan leaflet {tag}")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/sales-literature/*-*")
    page.set_input_files("#literature-file", files=[{"name": "frost-fans.txt", "mimeType": "text/plain", "buffer": b"Frost fans keep the vines above zero."}])
    page.get_by_role("button", name="Upload").click()
    assert "File added." in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="frost-fans.txt").click()
    assert open(download.value.path(), "rb").read() == b"Frost fans keep the vines above zero."
    page.goto(campaign_page)
    value = page.locator("#add-literature option", has_text=f"Frost fan leaflet {tag}").get_attribute("value")
    page.select_option("#add-literature", value)
    page.locator("#literature").get_by_role("button", name="Add").click()
    assert f"Frost fan leaflet {tag}" in page.locator("#literature").inner_text()
    page.get_by_role("button", name="Ready to launch").click()

    # when: a phone call for each member is planned and distributed behind a confirmation that counts them
    campaign_url = page.url
    page.select_option("#activity-channel", "phoneCall")
    page.fill("#activity-subject", f"Frost season call {tag}")
    page.get_by_role("button", name="Plan").click()
    page.wait_for_url("**/campaign-activities/*-*")
    page.get_by_role("link", name="Distribute…").click()
    assert "6 members" in page.locator("h1 + p").inner_text()  # four vineyards and two leads
    page.get_by_role("button", name="Distribute to 6 members").click()
    assert "Distribution started" in page.content()
    for _ in range(40):  # the worker takes a batch every moment
        if "Distributed" in page.locator("#distribution h2").inner_text():
            break
        page.wait_for_timeout(250)
        page.reload()
    assert "Distributed" in page.locator("#distribution h2").inner_text()
    assert "6" in page.locator("#distribution .figures").inner_text()
    page.goto(campaign_url)
    page.get_by_role("button", name="Launch").click()
    assert "Launched" in page.locator("h1").inner_text()

    # when: a visitor's call is recorded as a response and converted into a lead
    page.locator("#responses summary").click()
    page.fill("#response-name", f"Rosa Vine {tag}")
    page.fill("#response-email", f"rosa-{tag}@vine.example")
    page.fill("#response-subject", f"Frost fans for 12 ha {tag}")
    page.locator("#responses").get_by_role("button", name="Record").click()
    page.wait_for_url("**/campaign-responses/*-*")
    page.get_by_role("button", name="Convert").click()
    # then: the lead is filled in from the response, its source campaign set
    page.wait_for_url("**/leads/*-*")
    assert "its source campaign is set" in page.content()
    assert f"Frost fans for 12 ha {tag}" in page.locator("h1").inner_text()
    assert f"Frost season {tag}" in page.locator("main").inner_text()
    page.goto(campaign_url)
    assert "Lead" in page.locator("#responses tbody").inner_text()
    page.get_by_role("button", name="Complete").click()
    page.get_by_role("button", name="Deactivate").click()
    assert "Completed, inactive" in page.locator("h1").inner_text()

    # the list page names the campaign; its kind cannot change
    page.goto(vineyards)
    assert f"Frost season {tag}" in page.locator("#campaigns").inner_text()
    list_id = vineyards.rsplit("/", 1)[1]
    try:
        api(server, "PATCH", f"/marketing-lists/{list_id}", {"listType": "static"}, token)
        assert False, "changing a list's kind must be refused"
    except Exception as error:  # urllib raises HTTPError for the 409
        assert "409" in str(error)
