"""评估报告 as a Word document (python-docx)."""

from __future__ import annotations

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .evaluation_report import (
    TABLE_HEADER,
    EvaluationReport,
    charts,
    commitment_line,
    paragraph,
)
from .word import as_bytes, cell_text, footer, new_document, repeat_as_header


def evaluation_docx(report: EvaluationReport) -> bytes:
    document = new_document(landscape=False)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.bold, run.font.size = True, Pt(16)
    info = document.add_paragraph(
        f"{report.plan_title}\n数据截至:{report.data_cutoff}  打印日期:{report.printed_on}"
    )
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading("一、总体情况", level=1)
    document.add_paragraph(report.summary)
    counts = document.add_table(rows=2, cols=len(report.counts) or 1)
    counts.style = "Table Grid"
    for column, (label, count) in enumerate(report.counts):
        cell_text(counts.rows[0].cells[column], label.label, size=9, bold=True)
        cell_text(counts.rows[1].cells[column], f"{count}项", size=9)

    document.add_heading("二、主要指标评估表", level=1)
    grid = document.add_table(rows=1, cols=len(TABLE_HEADER))
    grid.style = "Table Grid"
    for column, text in enumerate(TABLE_HEADER):
        cell_text(grid.rows[0].cells[column], text, size=8, bold=True)
    repeat_as_header(grid.rows[0])
    for cells in report.table_rows():
        row = grid.add_row()
        for column, text in enumerate(cells):
            cell_text(row.cells[column], text, size=8)

    document.add_heading("三、预警:需要关注的指标", level=1)
    if not report.warnings:
        document.add_paragraph("没有滞后于预期或难以完成的指标。")
    for e in report.warnings:
        line = f"{e.number}. {e.name}({e.nature.label or '未标注'}):{e.label}"
        if e.gap_text:
            line += f",{e.gap_text}"
        line += f";责任单位:{'、'.join(e.bureaus)}。"
        if e.narrative_missing:
            line += "原因和措施未报送。"
        document.add_paragraph(line, style="List Bullet")

    document.add_heading("四、各指标情况", level=1)
    images = charts(report)
    for e in report.evaluations:
        document.add_heading(f"{e.number}. {e.name}", level=2)
        document.add_paragraph(paragraph(e))
        if e.narrative:
            document.add_paragraph(f"原因:{e.narrative.cause or '(未填写)'}")
            document.add_paragraph(f"措施:{e.narrative.measure or '(未填写)'}")
            note = document.add_paragraph(
                f"(由{'、'.join(e.bureaus)}报送,{e.narrative.reviewed_by}审核通过)"
            )
            note.runs[0].font.size = Pt(8)
        elif e.narrative_missing:
            document.add_paragraph("原因和措施:约束性指标滞后于预期,责任单位尚未报送(或未经审核)。")
        if e.number in images:
            document.add_picture(BytesIO(images[e.number]), width=Cm(15))
    if report.commitments:
        document.add_heading("五、规划正文中的量化目标", level=1)
        document.add_paragraph(
            f"规划纲要第三至八章另有{len(report.commitments)}项量化目标,逐字引用原文:"
        )
        for e in report.commitments:
            document.add_paragraph(commitment_line(e), style="List Bullet")
    footer(document, f"{report.title}  数据截至{report.data_cutoff}  打印日期{report.printed_on}")
    return as_bytes(document)
