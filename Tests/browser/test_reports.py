"""Reports: the pipeline table and chart agree with the JSON API for the same user, group by
owner, the funnel draws a shape per stage with the conversion between stages, and the CSV
downloads; a read-only user sees the page too."""
import csv
import io
import re
import uuid

from playwright.sync_api import expect

from conftest import api, sign_in
from pipeline_steps import STANDARD_SALE, create_opportunity, unique
from sales_steps import admin_token


def grouped(amount):
    """`12000.50` as the page writes it in a table with a currency column: `12,000.50`."""
    sign, text = ("-", amount[1:]) if amount.startswith("-") else ("", amount)
    whole, _, fraction = text.partition(".")
    return sign + f"{int(whole):,}" + ("." + fraction if fraction else "")


def table_rows(page, table):
    """The cells' texts of each row, leaving out the column that ticks rows for the bulk bar."""
    return [[cell.strip() for cell in row] for row in page.locator(f"{table} tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].filter(c => !c.classList.contains('tick')).map(c => c.textContent))")]


def api_rows(page, path):
    response = page.request.get("/api/v1" + path)
    assert response.ok, response.text()
    return response.json()


def test_reports_show_the_pipeline_and_funnel_as_the_api_counts_them(admin, server):
    page = admin
    token = admin_token(server)
    seller = f"Rhea Reports {uuid.uuid4().hex[:4]}"
    api(server, "POST", "/users", {"email": f"seller-{uuid.uuid4().hex[:6]}@browser.furrow.test", "name": seller,
                                   "password": "seller-pass-2026", "role": "sales"}, token)
    create_opportunity(page, unique("Silo sensors"), revenue="12000.50")
    create_opportunity(page, unique("Dryer retrofit"), revenue="4300", owner=seller)

    # the page is in the top bar; by stage, its table holds the API's figures for this user
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page).to_have_url(re.compile(r"/reports$"))
    expect(page.locator("h1")).to_have_text("Reports")
    expect(page.get_by_label("Group by")).to_have_value("stage")
    expected = [[row["label"], row["currency"], str(row["count"]), grouped(row["total"]), grouped(row["weightedTotal"])]
                for row in api_rows(page, "/reports/pipeline?groupBy=stage")["items"]]
    assert expected and table_rows(page, "#pipeline-table") == expected
    euro = [row for row in expected if row[1] == "EUR"]
    chart = page.locator("#pipeline-eur svg[role=img]")
    expect(chart.locator("title").first).to_have_text("Pipeline in EUR by stage")
    expect(chart.locator("g.bar")).to_have_count(len(euro))
    expect(chart.locator("desc")).to_contain_text(f"{euro[0][0]}: {euro[0][2]} opportunit")
    expect(chart.locator("desc")).to_contain_text(f"total {euro[0][3]} EUR, weighted {euro[0][4]} EUR")

    # grouped by owner, each owner has a row and a bar, and the weighted total is drawn over the total
    page.get_by_label("Group by").select_option("owner")
    page.locator("#pipeline").get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"groupBy=owner"))
    expect(page.locator("#pipeline-table thead th").first).to_have_text("Owner")
    owners = api_rows(page, "/reports/pipeline?groupBy=owner")["items"]
    assert table_rows(page, "#pipeline-table") == [
        [row["label"], row["currency"], str(row["count"]), grouped(row["total"]), grouped(row["weightedTotal"])] for row in owners]
    assert seller in [row["label"] for row in owners]
    bar = page.locator("#pipeline-eur g.bar", has=page.locator("text.bar-label", has_text=seller))
    expect(bar.locator("rect.pipeline-total")).to_have_count(1)
    expect(bar.locator("rect.pipeline-weighted")).to_have_count(1)
    expect(bar.locator("text.bar-value")).to_contain_text("4,300.00 · weighted")

    # the funnel of the standard sale: one shape per stage, the conversion from the stage before
    funnel_form = page.locator("#funnel")
    funnel_form.get_by_label("Kind").select_option(STANDARD_SALE)
    funnel_form.get_by_role("button", name="Show").click()
    expect(page.get_by_label("Group by")).to_have_value("owner")  # the other section keeps its choice
    funnel = api_rows(page, f"/reports/funnel?kindId={STANDARD_SALE}")
    steps = funnel["items"]
    svg = page.locator("#funnel-chart svg[role=img]")
    expect(svg.locator("title").first).to_have_text("Funnel of Standard sale")
    expect(svg.locator("polygon.funnel-step")).to_have_count(len(steps))
    expect(page.locator("#funnel-table tbody tr")).to_have_count(len(steps))
    assert steps[0]["reached"] >= 2 and steps[1]["conversionPercent"] is not None
    expect(svg.locator("text.funnel-count").first).to_have_text(str(steps[0]["reached"]))
    expect(svg.locator("text.funnel-conversion").nth(1)).to_have_text(
        f"{steps[1]['reached']} reached · {steps[1]['conversionPercent']} % of the stage before")
    expect(svg.locator("text.funnel-lost").first).to_have_text(f"{steps[0]['lost']} lost in this stage · {steps[0]['open']} open")
    expect(svg.locator("desc")).to_contain_text(f"{steps[1]['stageName']}: {steps[1]['reached']} reached, {steps[1]['conversionPercent']} %")
    expect(page.locator("#funnel-lost")).to_have_text(str(funnel["lost"]))
    expect(page.locator("#funnel-won")).to_contain_text(str(funnel["won"]))

    # the pipeline's CSV download holds the same rows as the page
    with page.expect_download() as download:
        page.locator("#pipeline").get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "pipeline-by-owner.csv"
    with open(download.value.path(), encoding="utf-8", newline="") as file:
        rows = list(csv.reader(io.StringIO(file.read())))
    assert rows[0] == ["owner", "currency", "count", "total", "weightedTotal"]
    first = owners[0]
    assert rows[1] == [first["label"], first["currency"], str(first["count"]), first["total"], first["weightedTotal"]]
    # and the funnel's
    with page.expect_download() as download:
        page.locator("#funnel").get_by_role("link", name="Download CSV").click()
    with open(download.value.path(), encoding="utf-8", newline="") as file:
        rows = list(csv.reader(io.StringIO(file.read())))
    assert rows[0] == ["stage", "reached", "conversionPercent", "open", "lost", "won", "reachedValue"]
    assert rows[1][:2] == [steps[0]["stageName"], str(steps[0]["reached"])]


def test_a_read_only_user_sees_the_reports_of_what_they_may_see(browser, server):
    token = admin_token(server)
    email = f"reader-{uuid.uuid4().hex[:6]}@browser.furrow.test"
    api(server, "POST", "/users", {"email": email, "name": "Reggie Reader", "password": "reader-pass-2026", "role": "readonly"}, token)
    context = browser.new_context(base_url=server)
    reader = context.new_page()
    try:
        sign_in(reader, email, "reader-pass-2026")
        expect(reader).to_have_url(re.compile(r"/home$"))
        reader.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
        expect(reader.locator("h1")).to_have_text("Reports")
        expected = api_rows(reader, "/reports/pipeline?groupBy=status")["items"]
        reader.get_by_label("Group by").select_option("status")
        reader.locator("#pipeline").get_by_role("button", name="Show").click()
        expect(reader.locator("#pipeline-scope")).to_contain_text("All opportunities, open and closed")
        assert [row[0] for row in table_rows(reader, "#pipeline-table")] == [row["label"] for row in expected]
        expect(reader.locator("#funnel-chart svg[role=img]")).to_be_visible()
    finally:
        context.close()
