"""The plan table: one row per indicator, figures as printed, exportable."""

from __future__ import annotations

import functools

import django_tables2 as tables
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django_tables2.export import TableExport

from .models import Indicator
from .spreadsheets import spreadsheet_safe


class SafeTableExport(TableExport):
    """Exports whose cells cannot inject formulas into Excel or other spreadsheets."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        rows = [[spreadsheet_safe(cell) for cell in row] for row in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)
        return dataset


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
            "official_assessment",
            "bureaus",
        )
        attrs = {"class": "data-table"}
        empty_text = "没有符合条件的指标。"
        per_page = 50

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
