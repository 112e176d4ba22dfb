"""The fixtures against the plan document, and the loaded database against the fixtures."""

import re

import pytest
from django.core.management import call_command

from indicators.models import (
    Bureau,
    Footnote,
    Indicator,
    NoteKind,
    Plan,
    YearlyValue,
)
from indicators.services import plans_load
from tests.conftest import FIXTURES, SEED, SPAM_AND_BOILERPLATE, read_fixture

NATURE_LABELS = {"binding": "约束性", "expected": "预期性"}
SPAM = re.compile(r"大佬们都在玩\{[^}]*\}值得信任的品牌平台!")


def _table_tokens(start_marker: str) -> list[str]:
    """The cells of one table of the scraped document: one non-empty line each."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(start_marker))
    end = next(i for i in range(start, len(lines)) if lines[i] == "备注:")
    return [SPAM.sub("", line) for line in lines[start + 1 : end] if line]


def _document_rows(start_marker: str, fixture: dict) -> dict[int, list[str]]:
    """Each indicator's cells in the document, from its 序号 up to the next row."""
    tokens = _table_tokens(start_marker)
    rows = fixture["indicators"]
    categories = {row["category"] for row in rows}
    starts = []
    for row in rows:
        index = next(
            i
            for i in range(len(tokens) - 1)
            if tokens[i] == str(row["number"]) and tokens[i + 1] == row["name"]
        )
        starts.append(index)
    result = {}
    for position, row in enumerate(rows):
        end = starts[position + 1] if position + 1 < len(rows) else len(tokens)
        cells = tokens[starts[position] : end]
        while cells and cells[-1] in categories:
            cells.pop()
        result[row["number"]] = cells
    return result


def _align(document_cells: list[str], fixture_cells: list[str]) -> None:
    """Every fixture cell is one document cell, or consecutive ones that the
    scraper split over lines; all document cells are used, in order."""
    remaining = list(document_cells)
    for cell in fixture_cells:
        joined = ""
        while remaining and len(joined) < len(cell):
            joined += remaining.pop(0)
        assert joined == cell, f"fixture cell {cell!r} does not match the document ({joined!r})"
    assert not remaining, f"document cells left over: {remaining}"


def _table1_sequence(row: dict) -> list[str]:
    cells = [
        str(row["number"]),
        row["name"],
        row["target"],
        row.get("target_growth", ""),
        row["baseline"],
    ]
    for year in row["values"]:
        cells += [year.get("companion", ""), year.get("value", ""), year.get("growth", "")]
    cells += [row["official_assessment"], *row["bureaus"]]
    return [cell for cell in cells if cell != ""]


def _table2_sequence(row: dict) -> list[str]:
    cells = [
        str(row["number"]),
        row["name"],
        row["unit"],
        row["baseline"],
        row["target"],
        row["target_growth"],
        NATURE_LABELS[row["nature"]],
        *row["bureaus"],
    ]
    return [cell for cell in cells if cell != ""]


PLAN13 = read_fixture("plan13.toml")
PLAN14 = read_fixture("plan14.toml")
ROWS13 = _document_rows("表1:", PLAN13)
ROWS14 = _document_rows("表2:", PLAN14)
COMPLETE_ROWS13 = range(1, 12)


@pytest.mark.parametrize("row", PLAN13["indicators"], ids=lambda row: f"t1-{row['number']}")
def test_table1_row_matches_the_document_cell_by_cell(row):
    _align(ROWS13[row["number"]], _table1_sequence(row))


@pytest.mark.parametrize("number", COMPLETE_ROWS13)
def test_table1_complete_rows_have_all_17_cells_in_their_columns(number):
    row = next(r for r in PLAN13["indicators"] if r["number"] == number)
    document = ROWS13[number]
    assert len(document) == 17
    assert document[2:5] == [row["target"], row["target_growth"], row["baseline"]]
    printed_years = [(v["value"], v["growth"]) for v in row["values"]]
    assert printed_years == list(zip(document[5:15:2], document[6:15:2], strict=True))
    assert document[15] == row["official_assessment"]


@pytest.mark.parametrize("row", PLAN14["indicators"], ids=lambda row: f"t2-{row['number']}")
def test_table2_row_matches_the_document_cell_by_cell(row):
    _align(ROWS14[row["number"]], _table2_sequence(row))


def test_the_fixtures_hold_every_indicator_and_footnote():
    assert [row["number"] for row in PLAN13["indicators"]] == list(range(1, 26))
    assert [row["number"] for row in PLAN14["indicators"]] == list(range(1, 19))
    assert [note["number"] for note in PLAN13["footnotes"]] == list(range(1, 7))
    assert [note["number"] for note in PLAN14["footnotes"]] == list(range(1, 4))
    assert all(len(row["values"]) == 5 for row in PLAN13["indicators"])


def test_every_footnote_is_printed_in_the_document():
    document = SEED.read_text(encoding="utf-8")
    for plan in (PLAN13, PLAN14):
        for note in plan["footnotes"]:
            assert f"{note['number']}、{note['text']}" in document


# Rows whose cells the scraper lost or broke; each must say how it was read.
ROWS_READ_WITH_A_NOTE = {"13th": range(12, 26), "14th": [1, 7, 8, 12]}


@pytest.mark.parametrize(
    ("code", "number"), [(code, n) for code, rows in ROWS_READ_WITH_A_NOTE.items() for n in rows]
)
def test_rows_with_lost_or_broken_cells_carry_a_reading_note(plan13, code, number):
    indicator = Indicator.objects.get(plan__code=code, number=number)
    kinds = set(indicator.notes.values_list("kind", flat=True))
    assert NoteKind.READING in kinds


# The .xlsx plan files are checked in test_planfile_fixtures.py.
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.toml")), ids=lambda p: p.name)
def test_no_spam_or_boilerplate_in_the_fixtures(path):
    text = path.read_text(encoding="utf-8")
    for phrase in SPAM_AND_BOILERPLATE:
        assert phrase not in text


def test_no_spam_or_boilerplate_in_the_loaded_database(plans, tmp_path):
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "indicators", output=str(dump))
    text = dump.read_text(encoding="utf-8").encode().decode("unicode_escape")
    for phrase in SPAM_AND_BOILERPLATE:
        assert phrase not in text


def test_loading_both_plans(plans):
    assert Plan.objects.count() == 2
    assert Indicator.objects.filter(plan__code="13th").count() == 25
    assert Indicator.objects.main().filter(plan__code="14th").count() == 18
    assert YearlyValue.objects.filter(indicator__plan__code="13th").count() == 125
    assert not YearlyValue.objects.filter(indicator__plan__code="14th").exists()
    assert Footnote.objects.count() == 9


def test_loading_twice_changes_nothing(empty_db, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    plans_load()
    call_command("dumpdata", "indicators", output=str(first))
    report = plans_load()
    call_command("dumpdata", "indicators", output=str(second))
    assert report.created == [] and report.skipped == ["13th", "14th"]
    assert first.read_text() == second.read_text()


def test_loading_keeps_what_a_planning_admin_edited(plans):
    indicator = Indicator.objects.get(plan__code="14th", number=18)
    indicator.target = ">10.6"
    indicator.save()
    plans_load()
    indicator.refresh_from_db()
    assert indicator.target.text == ">10.6"


def test_former_bureau_names_are_aliases_and_stay_printed(plans):
    pension = Bureau.objects.get(name="区社保处")
    environment = Bureau.objects.get(name="区生态环境局")
    assert list(pension.aliases.values_list("name", flat=True)) == ["洪山社保处"]
    assert list(environment.aliases.values_list("name", flat=True)) == ["洪山生态环境分局"]
    old = Indicator.objects.get(plan__code="13th", number=23).indicator_bureaus.get()
    assert (old.bureau, old.printed_name) == (pension, "洪山社保处")
    new = Indicator.objects.get(plan__code="14th", number=11).indicator_bureaus.get()
    assert (new.bureau, new.printed_name) == (pension, "区社保处")


def test_lead_and_co_responsible_bureaus_keep_their_order(plans):
    links = Indicator.objects.get(plan__code="13th", number=13).bureau_links
    assert [(link.printed_name, link.role) for link in links] == [
        ("区文旅局", "lead"),
        ("区经济开发区", "co"),
    ]


@pytest.mark.parametrize(("number", "predecessor"), [(1, 1), (4, 15), (7, 25), (8, 20), (11, 23)])
def test_continuing_indicators_link_to_the_13th_plan(plans, number, predecessor):
    indicator = Indicator.objects.get(plan__code="14th", number=number)
    assert indicator.predecessor == Indicator.objects.get(plan__code="13th", number=predecessor)


def test_definition_changes_start_in_the_footnoted_year(plans):
    breaks = {
        footnote.indicators.get().number: footnote.break_year
        for footnote in Footnote.objects.filter(plan__code="13th", break_year__isnull=False)
    }
    assert breaks == {7: 2019, 10: 2018, 12: 2019, 13: 2019, 14: 2019}


def test_both_gdp_figures_for_2020_are_kept_as_published(plans):
    table1 = Indicator.objects.get(plan__code="13th", number=1).values.get(year=2020)
    table2 = Indicator.objects.get(plan__code="14th", number=1)
    assert table1.value.text == "1036"
    assert table2.baseline.text == "1080"
