"""The one parser of printed and typed figures, cell by cell and on IME input."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.notation import Comparator, NotationError, Qualitative, normalize, parse
from tests.conftest import read_fixture


def _fixture_cells():
    """Every figure cell of both tables, as transcribed in the fixtures."""
    for name in ("plan13.toml", "plan14.toml"):
        for row in read_fixture(name)["indicators"]:
            for key in ("baseline", "target", "target_growth"):
                yield f"{name}:{row['number']}:{key}", row.get(key, "")
            for cells in row.get("values", []):
                for key in ("value", "growth", "companion"):
                    yield f"{name}:{row['number']}:{cells['year']}:{key}", cells.get(key, "")


FIXTURE_CELLS = list(_fixture_cells())


@pytest.mark.parametrize(("where", "text"), FIXTURE_CELLS, ids=[w for w, _ in FIXTURE_CELLS])
def test_every_cell_of_both_tables_is_read_and_keeps_its_text(where, text):
    figure = parse(text)
    assert figure.text == text
    assert figure.meaning  # a reading to show beside the printed text


def test_the_fixtures_cover_both_tables_cell_by_cell():
    # 25 + 18 indicators × 3 head cells, plus 25 × 5 years × 3 cells of table 1.
    assert len(FIXTURE_CELLS) == (25 + 18) * 3 + 25 * 5 * 3


@pytest.mark.parametrize(
    ("text", "value", "comparator", "percent"),
    [
        ("1145", "1145", Comparator.EXACT, False),
        ("57.5", "57.5", Comparator.EXACT, False),
        ("45.13%", "45.13", Comparator.EXACT, True),
        ("-2.2", "-2.2", Comparator.EXACT, False),
        ("-9.67%", "-9.67", Comparator.EXACT, True),
        (">1145", "1145", Comparator.ABOVE, False),
        (">9%", "9", Comparator.ABOVE, True),
        (">10.50", "10.50", Comparator.ABOVE, False),
        ("<6", "6", Comparator.BELOW, False),
        ("<3.8%", "3.8", Comparator.BELOW, True),
        ("7左右", "7", Comparator.ABOUT, False),
        ("约7", "7", Comparator.ABOUT, False),
        ("9%以上", "9", Comparator.ABOVE, True),
        ("3.5%以内", "3.5", Comparator.BELOW, True),
        ("不低于98%", "98", Comparator.ABOVE, True),
        ("≥10", "10", Comparator.ABOVE, False),
        # Full-width and IME forms
        ("＞１１４５", "1145", Comparator.ABOVE, False),
        ("７左右", "7", Comparator.ABOUT, False),
        ("１，２３４．５", "1234.5", Comparator.EXACT, False),
        ("45.13％", "45.13", Comparator.EXACT, True),
        ("１２％", "12", Comparator.EXACT, True),
        ("＜６", "6", Comparator.BELOW, False),
        ("−2.2", "-2.2", Comparator.EXACT, False),
        # Stray spaces, ASCII and ideographic
        ("  1145 ", "1145", Comparator.EXACT, False),
        ("> 1145", "1145", Comparator.ABOVE, False),
        ("7 左右", "7", Comparator.ABOUT, False),
        ("1\u3000234", "1234", Comparator.EXACT, False),
        ("1,234.5", "1234.5", Comparator.EXACT, False),
    ],
)
def test_numbers_and_comparators(text, value, comparator, percent):
    figure = parse(text)
    assert figure.value == Decimal(value)
    assert figure.comparator is comparator
    assert figure.percent is percent
    assert figure.cumulative is False


@pytest.mark.parametrize(
    ("text", "value"), [("[0.39]", "0.39"), ("【5】", "5"), ("［6.4］", "6.4")]
)
def test_brackets_mark_a_five_year_cumulative_change(text, value):
    figure = parse(text)
    assert figure.cumulative is True
    assert figure.value == Decimal(value)
    assert figure.meaning.startswith("五年累计")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("10-15", "10", "15"), ("10～15", "10", "15"), ("10至15所", None, None)],
)
def test_ranges(text, low, high):
    if low is None:
        with pytest.raises(NotationError):
            parse(text)
        return
    figure = parse(text)
    assert figure.comparator is Comparator.RANGE
    assert (figure.value, figure.upper) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize(
    ("text", "qualitative"),
    [
        ("全覆盖", Qualitative.FULL_COVERAGE),
        ("与经济增长同步", Qualitative.IN_STEP_WITH_GDP),
        ("与经济增长基本同步", Qualitative.IN_STEP_WITH_GDP),
        ("与经济增长保持同步", Qualitative.IN_STEP_WITH_GDP),
        ("保持同步", Qualitative.IN_STEP_WITH_GDP),
        ("完成市下达目标", Qualitative.CITY_TARGET),
        ("完成市下达的目标任务", Qualitative.CITY_TARGET),
        ("完成市下达的目标", Qualitative.CITY_TARGET),
    ],
)
def test_qualitative_phrases(text, qualitative):
    figure = parse(text)
    assert figure.qualitative is qualitative
    assert figure.value is None


@pytest.mark.parametrize("text", ["-", "--", "—", "－"])
def test_a_printed_dash_is_no_figure(text):
    figure = parse(text)
    assert figure.is_dash and not figure.is_number and not figure.is_blank


def test_a_blank_cell_is_blank():
    assert parse("").is_blank
    assert parse("   ").is_blank


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("abc", "不是数字"),
        ("十二", "不是数字"),
        ("12亿元", "单位请不要写在数值里"),
        ("1,2345", "千分位逗号"),
        ("1.2.3", "多个小数点"),
        ("3%、4%", "多个数值"),
        ("[0.39", "括号不成对"),
        ("[]", "括号里没有数字"),
        ("15-10", "下限大于上限"),
        (">7左右", "两种相反的比较关系"),
        ("12%%", "百分号重复"),
        (">10-15", "是一个区间"),
    ],
)
def test_unreadable_text_says_why(text, why):
    with pytest.raises(NotationError) as error:
        parse(text)
    assert why in str(error.value)
    assert text.strip() in str(error.value)


def test_normalize_folds_full_width_forms():
    assert normalize("＞１，２３４．５％") == ">1,234.5%"


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False))
def test_any_plain_number_reads_back_to_itself(number):
    text = format(number, "f")
    assert parse(text).value == number
    assert parse(text + "%").percent is True
