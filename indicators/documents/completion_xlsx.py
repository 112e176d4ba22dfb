"""完成情况表 as an Excel workbook (openpyxl).

A figure that is a plain number ("957.7", "45.13%", "-2.2") is stored as a number
whose format keeps the printed decimals (a percent as a percent: 0.4513 shown as
45.13%), so that it can be summed and charted; anything else (">1145", "7左右",
"[0.39]", "全覆盖") is stored as the printed text. Widths fit Chinese text; the two
header rows repeat on every printed page; A4 landscape, fitted to the page width.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .completion import PLAIN_NUMBER, CompletionTable

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
FONT = "宋体"  # the font of a Chinese office's tables; WPS and Excel substitute if absent
HEADER_ROW = 5  # the first header row (title, unit line, plan, cut-off above)


def number_cell(text: str) -> tuple[float | str, str]:
    """(value, number_format) of a printed figure: a number where it is a plain
    number, with as many decimals as printed; else the text itself, as text ("@")."""
    if not PLAIN_NUMBER.match(text):
        return text, "@"
    percent = text.endswith("%")
    digits = text.rstrip("%")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    shape = "0" + ("." + "0" * decimals if decimals else "")
    if percent:
        return float(Decimal(digits) / 100), shape + "%"
    return (int(digits) if decimals == 0 else float(digits)), shape


def display_width(text: str) -> float:
    """Columns a text needs: a Chinese character is about two Latin ones."""
    return sum(2 if ord(char) > 0x2E80 else 1.1 for char in text)


def completion_xlsx(table: CompletionTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "完成情况表"
    width = table.width
    last = get_column_letter(width)
    lines = [
        (table.title, Font(name=FONT, size=14, bold=True), CENTER),
        (table.unit_line, Font(name=FONT, size=10), LEFT),
        (table.plan_title, Font(name=FONT, size=10), LEFT),
        (
            f"数据截至:{table.data_cutoff}  打印日期:{table.printed_on}",
            Font(name=FONT, size=10),
            LEFT,
        ),
    ]
    for row, (text, font, alignment) in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = alignment
        sheet.merge_cells(f"A{row}:{last}{row}")
    sheet.row_dimensions[1].height = 24

    top, bottom = HEADER_ROW, HEADER_ROW + 1
    bold = Font(name=FONT, size=10, bold=True)
    for column, (upper, lower) in enumerate(
        zip(table.header_top, table.header_bottom, strict=True), start=1
    ):
        for row, text in ((top, upper), (bottom, lower)):
            cell = sheet.cell(row=row, column=column, value=text or None)
            cell.font, cell.alignment, cell.border = bold, CENTER, BOX
    for column in range(1, width + 1):
        if column - 1 in table.year_columns:
            if (column - 1 - table.year_columns.start) % 2 == 0:
                sheet.merge_cells(
                    start_row=top, start_column=column, end_row=top, end_column=column + 1
                )
        else:
            sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)

    widths = [display_width(text) for text in table.header_top]
    plain = Font(name=FONT, size=10)
    row = bottom
    for cells in table.rows:
        row += 1
        if len(cells) == 1:  # a category
            cell = sheet.cell(row=row, column=1, value=cells[0])
            cell.font, cell.alignment = bold, LEFT
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column).border = BOX
            continue
        for column, text in enumerate(cells, start=1):
            numeric = column - 1 in table.year_columns or column in (3, 4, 5)
            value, number_format = number_cell(text) if numeric and text else (text or None, "@")
            if column == 1:
                value, number_format = int(text), "0"
            cell = sheet.cell(row=row, column=column, value=value)
            cell.number_format = number_format
            cell.font, cell.border = plain, BOX
            cell.alignment = LEFT if column in (2, width) else CENTER
            widths[column - 1] = max(widths[column - 1], display_width(text))

    row += 1
    if table.footnotes:
        sheet.cell(row=row + 1, column=1, value="备注:").font = bold
        for offset, note in enumerate(table.footnotes, start=2):
            cell = sheet.cell(row=row + offset, column=1, value=note)
            cell.font, cell.alignment = plain, LEFT
            sheet.merge_cells(
                start_row=row + offset, start_column=1, end_row=row + offset, end_column=width
            )
            sheet.row_dimensions[row + offset].height = 15 * (1 + display_width(note) // 160)

    caps = {1: 6, 2: 30, width: 22}  # 指标 and 责任单位 wrap beyond these
    for column, needed in enumerate(widths, start=1):
        cap = caps.get(column, 11)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(needed + 1, 5), cap)

    sheet.freeze_panes = f"C{bottom + 1}"
    sheet.print_title_rows = f"{top}:{bottom}"  # header rows repeat on every printed page
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = f"{table.title}  数据截至{table.data_cutoff}  第 &P 页,共 &N 页"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
