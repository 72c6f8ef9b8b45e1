"""`furrow import contacts` and `furrow report`, run as a user would: a good file is stored, a bad
one lists its lines and stores nothing (exit 65), a dry run stores nothing, progress goes to
standard error a tenth at a time; the reports print the demo's pipeline and funnel as tables."""
import re
import sqlite3

import pytest

from test_cli import furrow

PROGRESS = re.compile(r"^(\d+)% (\d+) rows \d+ rows/s$")


def contacts(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT first_name, last_name, email, title, owner_id FROM contacts ORDER BY last_name").fetchall()


def user_id(db, email):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()[0]


def progress(stderr):
    """The progress lines of standard error as (percent, rows), leaving out the log."""
    return [(int(m.group(1)), int(m.group(2))) for m in map(PROGRESS.match, stderr.splitlines()) if m]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "import.sqlite")
    furrow("users", "create", "--admin", "--email", "boss@example.com", "--password", "long-password", "--name", "Boss", "--database", path)
    furrow("users", "create", "--email", "seller@example.com", "--password", "long-password", "--name", "Sid Seller",
           "--role", "sales", "--database", path)
    return path


def write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


GOOD = ["lastName,firstName,email,title",
        "Lovelace,Ada,ada@example.com,Analyst",
        'Hopper,Grace,grace@example.com,"Director, fleet systems"',
        "Turing,Alan,,"]


def test_a_good_file_is_imported_for_the_chosen_owner(db, tmp_path):
    # given
    good = write(tmp_path, "good.csv", GOOD)
    # when
    result = furrow("import", "contacts", good, "--owner", "seller@example.com", "--database", db)
    # then
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1] == "Imported 3 contacts."
    seller = user_id(db, "seller@example.com")
    assert contacts(db) == [("Grace", "Hopper", "grace@example.com", "Director, fleet systems", seller),
                            ("Ada", "Lovelace", "ada@example.com", "Analyst", seller),
                            ("Alan", "Turing", None, None, seller)]
    # not a terminal: a progress line per tenth reached, here the whole small file at once
    assert progress(result.stderr)[-1] == (100, 3)  # checked, then written


def test_a_bad_file_lists_every_bad_line_and_stores_nothing(db, tmp_path):
    # given: three contacts stored, then a file with good and bad rows
    furrow("import", "contacts", write(tmp_path, "good.csv", GOOD), "--database", db)
    bad = write(tmp_path, "bad.csv", [
        "firstName,lastName,email,accountId",
        "Ann,,ann@example.com,",
        "Ben,Okay,ben@example.com,",
        "Cy,Mail,not-an-email,",
        "Dee,Short",
        "Eve,Account,eve@example.com,not-a-uuid",
        "Ada,Lovelace,ada@example.com,",
    ])
    # when
    result = furrow("import", "contacts", bad, "--database", db, check=False)
    # then
    assert result.returncode == 65
    assert result.stdout.splitlines() == [
        "line 2: lastName is required",
        "line 4: email is not a valid email address",
        "line 5: row has 2 fields; the header has 4",
        "line 6: accountId is not a UUID",
        "line 7: row looks like a duplicate of Ada Lovelace (email, name)",
        "Nothing imported: 5 errors on 5 of 6 rows.",
    ]
    assert [row[1] for row in contacts(db)] == ["Hopper", "Lovelace", "Turing"]
    # the same file, duplicates allowed: the other errors still stop it
    again = furrow("import", "contacts", bad, "--allow-duplicates", "--database", db, check=False)
    assert again.returncode == 65 and "line 7" not in again.stdout and "Nothing imported: 4 errors on 4 of 6 rows." in again.stdout
    assert len(contacts(db)) == 3


def test_a_dry_run_checks_and_stores_nothing(db, tmp_path):
    good = write(tmp_path, "good.csv", GOOD)
    result = furrow("import", "contacts", good, "--dry-run", "--database", db)
    assert result.stdout.strip() == "Dry run: all 3 rows are good; nothing stored."
    assert contacts(db) == []
    bad = write(tmp_path, "bad.csv", ["lastName,nickname", "Smith,Smithy"])
    refused = furrow("import", "contacts", bad, "--dry-run", "--database", db, check=False)
    assert refused.returncode == 65
    lines = refused.stdout.splitlines()
    assert lines[0] == "line 1: nickname is not a contact column; use firstName, lastName, email, phone, mobile, title, accountId"
    assert lines[1] == "Nothing imported: 1 error in the header." and len(lines) == 2
    assert contacts(db) == []


def test_progress_reaches_100_percent_a_tenth_at_a_time(db, tmp_path):
    # given: a file of some 900 kB, read 64 kB at a time, so every tenth is passed
    count = 7000
    title = "Purchasing " + "x" * 80
    big = write(tmp_path, "big.csv", ["firstName,lastName,email,title"]
                + [f"Person{i},Surname{i:05d},p{i}@bulk.example.com,{title}" for i in range(count)])
    # when
    result = furrow("import", "contacts", big, "--dry-run", "--database", db)
    # then
    assert result.stdout.strip() == f"Dry run: all {count} rows are good; nothing stored."
    seen = progress(result.stderr)
    assert [percent for percent, _ in seen] == list(range(0, 101, 10)), result.stderr
    rows = [rows for _, rows in seen]
    assert rows == sorted(rows) and rows[-1] == count
    quiet = furrow("import", "contacts", big, "--dry-run", "--no-progress", "--database", db)
    assert progress(quiet.stderr) == []


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    furrow("demo", "--database", path)
    return path


def table(stdout):
    """Rows of a printed table, cells split at runs of two or more spaces."""
    return [re.split(r"\s{2,}", line.strip()) for line in stdout.splitlines() if line.strip()]


def expected_pipeline(db, label, where):
    """(label, count, total, currency) per group, from the database itself."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            f"SELECT {label}, COUNT(*), SUM(COALESCE(o.estimated_revenue_minor, 0)), o.currency FROM opportunities o "
            f"LEFT JOIN stages s ON s.id = o.stage_id JOIN users u ON u.id = o.owner_id WHERE {where} GROUP BY 1, 4").fetchall()
    return sorted((name, str(n), f"{total / 100:.2f}", currency) for name, n, total, currency in rows)


@pytest.mark.parametrize("group_by, heading, label, where", [
    ("stage", "Stage", "s.name", "o.status = 'inProgress'"),
    ("owner", "Owner", "u.name", "o.status = 'inProgress'"),
])
def test_the_pipeline_report_prints_open_opportunities_by_group(demo, group_by, heading, label, where):
    out = furrow("report", "pipeline", "--group-by", group_by, "--database", demo).stdout
    rows = table(out)
    assert rows[0] == [heading, "Count", "Total", "Weighted", "Currency"]
    printed = sorted((row[0], row[1], row[2], row[4]) for row in rows[1:])
    assert printed == expected_pipeline(demo, label, where)
    for row in rows[1:]:
        assert re.fullmatch(r"\d+\.\d\d", row[3]) and float(row[3]) <= float(row[2])


def test_the_pipeline_by_status_counts_every_opportunity(demo):
    rows = table(furrow("report", "pipeline", "--group-by", "status", "--database", demo).stdout)
    assert rows[0] == ["Status", "Count", "Total", "Weighted", "Currency"]
    with sqlite3.connect(demo) as conn:
        counts = dict(conn.execute("SELECT status, COUNT(*) FROM opportunities GROUP BY status").fetchall())
    names = {"inProgress": "In progress", "won": "Won", "lost": "Lost"}
    assert sorted((row[0], row[1]) for row in rows[1:]) == sorted((names[s], str(n)) for s, n in counts.items())
    lost = next(row for row in rows[1:] if row[0] == "Lost")
    assert lost[3] == "0.00"


def test_the_default_grouping_is_by_stage(demo):
    assert furrow("report", "pipeline", "--database", demo).stdout == \
        furrow("report", "pipeline", "--group-by", "stage", "--database", demo).stdout


def test_the_funnel_lists_the_stages_of_the_first_kind_in_order(demo):
    out = furrow("report", "funnel", "--database", demo).stdout
    lines = out.splitlines()
    with sqlite3.connect(demo) as conn:
        kind, stage_ids = conn.execute(
            "SELECT name, stage_ids FROM opportunity_kinds WHERE type <> 'none' ORDER BY position LIMIT 1").fetchone()
        names = dict(conn.execute("SELECT id, name FROM stages").fetchall())
    stages = [names[i] for i in re.findall(r"[0-9a-f-]{36}", stage_ids)]
    assert lines[0] == kind == "Standard sale"
    assert re.split(r"\s{2,}", lines[1].strip()) == ["Stage", "Reached", "Conversion", "Open", "Lost", "Won"]
    steps = [re.match(r"^(.+?)\s{2,}(\d+)\s", line) for line in lines[2:2 + len(stages)]]
    assert [step.group(1) for step in steps] == stages
    assert int(steps[0].group(2)) > 0
    assert re.search(r"\d+\.\d%", lines[3])  # the second stage's conversion from the first
    assert re.fullmatch(r"Won \d+, lost \d+\.", lines[-1])
    # another kind by name, whatever its case
    other = furrow("report", "funnel", "--kind", "quote-driven", "--database", demo).stdout
    assert other.splitlines()[0] == "Quote-driven"


def test_report_options_out_of_range_fail_with_a_clear_message(demo):
    result = furrow("report", "pipeline", "--group-by", "nonsense", "--database", demo, check=False)
    assert result.returncode == 64
    assert "--group-by must be stage, status or owner" in result.stderr
    assert result.stdout == ""
    unknown = furrow("report", "funnel", "--kind", "No such kind", "--database", demo, check=False)
    assert unknown.returncode != 0 and "no opportunity kind with stages is named No such kind" in unknown.stderr
