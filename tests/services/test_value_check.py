"""Malformed yearly values, refused by the service with a clear Chinese message.

services.value_check is the dry run of value_save that the entry form, the Excel
preview and the save all run; these cases go straight to it (fast, no HTTP). A few
of them also go through the page in tests/test_bad_input.py."""

import pytest

from indicators.models import YearlyValue
from indicators.services import EntryError, value_check, value_save
from indicators.services.values import Base

CASES = [
    # (indicator, year, value, growth, source, message)
    ("forest14", 2021, "abc", "", "统计快报", "不是数字"),
    ("forest14", 2021, "十二", "", "统计快报", "不是数字"),
    ("patents14", 2021, "12亿元", "", "统计快报", "单位请不要写在数值里"),
    ("patents14", 2021, "１２３ 亿", "", "统计快报", "单位请不要写在数值里"),
    ("patents14", 2021, "1,2345", "", "统计快报", "千分位逗号位置不对"),
    ("patents14", 2021, ",123", "", "统计快报", "千分位逗号位置不对"),
    ("patents14", 2021, "1.2.3", "", "统计快报", "有多个小数点"),
    ("forest14", 2021, "3%、4%", "", "统计快报", "一个单元格只能填一个数"),
    ("patents14", 2021, "[0.39", "", "统计快报", "括号不成对"),
    ("patents14", 2021, "[]", "", "统计快报", "括号里没有数字"),
    ("patents14", 2021, "15-10", "", "统计快报", "下限大于上限"),
    ("patents14", 2021, ">7左右", "", "统计快报", "两种相反的比较关系"),
    ("forest14", 2021, "12%%", "", "统计快报", "百分号重复"),
    ("patents14", 2021, "[5]", "", "统计快报", "年度数值不能用[ ]或【】"),
    ("patents14", 2021, "【5】", "", "统计快报", "年度数值不能用[ ]或【】"),
    ("patents14", 2021, "10-15", "", "统计快报", "不能是区间"),
    ("patents14", 2021, "-", "", "统计快报", "没有数据时请不要保存"),
    ("patents14", 2021, "全覆盖", "", "统计快报", "不能只写“全覆盖”"),
    ("patents14", 2021, "与经济增长同步", "", "统计快报", "不能只写“与经济增长同步”"),
    ("patents14", 2021, "30%", "", "统计快报", "本指标单位为件,数值不能带“%”"),
    ("patents14", 2021, "３０％", "", "统计快报", "本指标单位为件,数值不能带“%”"),
    ("forest14", 2021, "120", "", "统计快报", "比率应在0到100之间"),
    ("forest14", 2021, "-5%", "", "统计快报", "比率应在0到100之间"),
    ("patents14", 2021, "1e5", "", "统计快报", "无法识别为数值"),
    ("patents14", 2021, "0x10", "", "统计快报", "无法识别为数值"),
    ("patents14", 2021, "%", "", "统计快报", "不是数字"),
    ("patents14", 2021, "<script>alert(1)</script>", "", "统计快报", "无法识别"),
    ("patents14", 2021, "21", "abc", "统计快报", "不是数字"),
    ("patents14", 2021, "21", "全覆盖", "统计快报", "增速应为数字"),
    ("patents14", 2021, "21", "[3]", "统计快报", "增速应为一个数,不能是区间或累计数"),
    ("patents14", 2021, "21", "5-8", "统计快报", "增速应为一个数,不能是区间或累计数"),
    ("patents14", 2021, "21", "-120%", "统计快报", "增速不能低于-100%"),
    ("gdp14", 2021, "1200", "", "统计快报", "本指标是增速指标,请填写增速"),
    ("labour14", 2021, "", "", "统计快报", "本指标是增速指标,请填写增速"),
    ("patents14", 2021, "", "", "统计快报", "请填写数值"),
    ("patents14", 2021, "21", "", "", "请填写数据来源"),
    ("patents14", 2021, "21", "", "规划纲要原文", "只用于规划印发的数值"),
    ("patents14", 2021, "[10-15]", "", "统计快报", "五年累计"),
    ("patents14", 2021, "1" * 65, "", "统计快报", "数字位数过多"),
    ("patents14", 2021, "21", "", "统" * 101, "来源最多100个字"),
]


@pytest.mark.parametrize(
    ("name", "year", "value", "growth", "source", "message"),
    CASES,
    ids=[f"{i}-{case[2][:12] or case[3][:12] or 'empty'}" for i, case in enumerate(CASES)],
)
def test_malformed_values_are_refused_with_a_chinese_message(
    request, planning_admin, name, year, value, growth, source, message
):
    indicator = request.getfixturevalue(name)
    arguments = {"indicator": indicator, "year": year, "value": value, "growth": growth}
    arguments |= {"source": source, "user": planning_admin}
    check = value_check(**arguments)
    assert any(message in error for error in check.errors.values()), check.errors
    with pytest.raises(EntryError):
        value_save(**arguments, base=Base(), submit=False)
    assert not YearlyValue.objects.filter(indicator=indicator, year=year).exists()


def test_there_are_at_least_40_cases():
    assert len(CASES) >= 40
