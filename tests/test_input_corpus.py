"""A corpus of malformed and odd inputs, each with the reading or message it must get.

Pure: plain functions over notation.parse, validation.check_entry and
spreadsheets.read_upload; no database. Each case names its input and the expected
meaning (`Figure.meaning`) or a fragment of the Chinese message."""

import datetime

import pytest

from bench import upload_refusals as nasty
from indicators.notation import NotationError, parse
from indicators.spreadsheets import read_upload
from indicators.validation import EntryRules, check_entry

# (text, meaning) - or (text, "!" + a fragment of the refusal)
PARSE_CASES = [
    ("1145", "1145"),
    ("  57.5 ", "57.5"),
    ("45.13%", "45.13%"),
    ("-2.2", "-2.2"),
    ("－2.2", "-2.2"),
    ("−2.2", "-2.2"),
    ("﹣2.2", "-2.2"),
    ("–2.2", "!负号请用减号"),
    ("‐2.2", "!负号请用减号"),
    ("‑2.2", "!负号请用减号"),
    ("‒2.2", "!负号请用减号"),
    ("—2.2", "!负号请用减号"),
    ("―2.2", "!负号请用减号"),
    ("ー2.2", "!负号请用减号"),
    ("⁻2.2", "!负号请用减号"),
    ("<–3", "!负号请用减号"),
    ("\u200b12.3", "!看不见的字符"),
    ("12.3\u200b", "!看不见的字符"),
    ("1\u200c2", "!看不见的字符"),
    ("1\u200d2", "!看不见的字符"),
    ("\ufeff12", "!看不见的字符"),
    ("1\u00ad2", "!看不见的字符"),
    ("1\u20602", "!看不见的字符"),
    ("1\u202e2", "!看不见的字符"),
    ("1\x0b2", "!看不见的字符"),
    ("1\x002", "!看不见的字符"),
    ("1\x7f2", "!看不见的字符"),
    ("1\ue0002", "!看不见的字符"),
    ("12。5", "!请用英文小数点"),
    ("12｡5", "!请用英文小数点"),
    ("12·5", "!请用英文小数点"),
    ("12・5", "!请用英文小数点"),
    ("12.5。", "!请用英文小数点"),
    ("１２．５", "12.5"),
    ("１，２３４．５", "1234.5"),
    ("45.13％", "45.13%"),
    ("12﹪", "12%"),
    ("1\u3000234", "1234"),
    ("7.5¹", "7.5(注¹)"),
    ("1145①", "1145(注①)"),
    ("60.6*", "60.6(注*)"),
    ("60.6**", "60.6(注**)"),
    ("12.3⑳", "12.3(注⑳)"),
    ("12.3⑴", "12.3(注⑴)"),
    ("12.3※", "12.3(注※)"),
    ("12.3†", "12.3(注†)"),
    ("45%²", "45%(注²)"),
    (">1145③", "高于1145(注③)"),
    ("全覆盖①", "定性:全覆盖(注①)"),
    ("12.3a", "!数字后面带了字母"),
    ("12.3ab", "!数字后面带了字母"),
    ("1¹2", "!上标数字"),
    ("①", "!只有注释标记"),
    ("*", "!只有注释标记"),
    ("下降13.5%", "下降13.5%"),
    ("降低13.5%", "下降13.5%"),
    ("减少3", "下降3"),
    ("增长7%", "增长7%"),
    ("增加7", "增长7"),
    ("提高2个", "!单位请不要写在数值里"),
    ("上升0.5%", "增长0.5%"),
    ("提升7%左右", "增长约7%"),
    ("下降-2", "!不要再加正负号"),
    ("95%及以上", "不低于95%"),
    ("95%以上", "不低于95%"),
    ("6%及以下", "不高于6%"),
    ("6%以下", "不高于6%"),
    ("达到95%", "不低于95%"),
    ("达到", "!后面没有数字"),
    ("控制在5.5%以内", "不高于5.5%"),
    ("控制在5.5%", "不高于5.5%"),
    ("控制在5.5%左右", "约5.5%"),
    ("保持在7", "7"),
    ("約7", "约7"),
    ("约7", "约7"),
    ("大约7", "约7"),
    ("７左右", "约7"),
    ("≧95", "不低于95"),
    ("≦6", "不高于6"),
    ("≥95", "不低于95"),
    ("≤6", "不高于6"),
    (">=95", "不低于95"),
    ("＞＝95", "不低于95"),
    ("<=6", "不高于6"),
    ("不低于95%", "不低于95%"),
    ("不少于300", "不低于300"),
    ("不小于3", "不低于3"),
    ("不超过6", "不高于6"),
    ("不高于6", "不高于6"),
    ("不大于6", "不高于6"),
    ("超过9%", "高于9%"),
    ("高于9%", "高于9%"),
    ("大于9", "高于9"),
    ("低于6", "低于6"),
    ("小于6", "低于6"),
    ("不足6", "低于6"),
    (">1145", "高于1145"),
    ("＞１１４５", "高于1145"),
    ("<3.8%", "低于3.8%"),
    ("3.5‰", "3.5‰"),
    ("<3.5‰", "低于3.5‰"),
    ("3-5‰", "区间3‰至5‰"),
    ("3%-5‰", "!两端的单位不同"),
    ("10-15", "区间10至15"),
    ("10～15", "区间10至15"),
    ("10—15", "区间10至15"),
    ("10–15", "区间10至15"),
    ("10至15", "区间10至15"),
    ("15-10", "!下限大于上限"),
    (">10-15", "!是一个区间"),
    ("[0.39]", "五年累计0.39"),
    ("【5】", "五年累计5"),
    ("〔5〕", "五年累计5"),
    ("[0.39", "!括号不成对"),
    ("[]", "!括号里没有数字"),
    (">7左右", "!两种相反的比较关系"),
    (">7以上", "!两种相反的比较关系"),
    ("12%%", "!百分号重复"),
    ("12%‰", "!百分号重复"),
    ("1,2345", "!千分位逗号"),
    ("1.2.3", "!多个小数点"),
    ("3%、4%", "!多个数值"),
    ("12亿元", "!单位请不要写在数值里"),
    ("1e5", "!无法识别为数值"),
    ("0x10", "!无法识别为数值"),
    ("十二", "!不是数字"),
    ("abc", "!不是数字"),
    ("%", "!不是数字"),
    ("1" * 101, "!超过100个字"),
    ("", "空白"),
    ("-", "无数值"),
    ("--", "无数值"),
    ("—", "无数值"),
    ("——", "无数值"),
    ("－", "无数值"),
    ("全覆盖", "定性:全覆盖"),
    ("基本覆盖", "定性:基本覆盖"),
    ("未覆盖", "定性:未全覆盖"),
    ("完成", "定性:已完成"),
    ("已完成", "定性:已完成"),
    ("全面完成", "定性:已完成"),
    ("基本完成", "定性:基本完成"),
    ("未完成", "定性:未完成"),
    ("尚未完成", "定性:未完成"),
    ("基本实现", "定性:基本完成"),
    ("达标", "定性:达标"),
    ("基本达标", "定性:基本达标"),
    ("未达标", "定性:未达标"),
    ("与经济增长基本同步", "定性:与经济增长同步"),
    ("完成市下达目标", "定性:完成市下达目标"),
]


@pytest.mark.parametrize(
    ("text", "expected"), PARSE_CASES, ids=[repr(t)[:24] for t, _ in PARSE_CASES]
)
def test_each_figure_is_read_or_refused_as_expected(text, expected):
    if expected.startswith("!"):
        with pytest.raises(NotationError) as error:
            parse(text)
        assert expected[1:] in str(error.value)
    else:
        assert parse(text).meaning == expected


def _rules(kind: str, unit: str) -> EntryRules:
    return EntryRules(
        plan_name="“十四五”规划", start_year=2021, end_year=2025, kind=kind, unit=unit
    )


LEVEL, SHARE, RATE = _rules("level", "件"), _rules("share", "%"), _rules("rate", "%")
PER_MILLE, QUALITATIVE = _rules("share", "‰"), _rules("qualitative", "")

# (rules, value, growth, expected): "ok", or "value:" / "growth:" + a fragment
ENTRY_CASES = [
    (LEVEL, "21", "", "ok"),
    (LEVEL, "１２３", "", "ok"),
    (LEVEL, "1,234.5", "3.2", "ok"),
    (LEVEL, "12345678901.2345", "", "ok"),
    (LEVEL, "1234567890123456", "", "value:位数过多"),
    (LEVEL, "1" * 20, "", "value:位数过多"),
    (LEVEL, "1000000000000", "", "value:大得不合理"),
    (LEVEL, "７左右", "", "value:不能写“左右”"),
    (LEVEL, "約7", "", "value:不能写“左右”"),
    (LEVEL, "＞1200", "", "value:不能带“＞”"),
    (LEVEL, "≧1200", "", "value:不能带“＞”"),
    (LEVEL, "1200以上", "", "value:不能带“＞”"),
    (LEVEL, "不低于1200", "", "value:不能带“＞”"),
    (LEVEL, "控制在12以内", "", "value:不能带“＞”"),
    (LEVEL, "10-15", "", "value:不能是区间"),
    (LEVEL, "[5]", "", "value:不能用[ ]或【】"),
    (LEVEL, "7.5¹", "", "value:注释标记"),
    (LEVEL, "1145①", "", "value:注释标记"),
    (LEVEL, "60.6*", "", "value:注释标记"),
    (LEVEL, "下降13.5", "", "value:带正负号的数"),
    (LEVEL, "增长7", "", "value:带正负号的数"),
    (LEVEL, "–2.2", "", "value:负号请用减号"),
    (LEVEL, "\u200b12", "", "value:看不见的字符"),
    (LEVEL, "12。5", "", "value:请用英文小数点"),
    (LEVEL, "未完成", "", "value:需要填写数值"),
    (LEVEL, "30%", "", "value:不能带“%”"),
    (LEVEL, "3‰", "", "value:不能带“‰”"),
    (LEVEL, "21", ">7", "growth:不能带“＞”"),
    (LEVEL, "21", "7左右", "growth:不能写“左右”"),
    (LEVEL, "21", "下降2.2%", "growth:下降请填负数"),
    (LEVEL, "21", "1" * 70, "growth:位数过多"),
    (LEVEL, "21", "3‰", "growth:不能带“‰”"),
    (LEVEL, "21", "8.5²", "growth:注释标记"),
    (LEVEL, "21", "—2.2", "growth:负号请用减号"),
    (LEVEL, "21", "-120%", "growth:不能低于-100%"),
    (SHARE, "45.13%", "", "ok"),
    (SHARE, "120", "", "value:0到100之间"),
    (PER_MILLE, "3.5‰", "", "ok"),
    (PER_MILLE, "3.5", "", "ok"),
    (SHARE, "3.5‰", "", "value:不能带“‰”"),
    (RATE, "", "6.5", "ok"),
    (RATE, "", "", "growth:请填写增速"),
    (QUALITATIVE, "未完成", "", "ok"),
    (QUALITATIVE, "基本完成", "", "ok"),
    (QUALITATIVE, "已完成", "", "ok"),
    (QUALITATIVE, "完成", "", "ok"),
    (QUALITATIVE, "全覆盖", "", "ok"),
    (QUALITATIVE, "基本覆盖", "", "ok"),
    (QUALITATIVE, "未达标", "", "ok"),
    (QUALITATIVE, "全覆盖①", "", "value:注释标记"),
]


@pytest.mark.parametrize(("rules", "value", "growth", "expected"), ENTRY_CASES)
def test_each_typed_entry_is_accepted_or_refused_as_expected(rules, value, growth, expected):
    check = check_entry(rules, 2021, value, growth)
    if expected == "ok":
        assert check.ok, check.errors
    else:
        field, fragment = expected.split(":", 1)
        assert fragment in check.errors[field], check.errors


def _row(**changes):
    names = ["plan", "number", "name", "unit", "year", "value", "growth", "source", "note"]
    row = dict(zip(names, nasty.ROW, strict=True))
    row.update(changes)
    return [row[name] for name in names]


def _cells(**cells):
    def setup(workbook):
        for coordinate, (value, number_format) in cells.items():
            workbook.active[coordinate] = value
            workbook.active[coordinate].number_format = number_format

    return lambda: nasty.workbook_bytes(setup=setup)


def _rows(*rows):
    return lambda: nasty.workbook_bytes(list(rows))


# (case, build, expected): "value=<text>" / "growth=<text>" for the first row read, or a
# fragment of the first error.
WORKBOOK_CASES = [
    ('custom 0.0"%"', _cells(F2=(12.3, '0.0"%"')), "value=12.3%"),
    ("custom 0.00\\%", _cells(F2=(12.3, "0.00\\%")), "value=12.30%"),
    ("real percent 0.0%", _cells(F2=(0.123, "0.0%")), "value=12.3%"),
    ("real percent 0%", _cells(F2=(0.123, "0%")), "value=12%"),
    ("tiny General", _cells(F2=(1e-05, "General")), "value=0.00001"),
    ("thousands", _cells(F2=(1234567.891, "#,##0.00")), "value=1234567.89"),
    ("WPS General", _cells(G2=(8.5, "G/通用格式")), "growth=8.5"),
    ("negative in red", _cells(G2=(-2.2, "0.0;[Red]0.0")), "growth=-2.2"),
    ("per mille literal", _cells(F2=(3.5, '0.0"‰"')), "value=3.5‰"),
    ("date in a figure", _cells(F2=(datetime.date(2021, 7, 1), "yyyy-mm-dd")), "F2单元格是日期"),
    ("time in a figure", _cells(F2=(datetime.time(8, 30), "h:mm")), "F2单元格是日期"),
    ("formula", _cells(G2=("=1+1", "General")), "G2单元格是公式"),
    ("footnote glued", _rows(_row(value="7.5¹")), "value=7.5¹"),
    ("zero-width in value", _rows(_row(value="\u200b12")), "value=\u200b12"),
    ("06 and 6", _rows(_row(number=6), _row(number="06")), "是同一指标(规划14th,序号6,2021年)"),
    ("６ and 6", _rows(_row(number=6), _row(number="６")), "第3行与第2行重复"),
    ("source 120 chars", _rows(_row(source="来" * 120)), "来源超过100个字"),
    ("note 2001 chars", _rows(_row(note="注" * 2001)), "备注超过2000个字"),
    ("value 65 chars", _rows(_row(value="1" * 65)), "总量/数值超过64个字"),
    ("growth 70 digits", _rows(_row(growth="9" * 70)), "增速(%)超过64个字"),
    ("name 101 chars", _rows(_row(name="名" * 101)), "指标超过100个字"),
    ("border to row 3000", lambda: nasty.formatted_rows(3000), "value=1,200"),
    ("XFD2000", nasty.xfd2000, "超过30列"),
    ("zip bomb", nasty.zip_bomb, "解压后过大"),
    ("2,500 rows", nasty.many_rows, "超过2000行数据"),
    ("12,000 formatted rows", nasty.formatting_only_rows, "超过10000行"),
    ("6 MiB", nasty.six_mib_member, "超过5 MB"),
    ("truncated sheet XML", nasty.truncated_sheet, "文件已损坏或格式不受支持"),
    ("truncated file", nasty.truncated_file, "文件已损坏或格式不受支持"),
    ("odd styles", nasty.odd_styles, "文件已损坏或格式不受支持"),
    ("no workbook part", nasty.no_workbook, "压缩包里没有工作簿"),
    (".xls renamed", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "旧版Excel(.xls)"),
    ("CSV renamed", lambda: "规划,序号\n14th,1\n".encode("gb18030"), "文本(CSV)"),
    ("PDF renamed", lambda: b"%PDF-1.4\n%\xe2\xe3", "文件不是Excel表格"),
    ("empty file", lambda: b"", "文件是空的"),
    ("empty zip", lambda: b"PK\x05\x06" + b"\x00" * 18, "文件不是Excel表格"),
]


@pytest.mark.parametrize(
    ("case", "build", "expected"), WORKBOOK_CASES, ids=[case for case, _, _ in WORKBOOK_CASES]
)
def test_each_workbook_is_read_or_refused_as_expected(case, build, expected):
    rows, errors = read_upload(build())
    if expected.startswith(("value=", "growth=")):
        field, text = expected.split("=", 1)
        assert not errors, errors
        assert getattr(rows[0], field) == text
    else:
        assert any(expected in error for error in errors), errors


def test_the_corpus_has_at_least_150_cases():
    assert len(PARSE_CASES) + len(ENTRY_CASES) + len(WORKBOOK_CASES) >= 150
