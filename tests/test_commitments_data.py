"""The plan's prose commitments (fixtures/commitments.toml) against the plan document.

Pure: no database. Every quote must be the plan's own words, found under the
chapter, section and subsection it is filed under, and free of the scraped page's
spam and boilerplate; every target must be a figure the notation parser reads.
"""

import re
from dataclasses import dataclass

import pytest

from indicators.notation import parse
from tests.conftest import ROOT, SEED, SPAM_AND_BOILERPLATE, read_fixture

TEXT = SEED.read_text(encoding="utf-8")
COMMITMENTS = read_fixture("commitments.toml")["commitment"]
PLAN14_NUMBERS = {row["number"] for row in read_fixture("plan14.toml")["indicators"]}


BODY_CHAPTERS = ("第三章", "第四章", "第五章", "第六章", "第七章", "第八章")
KINDS = {"level", "count", "coverage", "elimination"}
DIRECTIONS = {"increase", "decrease"}

# Heading levels of the body: 第三章 …, 第一节 …, 一、… (subsections are short lines).
_LEVELS = [
    re.compile(r"^第[一二三四五六七八九十]+章 "),
    re.compile(r"^第[一二三四五六七八九十]+节 "),
    re.compile(r"^[一二三四五六七八九十]+、.{1,30}$"),
]


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


def _body_headings() -> list[Heading]:
    """The headings of the body, after the table of contents (whose lines end in page numbers)."""
    lines = [line.strip() for line in TEXT.splitlines()]
    first_body_chapter = next(
        i for i, line in enumerate(lines) if line.startswith("第一章") and not line[-1].isdigit()
    )
    headings = []
    for number, line in enumerate(lines[first_body_chapter:], start=first_body_chapter):
        for level, pattern in enumerate(_LEVELS):
            if pattern.match(line):
                headings.append(Heading(number, level, line))
                break
    return headings


HEADINGS = _body_headings()
LINES = TEXT.splitlines()


def _span(commitment: dict) -> str:
    """The text under the commitment's own subsection (or section), found only inside
    its own chapter and section, so that a misfiled quote is not found."""
    wanted = [commitment["chapter"], commitment["section"], commitment["subsection"]]
    first, last = 0, len(HEADINGS)  # the headings to search: those inside the parent
    found = None
    for level, title in enumerate(wanted):
        if title == "":
            break
        found = next(
            index
            for index in range(first, last)
            if HEADINGS[index].level == level and HEADINGS[index].text.startswith(title)
        )
        first = found + 1
        last = next((i for i in range(first, last) if HEADINGS[i].level <= level), last)
    start = HEADINGS[found].line + 1
    end = HEADINGS[last].line if last < len(HEADINGS) else len(LINES)
    return "\n".join(LINES[start:end])


def _ids(commitments: list[dict]) -> list[str]:
    return [commitment["id"] for commitment in commitments]


by_commitment = pytest.mark.parametrize("commitment", COMMITMENTS, ids=_ids(COMMITMENTS))


def test_there_are_commitments_from_every_body_chapter_with_figures():
    chapters = {commitment["chapter"][:3] for commitment in COMMITMENTS}
    assert chapters == {"第三章", "第五章", "第六章", "第七章", "第八章"}


def test_ids_are_unique():
    ids = _ids(COMMITMENTS)
    assert len(ids) == len(set(ids))


@by_commitment
def test_quote_is_verbatim_in_the_plan(commitment):
    assert commitment["quote"] in TEXT


@by_commitment
def test_quote_is_under_its_own_chapter_section_and_subsection(commitment):
    assert commitment["quote"] in _span(commitment)


@by_commitment
def test_target_text_is_the_quotes_own_words(commitment):
    assert commitment["target_text"] in commitment["quote"]


@by_commitment
def test_no_spam_or_boilerplate(commitment):
    for field in ("quote", "target_text", "chapter", "section", "subsection", "subject"):
        for junk in SPAM_AND_BOILERPLATE:
            assert junk.lower() not in commitment[field].lower(), (field, junk)


@by_commitment
def test_headings_are_the_plans_own(commitment):
    assert commitment["chapter"].startswith(BODY_CHAPTERS)
    for field in ("chapter", "section", "subsection"):
        assert commitment[field] in TEXT
    assert commitment["section"].startswith("第") and "节 " in commitment["section"]


@by_commitment
def test_id_follows_chapter_and_section(commitment):
    chapter = BODY_CHAPTERS.index(commitment["chapter"][:3]) + 3
    section = "一二三四五六七八九".index(commitment["section"][1]) + 1
    assert re.fullmatch(rf"c{chapter}-{section}-\d\d", commitment["id"])


@by_commitment
def test_target_is_a_figure(commitment):
    figure = parse(commitment["target"])
    assert figure.is_number or figure.qualitative is not None
    if commitment["unit"] == "%":
        assert figure.percent


@by_commitment
def test_vocabulary(commitment):
    assert commitment["plan"] == "14th"
    assert commitment["kind"] in KINDS
    assert commitment["direction"] in DIRECTIONS
    assert isinstance(commitment["soft"], bool)
    assert 2021 <= commitment["target_year"] <= 2035
    if commitment["kind"] == "elimination":
        assert commitment["direction"] == "decrease"


@by_commitment
def test_soft_targets_are_the_ones_the_plan_strives_for(commitment):
    assert commitment["soft"] == ("力争" in commitment["quote"])


@by_commitment
def test_named_works_are_counted_from_their_list(commitment):
    if not commitment.get("named_works"):
        assert "works" not in commitment
        return
    assert commitment["kind"] == "count"
    assert parse(commitment["target"]).value == len(commitment["works"])


@by_commitment
def test_linked_indicator_exists_and_is_explained(commitment):
    if "indicator" not in commitment:
        assert "indicator_note" not in commitment
        return
    assert commitment["indicator"] in PLAN14_NUMBERS
    assert commitment["indicator_note"]


def test_good_air_days_is_linked_to_table_2_not_changed():
    """The body's 80% and table 2's 89.5 / 完成市下达目标 are both kept as published."""
    good_air = next(c for c in COMMITMENTS if c["subject"] == "空气质量优良天数比率")
    row = next(r for r in read_fixture("plan14.toml")["indicators"] if r["number"] == 16)
    assert good_air["indicator"] == 16
    assert (good_air["target"], row["baseline"], row["target"]) == ("80%", "89.5", "完成市下达目标")


DOC = (ROOT / "docs" / "commitments.md").read_text(encoding="utf-8")


def _exclusions() -> list[str]:
    """The 原文 cell of every row of the exclusion tables in docs/commitments.md."""
    section = DOC.split("## Exclusions", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return [cell[1] for cell in cells if cell[0] not in ("where", "---")]


EXCLUSIONS = _exclusions()


def test_docs_list_every_commitment():
    for commitment in COMMITMENTS:
        assert f"| {commitment['id']} |" in DOC


def test_docs_list_exclusions():
    assert len(EXCLUSIONS) > 100


@pytest.mark.parametrize("phrase", EXCLUSIONS)
def test_exclusion_is_quoted_verbatim_and_not_recorded(phrase):
    assert phrase in TEXT
    assert all(phrase != commitment["quote"] for commitment in COMMITMENTS)
