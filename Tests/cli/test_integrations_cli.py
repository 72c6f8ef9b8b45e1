"""`furrow export` and `furrow tokens` as an operator runs them, on the demo company."""
import csv
import io
import json
import urllib.error
import urllib.request

from test_cli import furrow


def test_export_writes_every_matching_row_as_the_api_does(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    furrow("demo", "--database", db)
    # every account of the demo, to standard output
    out = furrow("export", "accounts", "--database", db).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) >= 5 and {"id", "name", "ownerName"} <= set(rows[0].keys())
    # a filter, to a file
    target = tmp_path / "won.csv"
    furrow("export", "opportunities", "--filter", "status=won", "--output", str(target), "--database", db)
    won = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert won and all(row["status"] == "won" for row in won)
    # unknown types and filters are refused with a reason
    bad = furrow("export", "spaceships", "--database", db, check=False)
    assert bad.returncode != 0 and "one of accounts, contacts" in bad.stderr
    bad_filter = furrow("export", "leads", "--filter", "shoeSize=9", "--database", db, check=False)
    assert bad_filter.returncode != 0 and "shoeSize" in bad_filter.stderr


def test_tokens_are_made_listed_and_revoked(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    furrow("demo", "--database", db)
    made = furrow("tokens", "create", "--name", "Mail server", "--scopes", "inbound-email", "--database", db)
    secret = made.stdout.strip()
    assert secret.startswith("furrow_") and "\n" not in secret and "not shown again" in made.stderr
    listed = furrow("tokens", "list", "--database", db).stdout
    assert "Mail server" in listed and "inbound-email" in listed and "active" in listed and secret not in listed
    token_id = listed.split("\t")[0]
    assert "Revoked" in furrow("tokens", "revoke", token_id, "--database", db).stdout
    assert "revoked" in furrow("tokens", "list", "--database", db).stdout
    refused = furrow("tokens", "create", "--name", "x", "--scopes", "everything", "--database", db, check=False)
    assert refused.returncode != 0 and "scopes[0]" in refused.stderr


def test_import_accounts_maps_columns_by_their_titles_and_stores_all_or_none(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    furrow("demo", "--database", db)
    good = tmp_path / "accounts.csv"
    # Windows-1252, semicolons, as a spreadsheet saves them; a parent by name, an owner by email
    good.write_bytes("Firma;E-Mail;Branche;Parent;Owner\r\nMühlental Agrar;info@muehlental.example;Agriculture;Greenway Farms;sam@demo.furrow.test\r\n"
                     "Seeblick Hof;hof@seeblick.example;Dairy;;\r\n".encode("cp1252"))
    dry = furrow("import", "accounts", str(good), "--map", "Firma=name", "--map", "Branche=industry", "--dry-run", "--no-progress", "--database", db)
    assert "Windows-1252, ;-separated, 5 columns" in dry.stderr and "Dry run: 2 created" in dry.stdout
    done = furrow("import", "accounts", str(good), "--map", "Firma=name", "--map", "Branche=industry", "--no-progress", "--database", db)
    assert "Imported: 2 created, 0 updated, 0 skipped." in done.stdout
    exported = list(csv.DictReader(io.StringIO(furrow("export", "accounts", "--filter", "industry=Dairy", "--database", db).stdout)))
    assert "Seeblick Hof" in [row["name"] for row in exported]
    again = furrow("import", "accounts", str(good), "--map", "Firma=name", "--map", "Branche=industry", "--no-progress", "--database", db)
    assert "0 created, 0 updated, 2 skipped" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Owner\nFine Ltd,\n,\nGhost Ltd,nobody@example.com\n", encoding="utf-8")
    refused = furrow("import", "accounts", str(bad), "--no-progress", "--database", db, check=False)
    assert refused.returncode == 65
    assert "line 4: ownerEmail" in refused.stdout and "Nothing imported: 1 bad row" in refused.stdout, refused.stdout


def test_leads_products_and_opportunities_import_with_their_references_and_a_saved_mapping(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    furrow("demo", "--database", db)
    # leads from a fair's scanner, with the mapping the demo saved for it
    fair = tmp_path / "fair.csv"
    fair.write_text("Firma;Vorname;Nachname;E-Mail;Telefon;Interesse;Budget\n"
                    "Hof Kramer;Lea;Kramer;lea@hof-kramer.example;;Feed robot;45.000,00\n", encoding="utf-8")
    leads = furrow("import", "leads", str(fair), "--mapping", "Fair scanner export", "--no-progress", "--database", db)
    assert "Imported: 1 created" in leads.stdout, leads.stdout + leads.stderr
    exported = list(csv.DictReader(io.StringIO(furrow("export", "leads", "--filter", "q=Kramer", "--database", db).stdout)))
    assert [row["topic"] for row in exported] == ["Feed robot"] and exported[0]["estimatedValue"] == "45000.00", exported
    # a product priced on a price list by name, saved as a mapping of its own
    products = tmp_path / "products.csv"
    products.write_text("SKU,Product,Price list,Price\nHRV-2,Hoof trimmer HRV-2,UK list 2026,\"1,180.00\"\n", encoding="utf-8")
    done = furrow("import", "products", str(products), "--save-mapping", "Supplier list", "--no-progress", "--database", db)
    assert "Imported: 1 created" in done.stdout, done.stdout + done.stderr
    # opportunities: the second row adds a line; the stage is walked to, the gate of Develop holds for the other
    deals = tmp_path / "deals.csv"
    deals.write_text("Opportunity,Account,Kind,Stage,Price list,SKU,Qty\n"
                     "Hoof care 2027,Greenway Farms,Quote-driven,In Negotiation,UK list 2026,HRV-2,2\n"
                     ",,,,,HRV-2,1\n", encoding="utf-8")
    made = furrow("import", "opportunities", str(deals), "--no-progress", "--database", db)
    assert "Imported: 2 created" in made.stdout, made.stdout + made.stderr
    rows = list(csv.DictReader(io.StringIO(furrow("export", "opportunities", "--filter", "q=Hoof care 2027", "--database", db).stdout)))
    assert len(rows) == 1 and rows[0]["stageName"] == "In Negotiation" and rows[0]["estimatedRevenue"] == "3540.00", rows
    gated = tmp_path / "gated.csv"
    gated.write_text("Name,Account,Kind,Stage\nBarn roof,Greenway Farms,Standard sale,Close\n", encoding="utf-8")
    refused = furrow("import", "opportunities", str(gated), "--no-progress", "--database", db, check=False)
    assert refused.returncode == 65 and "line 2: stageName cannot enter Develop on the way to Close" in refused.stdout, refused.stdout
    # an unknown saved mapping is named
    unknown = furrow("import", "leads", str(fair), "--mapping", "Nope", "--no-progress", "--database", db, check=False)
    assert unknown.returncode != 0 and "no leads mapping is saved as Nope" in unknown.stderr


def test_a_hundred_thousand_accounts_import_in_one_go_with_progress(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    furrow("demo", "--database", db)
    big = tmp_path / "farms.csv"
    with open(big, "w", encoding="utf-8") as out:
        out.write("Company,Email,Phone,Website,Industry\n")
        for i in range(100_000):
            out.write(f"Farm {i:06d},office{i}@farm{i}.example,+44 20 {i:07d},farm{i}.example,Dairy\n")
    # without a terminal the progress bar is a line at every tenth of the rows
    done = furrow("import", "accounts", str(big), "--database", db, timeout=900)
    assert "Imported: 100000 created, 0 updated, 0 skipped." in done.stdout, done.stdout + done.stderr[-2000:]
    assert "100% 100000 rows" in done.stderr and "50% " in done.stderr, done.stderr[-2000:]
    counted = furrow("export", "accounts", "--filter", "industry=Dairy", "--database", db).stdout.count("\n")
    assert counted >= 100_001
