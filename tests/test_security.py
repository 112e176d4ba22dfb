"""CSRF on every POST, escaped user text on every page and export, formula injection."""

import csv
import io
import re

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from indicators.models import Bureau, Indicator, IndicatorNote, YearlyValue
from indicators.services import assessment_record
from tests.accounts import account
from tests.test_permissions import POST_RULES, _sample

XSS = ["<script>alert('x')</script>", '"><img src=x onerror=alert(1)>']
FORMULAS = ['=HYPERLINK("http://evil","点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+1"]


# --------------------------------------------------------------------------- CSRF

POSTABLE = sorted(name for name, rules in POST_RULES.items() if rules.get("superuser") != 405)


@pytest.mark.parametrize("name", POSTABLE)
def test_every_post_needs_the_csrf_token(plans, name):
    client = Client(enforce_csrf_checks=True)
    if name != "login":
        client.force_login(account("root", "superuser"))
    before = YearlyValue.objects.count()
    response = client.post(_sample(name), {"action": "approve", "base": ""})
    assert response.status_code == 403
    made = name in ("review_decide", "value_attachment")  # their samples make a value
    assert YearlyValue.objects.count() == before + made


def test_the_admin_needs_the_csrf_token_too(plans):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account("root", "superuser"))
    forest = Indicator.objects.get(plan__code="14th", number=18)
    response = client.post(
        reverse("admin:indicators_indicator_change", args=[forest.pk]), {"name": "x"}
    )
    assert response.status_code == 403


# ---------------------------------------------------------------------------- XSS


@pytest.fixture
def hostile_data(plans):
    """User-entered text with script in names, notes, comments and reasons."""
    staff = account("fgj", "staff", "区发改局")
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    gdp.name = f"地区生产总值增长{XSS[0]}"
    gdp.save()
    IndicatorNote.objects.create(indicator=gdp, text=f"说明{XSS[1]}")
    bureau = Bureau.objects.get(name="区园林局")
    bureau.name = f"区园林局{XSS[1]}"
    bureau.save()
    YearlyValue.objects.create(
        indicator=gdp,
        year=2021,
        value="1200",
        growth="8.5",
        source=XSS[0],
        note=XSS[1],
        state="approved",
        entered_by=staff,
    )
    YearlyValue.objects.create(
        indicator=gdp,
        year=2022,
        growth="7",
        source="统计快报",
        state="returned",
        review_comment=XSS[0],
        entered_by=staff,
    )
    assessment_record(
        indicator=Indicator.objects.get(plan__code="14th", number=14),
        year=2021,
        status="on_track",
        reason=XSS[0],
        assessed_on="2022-01-01",
        user=None,
    )
    return gdp


def _pages(gdp):
    bureau = Bureau.objects.get(name__startswith="区园林局")
    return [
        reverse("home"),
        reverse("plan_dashboard", args=["14th"]),
        reverse("plan_dashboard", args=["14th"]) + "?pending=1",
        reverse("plan_table", args=["14th"]),
        reverse("plan_scorecard", args=["14th"]),
        reverse("indicator", args=["14th", 1]),
        reverse("indicator", args=["14th", 14]),
        reverse("indicator_history", args=["14th", 1]),
        reverse("bureau_list"),
        reverse("bureau", args=[bureau.pk]),
        reverse("entry_list") + "?year=2022",
        reverse("entry_edit", args=[gdp.pk, 2022]),
        reverse("entry_progress"),
        reverse("review_list"),
        reverse("admin:indicators_indicator_changelist"),
        reverse("admin:indicators_indicator_change", args=[gdp.pk]),
    ]


def test_hostile_text_is_escaped_on_every_page(client, hostile_data):
    client.force_login(account("root", "superuser"))
    for url in _pages(hostile_data):
        html = client.get(url).content.decode()
        for payload in XSS:
            assert payload not in html, url
        assert "<img src=x" not in html and "<script>alert" not in html, url


def test_hostile_text_is_escaped_in_the_api(client, hostile_data):
    body = client.get(reverse("api_plan_indicators", args=["14th"])).content.decode()
    assert "<" not in body and ">" not in body and "\\u003cscript\\u003e" in body
    data = client.get(reverse("api_plan_indicators", args=["14th"])).json()
    assert data["indicators"][0]["name"].endswith(XSS[0])  # JSON carries text, not HTML
    assert client.get(reverse("api_plan_indicators", args=["14th"]))["Content-Type"] == (
        "application/json"
    )


def test_hostile_upload_cells_are_escaped_in_the_preview(client, plans):
    from tests.test_bad_input import _row, _upload, _workbook

    client.force_login(account("fgj", "staff", "区发改局"))
    html = _upload(client, _workbook([_row(value=XSS[0], source=XSS[1])])).content.decode()
    assert "&lt;script&gt;" in html
    for payload in XSS:
        assert payload not in html


# ----------------------------------------------------------- formula injection


@pytest.fixture
def formula_data(plans):
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    gdp.name = FORMULAS[0]
    gdp.unit = FORMULAS[1]
    gdp.save()
    category = gdp.category
    category.name = FORMULAS[2]
    category.save()
    bureau = Bureau.objects.get(name="区发改局")
    bureau.name = FORMULAS[3]
    bureau.save()
    return gdp


def _dangerous(cell) -> bool:
    return (
        isinstance(cell, str)
        and cell[:1] in {"=", "+", "-", "@"}
        and not re.fullmatch(r"[+-]?\d+(\.\d+)?%?|-{1,2}", cell)
    )


def test_csv_export_neutralises_formulas(client, formula_data):
    response = client.get(reverse("plan_table", args=["14th"]), {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if _dangerous(cell)]
    assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[2] in cells
    assert "'" + FORMULAS[3] in cells[rows[0].index("责任单位") + len(rows[0]) :]


def test_xlsx_export_neutralises_formulas(client, formula_data):
    response = client.get(reverse("plan_table", args=["14th"]), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if _dangerous(cell.value)]


def test_exported_numbers_and_dashes_stay_as_printed(client, plans):
    response = client.get(reverse("plan_table", args=["13th"]), {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][-3:] == ["1036", "-2.2", ""]  # a negative growth is a number
    assert rows[19][5] == "--"  # 主要污染物排放量's printed dash, as printed


def test_the_entry_template_neutralises_formulas(client, plans):
    staff = account("fgj", "staff", "区发改局")
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    YearlyValue.objects.create(
        indicator=gdp,
        year=2021,
        growth="8.5",
        source="统计快报",
        note=FORMULAS[0],
        state="draft",
        entered_by=staff,
    )
    client.force_login(staff)
    bureau = Bureau.objects.get(name="区发改局")
    response = client.get(reverse("entry_template") + f"?bureau={bureau.pk}&year=2021")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["I2"].value == "'" + FORMULAS[0]
    assert sheet["I2"].data_type != "f"
