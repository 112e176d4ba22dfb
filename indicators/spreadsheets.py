"""Excel in and out for the yearly values, with openpyxl.

`build_template()` writes a bureau's indicators for a year; `read_upload()` reads a
filled-in copy back and refuses, with a Chinese message, anything that is not a
plain table of values: another file type, extra sheets, merged cells, formulas,
dates, wrong headers, blank, over-long or duplicate rows. It is pure: bytes in, rows
and errors out, and it never raises on any bytes.

The cost of reading is bounded before openpyxl parses anything: the file's size,
the zip's members and their uncompressed sizes and ratios (zip bombs) and the
sheet's declared used range are checked first; the sheet is then streamed
(`read_only=True`) and reading stops at MAX_SCAN_ROWS rows, MAX_ROWS data rows and
MAX_COLUMNS columns. Rows that carry only formatting (a border drawn down to row
3000) are not data; hidden sheets (WPS's `WpsReserved_CellImgList`) are ignored.
A numeric cell is read as it is displayed (see excel_cells.py).
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .excel_cells import displayed
from .notation import NotationError, clean_text, parse, strip_invisible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRINTED_DASHES = {"-", "--", "—", "——"}

MAX_BYTES = 5 * 1024 * 1024  # an upload of a few dozen rows is ~10 KiB
MAX_MEMBERS = 200  # files inside the .xlsx zip
# Unzipped sizes, set so that the largest file that passes is still read in under 1 s
# (bench/upload_refusals.py); a 2,000-row template is about 1 MiB of sheet XML.
MAX_UNCOMPRESSED = 8 * 1024 * 1024  # all parts together
MAX_PART = {"sheet": 3 * 1024 * 1024, "sharedStrings": 2 * 1024 * 1024}
MAX_OTHER_PART = 2 * 1024 * 1024  # styles, workbook, relationships ...
MAX_RATIO = 100  # unzipped/zipped, for parts over RATIO_FLOOR; real sheets are ~5-30
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 2000  # data rows: far more than any bureau reports
MAX_SCAN_ROWS = 10000  # rows looked at, formatting-only rows included
MAX_COLUMNS = 30
MAX_CELL_CHARS = 32767  # Excel's own limit; read_upload has tighter limits per column

CORRUPT = "文件已损坏或格式不受支持"
NOT_XLSX = f"{CORRUPT}:文件不是Excel表格(.xlsx)。请下载模板填写后上传。"


def strip_control_characters(text: str) -> str:
    """`text` without the control characters an .xlsx cannot hold (\\x00-\\x08,
    \\x0b, \\x0c, \\x0e-\\x1f: vertical tabs pasted from Word, NULs ...)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def spreadsheet_safe(value):
    """A cell that a spreadsheet will not run as a formula (CSV/formula injection) and
    that openpyxl can write (control characters removed).

    Text starting with =, +, -, @ that is not a number gets a leading apostrophe;
    numbers as printed ("-2.2", "-9.67%") and the plan's printed dashes stay as they are."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    if not value.startswith(FORMULA_STARTS):
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
# A round's workbook shows what to type against, between the key and the input columns;
# the upload ignores these columns.
CONTEXT_HEADERS = ["基期值", "目标值", "上年数值", "序时进度"]
ROUND_HEADERS = HEADERS[:5] + CONTEXT_HEADERS + HEADERS[5:]
INSTRUCTIONS_TITLE = "填报说明"  # the round workbook's instructions, ignored on upload
# The longest text each column of the upload may hold (characters).
UPLOAD_LIMITS = {
    "规划": 20,
    "序号": 10,
    "指标": 100,
    "单位": 20,
    "年份": 10,
    "总量/数值": 64,
    "增速(%)": 64,
    "来源": 100,
    "备注": 2000,
}


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
    """A workbook with one sheet: the headers, then one row per indicator.

    `rows` are dicts with plan, number, name, unit, year and optionally value,
    growth, source, note. Control characters in any of them are dropped."""
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


INPUT_FILL = PatternFill("solid", fgColor="FFF5CC")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")


def build_round_template(rows: list[dict], *, instructions: list[str]) -> bytes:
    """A round's workbook: the 填报 sheet (ROUND_HEADERS) protected except the input
    cells of rows still open (value, growth, source, note), with data validation on
    them; then the 说明 sheet. `rows` as build_template's, plus base, target, last,
    pace and editable."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(ROUND_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F3")
    inputs = range(10, 14)  # J..M: 总量/数值, 增速(%), 来源, 备注
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
                    row.get("base", ""),
                    row.get("target", ""),
                    row.get("last", ""),
                    row.get("pace", ""),
                    row.get("value", ""),
                    row.get("growth", ""),
                    row.get("source", ""),
                    row.get("note", ""),
                )
            ]
        )
        line = sheet.max_row
        for column in range(1, len(ROUND_HEADERS) + 1):
            cell = sheet.cell(line, column)
            if column in inputs and row.get("editable", True):
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
            elif column in range(6, 10):
                cell.fill = LOCKED_FILL
            if column in (10, 11):
                cell.number_format = "@"  # ">7", "7左右" stay text
    last = max(sheet.max_row, 2)
    for columns, limit, title in (("J", 64, "总量/数值"), ("K", 64, "增速(%)"), ("L", 100, "来源")):
        rule = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{title}过长",
            error=f"{title}最多{limit}个字。",
            promptTitle=title,
            prompt="按指标单位填写确切的数,不写单位;增速如 8.5"
            if title != "来源"
            else "如 统计快报",
            showInputMessage=True,
        )
        rule.add(f"{columns}2:{columns}{last}")
        sheet.add_data_validation(rule)
    note = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="2000")
    note.error, note.showErrorMessage = "备注最多2000个字。", True
    note.add(f"M2:M{last}")
    sheet.add_data_validation(note)
    widths = (8, 6, 36, 8, 8, 16, 14, 22, 30, 14, 10, 12, 30)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "F2"
    # Protected without a password: it guards against slips, not against the user.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may still be changed
    guide = workbook.create_sheet(INSTRUCTIONS_TITLE)
    for text in instructions:
        guide.append([strip_control_characters(text)])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 100
    for cell in guide["A"]:
        cell.alignment = Alignment(wrap_text=True)
    guide.protection.sheet = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- before parsing


def _kind_of(data: bytes) -> str:
    """Why bytes that are not a zip are not an .xlsx, in Chinese."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            f"{CORRUPT}:文件不是Excel表格(.xlsx),而是旧版Excel(.xls)文件。"
            "请用Excel或WPS另存为.xlsx后上传。"
        )
    if data.startswith(b"%PDF"):
        return NOT_XLSX
    head = data[:4096]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "," in text or "\t" in text:
            return (
                f"{CORRUPT}:文件不是Excel表格(.xlsx),而是文本(CSV)文件。"
                "请下载模板,用Excel或WPS填写后保存为.xlsx上传。"
            )
    return NOT_XLSX


def _check_archive(data: bytes) -> str | None:
    """The reason the bytes cannot be read cheaply as an .xlsx, or None."""
    if not data:
        return "文件是空的。请下载模板填写后上传。"
    if len(data) > MAX_BYTES:
        size = len(data) / 1024 / 1024
        return (
            f"文件有{size:.1f} MB,超过{MAX_BYTES // 1024 // 1024} MB的上限。"
            "请只保留需要填报的行,删除图片后再上传。"
        )
    if not data.startswith(b"PK"):
        return _kind_of(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return NOT_XLSX
    names = {member.filename.lower() for member in members}
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        return f"{NOT_XLSX}(压缩包里没有工作簿。)"
    if len(members) > MAX_MEMBERS:
        return f"{CORRUPT}:文件内部的部件过多({len(members)}个)。请把数据复制到新建的表格后上传。"
    bomb = f"{CORRUPT}:文件解压后过大,可能不是正常的填报表格。请把数据复制到新建的表格后上传。"
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED:
        return bomb
    for member in members:
        name = member.filename.rsplit("/", 1)[-1]
        part = "sheet" if name.startswith("sheet") else name.removesuffix(".xml")
        if member.file_size > MAX_PART.get(part, MAX_OTHER_PART):
            return bomb
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            return bomb
    return None


# ---------------------------------------------------------------- cells


def _text(cell) -> str:
    """A cell as the text the person typed or saw (numbers as their format shows them)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        try:
            number_format = cell.number_format
        except (IndexError, KeyError, AttributeError, TypeError):  # odd style parts
            number_format = "General"
        return displayed(value, number_format)
    return strip_control_characters(str(value)).strip()


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date | datetime.time | datetime.timedelta)


def _canonical(text: str) -> str:
    """A key cell as compared for duplicates: "6", "06", "６" and "6.0" are all "6"."""
    folded = clean_text(text)
    if re.fullmatch(r"\d{1,15}(\.0*)?", folded):
        return str(int(folded.split(".")[0]))
    return folded


def _merged_ranges(workbook, sheet) -> list[str]:
    """The merged ranges of a read-only sheet (openpyxl does not read them then)."""
    # _archive/_worksheet_path: read-only mode keeps the zip open and the sheet's path.
    with workbook._archive.open(sheet._worksheet_path) as source:
        xml = source.read()
    found = re.findall(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"", xml)
    return [ref.decode("ascii", "replace") for ref in found]


# ---------------------------------------------------------------- reading


def read_sheet(
    data: bytes,
    headers: list[str],
    key_columns: tuple[int, ...],
    describe_key: Callable[[tuple[str, ...]], str] | None = None,
    *,
    also: tuple[list[str], ...] = (),
    ignored_sheets: tuple[str, ...] = (),
) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The data rows (Excel line number, cell texts) of a workbook with one visible
    sheet whose first row is `headers` (or one of `also`: the rows then have that
    header's width), or the reasons (Chinese) it cannot be read. Visible sheets named
    in `ignored_sheets` (our own instructions) are not read.

    Rows whose `key_columns` are the same once folded ("6", "06", "６") repeat;
    `describe_key` names the key in the message. Never raises."""
    refusal = _check_archive(data)
    if refusal:
        return [], [refusal]
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it ignores; they are not the user's problem
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                return _read_workbook(
                    workbook, headers, key_columns, describe_key, also, ignored_sheets
                )
            finally:
                workbook.close()
    except Exception as error:  # any parser failure on a user's file means "corrupt"
        detail = type(error).__name__
        return [], [f"{CORRUPT}(无法读取:{detail})。请用Excel或WPS打开后另存为.xlsx再上传。"]


def _read_workbook(workbook, headers, key_columns, describe_key, also=(), ignored_sheets=()):
    visible = [
        sheet
        for sheet in workbook.worksheets
        if sheet.sheet_state == "visible" and sheet.title not in ignored_sheets
    ]
    if len(visible) != 1:
        names = "、".join(sheet.title for sheet in visible)
        return [], [f"文件应只有一个工作表,实际有{len(visible)}个({names})。"]
    sheet = visible[0]
    if (sheet.max_column or 0) > MAX_COLUMNS:
        used = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row or 1}"
        return [], [
            f"表格的使用范围是{used},超过{MAX_COLUMNS}列。"
            "请删除表头右侧各列的内容和格式,或把数据复制到新建的表格后上传。"
        ]
    merged = _merged_ranges(workbook, sheet)
    if merged:
        return [], [f"表中有合并单元格({'、'.join(merged[:5])}),请取消合并后再上传。"]

    errors: list[str] = []
    lines: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    for line, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=MAX_SCAN_ROWS + 1, min_col=1, max_col=MAX_COLUMNS),
        start=1,
    ):
        if line > MAX_SCAN_ROWS:
            return [], [
                f"表格超过{MAX_SCAN_ROWS}行(可能是很多空行设置了格式)。"
                "请把数据复制到新建的表格后上传。"
            ]
        texts = []
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                texts.append("")
                continue
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                errors.append(f"{cell.coordinate}单元格是公式,请改为直接填写数值。")
            elif _is_date(value):
                errors.append(
                    f"{cell.coordinate}单元格是日期或时间格式,请把单元格格式设为“文本”或"
                    "“常规”后重新填写。"
                )
            text = _text(cell)
            if len(text) > MAX_CELL_CHARS:
                errors.append(f"{cell.coordinate}单元格超过{MAX_CELL_CHARS}个字,请精简。")
                text = text[:MAX_CELL_CHARS]
            texts.append(text)
        if header is None:
            header = texts
            continue
        if any(texts):
            lines.append((line, texts))
            if len(lines) > MAX_ROWS:
                return [], [f"表格超过{MAX_ROWS}行数据,请只保留需要的行。"]
    if header is None:
        return [], ["表格是空的。"]

    found = list(header)
    while found and found[-1] == "":
        found.pop()
    folded = [clean_text(name) for name in found]
    matched = next(
        (h for h in (headers, *also) if folded == [clean_text(name) for name in h]), None
    )
    if matched is None:
        return [], [_header_problem(found, headers)]
    width = max(len(matched), 1)
    if errors:
        return [], errors
    return _data_rows(lines, width, key_columns, describe_key)


def _header_problem(found: list[str], headers: list[str]) -> str:
    wanted = [clean_text(name) for name in headers]
    have = [clean_text(name) for name in found]
    missing = [name for name, key in zip(headers, wanted, strict=True) if key not in have]
    extra = [name for name, key in zip(found, have, strict=True) if key not in wanted]
    detail = []
    if missing:
        detail.append("缺少列:" + "、".join(missing))
    if extra:
        detail.append("多出列:" + "、".join(extra))
    if not detail:
        detail.append("列的顺序与模板不同")
    return f"第1行表头不对({';'.join(detail)})。表头应为:{'、'.join(headers)}。"


def _data_rows(lines, width, key_columns, describe_key):
    errors: list[str] = []
    parsed: list[tuple[int, list[str]]] = []
    seen: dict[tuple[str, ...], int] = {}
    previous = 1  # the header's line
    for line, texts in lines:
        if line > previous + 1:
            blank = "、".join(map(str, range(previous + 1, line)))
            errors.append(f"第{blank}行是空行,请删除空行。")
        previous = line
        if any(texts[width:]):
            errors.append(f"第{line}行在表头以外的列还有内容。")
        texts = texts[:width] + [""] * (width - len(texts[:width]))
        key = tuple(_canonical(texts[column]) for column in key_columns)
        if key in seen:
            which = f":是同一指标({describe_key(key)})" if describe_key else ""
            errors.append(f"第{line}行与第{seen[key]}行重复{which},请只保留一行。")
            continue
        seen[key] = line
        parsed.append((line, texts))
    if not parsed and not errors:
        errors.append("表格里没有数据行。")
    return parsed, errors


def read_upload(data: bytes) -> tuple[list[UploadRow], list[str]]:
    """The value rows of an uploaded template (a year's, or a round's with its context
    columns and 说明 sheet), or the reasons it cannot be read.

    Each returned row's texts are as displayed, control and invisible characters
    removed from the text columns, 序号 and 年份 folded ("０６" -> "6"); figures are
    left for validation.check_entry. A row with a text over its UPLOAD_LIMITS is
    reported in the errors ("第5行的来源超过100个字…") and not returned."""
    rows, errors = read_sheet(
        data,
        HEADERS,
        key_columns=(0, 1, 4),
        describe_key=lambda key: f"规划{key[0]},序号{key[1]},{key[2]}年",
        also=(ROUND_HEADERS,),
        ignored_sheets=(INSTRUCTIONS_TITLE,),
    )
    result = []
    for line, texts in rows:
        if len(texts) == len(ROUND_HEADERS):  # a round's workbook: drop what it only shows
            texts = texts[:5] + texts[5 + len(CONTEXT_HEADERS) :]
        too_long = [
            f"第{line}行的{name}超过{limit}个字(现有{len(text)}个字),请精简后再上传。"
            for name, limit, text in zip(HEADERS, UPLOAD_LIMITS.values(), texts, strict=True)
            if len(text) > limit
        ]
        if too_long:
            errors += too_long
            continue
        plan, number, name, unit, year, value, growth, source, note = texts
        result.append(
            UploadRow(
                line,
                clean_text(plan),
                _canonical(number),
                strip_invisible(name).strip(),
                strip_invisible(unit).strip(),
                _canonical(year),
                value,
                growth,
                strip_invisible(source).strip(),
                strip_invisible(note).strip(),
            )
        )
    return result, errors


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
    return read_sheet(
        data, INDICATOR_HEADERS, key_columns=(0,), describe_key=lambda key: f"序号{key[0]}"
    )
