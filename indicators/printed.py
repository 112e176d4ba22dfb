"""Figures as plan tables print them, beyond what staff may type.

`notation.parse` reads what staff type and what the two Hongshan tables print. Other
plan tables print a few more forms, which a plan file must load *as printed*:

- a footnote marker after a figure: ``60.6*`` is 60.6, the marker kept in the text
  (the parser on main reads markers itself; this is the fallback until it is merged);
- a figure followed by a qualifier after the first 、: ``＞7、力争投入强度高于“十三五”时期实际``
  is the floor 7; the qualifier is kept (`qualifier`) and so is the full text;
- a target relative to GDP growth: ``高于GDP增长`` (also 高于经济增长, 快于GDP增长) is read as
  "above the growth of the 比较指标": qualitative IN_STEP_WITH_GDP with comparator ABOVE;
- a phrase target with no number: ``保持在合理区间、各年度视情提出`` is kept as a phrase
  (`phrase`, no number, no qualitative meaning): a planning admin judges it.

Anything else that the parser refuses is refused here too, with the parser's message:
a phrase must be Chinese words only (no digits), so "12亿元" or "7..5" stay unreadable.
Pure: no Django. The FigureField reads stored text with `read_printed`, so what a
plan file loads is shown back exactly as printed.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from .notation import Figure, NotationError, normalize, parse
from .vocabulary import Comparator, Qualitative

QUALIFIER_SEPARATOR = "、"
_MARKER = re.compile(r"(?:[*※†‡]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[\u2460-\u249b])$")
_ABOVE_GDP = re.compile(r"^(高于|快于|超过)(GDP|地区生产总值|经济)增长(速度)?$")
# Chinese words and the punctuation of a printed phrase; no digits, no Latin letters.
_PHRASE = re.compile(r"^[\u4e00-\u9fff、,;:“”\"'()《》—]+$")


@dataclasses.dataclass(frozen=True)
class PrintedFigure(Figure):
    """A Figure read from a printed form the parser does not take (see the module)."""

    qualifier: str = ""  # the words after the first 、 ("力争投入强度高于…")
    phrase: bool = False  # words only, no number: judged by a person
    marker: str = ""  # a footnote marker printed after the figure

    @property
    def is_dash(self) -> bool:
        return super().is_dash and not self.phrase

    @property
    def meaning(self) -> str:
        if self.phrase:
            return "文字表述(无数值,由规划管理员评估)"
        if self.qualitative is Qualitative.IN_STEP_WITH_GDP and self.comparator is (
            Comparator.ABOVE
        ):
            return "定性:高于比较指标(地区生产总值)的增长"
        reading = super().meaning
        if self.qualifier:
            reading += f",另注:{self.qualifier}"
        if self.marker and f"注{self.marker}" not in reading:
            reading += f"(注{self.marker})"
        return reading


@functools.lru_cache(maxsize=4096)
def read_printed(text: str) -> Figure:
    """`notation.parse(text)`, or one of the printed forms above; raises NotationError."""
    try:
        return parse(text)
    except NotationError as refused:
        error = refused
    kept = (text or "").strip()
    body = normalize(kept)
    marker = _MARKER.search(kept)
    if marker and marker.start() > 0:
        head = _parse_or_none(kept[: marker.start()])
        if head is not None:
            return _printed(head, text=kept, marker=marker.group())
    if QUALIFIER_SEPARATOR in kept:
        figure, qualifier = kept.split(QUALIFIER_SEPARATOR, 1)
        head = _parse_or_none(figure)
        if head is not None and head.value is not None and qualifier.strip():
            return _printed(head, text=kept, qualifier=qualifier.strip())
    if _ABOVE_GDP.match(body):
        return PrintedFigure(
            text=kept, qualitative=Qualitative.IN_STEP_WITH_GDP, comparator=Comparator.ABOVE
        )
    if _PHRASE.match(body) and len(body) >= 2:
        return PrintedFigure(text=kept, phrase=True)
    raise error


def _parse_or_none(text: str) -> Figure | None:
    try:
        return parse(text)
    except NotationError:
        return None


def _printed(head: Figure, **changes) -> PrintedFigure:
    fields = {field.name: getattr(head, field.name) for field in dataclasses.fields(head)}
    return PrintedFigure(**(fields | changes))
