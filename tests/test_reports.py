"""The documents: 完成情况表 (xlsx, docx) and 评估报告 (docx, pdf).

The 13th plan's table reproduces Table 1 cell by cell (fixtures/plan13.toml, text
as printed); the 14th plan's documents are built from values entered in the test."""

import io
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from django.urls import reverse

from indicators.documents.evaluation_pdf import LocalOnlyFetcher
from indicators.excel_cells import displayed
from indicators.models import Indicator
from tests.conftest import read_fixture
from tests.evaluation_data import CAUSE, MEASURE, approve_narrative, enter_approved

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def printed_rows() -> dict[str, list[str]]:
    """Table 1 as printed, row by row: 序号 → the cells, from the fixture."""
    fixture = read_fixture("plan13.toml")
    rows = {}
    for indicator in fixture["indicators"]:
        cells = [
            str(indicator["number"]),
            indicator["name"],
            indicator.get("target", ""),
            indicator.get("target_growth", ""),
            indicator.get("baseline", ""),
        ]
        by_year = {value["year"]: value for value in indicator["values"]}
        for year in range(2016, 2021):
            value = by_year.get(year, {})
            if indicator.get("companion_label"):  # printed: spending, then the share
                cells += [value.get("companion", ""), value.get("value", "")]
            else:
                cells += [value.get("value", ""), value.get("growth", "")]
        cells += [indicator["official_assessment"], "、".join(indicator["bureaus"])]
        rows[cells[0]] = cells
    return rows


def _xlsx_text(cell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, int | float):
        return displayed(cell.value, cell.number_format)
    return str(cell.value)


def _get(client, name, code, **query):
    url = reverse(name, args=[code])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response


def test_13th_completion_xlsx_reproduces_every_printed_cell(client, plan13):
    response = _get(client, "report_completion_xlsx", "13th")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    expected = printed_rows()
    found = {}
    for row in sheet.iter_rows(min_row=7):
        first = row[0].value
        if isinstance(first, int):
            found[str(first)] = [_xlsx_text(cell) for cell in row[:17]]
    assert found == expected
    assert sheet["A1"].value == plan13.table_title
    texts = " ".join(str(c.value) for row in sheet.iter_rows(max_row=4) for c in row if c.value)
    assert "数据截至:2020年底" in texts and "打印日期" in texts
    assert "单位:亿元、亿美元、万人、万元、m2、%" in texts
    assert sheet.print_title_rows == "$5:$6"  # repeated on every printed page
    notes = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(note.startswith("6.新增就业岗位:【5】是五年累计数") for note in notes)


def test_13th_completion_xlsx_stores_numbers_as_numbers(client, plan13):
    sheet = openpyxl.load_workbook(
        io.BytesIO(_get(client, "report_completion_xlsx", "13th").content)
    ).active
    gdp = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == 1)
    assert gdp[2].value == ">1145" and gdp[2].data_type == "s"  # a floor stays text
    assert gdp[6].value == pytest.approx(0.087) and gdp[6].number_format == "0.0%"
    assert gdp[7].value == pytest.approx(957.7) and gdp[7].number_format == "0.0"
    unemployment = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == 20)
    assert unemployment[2].value == pytest.approx(0.035)  # "3.50%": the zero kept
    assert unemployment[2].number_format == "0.00%"


def test_13th_completion_docx_reproduces_every_printed_cell(client, plan13):
    document = docx.Document(io.BytesIO(_get(client, "report_completion_docx", "13th").content))
    [table] = document.tables
    expected = printed_rows()
    found = {}
    for row in table.rows[2:]:
        texts = [cell.text for cell in row.cells]
        if texts[0].isdigit():
            found[texts[0]] = texts
    assert found == expected
    header = [cell.text for cell in table.rows[0].cells]
    assert header[:6] == ["序号", "指标", "2020年", "年均增长", "2015年", "2016年"]
    assert [cell.text for cell in table.rows[1].cells][5:7] == ["总量", "增速"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "数据截至:2020年底" in body and "备注:" in body
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


@pytest.fixture
def plan14_entered(plan14):
    enter_approved(plan14)
    return plan14


def test_14th_completion_opens_with_numbers_as_numbers(client, plan14_entered):
    sheet = openpyxl.load_workbook(
        io.BytesIO(_get(client, "report_completion_xlsx", "14th", as_of=2022).content)
    ).active
    forest = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == 18)
    assert forest[1].value == "森林覆盖率(%)"
    assert forest[5].value == pytest.approx(10.26) and forest[5].number_format == "0.00"
    assert forest[2].value == ">10.50"
    assert forest[15].value.endswith("(计算)")
    gdp = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == 1)
    assert gdp[6].value == pytest.approx(7.4)  # growth typed without "%": a number still
    document = docx.Document(
        io.BytesIO(_get(client, "report_completion_docx", "14th", as_of=2022).content)
    )
    forest_row = next(r for r in document.tables[0].rows if r.cells[0].text == "18")
    assert forest_row.cells[5].text == "10.26" and forest_row.cells[7].text == "10.27"


def test_as_of_hides_later_years(client, plan14_entered):
    sheet = openpyxl.load_workbook(
        io.BytesIO(_get(client, "report_completion_xlsx", "14th", as_of=2021).content)
    ).active
    forest = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == 18)
    assert forest[5].value == pytest.approx(10.26) and forest[7].value is None


def test_evaluation_docx_has_every_indicator_warnings_narratives_and_charts(client, plan14_entered):
    forest = Indicator.objects.get(plan=plan14_entered, number=18)
    approve_narrative(forest, 2022)
    response = _get(client, "report_evaluation_docx", "14th", as_of=2022)
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for indicator in plan14_entered.indicators.main():
        assert f"{indicator.number}. {indicator.name}" in text
    assert "三、预警" in text and "18. 森林覆盖率(约束性):滞后于预期" in text
    assert f"原因:{CAUSE}" in text and f"措施:{MEASURE}" in text
    assert "低于序时进度" in text  # the generated paragraph
    assert "9. 劳动年龄人口平均受教育年限(约束性):滞后于预期" in text
    assert "原因和措施未报送" in text  # 9 has none
    assert len(document.inline_shapes) >= 10  # the charts
    assert "数据截至2022年底" in document.sections[0].footer.paragraphs[0].text


def test_evaluation_pdf_renders_chinese_with_charts(client, plan14_entered, tmp_path):
    forest = Indicator.objects.get(plan=plan14_entered, number=18)
    approve_narrative(forest, 2022)
    response = _get(client, "report_evaluation_pdf", "14th", as_of=2022)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "evaluation.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    compact = "".join(text.split())
    for indicator in plan14_entered.indicators.main():
        assert "".join(indicator.name.split()) in compact, indicator.name
    assert "预警" in compact and "".join(CAUSE.split()) in compact
    assert "数据截至" in compact and "打印日期" in compact
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.splitlines()) - 2 >= 10  # the charts
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("evaluation-pdf-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-l", "4", str(pdf), str(SCREENSHOTS / "evaluation-pdf")],
        check=True,
    )
    assert list(SCREENSHOTS.glob("evaluation-pdf-*.png"))


def test_the_pdf_fetches_nothing_off_the_host():
    fetcher = LocalOnlyFetcher()
    for url in ("http://example.com/x.png", "file:///etc/passwd", "https://cdn.example/f.css"):
        with pytest.raises(ValueError, match="不访问外部地址"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,5Lit").read() == "中".encode()


def test_warnings_page_and_api_list_binding_first_with_gap(client, plan14_entered):
    forest = Indicator.objects.get(plan=plan14_entered, number=18)
    approve_narrative(forest, 2022)
    data = _get(client, "api_plan_warnings", "14th", as_of=2022).json()
    assert data["as_of"] == 2022
    numbers = [w["number"] for w in data["warnings"]]
    binding = [w["binding"] for w in data["warnings"]]
    assert binding == sorted(binding, reverse=True)  # binding first
    assert {9, 18, 1} <= set(numbers)
    forest_warning = next(w for w in data["warnings"] if w["number"] == 18)
    assert forest_warning["gap_unit"] == "个百分点" and forest_warning["gap"] < 0
    assert forest_warning["bureaus"] == ["区园林局"]
    assert forest_warning["narrative"] == {"cause": CAUSE, "measure": MEASURE}
    education = next(w for w in data["warnings"] if w["number"] == 9)
    assert education["narrative_required"] and education["narrative"] is None
    html = _get(client, "plan_warnings", "14th", as_of=2022).content.decode()
    assert "低于序时进度" in html and "缺原因措施" in html and "区园林局" in html


def test_drafts_and_submitted_narratives_stay_out_of_the_documents(client, plan14_entered):
    from indicators.services import Base
    from indicators.services.narratives import narrative_save
    from tests.accounts import account

    forest = Indicator.objects.get(plan=plan14_entered, number=18)
    narrative_save(
        indicator=forest,
        year=2022,
        cause="未审核的原因",
        measure="未审核的措施",
        user=account("ylj", "staff", "区园林局"),
        base=Base(),
        submit=True,
    )
    data = _get(client, "api_plan_warnings", "14th", as_of=2022).json()
    assert "未审核" not in str(data)
    text = _get(client, "report_evaluation_docx", "14th", as_of=2022).content
    assert "未审核的原因" not in "\n".join(
        p.text for p in docx.Document(io.BytesIO(text)).paragraphs
    )


def test_summary_lists_targets_behind_binding_first(client, plan14_entered):
    html = _get(client, "plan_summary", "14th", as_of=2022).content.decode()
    assert "数据截至" in html and "打印日期" in html
    assert html.index("森林覆盖率") < html.index("地区生产总值增长")
    assert "滞后于预期" in html


def test_an_unknown_as_of_falls_back_to_the_latest_year(client, plan14_entered):
    data = _get(client, "api_plan_warnings", "14th", as_of="abc").json()
    assert data["as_of"] == 2022
    assert _get(client, "api_plan_warnings", "14th", as_of=1999).json()["as_of"] == 2022


@pytest.mark.parametrize(
    "name",
    ["plan_warnings", "api_plan_warnings", "plan_summary", "report_completion_xlsx"],
)
def test_query_count_does_not_grow_with_the_plan(
    client, plan14_entered, name, django_assert_max_num_queries
):
    from tests.factories import add_generated_indicators
    from tests.helpers import count_queries

    url = reverse(name, args=["14th"]) + "?as_of=2022"
    real = count_queries(client, url)
    add_generated_indicators(plan14_entered, 200)
    assert count_queries(client, url) == real
    with django_assert_max_num_queries(20):
        client.get(url)
