"""The plan table's exports, as an office on Chinese Windows opens them: a CSV Excel
reads as UTF-8, an XLSX with numbers that can be summed, a title and readable widths."""

import codecs
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Indicator, YearlyValue
from indicators.tables import display_width


def _export(client, export_format, code="13th", **params):
    return client.get(reverse("plan_table", args=[code]), {"_export": export_format, **params})


def _sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_starts_with_a_utf8_bom_so_excel_reads_chinese(client, plans):
    response = _export(client, "csv")
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content[3:].decode("utf-8").startswith("序号,类别,指标")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_xlsx_has_a_title_row_with_the_plan_the_export_date_and_as_of(client, plans):
    sheet = _sheet(_export(client, "xlsx", as_of="2018"))
    assert sheet["A1"].value == "“十三五”规划主要指标总表"
    assert f"导出日期:{datetime.date.today():%Y-%m-%d}" in sheet["A2"].value
    assert "序时进度截至2018年" in sheet["A2"].value
    assert sheet["A3"].value == "序号"
    assert sheet.freeze_panes == "D4"


def test_xlsx_stores_numbers_as_numbers_beside_the_printed_text(client, plans):
    gdp = _records(_sheet(_export(client, "xlsx")))[0]
    assert gdp["指标"] == "地区生产总值"
    assert gdp["序号"] == 1
    assert gdp["目标值·原文"] == ">1145" and gdp["目标值·数值(见“单位”列)"] == 1145
    assert gdp["年均增长/累计·原文"] == ">9%" and gdp["年均增长/累计·数值(见“单位”列)"] == 9
    assert gdp["2020年增速·原文"] == "-2.2" and gdp["2020年增速·数值(%)"] == -2.2
    assert gdp["2017年总量/数值·数值(见“单位”列)"] == 957.7


def test_xlsx_cell_types_are_numeric_for_numbers_and_text_for_printed_figures(client, plans):
    sheet = _sheet(_export(client, "xlsx"))
    headers = [cell.value for cell in sheet[3]]
    gdp = sheet[4]
    by_header = dict(zip(headers, gdp, strict=True))
    assert by_header["2016年总量/数值·数值(见“单位”列)"].data_type == "n"
    assert by_header["2016年总量/数值·原文"].data_type == "s"
    assert by_header["序时进度·差距(正为超前)"].data_type == "n"
    # A figure with no number is an empty cell, not text that breaks a SUM.
    pollutants = dict(zip(headers, sheet[22], strict=True))
    assert pollutants["指标"].value == "主要污染物排放量"
    assert pollutants["基期值·原文"].value == "--"
    assert pollutants["基期值·数值(见“单位”列)"].value is None


def test_xlsx_gives_the_unit_of_each_number_column_in_its_header(client, plans):
    headers = [cell.value for cell in _sheet(_export(client, "xlsx"))[3]]
    numbers = [header for header in headers if "数值(" in header or "值(" in header]
    assert numbers and all("%" in h or "单位" in h for h in numbers)
    assert "差距单位" in headers


def test_xlsx_columns_are_wide_enough_for_chinese_text(client, plans):
    sheet = _sheet(_export(client, "xlsx"))
    names = [cell.value for cell in sheet["C"][3:]]
    assert sheet.column_dimensions["C"].width >= max(display_width(n) for n in names)
    assert sheet.column_dimensions["A"].width < sheet.column_dimensions["C"].width


def test_xlsx_pace_columns_follow_as_of(client, plans):
    early = _records(_sheet(_export(client, "xlsx", as_of="2017")))[0]
    assert early["序时进度(截至2017年)"] == "快于预期"
    assert early["序时进度·实际值(增速类为%,其余见“单位”列)"] == 957.7
    assert "2017年为957.7亿元" in early["评估依据"]


@pytest.mark.parametrize("export_format", ["pdf", "json", "xls", "ods", "yaml", "latex", "tsv"])
def test_only_the_offered_formats_are_served(client, plans, export_format):
    response = _export(client, export_format)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_page_offers_csv_and_xlsx_with_the_as_of_year(client, plans):
    html = client.get(reverse("plan_table", args=["13th"]), {"as_of": "2018"}).content.decode()
    assert "_export=csv" in html and "_export=xlsx" in html
    assert "as_of=2018&amp;_export=xlsx" in html or "_export=xlsx&amp;as_of=2018" in html


def test_pending_values_are_not_exported(client, plans):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    YearlyValue.objects.create(indicator=forest, year=2021, value="11.11", state="submitted")
    assert "11.11" not in _export(client, "csv", code="14th").content.decode("utf-8-sig")
