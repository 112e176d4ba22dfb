"""完成情况表: the layout of the seed's Table 1, for any plan, as of a year.

序号 | 指标 | {end}年 (target) | 年均增长 | {base}年 | for each year 总量, 增速 | 完成情况 |
责任单位; a title row, the unit line, the plan, 数据截至 and the date of printing above,
the table's 备注 (footnotes) below. Cells are the texts as printed (or as entered
and approved); the writers (xlsx, docx) decide how to store them.

A row whose indicator has a companion figure (研究和实验发展经费占比: spending, then
the share) is laid out as the plan printed it: the companion under 总量, the share
under 增速. 完成情况 is the plan's own verdict where it printed one; otherwise the
recorded assessment "(人工评估)" or the computed class "(计算)", so that a reader
sees which it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..evaluation import data_cutoff, evaluate, evaluated_indicators, printed_on
from ..models import Plan
from ..vocabulary import Status

# A figure that is a plain number (with its printed decimals, maybe a percent sign):
# stored as a number in Excel. Anything else (">1145", "7左右", "[0.39]") stays text.
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?%?$")


@dataclass(frozen=True)
class CompletionTable:
    title: str
    unit_line: str
    plan_title: str
    data_cutoff: str
    printed_on: str
    years: tuple[int, ...]
    header_top: tuple[str, ...]  # the first header row, one text per column
    header_bottom: tuple[str, ...]  # 总量 / 增速 under each year, "" elsewhere
    rows: tuple[tuple[str, ...], ...]  # a category row is (name,) alone
    footnotes: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.header_top)

    @property
    def year_columns(self) -> range:
        """The 0-based columns of the yearly figures."""
        return range(5, 5 + 2 * len(self.years))


def unit_line(plan: Plan, units: list[str]) -> str:
    """The plan's own unit line where its table title prints one, else the units of
    its indicators (each indicator's unit is then also given after its name)."""
    printed = re.search(r"[((](单位[::][^))]*)[))]", plan.table_title)
    if printed:
        return printed.group(1)
    return "单位:见各指标名称后括号;" + "、".join(dict.fromkeys(u for u in units if u))


def completion_table(plan: Plan, as_of: int) -> CompletionTable:
    """The table of `plan` with the approved values up to `as_of`."""
    indicators = list(evaluated_indicators(plan, as_of))
    printed_units = "单位" in plan.table_title
    years = tuple(plan.years)
    header_top = (
        "序号",
        "指标",
        f"{plan.end_year}年",
        "年均增长",
        f"{plan.base_year}年",
        *(f"{year}年" for year in years for _ in (0, 1)),
        "完成情况",
        "责任单位",
    )
    header_bottom = ("",) * 5 + ("总量", "增速") * len(years) + ("", "")
    rows: list[tuple[str, ...]] = []
    category = None
    for indicator in indicators:
        if indicator.category.name != category:
            category = indicator.category.name
            rows.append((category,))
        name = indicator.name
        if not printed_units and indicator.unit:
            name = f"{name}({indicator.unit})"
        cells = [
            str(indicator.number),
            name,
            indicator.target.text,
            indicator.target_growth.text,
            indicator.baseline.text,
        ]
        for year in years:
            value = indicator.value_in(year) if year <= as_of else None
            if value is None:
                cells += ["", ""]
            elif indicator.companion_label:
                cells += [value.companion.text, value.value.text]
            else:
                cells += [value.value.text, value.growth.text]
        cells.append(_completion(indicator, as_of))
        cells.append("、".join(link.printed_name for link in indicator.bureau_links))
        rows.append(tuple(cells))
    footnotes = tuple(f"{note.number}.{note.text}" for note in plan.footnotes.order_by("number"))
    return CompletionTable(
        title=plan.table_title or f"{plan.name}主要指标完成情况表",
        unit_line=unit_line(plan, [i.unit for i in indicators]),
        plan_title=plan.title,
        data_cutoff=data_cutoff(as_of),
        printed_on=printed_on(),
        years=years,
        header_top=header_top,
        header_bottom=header_bottom,
        rows=tuple(rows),
        footnotes=footnotes,
    )


def _completion(indicator, as_of: int) -> str:
    """The plan's printed verdict; else the recorded one; else the computed one."""
    if indicator.official_assessment:
        return indicator.official_assessment
    assessment = indicator.recorded_assessment
    if assessment is not None and assessment.year <= as_of:
        return f"{Status(assessment.status).label}(人工评估)"
    evaluation = evaluate(indicator, as_of)
    if evaluation.verdict is not None:
        return f"{evaluation.verdict.label}(计算)"
    return f"{evaluation.label}(计算)"
