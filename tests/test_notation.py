"""The one parser of printed and typed figures, cell by cell and on IME input."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.notation import (
    Comparator,
    NotationError,
    Qualitative,
    clean_text,
    is_invisible,
    normalize,
    parse,
)
from indicators.vocabulary import Attainment, Direction
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
        ("9%以上", "9", Comparator.AT_LEAST, True),
        ("3.5%以内", "3.5", Comparator.AT_MOST, True),
        ("不低于98%", "98", Comparator.AT_LEAST, True),
        ("≥10", "10", Comparator.AT_LEAST, False),
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


# ---------------------------------------------------------------- issue 10


@pytest.mark.parametrize(
    ("text", "value", "marker"),
    [
        ("7.5¹", "7.5", "¹"),
        ("1145①", "1145", "①"),
        ("60.6*", "60.6", "*"),
        ("45.13%²", "45.13", "²"),
        (">1145⑳", "1145", "⑳"),
        ("7左右※", "7", "※"),
        ("12.5¹²", "12.5", "¹²"),
    ],
)
def test_a_footnote_marker_is_kept_in_the_text_and_never_merged_into_the_number(
    text, value, marker
):
    figure = parse(text)
    assert figure.value == Decimal(value)
    assert figure.marker == marker
    assert figure.text == text
    assert f"(注{marker})" in figure.meaning


@pytest.mark.parametrize("text", ["10¹5", "1①2", "*7.5", "¹"])
def test_a_marker_inside_or_alone_is_refused(text):
    with pytest.raises(NotationError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("–2.2", "负号请用减号"),
        ("‐2.2", "负号请用减号"),
        ("—2.2", "负号请用减号"),
        ("―2.2", "负号请用减号"),
        ("⁻2.2", "负号请用减号"),
        (">–2", "负号请用减号"),
        ("\u200b12.3", "看不见的字符"),
        ("12.3\ufeff", "看不见的字符"),
        ("1\u00ad2", "看不见的字符"),
        ("1\u20602", "看不见的字符"),
        ("1\x0b2", "看不见的字符"),
        ("1\x002", "看不见的字符"),
        ("12。5", "请用英文小数点"),
        ("12.5。", "请用英文小数点"),
        ("12·5", "请用英文小数点"),
    ],
)
def test_look_alike_characters_are_refused_without_showing_them(text, why):
    with pytest.raises(NotationError) as error:
        parse(text)
    message = str(error.value)
    assert why in message
    assert text not in message  # the character is described, never shown
    assert not any(is_invisible(char) or char in "–‐—―⁻·" for char in message)


def test_a_full_width_minus_is_folded():
    assert parse("－2.2").value == Decimal("-2.2")


@pytest.mark.parametrize("text", ["—", "——", "–", "-", "--"])
def test_dashes_alone_are_still_a_printed_dash(text):
    assert parse(text).is_dash


@pytest.mark.parametrize(
    ("text", "value", "comparator", "meaning"),
    [
        ("≥95", "95", Comparator.AT_LEAST, "不低于95"),
        ("≧95", "95", Comparator.AT_LEAST, "不低于95"),
        (">=95", "95", Comparator.AT_LEAST, "不低于95"),
        ("不低于95%", "95", Comparator.AT_LEAST, "不低于95%"),
        ("不少于300", "300", Comparator.AT_LEAST, "不低于300"),
        ("95%及以上", "95", Comparator.AT_LEAST, "不低于95%"),
        ("95%以上", "95", Comparator.AT_LEAST, "不低于95%"),
        ("达到95%", "95", Comparator.AT_LEAST, "不低于95%"),
        ("≤6", "6", Comparator.AT_MOST, "不高于6"),
        ("≦6", "6", Comparator.AT_MOST, "不高于6"),
        ("不超过6", "6", Comparator.AT_MOST, "不高于6"),
        ("控制在5.5%以内", "5.5", Comparator.AT_MOST, "不高于5.5%"),
        ("控制在5.5%", "5.5", Comparator.AT_MOST, "不高于5.5%"),
        ("控制在5.5%左右", "5.5", Comparator.ABOUT, "约5.5%"),
        ("6%及以下", "6", Comparator.AT_MOST, "不高于6%"),
        (">95", "95", Comparator.ABOVE, "高于95"),
        ("超过95", "95", Comparator.ABOVE, "高于95"),
        ("高于95", "95", Comparator.ABOVE, "高于95"),
        ("低于6", "6", Comparator.BELOW, "低于6"),
        ("约7", "7", Comparator.ABOUT, "约7"),
        ("約7", "7", Comparator.ABOUT, "约7"),
        ("大约7", "7", Comparator.ABOUT, "约7"),
    ],
)
def test_inclusive_and_strict_bounds_say_which_they_are(text, value, comparator, meaning):
    figure = parse(text)
    assert figure.value == Decimal(value)
    assert figure.comparator is comparator
    assert figure.meaning == meaning


@pytest.mark.parametrize(
    ("text", "value", "direction", "meaning"),
    [
        ("下降13.5%", "13.5", Direction.DECREASE, "下降13.5%"),
        ("降低13.5%", "13.5", Direction.DECREASE, "下降13.5%"),
        ("减少2", "2", Direction.DECREASE, "下降2"),
        ("增长7%", "7", Direction.INCREASE, "增长7%"),
        ("提高7%左右", "7", Direction.INCREASE, "增长约7%"),
        ("增长7%以上", "7", Direction.INCREASE, "增长不低于7%"),
    ],
)
def test_a_change_in_words_keeps_its_direction(text, value, direction, meaning):
    figure = parse(text)
    assert (figure.value, figure.direction, figure.meaning) == (Decimal(value), direction, meaning)


def test_a_direction_word_and_a_sign_together_are_refused():
    with pytest.raises(NotationError, match="不要再加正负号"):
        parse("下降-2")


def test_per_mille_keeps_its_unit():
    figure = parse("3.5‰")
    assert (figure.value, figure.per_mille, figure.percent) == (Decimal("3.5"), True, False)
    assert figure.meaning == "3.5‰"


@pytest.mark.parametrize(
    ("text", "qualitative", "attainment"),
    [
        ("完成", Qualitative.DONE, Attainment.MET),
        ("已完成", Qualitative.DONE, Attainment.MET),
        ("超额完成", Qualitative.DONE, Attainment.MET),
        ("基本完成", Qualitative.PARTLY_DONE, Attainment.PARTLY),
        ("未完成", Qualitative.NOT_DONE, Attainment.NOT_MET),
        ("没有完成", Qualitative.NOT_DONE, Attainment.NOT_MET),
        ("全覆盖", Qualitative.FULL_COVERAGE, Attainment.MET),
        ("基本覆盖", Qualitative.PARTLY_COVERED, Attainment.PARTLY),
        ("未全覆盖", Qualitative.NOT_COVERED, Attainment.NOT_MET),
        ("达标", Qualitative.MET_STANDARD, Attainment.MET),
        ("未达标", Qualitative.NOT_MET_STANDARD, Attainment.NOT_MET),
    ],
)
def test_qualitative_results_carry_whether_the_goal_was_met(text, qualitative, attainment):
    figure = parse(text)
    assert (figure.qualitative, figure.attainment) == (qualitative, attainment)


def test_clean_text_makes_headers_and_search_terms_comparable():
    assert clean_text("执业（助理）医师") == clean_text("执业(助理)医师") == "执业(助理)医师"
    assert clean_text("\u200b 增速（％）\ufeff ") == "增速(%)"
    assert clean_text("a\x0b  b") == "a b"


def test_normalize_never_merges_a_marker():
    assert normalize("7.5¹") == "7.5¹"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_the_parser_raises_nothing_but_notation_error(text):
    try:
        figure = parse(text)
    except NotationError:
        return
    assert figure.text == text.strip()
    assert parse(figure.text) == figure  # the kept text reads back to the same meaning


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *list("0123456789.,-+%‰<>≥≤[]【】 ¹①*－"),
                "左右",
                "以上",
                "以内",
                "约",
                "不低于",
                "下降",
                "全覆盖",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_figure_like_text_raises_nothing_but_notation_error(text):
    try:
        figure = parse(text)
    except NotationError:
        return
    assert parse(figure.text) == figure
    assert figure.meaning
