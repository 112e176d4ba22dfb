"""The line printed at the foot of every page: the plan, 数据截至 and the print date."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..evaluation import data_cutoff, printed_on

register = template.Library()


@register.simple_tag
def print_meta(plan=None, as_of=None) -> str:
    """ "“十四五”规划 · 数据截至:2022年底(已审核数值) · 打印日期:2026年5月1日".

    `as_of` is the year the page is evaluated at (?as_of=); a page without one shows
    every approved value there is, so its data stand as at the moment of printing.
    No query: the plan and the year come from the page's context."""
    parts = []
    if getattr(plan, "name", None):
        parts.append(str(plan.name))
        cutoff = data_cutoff(as_of) if isinstance(as_of, int) else "打印时的全部已审核数值"
        parts.append(f"数据截至:{cutoff}")
    parts.append(f"打印日期:{printed_on()}")
    return " · ".join(parts)


def css_string(text: str) -> str:
    """`text` as a CSS string: quotes, backslashes and "<" escaped (it sits in a
    <style> element: it can never close it)."""
    escaped = "".join(
        char if char.isalnum() or char in " :·()—“”,。-" else f"\\{ord(char):x} " for char in text
    )
    return f'"{escaped}"'


@register.simple_tag
def print_page_margins(plan=None, as_of=None) -> str:
    """@page margin boxes with the print_meta line and the page number: printed on
    every page, outside the content (Chromium 131+ and WeasyPrint draw them)."""
    meta = css_string(print_meta(plan, as_of))
    boxes = (
        f"@bottom-left {{ content: {meta}; font-size: 8pt; color: #444; }}"
        ' @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";'
        " font-size: 8pt; color: #444; }"
    )
    return mark_safe(
        f"@page {{ {boxes} }} @page wide {{ {boxes} }}"
    )  # every character escaped above
