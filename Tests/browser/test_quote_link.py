"""The customer's link to a quote: on a phone-sized page the customer reads the quote, accepts it
with their name and a drawn signature, and the deal is won; a declined quote loses its deal with
the reason; a revised quote's old link shows the new revision; a forged link is not found; the
seller shares the link on WhatsApp, logged on the quote."""
import re
import uuid

from playwright.sync_api import expect

from conftest import api
from sales_steps import admin_token


def sent_quote(server, token, tag, mobile=None):
    account = api(server, "POST", "/accounts", {"name": f"Linked {tag}"}, token)
    contact = api(server, "POST", "/contacts", {"firstName": "Cleo", "lastName": f"Customer {tag}", "accountId": account["id"],
                                                **({"mobile": mobile} if mobile else {})}, token)
    quote = api(server, "POST", "/quotes", {"accountId": account["id"], "contactId": contact["id"], "name": f"Irrigation {tag}",
                                            "lines": [{"description": "Drip line, 100 m", "quantity": "12", "unitPrice": "145.50"},
                                                      {"description": "Installation", "quantity": "1", "unitPrice": "900"}]}, token)
    api(server, "POST", f"/quotes/{quote['id']}/send", {}, token)
    link = api(server, "GET", f"/quotes/{quote['id']}/link", token=token)
    return quote, "/q/" + link["publicUrl"].split("/q/", 1)[1]


def test_the_customer_accepts_on_a_phone_and_the_deal_is_won(admin, browser, server):
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    quote, path = sent_quote(server, token, tag, mobile="+44 7700 900123")

    # the seller's page shows the link and shares it on WhatsApp (logged on the quote)
    page = admin
    page.context.route("https://wa.me/**", lambda route: route.abort())
    page.goto(f"/quotes/{quote['id']}")
    expect(page.locator("#customer-link-url")).to_have_value(re.compile(re.escape(path) + "$"))
    expect(page.locator("#customer-link-views")).to_have_text("Not opened yet.")
    share = page.locator("#share-whatsapp")
    assert share.get_attribute("href").startswith("https://wa.me/447700900123?text=")
    with page.expect_popup() as popup:
        share.click()
    popup.value.close()
    page.wait_for_timeout(500)
    page.reload()
    expect(page.locator("#activities")).to_contain_text("on WhatsApp")

    customer = browser.new_context(base_url=server, viewport={"width": 390, "height": 800}).new_page()
    response = customer.goto(path)
    assert response.status == 200 and "noindex" in response.headers.get("x-robots-tag", "")
    expect(customer.locator("h1")).to_contain_text(quote["number"])
    expect(customer.locator("#quote-total")).to_contain_text("2,646.00")
    assert customer.evaluate("document.documentElement.scrollWidth") <= 390
    customer.get_by_role("button", name=re.compile("^Accept")).click()
    expect(customer.locator("#accept-name-error")).to_contain_text("Type your name")
    customer.fill("#accept-name", f"Cleo Customer {tag}")
    customer.locator("#signature-pad").scroll_into_view_if_needed()
    box = customer.locator("#signature-pad").bounding_box()
    customer.mouse.move(box["x"] + 20, box["y"] + 60)
    customer.mouse.down()
    for step in range(1, 12):
        customer.mouse.move(box["x"] + 20 + step * 20, box["y"] + 60 + (step % 3) * 15)
    customer.mouse.up()
    customer.get_by_role("button", name=re.compile("^Accept")).click()
    expect(customer.locator(".flash")).to_contain_text("you accepted")
    expect(customer.locator("#answers")).to_contain_text(f"Accepted by Cleo Customer {tag}")
    expect(customer.locator("#accept-form")).to_have_count(0)
    customer.context.close()

    assert api(server, "GET", f"/quotes/{quote['id']}", token=token)["status"] == "accepted"
    assert api(server, "GET", f"/opportunities/{quote['opportunityId']}", token=token)["status"] == "won"
    page.reload()
    expect(page.locator("#customer-answers")).to_contain_text(f"Accepted by Cleo Customer {tag}")
    expect(page.locator("#customer-answers img.customer-signature")).to_be_visible()
    expect(page.locator("#customer-link-views")).to_contain_text("Opened")


def test_decline_revision_and_forged_links(admin, browser, server):
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    declined, path = sent_quote(server, token, tag)
    customer = browser.new_context(base_url=server).new_page()
    customer.goto(path)
    customer.fill("#decline-reason", "We chose a cheaper system")
    customer.get_by_role("button", name="Decline").click()
    expect(customer.locator(".flash")).to_contain_text("You declined")
    assert api(server, "GET", f"/opportunities/{declined['opportunityId']}", token=token)["status"] == "lost"

    revised, old = sent_quote(server, token, tag + "r")
    second = api(server, "POST", f"/quotes/{revised['id']}/revise", {}, token)
    customer.goto(old)
    expect(customer.locator("[role=status]")).to_contain_text("new revision")
    expect(customer.locator("#accept-form")).to_have_count(0)
    api(server, "POST", f"/quotes/{second['id']}/send", {}, token)
    customer.goto(old)
    expect(customer.locator("body")).to_contain_text("Revision 2")
    expect(customer.locator("#accept-form")).to_be_visible()

    assert customer.goto(old + "x").status == 404
    assert customer.goto("/q/not-a-real-link").status == 404
    customer.context.close()
