"""The plan table: one row per indicator, figures as printed, exportable.

Exports are for an office on Chinese Windows: the CSV starts with a UTF-8 BOM (Excel
reads it as GBK otherwise), and the XLSX is built with openpyxl: a title row (plan,
export date, 序时进度 year), every figure twice, as printed (原文) and as a number
(数值) that can be summed and charted, the unit in each header, widths that fit
Chinese text. Every text cell goes through spreadsheet_safe (no formula injection).
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable

import django_tables2 as tables
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import format_html
from django_tables2.export import TableExport
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import Indicator
from .selectors import pace_for_page
from .spreadsheets import spreadsheet_safe

EXPORT_FORMATS = (TableExport.CSV, TableExport.XLSX)
BOM = "\ufeff"


class SafeTableExport(TableExport):
    """The plan table as CSV (with a BOM) or XLSX (openpyxl), formula-safe; other
    formats tablib knows (json, xls, ods...) are not offered and not served."""

    @classmethod
    def is_valid_format(cls, export_format) -> bool:
        return export_format in EXPORT_FORMATS

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        self.table, self.exclude_columns = table, exclude_columns or ()
        if export_format == TableExport.XLSX:
            if not self.is_valid_format(export_format):  # pragma: no cover
                raise TypeError(export_format)
            self.format = export_format
            return
        super().__init__(export_format, table, exclude_columns, dataset_kwargs)

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [[spreadsheet_safe(cell) for cell in row] for row in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)
        return dataset

    def export(self):
        if self.format == TableExport.XLSX:
            return xlsx_workbook(self.table, self.exclude_columns)
        return BOM + self.dataset.export(self.format)


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _xlsx_columns(table, exclude_columns) -> list[tuple[str, Callable]]:
    """(header, cell of a row) for every column of the XLSX: a figure gives two."""
    columns: list[tuple[str, Callable]] = []
    for bound in table.columns.iterall():
        if bound.column.exclude_from_export or bound.name in exclude_columns:
            continue
        column, name, header = bound.column, bound.name, str(bound.header)

        def text(row, name=name):
            # As django-tables2's as_values: numbers stay numbers, objects become text.
            return force_str(row.get_cell_value(name), strings_only=True)

        if isinstance(column, (FigureColumn, YearFigureColumn)):
            columns.append((f"{header}·原文", text))
            columns.append(
                (
                    f"{header}·数值({column.unit_hint})",
                    lambda row, column=column: column.number(row.record),
                )
            )
        elif isinstance(column, PaceColumn):
            columns.append((header, lambda row: _pace(row.record, table)["label"]))
            for key, label in (("expected", "应达"), ("actual", "实际")):
                columns.append(
                    (
                        f"序时进度·{label}值(增速类为%,其余见“单位”列)",
                        lambda row, key=key: _pace(row.record, table)[key],
                    )
                )
            columns.append(("序时进度·差距(正为超前)", lambda row: _pace(row.record, table)["gap"]))
            columns.append(("差距单位", lambda row: _pace(row.record, table)["gap_unit"]))
            columns.append(("评估依据", lambda row: _pace(row.record, table)["basis"]))
        else:
            columns.append((header, text))
    return columns


def xlsx_workbook(table, exclude_columns=()) -> bytes:
    """The plan table as an XLSX an office can sum and chart (see the module doc)."""
    columns = _xlsx_columns(table, exclude_columns)
    book = Workbook()
    sheet = book.active
    sheet.title = "指标总表"
    plan, as_of = table.plan, table.as_of
    sheet.append([f"{plan.name}主要指标总表"])
    sheet.append(
        [
            f"导出日期:{timezone.localdate():%Y-%m-%d};序时进度截至{as_of}年;"
            f"数值为已审核数值,“原文”照规划印法,“数值”为其数字"
        ]
    )
    sheet.append([header for header, _ in columns])
    for row in table.rows:
        sheet.append([spreadsheet_safe(cell(row)) for _, cell in columns])
    last = get_column_letter(max(len(columns), 1))
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D4"
    for index, (header, _) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = [sheet.cell(row=r, column=index).value for r in range(4, sheet.max_row + 1)]
        widest = max([display_width(str(v)) for v in cells if v is not None] or [0])
        # Headers wrap; cells do not. Long sentences (评估依据) are capped.
        width = max(widest, min(display_width(header), 24), 6) + 2
        sheet.column_dimensions[letter].width = min(width, 60)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _pace(record: Indicator, table) -> dict:
    """The row's 序时进度 as of the table's year, computed once per row."""
    if getattr(record, "pace", None) is None or record.pace["as_of"] != table.as_of:
        record.pace = pace_for_page(record, table.as_of)
    return record.pace


class FigureColumn(tables.Column):
    """A figure shown (and exported) exactly as printed, its meaning on hover."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def render(self, value):
        return figure_html(value)

    def value(self, value):
        return value.text

    unit_hint = "见“单位”列"

    def number(self, record) -> float | None:
        figure = self.accessor.resolve(record)
        return figure.number if figure else None


class PaceColumn(tables.Column):
    """序时进度 as of the table's year: the mid-term class and the gap."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, accessor="pk", orderable=False, **kwargs)

    def render(self, record, table):
        return render_to_string("indicators/partials/pace.html", {"pace": _pace(record, table)})

    def value(self, record, table):
        pace = _pace(record, table)
        if pace["gap"] is None:
            return pace["label"]
        return f"{pace['label']}(差距{pace['gap']:+g}{pace['gap_unit']})"


@functools.cache
def _status_template():
    return get_template("indicators/partials/status.html")  # loaded once, not per row


class IndicatorTable(tables.Table):
    number = tables.Column("序号", attrs={"td": {"class": "num"}})
    category = tables.Column("类别", order_by=("category__position", "number"))
    name = tables.Column("指标", linkify=lambda record: _indicator_url(record))
    unit = tables.Column("单位")
    nature = tables.Column("属性", order_by=("nature", "number"))
    baseline = FigureColumn("基期值")
    target = FigureColumn("目标值")
    target_growth = FigureColumn("年均增长/累计")
    latest = tables.Column("最新值", accessor="latest_value", orderable=False, default="")
    status = tables.Column("状态", order_by=("status", "number"))
    pace = PaceColumn("序时进度")
    official_assessment = tables.Column("完成情况(原文)", default="")
    bureaus = tables.Column("责任单位", accessor="bureau_names", orderable=False, default="")

    class Meta:
        model = Indicator
        fields = ()
        sequence = (
            "number",
            "category",
            "name",
            "unit",
            "nature",
            "baseline",
            "target",
            "target_growth",
            "latest",
            "status",
            "pace",
            "official_assessment",
            "bureaus",
        )
        attrs = {"class": "data-table"}
        empty_text = "没有符合条件的指标。"
        per_page = 50

    def __init__(self, *args, plan=None, as_of: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The year the 序时进度 column is evaluated as of, in its header too.
        self.plan, self.as_of = plan, as_of
        if as_of is None:
            self.columns.hide("pace")
        else:
            self.columns["pace"].column.verbose_name = f"序时进度(截至{as_of}年)"

    def render_nature(self, record):
        return record.get_nature_display()

    def value_nature(self, record):
        return record.get_nature_display()

    def render_baseline(self, record, value):
        return format_html("{}<small>({})</small>", figure_html(value), record.baseline_year)

    def render_target(self, record, value):
        if value.is_blank:
            return ""
        return format_html("{}<small>({})</small>", figure_html(value), record.target_year)

    # Exports carry the figures exactly as printed, without markup.
    def value_baseline(self, value):
        return value.text

    def value_target(self, value):
        return value.text

    def render_status(self, record):
        return _status_template().render({"indicator": record})

    def value_status(self, record):
        computed = record.get_computed_status_display()
        if record.status != record.computed_status:
            return f"{record.status_label}(计算:{computed})"
        return record.status_label

    def render_latest(self, value):
        return _latest_text(value)

    def value_latest(self, value):
        return _latest_text(value)

    def render_bureaus(self, value):
        return "、".join(value)

    def value_bureaus(self, value):
        return "、".join(value)


class YearFigureColumn(tables.Column):
    """One year's printed figure (value, growth or companion): export only."""

    def __init__(self, year: int, slot: str, verbose_name: str):
        super().__init__(verbose_name, accessor="pk", orderable=False)
        self.year, self.slot = year, slot

    def value(self, record):
        value = record.value_in(self.year)
        return getattr(value, self.slot).text if value else ""

    def render(self, record):
        return self.value(record)

    @property
    def unit_hint(self) -> str:
        return {"growth": "%", "companion": "单位见表头"}.get(self.slot, "见“单位”列")

    def number(self, record) -> float | None:
        value = record.value_in(self.year)
        return getattr(value, self.slot).number if value else None


def year_columns(plan, *, with_companion: bool) -> list[tuple[str, tables.Column]]:
    """Columns of every year's figures, so that an export holds the whole table."""
    columns = []
    for year in plan.years:
        columns.append((f"value_{year}", YearFigureColumn(year, "value", f"{year}年总量/数值")))
        columns.append((f"growth_{year}", YearFigureColumn(year, "growth", f"{year}年增速")))
        if with_companion:
            columns.append(
                (f"companion_{year}", YearFigureColumn(year, "companion", f"{year}年伴随数值"))
            )
    return columns


def _indicator_url(record: Indicator) -> str:
    return reverse("indicator", args=[record.plan.code, record.number])


def figure_html(figure) -> str:
    if figure.is_blank:
        return ""
    return format_html('<span title="{}">{}</span>', figure.meaning, figure.text)


def _latest_text(value) -> str:
    """'2020年:1036(增速-2.2)': the latest year's figures as printed."""
    if not value:
        return "暂无数据"
    if value.value.text and value.growth.text:
        return f"{value.year}年:{value.value.text}(增速{value.growth.text})"
    return f"{value.year}年:{value.value.text or value.growth.text}"
