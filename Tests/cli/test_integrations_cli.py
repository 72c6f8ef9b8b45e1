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
