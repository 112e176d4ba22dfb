"""Checks of a typed yearly value: plain rules in, errors and warnings out; no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.validation import EntryRules, check_entry

LEVEL = EntryRules(
    plan_name="“十四五”规划", start_year=2021, end_year=2025, kind="level", unit="件"
)
SHARE = EntryRules(plan_name="“十四五”规划", start_year=2021, end_year=2025, kind="share", unit="%")
RATE = EntryRules(plan_name="“十四五”规划", start_year=2021, end_year=2025, kind="rate", unit="%")
PER_MILLE = EntryRules(
    plan_name="“十四五”规划", start_year=2021, end_year=2025, kind="share", unit="‰"
)
QUALITATIVE = EntryRules(
    plan_name="“十四五”规划", start_year=2021, end_year=2025, kind="qualitative", unit=""
)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("７左右", "不能写“左右”或“约”"),
        ("约7", "不能写“左右”或“约”"),
        ("＞1200", "不能带“＞”"),
        ("≥95", "不能带“＞”"),
        ("不低于95", "不能带“＞”"),
        ("95以上", "不能带“＞”"),
        ("<6", "不能带“＞”"),
        ("10-15", "不能是区间"),
        ("[5]", "不能用[ ]或【】"),
        ("1" * 20, "位数过多"),
        ("1234567890123456", "位数过多"),
        ("2000000000000", "大得不合理"),
        ("7.5¹", "注释标记"),
        ("1145①", "注释标记"),
        ("60.6*", "注释标记"),
        ("下降13.5", "带正负号的数"),
        ("增长7", "带正负号的数"),
    ],
)
def test_an_actual_value_must_be_a_measured_number(value, why):
    check = check_entry(LEVEL, 2021, value, "")
    assert why in check.errors["value"]


@pytest.mark.parametrize(
    ("growth", "why"),
    [
        (">7", "不能带“＞”"),
        ("7左右", "不能写“左右”或“约”"),
        ("下降2.2%", "如“下降2.2%”填-2.2"),
        ("1" * 70, "位数过多"),
        ("3‰", "不能带“‰”"),
        ("8.5²", "注释标记"),
    ],
)
def test_an_actual_growth_must_be_a_measured_number(growth, why):
    check = check_entry(LEVEL, 2021, "21", growth)
    assert why in check.errors["growth"]


@pytest.mark.parametrize("value", ["21", "1,234.5", "１２３", "0.00001", "999999999999"])
def test_plain_numbers_are_accepted(value):
    assert check_entry(LEVEL, 2021, value, "").ok


@pytest.mark.parametrize(
    "value", ["已完成", "完成", "基本完成", "未完成", "全覆盖", "基本覆盖", "未全覆盖", "未达标"]
)
def test_a_qualitative_indicator_may_report_success_or_failure(value):
    check = check_entry(QUALITATIVE, 2021, value, "")
    assert check.ok, check.errors
    assert check.value.attainment is not None


@pytest.mark.parametrize("value", ["未完成", "基本完成"])
def test_a_numeric_indicator_refuses_a_phrase(value):
    assert "需要填写数值" in check_entry(LEVEL, 2021, value, "").errors["value"]


def test_a_qualitative_phrase_with_a_marker_is_refused():
    assert "注释标记" in check_entry(QUALITATIVE, 2021, "全覆盖①", "").errors["value"]


def test_per_mille_is_accepted_only_for_a_per_mille_indicator():
    assert check_entry(PER_MILLE, 2021, "3.5‰", "").ok
    assert "不能带“‰”" in check_entry(SHARE, 2021, "3.5‰", "").errors["value"]


def test_look_alike_characters_come_back_as_field_errors():
    check = check_entry(LEVEL, 2021, "–2.2", "\u200b3")
    assert "负号请用减号" in check.errors["value"]
    assert "看不见的字符" in check.errors["growth"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30), st.sampled_from([LEVEL, SHARE, RATE]))
def test_check_entry_never_raises(value, growth, rules):
    check = check_entry(rules, 2021, value, growth)
    assert all(isinstance(message, str) and message for message in check.errors.values())
