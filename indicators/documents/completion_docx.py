"""完成情况表 as a Word document (python-docx): A4 landscape, the two header rows
repeated on every page, the plan, 数据截至 and the printing date in the footer."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .completion import CompletionTable
from .word import as_bytes, cell_text, footer, new_document, repeat_as_header


def completion_docx(table: CompletionTable) -> bytes:
    document = new_document(landscape=True)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(table.title)
    run.bold, run.font.size = True, Pt(14)
    document.add_paragraph(table.unit_line).runs[0].font.size = Pt(9)
    info = document.add_paragraph(
        f"{table.plan_title}  数据截至:{table.data_cutoff}  打印日期:{table.printed_on}"
    )
    info.runs[0].font.size = Pt(9)

    grid = document.add_table(rows=2, cols=table.width)
    grid.style = "Table Grid"
    top, bottom = grid.rows
    for column, (upper, lower) in enumerate(
        zip(table.header_top, table.header_bottom, strict=True)
    ):
        cell_text(top.cells[column], upper, bold=True)
        cell_text(bottom.cells[column], lower, bold=True)
    for column in range(table.width):
        if column in table.year_columns:
            if (column - table.year_columns.start) % 2 == 0:
                merged = top.cells[column].merge(top.cells[column + 1])
                cell_text(merged, table.header_top[column], bold=True)
        else:
            merged = top.cells[column].merge(bottom.cells[column])
            cell_text(merged, table.header_top[column], bold=True)
    repeat_as_header(top)
    repeat_as_header(bottom)

    for cells in table.rows:
        row = grid.add_row()
        if len(cells) == 1:  # a category
            merged = row.cells[0].merge(row.cells[table.width - 1])
            cell_text(merged, cells[0], bold=True)
            continue
        for column, text in enumerate(cells):
            cell_text(row.cells[column], text)

    widths = {0: 0.8, 1: 3.6, table.width - 2: 1.5, table.width - 1: 2.2}
    for row in grid.rows:
        for column, cell in enumerate(row.cells):
            cell.width = Cm(widths.get(column, 1.25))

    if table.footnotes:
        document.add_paragraph("备注:").runs[0].bold = True
        for note in table.footnotes:
            document.add_paragraph(note).runs[0].font.size = Pt(9)
    footer(document, f"{table.title}  数据截至{table.data_cutoff}  打印日期{table.printed_on}")
    return as_bytes(document)
