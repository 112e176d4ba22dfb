"""The Excel template and the upload reader, on workbooks built here with openpyxl."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from bench import upload_refusals as nasty
from indicators.excel_cells import displayed, plain_number
from indicators.spreadsheets import CORRUPT, HEADERS, build_template, read_upload, spreadsheet_safe

ROW = nasty.ROW


def _with_cells(cells: dict[str, tuple[object, str]]) -> bytes:
    """The template with a data row whose cells get (value, number_format)."""

    def setup(workbook):
        for coordinate, (value, number_format) in cells.items():
            workbook.active[coordinate] = value
            workbook.active[coordinate].number_format = number_format

    return nasty.workbook_bytes(setup=setup)


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (12.3, '0.0"%"', "12.3%"),
        (12.3, "0.00\\%", "12.30%"),
        (0.123, "0.0%", "12.3%"),
        (0.123, "0%", "12%"),
        (1e-05, "General", "0.00001"),
        (0.00001234, "0.000000", "0.000012"),
        (1234.5, "#,##0.00", "1234.50"),
        (0.1 + 0.2, "G/通用格式", "0.3"),  # WPS's name for General
        (12.345, "[$-804]0.00_ ", "12.35"),
        (-2.2, "0.0;[Red]0.0", "-2.2"),  # the sign is the value's, never lost
        (-2.2, "0.0_);(0.0)", "-2.2"),
        (3.5, '0.0"‰"', "3.5‰"),
        (123456, "0.00E+00", "123456"),
        (12, '0"亿元"', "12亿元"),
    ],
)
def test_a_number_is_read_as_its_format_displays_it(value, number_format, text):
    assert displayed(value, number_format) == text
    rows, errors = read_upload(_with_cells({"F2": (value, number_format)}))
    assert not errors
    assert rows[0].value == text


def test_tiny_and_noisy_floats_are_written_plainly():
    assert plain_number(1e-05) == "0.00001"
    assert plain_number(1.0) == "1"
    assert "e" not in plain_number(1.5e-12).lower()


def test_a_date_in_a_figure_cell_is_refused():
    import datetime

    rows, errors = read_upload(_with_cells({"F2": (datetime.date(2021, 7, 1), "yyyy-mm-dd")}))
    assert rows == [] and "F2单元格是日期或时间格式" in errors[0]


def test_a_border_down_to_row_3000_does_not_make_a_two_row_file_too_long():
    rows, errors = read_upload(nasty.formatted_rows(3000))
    assert not errors
    assert [row.line for row in rows] == [2, 3]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_ignored(state):
    def hidden(workbook):
        workbook.create_sheet("WpsReserved_CellImgList").sheet_state = state

    rows, errors = read_upload(nasty.workbook_bytes(setup=hidden))
    assert not errors and len(rows) == 1


def test_two_visible_sheets_are_counted_without_the_hidden_ones():
    def sheets(workbook):
        workbook.create_sheet("说明")
        workbook.create_sheet("WpsReserved_CellImgList").sheet_state = "hidden"

    assert "实际有2个" in read_upload(nasty.workbook_bytes(setup=sheets))[1][0]


@pytest.mark.parametrize("number", ["06", "６", 6, "6.0", " 6 "])
def test_the_same_indicator_written_differently_is_a_duplicate(number):
    first = ["14th", 6, "名称", "件", 2025, "1", "", "统计快报", ""]
    second = ["14th", number, "名称", "件", "２０２５", "2", "", "统计快报", ""]
    _, errors = read_upload(nasty.workbook_bytes([first, second]))
    assert errors == ["第3行与第2行重复:是同一指标(规划14th,序号6,2025年),请只保留一行。"]


def test_headers_are_compared_after_folding_full_width_and_invisible_characters():
    headers = [*HEADERS]
    headers[6] = "增速（％）\u200b"
    workbook = Workbook()
    workbook.active.append(headers)
    workbook.active.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, errors = read_upload(buffer.getvalue())
    assert not errors and rows[0].growth == "8.5"


@pytest.mark.parametrize(
    ("column", "length", "message"),
    [
        (7, 120, "第2行的来源超过100个字(现有120个字)"),
        (8, 2001, "第2行的备注超过2000个字"),
        (5, 65, "第2行的总量/数值超过64个字"),
        (2, 101, "第2行的指标超过100个字"),
    ],
)
def test_every_text_column_has_a_length_limit_reported_per_row(column, length, message):
    row = list(ROW)
    row[column] = "1" * length
    rows, errors = read_upload(nasty.workbook_bytes([row]))
    assert rows == [] and any(error.startswith(message) for error in errors)


def test_control_characters_never_break_the_template():
    data = build_template(
        [
            {
                "plan": "14th",
                "number": 1,
                "name": "地区\x0b生产\x00总值",
                "unit": "%",
                "year": 2021,
                "note": "从Word粘贴\x0c",
            }
        ]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["C2"].value == "地区生产总值"
    assert spreadsheet_safe("=1+1\x0b") == "'=1+1"


def test_upload_text_columns_lose_invisible_characters_and_key_columns_are_folded():
    row = [
        "14th",
        "０１",
        "地区生产总值增长\u200b",
        "%",
        "２０２１",
        "1",
        "8.5",
        "统计\u2060快报",
        "",
    ]
    rows, errors = read_upload(nasty.workbook_bytes([row]))
    assert not errors
    assert (rows[0].number, rows[0].year, rows[0].name, rows[0].source) == (
        "1",
        "2021",
        "地区生产总值增长",
        "统计快报",
    )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (nasty.truncated_sheet, CORRUPT),
        (nasty.truncated_file, CORRUPT),
        (nasty.odd_styles, CORRUPT),
        (nasty.no_workbook, "压缩包里没有工作簿"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版Excel(.xls)"),
        (lambda: "规划,序号\n14th,1\n".encode(), "文本(CSV)"),
        (lambda: b"", "文件是空的"),
        (nasty.six_mib_member, "超过5 MB"),
        (nasty.zip_bomb, "解压后过大"),
        (nasty.xfd2000, "A1:XFD2000,超过30列"),
        (nasty.many_rows, "超过2000行数据"),
        (nasty.formatting_only_rows, "超过10000行"),
    ],
)
def test_odd_and_hostile_files_are_refused_with_one_clear_message(build, message):
    rows, errors = read_upload(build())
    assert rows == [] and len(errors) == 1 and message in errors[0]


def test_merged_cells_are_found_in_streaming_mode():
    def merge(workbook):
        workbook.active.append(ROW)
        workbook.active.merge_cells("H2:H3")

    assert "合并单元格(H2:H3)" in read_upload(nasty.workbook_bytes(setup=merge))[1][0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=20),
            st.integers(),
            st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(),
        ),
        min_size=9,
        max_size=9,
    )
)
def test_the_reader_never_raises_on_generated_cells(cells):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = [ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells]
    _rows, errors = read_upload(nasty.workbook_bytes([cells]))
    assert all(isinstance(error, str) for error in errors)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=4000))
def test_the_reader_never_raises_on_generated_bytes(noise, cut):
    template = nasty.workbook_bytes()
    for data in (noise, template[:cut] + noise, b"PK\x03\x04" + noise):
        rows, errors = read_upload(data)
        assert errors or rows


@settings(max_examples=30, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_the_reader_never_raises_on_a_damaged_sheet_part(noise):
    data = nasty.workbook_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read(nasty.SHEET)
    rows, errors = read_upload(nasty.replace_part(data, nasty.SHEET, xml[:300] + noise))
    assert errors or rows
