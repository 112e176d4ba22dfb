"""The plan file reader and writer, without a database: round trip, printed forms,
numbers read as displayed, and every refusal with its sheet, row and reason."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from indicators.planfile import (
    AssessmentRow,
    FootnoteRow,
    IndicatorRow,
    NoteRow,
    PlanFile,
    PlanFileError,
    PlanHeader,
    ValueRow,
    read_plan_file,
    write_plan_file,
)
from indicators.printed import read_printed
from indicators.vocabulary import (
    Comparator,
    Direction,
    Kind,
    Nature,
    NoteKind,
    Qualitative,
    Status,
)
from tests.planfile_samples import INDICATORS, VALUES, handwritten_plan_file


def _sample() -> PlanFile:
    return PlanFile(
        plan=PlanHeader("p1", "规划", "全称", 2021, 2025, 2020, "来源", "p0", "表", "说明"),
        indicators=[
            IndicatorRow(
                1,
                "经济",
                "地区生产总值增长",
                "%",
                Kind.RATE,
                Direction.INCREASE,
                "1080",
                "-",
                "7左右",
                Nature.EXPECTED,
                ["区发改局"],
                continues=1,
            ),
            IndicatorRow(
                2,
                "民生",
                "收入增长",
                "%",
                Kind.RATE,
                Direction.INCREASE,
                "",
                "与经济增长同步",
                "",
                Nature.UNMARKED,
                ["区发改局", "区人力资源局"],
                reference=1,
                companion_label="伴随(亿元)",
                official_assessment="可以完成",
                baseline_year=2019,
                note="手写说明",
            ),
        ],
        values=[ValueRow(1, 2021, "1200", "-2.2", "", "统计公报")],
        footnotes=[FootnoteRow(1, "[ ]为五年累计数。", [1, 2], 2022)],
        notes=[NoteRow(1, NoteKind.DISCREPANCY, "两处不一致")],
        assessments=[AssessmentRow(2, 2025, Status.ACHIEVED, datetime.date(2026, 1, 31), "理由")],
    )


def test_write_then_read_gives_the_same_plan_file():
    sample = _sample()
    assert read_plan_file(write_plan_file(sample)) == sample


def test_text_that_looks_like_a_formula_is_written_as_text():
    sample = _sample()
    sample.indicators[0].name = '=HYPERLINK("http://x")'
    data = write_plan_file(sample)
    sheet = load_workbook(io.BytesIO(data))["指标"]
    assert sheet["C2"].data_type == "s"
    assert read_plan_file(data).indicators[0].name == sample.indicators[0].name


def test_the_handwritten_file_keeps_every_figure_as_printed():
    plan_file = read_plan_file(handwritten_plan_file())
    assert not isinstance(plan_file, list), [str(e) for e in plan_file]
    by_number = {row.number: row for row in plan_file.indicators}
    assert by_number[1].baseline == "60.6*"
    assert by_number[2].target_growth == "〔13.5〕"
    assert by_number[3].target == "＞7、力争投入强度高于“十三五”时期实际"
    assert by_number[4].target == "—"
    assert by_number[5].target == "保持在合理区间、各年度视情提出"
    assert by_number[6].target == "高于GDP增长" and by_number[6].reference == 7
    assert by_number[6].bureaus == ["区发改局", "区人力资源局"]
    assert by_number[7].baseline == "1080"  # a number cell, as displayed
    assert plan_file.plan.start_year == 2026
    values = {(v.number, v.year): v for v in plan_file.values}
    assert values[7, 2026].growth == "7.2%"  # 0.072 in a "0.0%" cell
    assert values[1, 2026].value == "61.2"


@pytest.mark.parametrize(
    ("text", "value", "comparator", "extra"),
    [
        # A footnote marker: the number 60.6, the marker kept in the text.
        ("60.6*", 60.6, Comparator.EXACT, {"marker": "*"}),
        ("〔13.5〕", 13.5, Comparator.EXACT, {"cumulative": True}),
        (
            "＞7、力争投入强度高于“十三五”时期实际",
            7,
            Comparator.ABOVE,
            {"qualifier": "力争投入强度高于“十三五”时期实际"},
        ),
        ("—", None, None, {"is_dash": True}),
        ("保持在合理区间、各年度视情提出", None, None, {"phrase": True, "is_dash": False}),
        ("高于GDP增长", None, None, {"qualitative": Qualitative.ABOVE_GDP}),
    ],
)
def test_printed_forms_are_read_with_their_meaning(text, value, comparator, extra):
    figure = read_printed(text)
    assert figure.text == text
    assert (float(figure.value) if figure.value is not None else None) == value
    assert figure.comparator == comparator
    for name, expected in extra.items():
        assert getattr(figure, name) == expected
    assert figure.meaning


@pytest.mark.parametrize("text", ["12亿元", "7..5", "abc", "很", "1,23.4", ">"])
def test_unreadable_figures_stay_unreadable(text):
    from indicators.notation import NotationError

    with pytest.raises(NotationError):
        read_printed(text)


def _errors(data: bytes) -> list[str]:
    result = read_plan_file(data)
    assert isinstance(result, list), "the file should have been refused"
    assert all(isinstance(error, PlanFileError) for error in result)
    return [str(error) for error in result]


def _indicators_with(number: int, column: str, value) -> list[list]:
    from tests.planfile_samples import INDICATOR_HEADERS

    rows = [list(row) for row in INDICATORS]
    rows[number - 1][INDICATOR_HEADERS.index(column)] = value
    return rows


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: handwritten_plan_file(drop_sheet="指标"), "工作表“指标”:缺少这个工作表。"),
        (
            lambda: handwritten_plan_file(indicators=_indicators_with(2, "类型", "总数")),
            "工作表“指标”第3行:类型“总数”无法识别,应为:总量、增速、比重、累计、定性",
        ),
        (
            lambda: handwritten_plan_file(indicators=_indicators_with(3, "序号", 1)),
            "工作表“指标”第4行:序号1重复了(第2行已有)。",
        ),
        (
            lambda: handwritten_plan_file(indicators=_indicators_with(6, "比较指标", 9)),
            "工作表“指标”第7行:比较指标9不存在(本规划没有这个序号)。",
        ),
        (
            lambda: handwritten_plan_file(values=[*VALUES, (7, 2031, "", "7%", "统计公报")]),
            "工作表“数值”第5行:年份2031不在规划期(2026—2030年)内",
        ),
        (
            lambda: handwritten_plan_file(values=[*VALUES, (7, 2025, "", "7%", "统计公报")]),
            "工作表“数值”第5行:年份2025不在规划期",
        ),
        (
            lambda: handwritten_plan_file(indicators=_indicators_with(7, "目标值", "1515亿元")),
            "工作表“指标”第8行:目标值无法识别:“1515亿元”无法识别",
        ),
        (
            lambda: handwritten_plan_file(indicators=_indicators_with(4, "方向", "越大越好")),
            "工作表“指标”第5行:方向“越大越好”无法识别",
        ),
        (
            lambda: handwritten_plan_file(values=[*VALUES, (9, 2026, "1", "", "统计公报")]),
            "工作表“数值”第5行:序号9在“指标”表中没有。",
        ),
        (
            lambda: handwritten_plan_file(values=[*VALUES, (7, 2026, "1", "", "统计公报")]),
            "工作表“数值”第5行:序号7的2026年重复了(第2行已有)。",
        ),
        (
            lambda: handwritten_plan_file(values=[(7, 2027, "1", "", "")]),
            "工作表“数值”第2行:来源不能为空",
        ),
        (lambda: b"not a workbook", "文件:文件不是Excel表格(.xlsx),或已损坏。"),
    ],
)
def test_malformed_files_are_refused_with_sheet_row_and_reason(data, message):
    errors = _errors(data())
    assert any(message in error for error in errors), errors


def test_unknown_sheets_and_wrong_headers_are_refused():
    workbook = load_workbook(io.BytesIO(handwritten_plan_file()))
    workbook.create_sheet("杂项")
    workbook["数值"]["C1"] = "数值"
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = _errors(buffer.getvalue())
    assert any("工作表“杂项”:不是规划文件的工作表" in error for error in errors)


def test_wrong_headers_are_refused():
    workbook = load_workbook(io.BytesIO(handwritten_plan_file()))
    workbook["数值"]["C1"] = "数值"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "工作表“数值”第1行:表头不对(缺少列:总量或数值;不认识的列:数值)。" in _errors(
        buffer.getvalue()
    )


def test_formulas_are_refused():
    workbook = load_workbook(io.BytesIO(handwritten_plan_file()))
    workbook["数值"]["D3"] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert any("工作表“数值”第3行:有公式" in error for error in _errors(buffer.getvalue()))


def test_files_over_the_caps_are_refused(monkeypatch):
    import indicators.planfile as planfile

    monkeypatch.setattr(planfile, "MAX_BYTES", 1000)
    assert "超过" in _errors(handwritten_plan_file())[0]
    monkeypatch.undo()
    monkeypatch.setattr(planfile, "MAX_ROWS", 3)
    assert any("超过3行" in error for error in _errors(handwritten_plan_file()))


def test_a_zip_that_inflates_too_much_is_refused(monkeypatch):
    import indicators.planfile as planfile

    monkeypatch.setattr(planfile, "MAX_UNCOMPRESSED", 10)
    assert "解压后过大" in _errors(handwritten_plan_file())[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.txt", "x")
    monkeypatch.undo()
    assert "不是Excel表格" in _errors(buffer.getvalue())[0]


def test_a_plan_sheet_without_its_required_items_is_refused():
    workbook = Workbook()
    workbook.active.title = "规划"
    workbook.active.append(["项目", "内容"])
    workbook.active.append(["代码", "x"])
    for title in ("指标", "数值"):
        workbook.create_sheet(title).append(["序号"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = _errors(buffer.getvalue())
    assert any("表头不对" in error for error in errors)
