"""Small helpers for Word documents (python-docx): Chinese fonts, A4 pages, table
header rows that repeat on every page, the cut-off and printing date in the footer."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..spreadsheets import strip_control_characters

FONT = "宋体"  # Word and WPS on a Chinese machine have it; others substitute a CJK font
HEADING_FONT = "黑体"


def new_document(*, landscape: bool) -> Document:
    document = Document()
    styles = document.styles
    for name, font in (
        ("Normal", FONT),
        ("Title", HEADING_FONT),
        ("Heading 1", HEADING_FONT),
        ("Heading 2", HEADING_FONT),
    ):
        style = styles[name]
        style.font.name = font
        # East Asian text takes the eastAsia font, not the Latin one.
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.6))
    # Word refuses control characters (pasted from elsewhere before the services refused
    # them): every paragraph and heading of these documents goes through safe().
    add_paragraph, add_heading = document.add_paragraph, document.add_heading
    document.add_paragraph = lambda text="", style=None: add_paragraph(safe(text), style)
    document.add_heading = lambda text="", level=1: add_heading(safe(text), level)
    return document


def safe(text) -> str:
    """Text Word accepts: control characters (but tab and line breaks) removed."""
    return strip_control_characters(str(text)) if text else ""


def footer(document: Document, text: str) -> None:
    """`text` (plan, 数据截至, 打印日期) at the foot of every page."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = text
    paragraph.runs[0].font.size = Pt(8)


def repeat_as_header(row) -> None:
    """Word repeats this table row at the top of every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def cell_text(cell, text: str, *, size: float = 8, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(safe(text))
    run.font.size = Pt(size)
    run.bold = bold


def as_bytes(document: Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)  # a Word file to a buffer, not a model
    return buffer.getvalue()
