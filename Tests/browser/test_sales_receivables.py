"""Journeys through receivables and bank reconciliation: the ageing chart and open invoices, a
bank statement whose line names an invoice and pays it on reconciling, matching by hand, CSV
profiles and a CAMT.053 file."""
import re

from playwright.sync_api import expect

from ledger_steps import days_ago, issued_invoice
from pipeline_steps import unique
from sales_steps import admin_token, today


def test_receivables_show_the_ageing_chart_and_open_invoices(admin, server):
    page = admin
    token = admin_token(server)
    # issued 45 days ago with 30 days' terms: 15 days past due
    account, invoice_url, number = issued_invoice(page, server, token, "Orchard Lane", "875", issue_date=days_ago(45))
    page.locator(".topbar nav").get_by_role("link", name="Receivables").click()
    chart = page.locator("#ageing-eur svg")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_contain_text("Receivables in EUR by age")
    expect(chart.locator("text.bar-label")).to_have_count(5)
    expect(chart.locator("text.bar-label").nth(1)).to_have_text("1–30 days")
    row = page.locator("#receivables-EUR tr.account-row", has_text=account["name"])
    expect(row).to_contain_text("875.00 EUR")
    items = page.locator("#receivables-EUR tr.items-row").filter(has_text=number)
    items.get_by_text("1 open invoice").click()
    expect(items).to_contain_text("15 days past due")
    items.get_by_role("link", name=number).click()
    expect(page).to_have_url(invoice_url)
    # as of a day before it was issued, it is not owed yet
    page.goto(f"/receivables?asOf={days_ago(50)}")
    expect(page.locator("#as-of")).to_have_value(days_ago(50))
    expect(page.locator("tr.items-row", has_text=number)).to_have_count(0)


def test_a_bank_statement_line_naming_an_invoice_pays_it_and_another_is_matched_by_hand(admin, server):
    page = admin
    token = admin_token(server)
    account, invoice_url, number = issued_invoice(page, server, token, "Riverside Mill", "1310.40")
    # a payment recorded by hand, for the line that does not name it
    other, other_url, _ = issued_invoice(page, server, token, "Stone Barn", "271.35")
    page.get_by_role("link", name="Record payment").click()
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-status")).to_have_text("Paid")
    page.locator("#payment-rows").get_by_role("link").click()
    payment_number = page.locator("#payment-number").inner_text()
    csv = (f"date,amount,reference,counterparty\n"
           f"{today()},1310.40,\"Invoice {number}, thank you\",{account['name']}\n"
           f"{today()},271.35,Transfer 88213,{other['name']}\n"
           f"{today()},-12.00,Account fees,Bank\n")
    page.locator(".topbar nav").get_by_role("link", name="Bank").click()
    page.set_input_files("#f-file", files=[{"name": "november.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".flash")).to_contain_text("Statement imported: 3 lines")
    expect(page.locator("#statement-unmatched")).to_have_text("3")
    lines = page.locator("tr.statement-line")
    # the hand-recorded payment is offered beside its line, and matched with one click
    expect(lines.nth(1).locator(".candidates")).to_contain_text(payment_number)
    lines.nth(1).get_by_role("button", name="Match").click()
    expect(page.locator(".flash")).to_contain_text("Line matched")
    expect(lines.nth(1).locator(".line-payment")).to_contain_text(payment_number)
    # reconciling records the payment of the invoice the first line names
    page.get_by_role("button", name="Reconcile automatically").click()
    expect(page.locator(".flash")).to_contain_text("0 lines matched to recorded payments, 1 payment recorded")
    expect(page.locator("#statement-matched")).to_have_text("2")
    expect(lines.nth(0).locator(".line-payment a")).to_have_text(re.compile(r"^PAY-\d{4}-\d{5}$"))
    expect(lines.nth(2)).to_contain_text("Money paid out")
    page.goto(invoice_url)
    expect(page.locator("#invoice-status")).to_have_text("Paid")
    expect(page.locator("#payment-rows")).to_contain_text("Bank transfer")
    # a wrong match is undone; the payment stays recorded
    page.go_back()
    lines.nth(1).get_by_role("button", name="Unmatch").click()
    expect(page.locator(".flash")).to_contain_text("Line unmatched")
    expect(lines.nth(1).locator(".candidates")).to_contain_text(payment_number)
    # the list counts lines and matches; importing the same file again skips every line
    page.locator(".topbar nav").get_by_role("link", name="Bank").click()
    expect(page.locator("#statements tbody tr").first).to_contain_text("november.csv")
    page.set_input_files("#f-file", files=[{"name": "november.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".flash")).to_contain_text("3 lines were imported before and skipped")
    # an unreadable file is refused beside the form
    page.locator(".topbar nav").get_by_role("link", name="Bank").click()
    page.set_input_files("#f-file", files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": b"when,what\n2026-01-01,12\n"}])
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#upload-errors")).to_contain_text("no column")


def test_a_csv_profile_is_saved_and_offered_on_import(admin):
    page = admin
    page.goto("/bank-statements")
    page.get_by_role("link", name="CSV profiles").click()
    name = unique("Landbank")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#f-name-error")).to_be_visible()
    page.fill("#f-name", name)
    page.select_option("#f-delimiter", "semicolon")
    page.fill("#f-dateColumn", "Buchungstag")
    page.select_option("#f-dateFormat", "DD.MM.YYYY")
    page.fill("#f-amountColumn", "Betrag")
    page.check("#f-decimalComma")
    page.fill("#f-referenceColumn", "Verwendungszweck")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".flash")).to_contain_text("saved")
    expect(page.locator("#profiles")).to_contain_text(name)
    page.get_by_role("link", name="Back to statements").click()
    csv = "Buchungstag;Betrag;Verwendungszweck\n03.11.2026;1.234,50;Rechnung 4711\n"
    page.select_option("#f-profileId", label=name)
    page.set_input_files("#f-file", files=[{"name": "landbank.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".flash")).to_contain_text("1 line")
    expect(page.locator("tr.statement-line")).to_contain_text("1,234.50 EUR")
    expect(page.locator("tr.statement-line")).to_contain_text("2026-11-03")


def test_a_camt053_statement_is_read_by_its_content(admin):
    page = admin
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Ntry><Amt Ccy="EUR">88.10</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-04</Dt></BookgDt>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Meadow Co-op</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Order 55 camt</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""
    page.goto("/bank-statements")
    page.fill("#f-name", "Main account, November")
    page.set_input_files("#f-file", files=[{"name": "export.txt", "mimeType": "text/plain", "buffer": xml.encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#statement-name")).to_have_text("Main account, November")
    expect(page.locator("#details")).to_contain_text("CAMT.053")
    line = page.locator("tr.statement-line")
    expect(line).to_contain_text("88.10 EUR")
    expect(line).to_contain_text("Order 55 camt")
    expect(line).to_contain_text("Meadow Co-op")
