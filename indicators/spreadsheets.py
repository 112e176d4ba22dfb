"""Excel in and out for the yearly values, with openpyxl.

`build_template()` writes a bureau's indicators for a year; `read_upload()` reads a
filled-in copy back and refuses, with a Chinese message, anything that is not a
plain table of values: another file type, extra sheets, merged cells, formulas,
wrong headers, blank or duplicate rows. It is pure: bytes in, rows and errors out.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from .notation import NotationError, parse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRINTED_DASHES = {"-", "--", "—", "——"}


def spreadsheet_safe(value):
    """A cell that a spreadsheet will not run as a formula (CSV/formula injection).

    Text starting with =, +, -, @ that is not a number gets a leading apostrophe;
    numbers as printed ("-2.2", "-9.67%") and the plan's printed dashes stay as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value in PRINTED_DASHES:
        return value
    try:
        if parse(value).value is not None and not value.startswith(("=", "@")):
            return value
    except NotationError:
        pass
    return "'" + value


HEADERS = ["规划", "序号", "指标", "单位", "年份", "总量/数值", "增速(%)", "来源", "备注"]
SHEET_TITLE = "填报"
MAX_ROWS = 2000  # far more than any bureau reports; refuses a runaway file quickly


@dataclass(frozen=True)
class UploadRow:
    line: int  # the spreadsheet row number, as Excel shows it
    plan: str
    number: str
    name: str
    unit: str
    year: str
    value: str
    growth: str
    source: str
    note: str


def build_template(rows: list[dict]) -> bytes:
    """A workbook with one sheet: the headers, then one row per indicator."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F3")
    for row in rows:
        sheet.append(
            [
                spreadsheet_safe(cell)
                for cell in (
                    row["plan"],
                    row["number"],
                    row["name"],
                    row["unit"],
                    row["year"],
                    row.get("value", ""),
                    row.get("growth", ""),
                    row.get("source", ""),
                    row.get("note", ""),
                )
            ]
        )
    # Typed figures such as ">7" or "7左右" must stay text: format the entry columns as text.
    for column in ("F", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "@"
    for column, width in zip("ABCDEFGHI", (8, 6, 36, 8, 8, 14, 10, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(cell) -> str:
    """A cell as the text the person typed or saw."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return f"{_number(value * 100)}%"
        return _number(value)
    return str(value).strip()


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(round(value, 10)) if isinstance(value, float) else str(value)


def read_sheet(
    data: bytes, headers: list[str], key_columns: tuple[int, ...]
) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The data rows (Excel line number, cell texts) of a one-sheet workbook whose first
    row is exactly `headers`, or the reasons it cannot be read. Rows with the same
    `key_columns` are duplicates."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return [], ["文件不是Excel表格(.xlsx)。请下载模板填写后上传。"]
    if len(workbook.worksheets) != 1:
        names = "、".join(sheet.title for sheet in workbook.worksheets)
        return [], [f"文件应只有一个工作表,实际有{len(workbook.worksheets)}个({names})。"]
    sheet = workbook.worksheets[0]
    if sheet.merged_cells.ranges:
        merged = "、".join(str(cells) for cells in list(sheet.merged_cells.ranges)[:5])
        return [], [f"表中有合并单元格({merged}),请取消合并后再上传。"]
    if sheet.max_row > MAX_ROWS:
        return [], [f"表格超过{MAX_ROWS}行,请只保留需要的行。"]

    rows = list(sheet.iter_rows())
    if not rows:
        return [], ["表格是空的。"]
    found = [_text(cell) for cell in rows[0]]
    while found and found[-1] == "":
        found.pop()
    if found != headers:
        missing = [name for name in headers if name not in found]
        extra = [name for name in found if name not in headers]
        detail = []
        if missing:
            detail.append("缺少列:" + "、".join(missing))
        if extra:
            detail.append("多出列:" + "、".join(extra))
        if not detail:
            detail.append("列的顺序与模板不同")
        expected = "、".join(headers)
        return [], [f"第1行表头不对({';'.join(detail)})。表头应为:{expected}。"]

    errors = [
        f"{cell.coordinate}单元格是公式,请改为直接填写数值。"
        for row in rows
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))
    ]
    if errors:
        return [], errors

    parsed: list[tuple[int, list[str]]] = []
    blank_lines: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    for row in rows[1:]:
        texts = [_text(cell) for cell in row[: len(headers)]]
        texts += [""] * (len(headers) - len(texts))
        line = row[0].row
        if not any(texts):
            blank_lines.append(line)
            continue
        if blank_lines:  # blank lines at the very end are ignored
            errors.append(f"第{'、'.join(map(str, blank_lines))}行是空行,请删除空行。")
            blank_lines = []
        if any(_text(cell) for cell in row[len(headers) :]):
            errors.append(f"第{line}行在表头以外的列还有内容。")
        key = tuple(texts[column] for column in key_columns)
        if key in seen:
            errors.append(f"第{line}行与第{seen[key]}行重复。")
            continue
        seen[key] = line
        parsed.append((line, texts))
    if not parsed and not errors:
        errors.append("表格里没有数据行。")
    return parsed, errors


def read_upload(data: bytes) -> tuple[list[UploadRow], list[str]]:
    """The value rows of an uploaded template, or the reasons it cannot be read."""
    rows, errors = read_sheet(data, HEADERS, key_columns=(0, 1, 4))
    return [UploadRow(line, *texts) for line, texts in rows], errors


INDICATOR_HEADERS = [
    "序号",
    "类别",
    "指标",
    "单位",
    "属性",
    "类型",
    "方向",
    "责任单位",
    "基期值",
    "目标值",
    "年均增长/累计",
]


def read_indicator_definitions(data: bytes) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """Indicator definitions for a new plan: one row per indicator, keyed by 序号."""
    return read_sheet(data, INDICATOR_HEADERS, key_columns=(0,))
