"""Importing contacts from a CSV file on the web: the page is reached from the contacts list and
explains the columns; a dry run of a bad file lists every bad row by its line and stores nothing
(without JavaScript, the plain form posts); a good file uploads with a progress bar, imports, and
its contacts are listed with the chosen owner; the sample file downloads and passes a dry run;
read-only users have no button and are refused."""
import re
import uuid

from playwright.sync_api import expect

from conftest import ADMIN, api, sign_in
from sales_steps import admin_token

COLUMNS = ["firstName", "lastName", "email", "phone", "mobile", "title", "accountId"]


def table_rows(page, table):
    """The cells' texts of each row, leaving out the column that ticks rows for the bulk bar."""
    return [[cell.strip() for cell in row] for row in page.locator(f"{table} tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].filter(c => !c.classList.contains('tick')).map(c => c.textContent))")]


def write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def open_import_page(page):
    page.goto("/contacts")
    page.get_by_role("link", name="Import from CSV").click()
    expect(page).to_have_url(re.compile(r"/contacts/import$"))
    expect(page.locator("h1")).to_have_text("Import contacts")


def test_a_dry_run_of_a_bad_file_lists_the_bad_lines_and_stores_nothing(admin, browser, server, tmp_path):
    tag = uuid.uuid4().hex[:8]
    bad = write(tmp_path, "bad.csv", [
        "firstName,lastName,email",
        f"Ann,,ann-{tag}@example.com",
        f"Ben,Good{tag},ben-{tag}@example.com",
        f"Cy,Bad{tag},not-an-email",
        f"Dee,Short{tag}",
        "",
        f"Eve,Fine{tag},eve-{tag}@example.com",
    ])
    # without JavaScript the form posts as it is
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, ADMIN["email"], ADMIN["password"])
    page.wait_for_url("**/home")
    open_import_page(page)

    # the page explains every column, lastName required, and offers a sample
    assert [row[0].replace(" (required)", "") for row in table_rows(page, "#import-columns")] == COLUMNS
    expect(page.locator("#import-columns tr", has_text="lastName")).to_contain_text("(required)")
    expect(page.get_by_role("link", name="Download a sample file")).to_have_attribute("href", "/static/contacts-sample.csv")
    expect(page.locator("#upload-progress")).to_be_hidden()

    page.get_by_label("CSV file").set_input_files(bad)
    page.get_by_label("Dry run (check only)").check()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Import").click()
    assert navigation.value.status == 422
    expect(page.locator("#import-result-heading")).to_have_text("Nothing imported: 3 errors on 3 of 5 rows")
    assert table_rows(page, "#import-errors") == [
        ["2", "lastName", "is required"],
        ["4", "email", "is not a valid email address"],
        ["5", "(whole row)", "has 2 fields; the header has 3"],
    ]
    # the table can be reached and scrolled by keyboard; the choices are kept for another try
    expect(page.locator("#import-result [role=region]")).to_have_attribute("tabindex", "0")
    expect(page.get_by_label("Dry run (check only)")).to_be_checked()
    expect(page.get_by_label("Allow duplicates")).not_to_be_checked()

    # nothing was stored, not even the good rows
    page.goto(f"/contacts?q={tag}")
    expect(page.locator("p.empty")).to_contain_text("No contacts")
    context.close()


def test_a_good_file_uploads_with_progress_and_its_contacts_are_listed(admin, server, tmp_path):
    page = admin
    tag = uuid.uuid4().hex[:8]
    owner = f"Ivy Importer {tag}"
    api(server, "POST", "/users", {"email": f"ivy-{tag}@browser.furrow.test", "name": owner,
                                   "password": "importer-pass-2026", "role": "sales"}, admin_token(server))
    good = write(tmp_path, "good.csv", [
        "lastName,firstName,email,title,phone",
        f"Quill{tag},Uma,uma-{tag}@example.com,Buyer,+44 20 7946 0101",
        f'Reed{tag},Vic,vic-{tag}@example.com,"Head of sales, North",',
        f"Stone{tag},Wes,,,+44 20 7946 0199",
    ])
    open_import_page(page)
    page.get_by_label("CSV file").set_input_files(good)
    page.get_by_label("Owner").select_option(label=owner)
    # note every value the bar takes, and how the form was sent
    page.evaluate("""() => {
        window.seenProgress = [];
        const bar = document.getElementById("upload-progress");
        new MutationObserver(() => window.seenProgress.push(bar.value))
            .observe(bar, {attributes: true, attributeFilter: ["value"]});
    }""")
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/contacts/import")) as sent:
        page.get_by_role("button", name="Import").click()
    assert sent.value.resource_type == "xhr"

    heading = page.locator("#import-result-heading")
    expect(heading).to_have_text("Imported 3 contacts")
    expect(heading).to_be_focused()
    expect(page).to_have_url(re.compile(r"/contacts/import$"))
    seen = page.evaluate("window.seenProgress")
    assert seen and seen[-1] == 100 and seen == sorted(seen), seen
    bar = page.locator("#upload-progress")
    expect(bar).to_be_visible()
    assert bar.evaluate("b => [b.value, b.max]") == [100, 100]

    page.get_by_role("link", name="See the contacts").click()
    page.goto(f"/contacts?q={tag}")
    names = [row[0] for row in table_rows(page, "table.list")]
    assert sorted(name.split(" ·")[0] for name in names) == [f"Uma Quill{tag}", f"Vic Reed{tag}", f"Wes Stone{tag}"]
    page.get_by_role("link", name=f"Vic Reed{tag}").click()
    expect(page.locator(".facts")).to_contain_text("Head of sales, North")
    expect(page.locator(".facts")).to_contain_text(owner)

    # the same file again: every row is a duplicate now, and nothing more is stored
    page.goto("/contacts/import")
    page.get_by_label("CSV file").set_input_files(good)
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-result-heading")).to_have_text("Nothing imported: 3 errors on all 3 rows")
    assert [row[:2] for row in table_rows(page, "#import-errors")] == [["2", "(whole row)"], ["3", "(whole row)"], ["4", "(whole row)"]]
    expect(page.locator("#import-errors")).to_contain_text("looks like a duplicate of Uma Quill" + tag)
    page.goto(f"/contacts?q={tag}")
    expect(page.locator("table.list tbody tr")).to_have_count(3)


def test_the_sample_file_downloads_and_passes_a_dry_run(admin, tmp_path):
    page = admin
    open_import_page(page)
    # no file chosen: the field says so
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#f-file-error")).to_have_text("choose the CSV file to import")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download a sample file").click()
    sample = tmp_path / "sample.csv"
    download.value.save_as(sample)
    assert sample.read_text(encoding="utf-8").splitlines()[0].split(",") == COLUMNS
    page.get_by_label("CSV file").set_input_files(str(sample))
    page.get_by_label("Dry run (check only)").check()
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-result-heading")).to_have_text("Dry run: all 2 rows are good")
    expect(page.get_by_role("link", name="See the contacts")).to_have_count(0)


def test_readonly_users_have_no_import_button_and_are_refused(admin, browser, server):
    email = f"reader-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Ray Reader", "password": "reader-pass-2026", "role": "readonly"},
        admin_token(server))
    context = browser.new_context(base_url=server)
    reader = context.new_page()
    sign_in(reader, email, "reader-pass-2026")
    reader.wait_for_url("**/home")
    reader.goto("/contacts")
    expect(reader.get_by_role("link", name="Import from CSV")).to_have_count(0)
    response = reader.goto("/contacts/import")
    assert response.status == 403
    expect(reader.locator("h1")).to_have_text("Forbidden")
    reader.goto("/contacts")
    token = reader.locator('meta[name="csrf-token"]').get_attribute("content")
    posted = reader.request.post("/contacts/import", multipart={
        "_csrf": token, "file": {"name": "x.csv", "mimeType": "text/csv", "buffer": b"lastName\nX\n"}})
    assert posted.status == 403
    context.close()
