"""Notes and files on a record's page: a note written keeps its lines; a PDF uploaded is listed and
downloads as it was; a file that only pretends to be a PDF is refused; the history tells of each;
a read-only user reads them without the forms."""
import uuid

from playwright.sync_api import expect

from conftest import api, sign_in
from sales_steps import admin_token

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_notes_and_files_on_an_account(admin, browser, server):
    page = admin
    token = admin_token(server)
    tag = uuid.uuid4().hex[:6]
    team = api(server, "POST", "/teams", {"name": f"Notes {tag}"}, token)
    owner = api(server, "POST", "/users", {"email": f"owner-{tag}@browser.furrow.test", "name": f"Owner {tag}", "password": "owner-password-1",
                                           "role": "sales", "teamId": team["id"]}, token)
    account = api(server, "POST", "/accounts", {"name": f"Notebook {tag}", "ownerId": owner["id"]}, token)
    page.goto(f"/accounts/{account['id']}")
    page.fill("#note-body", "Met at the fair.\nWants a quote in May.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".flash")).to_contain_text("Note added")
    expect(page.locator("#note-list .note-body").first).to_have_text("Met at the fair.\nWants a quote in May.")

    page.set_input_files("#note-file", files=[{"name": "offer.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash")).to_contain_text("“offer.pdf” added")
    link = page.locator("#files a", has_text="offer.pdf")
    with page.expect_download() as download:
        link.click()
    assert open(download.value.path(), "rb").read() == PDF

    page.set_input_files("#note-file", files=[{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00\x03 not a pdf"}])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash-error")).to_contain_text("not a kind of file Furrow keeps")
    expect(page.locator("#files li")).to_have_count(1)
    expect(page.locator("#history")).to_contain_text("Note written")
    expect(page.locator("#history")).to_contain_text("File added")

    api(server, "POST", "/users", {"email": f"reader-{tag}@browser.furrow.test", "name": f"Reader {tag}", "password": "reader-password-1",
                                   "role": "readonly", "teamId": team["id"]}, token)
    reader = browser.new_context(base_url=server).new_page()
    sign_in(reader, f"reader-{tag}@browser.furrow.test", "reader-password-1")
    reader.wait_for_url("**/home")
    reader.goto(f"/accounts/{account['id']}")
    expect(reader.locator("#note-list")).to_contain_text("Met at the fair.")
    expect(reader.locator("#note-body")).to_have_count(0)
    expect(reader.locator("#files a", has_text="offer.pdf")).to_be_visible()
    reader.context.close()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#note-list").get_by_role("button", name="Delete").click()
    expect(page.locator(".flash")).to_contain_text("Note deleted")
    expect(page.locator("#note-list")).to_have_count(0)
