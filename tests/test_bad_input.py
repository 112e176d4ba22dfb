"""Bad input gets a clear Chinese message, never a 500, and changes nothing.

Table-driven: malformed values through the entry form, and malformed files
through the Excel upload."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.models import Indicator, YearlyValue
from indicators.spreadsheets import HEADERS


def _database_state():
    return (YearlyValue.objects.count(), YearlyValue.history.count())


# A few malformed values through the page itself; the whole table of cases goes to the
# service in tests/services/test_value_check.py.
FORM_CASES = [
    # (indicator, year, value, growth, source, message)
    ("forest14", 2021, "abc", "", "统计快报", "不是数字"),
    ("patents14", 2021, "12亿元", "", "统计快报", "单位请不要写在数值里"),
    ("patents14", 2021, "<script>alert(1)</script>", "", "统计快报", "无法识别"),
    ("patents14", 2021, "21", "", "", "请填写数据来源"),
    ("gdp14", 2021, "1200", "", "统计快报", "本指标是增速指标,请填写增速"),
    ("patents14", 2021, "1" * 65, "", "统计快报", "确保该变量包含不超过 64 字符"),
]


@pytest.mark.parametrize(
    ("name", "year", "value", "growth", "source", "message"),
    FORM_CASES,
    ids=[f"{i}-{case[2][:12] or case[3][:12] or 'empty'}" for i, case in enumerate(FORM_CASES)],
)
def test_malformed_entries_are_refused_with_a_chinese_message(
    request, client, planning_admin, name, year, value, growth, source, message
):
    client.force_login(planning_admin)
    before = _database_state()
    url = reverse("entry_edit", args=[request.getfixturevalue(name).pk, year])
    data = {"value": value, "growth": growth, "source": source, "base": ""}
    for action in ("preview", "save", "submit"):
        response = client.post(url, {**data, "action": action})
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "<script>alert(1)</script>" not in html
    assert _database_state() == before


@pytest.mark.parametrize("year", [2019, 2020, 2026])
def test_there_is_no_entry_form_for_a_year_outside_the_plan(
    client, planning_admin, patents14, year
):
    client.force_login(planning_admin)
    url = reverse("entry_edit", args=[patents14.pk, year])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"value": "21", "source": "统计快报", "action": "save"}).status_code == 404
    )


def _preview_then(client, url, data, action):
    preview = client.post(url, {**data, "action": "preview"})
    signature = preview.context["form"].data.get("previewed", "")
    return client.post(url, {**data, "previewed": signature, "action": action})


def test_a_far_jump_needs_confirmation_and_a_note(client, planning_admin, forest14):
    forest = forest14
    YearlyValue.objects.create(indicator=forest, year=2021, value="10.3", state="approved")
    client.force_login(planning_admin)
    url = reverse("entry_edit", args=[forest.pk, 2022])
    data = {"value": "25", "growth": "", "source": "统计年报", "base": ""}
    response = _preview_then(client, url, data, "save")
    html = response.content.decode()
    assert "与2021年的10.3相比变化超过10个百分点,请确认" in html
    assert "请写明为何这个数值是对的" in html
    assert not YearlyValue.objects.filter(indicator=forest, year=2022).exists()
    confirmed = {**data, "confirmed": "on", "confirm_note": "新增造林面积计入。"}
    assert _preview_then(client, url, confirmed, "save").status_code == 302
    saved = YearlyValue.objects.get(indicator=forest, year=2022)
    assert "确认说明:新增造林面积计入。" in saved.note


def test_a_negative_level_needs_confirmation(client, planning_admin, patents14):
    client.force_login(planning_admin)
    url = reverse("entry_edit", args=[patents14.pk, 2021])
    response = _preview_then(
        client, url, {"value": "-3", "growth": "", "source": "部门统计", "base": ""}, "save"
    )
    assert "总量为负数(-3),请确认" in response.content.decode()
    assert not YearlyValue.objects.filter(indicator__number=5, year=2021).exists()


# ---------------------------------------------------------------- uploads


def _workbook(rows, *, headers=HEADERS, extra_sheet=False, merge=None, formula=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("说明")
    if merge:
        sheet.merge_cells(merge)
    if formula:
        sheet[formula] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(
    number=1, name="地区生产总值增长", year=2021, value="1,200", growth="8.5", source="统计快报"
):
    return ["14th", number, name, "%", year, value, growth, source, ""]


def _upload(client, content, name="entry.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("entry_upload"), {"file": file})


UPLOAD_CASES = [
    ("not a spreadsheet", b"plain text, not excel", "文件不是Excel表格"),
    ("a pdf", b"%PDF-1.4\n%\xe2\xe3", "文件不是Excel表格"),
    ("an empty zip", b"PK\x05\x06" + b"\x00" * 18, "文件不是Excel表格"),
    ("extra sheet", _workbook([_row()], extra_sheet=True), "文件应只有一个工作表,实际有2个"),
    (
        "merged cells",
        _workbook([_row(), _row(2, "全员劳动生产率增长")], merge="H2:H3"),
        "合并单元格(H2:H3)",
    ),
    ("formula", _workbook([_row()], formula="G2"), "G2单元格是公式"),
    ("missing header", _workbook([_row()[:8]], headers=HEADERS[:8]), "缺少列:备注"),
    ("extra header", _workbook([[*_row(), "x"]], headers=[*HEADERS, "审核人"]), "多出列:审核人"),
    (
        "reordered headers",
        _workbook([_row()], headers=[HEADERS[1], HEADERS[0], *HEADERS[2:]]),
        "列的顺序与模板不同",
    ),
    ("no header at all", _workbook([_row()], headers=["", "", ""]), "第1行表头不对"),
    (
        "blank row inside",
        _workbook([_row(), [None] * 9, _row(2, "全员劳动生产率增长")]),
        "第3行是空行",
    ),
    ("duplicate rows", _workbook([_row(), _row()]), "第3行与第2行重复"),
    ("no data rows", _workbook([]), "表格里没有数据行"),
    (
        "another bureau",
        _workbook([_row(18, "森林覆盖率", value="10.3", growth="")]),
        "不是您所在单位负责的指标",
    ),
    ("unknown indicator", _workbook([_row(99, "不存在的指标")]), "找不到规划“14th”的第“99”项指标"),
    (
        "name does not match",
        _workbook([_row(1, "地区生产总值")]),
        "序号1的指标是“地区生产总值增长”",
    ),
    ("year not a number", _workbook([_row(year="二〇二一")]), "年份“二〇二一”不是数字"),
    ("year outside plan", _workbook([_row(year=2027)]), "2027年不在“十四五”规划规划期"),
    ("bad value", _workbook([_row(value="一千二")]), "不是数字"),
    ("bad growth", _workbook([_row(growth="8.5%%")]), "百分号重复"),
    ("rate without growth", _workbook([_row(growth="")]), "本指标是增速指标,请填写增速"),
    ("missing source", _workbook([_row(source="")]), "请填写数据来源"),
    ("content beyond the headers", _workbook([[*_row(), "多余"]]), "第2行在表头以外的列还有内容"),
]


@pytest.mark.parametrize(
    ("case", "content", "message"), UPLOAD_CASES, ids=[case for case, _, _ in UPLOAD_CASES]
)
def test_malformed_uploads_are_refused_and_nothing_is_saved(
    client, staff_fgj, case, content, message
):
    client.force_login(staff_fgj)
    before = _database_state()
    response = _upload(client, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, case
    assert not response.context.get("token")
    assert _database_state() == before


def test_one_bad_row_blocks_the_whole_file(client, staff_fgj):
    client.force_login(staff_fgj)
    rows = [
        _row(),
        _row(2, "全员劳动生产率增长", growth="7.2"),
        _row(7, "居民人均可支配收入增长", value="", growth="abc"),
    ]
    response = _upload(client, _workbook(rows))
    assert not response.context.get("token")
    assert "有错误的行,文件没有保存" in response.content.decode()
    assert not YearlyValue.objects.filter(indicator__plan__code="14th").exists()


def test_at_least_60_malformed_inputs_in_all():
    from tests.services.test_value_check import CASES

    assert len(CASES) + len(UPLOAD_CASES) >= 60


def test_template_round_trip_saves_every_row(client, staff_fgj):
    client.force_login(staff_fgj)
    from indicators.models import Bureau

    bureau = Bureau.objects.get(name="区发改局")
    template = client.get(reverse("entry_template") + f"?bureau={bureau.pk}&year=2021")
    assert template.status_code == 200
    workbook = load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "地区生产总值增长",
        "全员劳动生产率增长",
        "居民人均可支配收入增长",
        "单位地区生产总值能源消耗降低",
    ]
    filled = {
        2: ("1,200", "8.5", "统计快报"),
        3: ("", "7.2", "部门统计"),
        4: ("", "8.1", "统计快报"),
    }
    for line, (value, growth, source) in filled.items():
        sheet[f"F{line}"], sheet[f"G{line}"], sheet[f"H{line}"] = value, growth, source
    sheet.delete_rows(5)  # 能耗: not reported yet
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = _upload(client, buffer.getvalue())
    html = preview.content.decode()
    assert preview.context["token"] and "7.2" in html
    assert not YearlyValue.objects.filter(indicator__plan__code="14th").exists()
    confirm = client.post(
        reverse("entry_upload_confirm"), {"token": preview.context["token"], "action": "submit"}
    )
    assert confirm.status_code == 302
    saved = YearlyValue.objects.filter(indicator__plan__code="14th", year=2021)
    assert sorted((v.indicator.number, v.state, v.growth.text) for v in saved) == [
        (1, "submitted", "8.5"),
        (2, "submitted", "7.2"),
        (7, "submitted", "8.1"),
    ]
    assert {v.history.first().history_change_reason for v in saved} == {"提交审核:Excel导入"}


def test_upload_confirm_is_all_or_nothing_when_someone_else_saved_meanwhile(client, staff_fgj):
    client.force_login(staff_fgj)
    preview = _upload(client, _workbook([_row(), _row(2, "全员劳动生产率增长", growth="7.2")]))
    token = preview.context["token"]
    # Meanwhile a colleague saves indicator 2 through the form.
    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan__code="14th", number=2),
        year=2021,
        growth="7.0",
        state="draft",
    )
    before = _database_state()
    response = client.post(
        reverse("entry_upload_confirm"), {"token": token, "action": "save"}, follow=True
    )
    assert "导入没有保存任何数据" in response.content.decode()
    assert _database_state() == before
    assert not YearlyValue.objects.filter(
        indicator__number=1, indicator__plan__code="14th"
    ).exists()


def test_an_expired_preview_saves_nothing(client, staff_fgj):
    client.force_login(staff_fgj)
    response = client.post(
        reverse("entry_upload_confirm"), {"token": "forged", "action": "save"}, follow=True
    )
    assert "预览已过期" in response.content.decode()
    assert not YearlyValue.objects.filter(indicator__plan__code="14th").exists()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(max_size=80), growth=st.text(max_size=20), year=st.integers(1900, 2100))
def test_no_typed_input_gives_a_500(client, planning_admin, patents14, value, growth, year):
    client.force_login(planning_admin)
    url = reverse("entry_edit", args=[patents14.pk, year])
    data = {"value": value, "growth": growth, "source": "统计快报", "base": ""}
    # A year outside the plan has no form (404); any input to a form is read or refused.
    expected = (200, 302) if 2021 <= year <= 2025 else (404,)
    for action in ("preview", "save"):
        assert client.post(url, {**data, "action": action}).status_code in expected
