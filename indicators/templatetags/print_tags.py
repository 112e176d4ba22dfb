"""The line printed at the foot of every page: the plan, 数据截至 and the print date."""

from __future__ import annotations

from django import template

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
