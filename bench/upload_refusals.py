"""Time the upload reader on nasty files: every refusal must come back in under 1 s.

    .venv/bin/python bench/upload_refusals.py [--repeat 3]

Builds each file in memory (an XFD2000 used range of ~1.7 KiB, a zip bomb of 100,000
identical rows, a 6 MiB file, a truncated sheet XML, ...), runs
`spreadsheets.read_upload()` on it `--repeat` times and prints the file's size, the
slowest time and the first message. Pure: no database, no Django settings needed.
The builders are reused by tests/test_spreadsheets.py.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Border, Side  # noqa: E402

from indicators.spreadsheets import HEADERS, read_upload  # noqa: E402

ROW = ["14th", 1, "地区生产总值增长", "%", 2021, "1,200", "8.5", "统计快报", ""]


def workbook_bytes(rows=(ROW,), *, setup=None) -> bytes:
    """A template-shaped workbook: the headers, `rows`, then `setup(workbook)`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    if setup:
        setup(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """The same .xlsx with one zip member replaced (or removed when content is None)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == name:
                if content is not None:
                    target.writestr(name, content)
            else:
                target.writestr(item, source.read(item.filename))
    return buffer.getvalue()


def _sheet_xml(rows: int) -> bytes:
    """A sheet of the headers and `rows` identical data rows, as inline strings."""
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in ROW)
    header = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in HEADERS)
    body = f'<row r="1">{header}</row>' + "".join(
        f'<row r="{line}">{cells}</row>' for line in range(2, rows + 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


SHEET = "xl/worksheets/sheet1.xml"


def xfd2000() -> bytes:
    def far_cell(workbook):
        workbook.active["XFD2000"] = "x"

    return workbook_bytes(setup=far_cell)


def formatting_only_rows(rows: int = 12_000) -> bytes:
    """The headers, one data row, then `rows` rows of empty bordered cells."""
    xml = _sheet_xml(1).decode()
    empty = "".join(f'<c r="{column}{{line}}" s="1"/>' for column in "ABCDEFGHI")
    tail = "".join(
        f'<row r="{line}">' + empty.format(line=line) + "</row>" for line in range(3, rows + 3)
    )
    return replace_part(
        workbook_bytes(), SHEET, xml.replace("</sheetData>", tail + "</sheetData>").encode()
    )


def wide_rows_at_the_cap(columns: int = 120) -> bytes:
    """No declared range and rows of `columns` styled cells, just under the sheet-size cap."""
    from openpyxl.utils import get_column_letter

    from indicators.spreadsheets import MAX_PART

    letters = [get_column_letter(index) for index in range(1, columns + 1)]
    xml = _sheet_xml(1).decode()
    rows, line, size = [], 3, len(xml)
    while True:
        row = f'<row r="{line}">' + "".join(f'<c r="{c}{line}" s="1"/>' for c in letters) + "</row>"
        if size + len(row) > MAX_PART["sheet"] - 1024:
            break
        rows.append(row)
        size += len(row)
        line += 1
    return replace_part(
        workbook_bytes(),
        SHEET,
        xml.replace("</sheetData>", "".join(rows) + "</sheetData>").encode(),
    )


def zip_bomb(rows: int = 100_000) -> bytes:
    return replace_part(workbook_bytes(), SHEET, _sheet_xml(rows))


def many_rows(rows: int = 2_500) -> bytes:
    return replace_part(workbook_bytes(), SHEET, _sheet_xml(rows))


def six_mib_member() -> bytes:
    buffer = io.BytesIO(workbook_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/media/image1.png", os.urandom(6 << 20))
    return buffer.getvalue()


def truncated_sheet() -> bytes:
    data = workbook_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    return replace_part(data, SHEET, xml[: len(xml) // 2])


def truncated_file() -> bytes:
    data = workbook_bytes()
    return data[: len(data) // 2]


def odd_styles() -> bytes:
    return replace_part(workbook_bytes(), "xl/styles.xml", b"<styleSheet><cellXfs count='x'>")


def no_workbook() -> bytes:
    return replace_part(workbook_bytes(), "xl/workbook.xml", None)


def formatted_rows(last: int = 3000) -> bytes:
    """Two data rows and a border drawn down to row `last`: a valid file."""

    def border(workbook):
        side = Side(style="thin")
        for row in workbook.active.iter_rows(min_row=2, max_row=last, max_col=len(HEADERS)):
            for cell in row:
                cell.border = Border(left=side, right=side, top=side, bottom=side)

    return workbook_bytes(
        [ROW, ["14th", 2, "全员劳动生产率增长", "%", 2021, "", "7.2", "统计快报", ""]], setup=border
    )


def nasty_files() -> dict[str, bytes]:
    """Each refusal the reader must answer quickly, by name (plus one valid file)."""
    return {
        "XFD2000 used range": xfd2000(),
        "zip bomb, 100,000 identical rows": zip_bomb(),
        "2,500 data rows": many_rows(),
        "12,000 formatting-only rows": formatting_only_rows(),
        "120-column rows, sheet XML at its cap": wide_rows_at_the_cap(),
        "6 MiB of bytes": six_mib_member(),
        "truncated sheet XML": truncated_sheet(),
        "truncated file": truncated_file(),
        "odd styles part": odd_styles(),
        "zip without a workbook": no_workbook(),
        "an .xls renamed": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),
        "a CSV renamed": "规划,序号,指标\n14th,1,地区生产总值增长\n".encode(),
        "random bytes": os.urandom(2048),
        "valid: border to row 3000": formatted_rows(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    print(f"{'file':36} {'size':>10} {'slowest':>9}  first message")
    for name, data in nasty_files().items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows, errors = read_upload(data)
            times.append(time.perf_counter() - started)
        message = errors[0] if errors else f"读到{len(rows)}行"
        size = f"{len(data) / 1024:.1f} KiB"
        print(f"{name:36} {size:>10} {max(times) * 1000:7.0f} ms  {message[:60]}")


if __name__ == "__main__":
    main()
