"""Figures as plan tables print them, beyond what staff may type.

`notation.parse` reads what staff type and what plan tables print, footnote markers
(``60.6*``) and ``高于GDP增长`` included. A few printed forms are beyond what anyone may
type, and a plan file must still load them *as printed*:

- a figure followed by a qualifier after the first 、: ``＞7、力争投入强度高于“十三五”时期实际``
  is the floor 7; the qualifier is kept (`qualifier`) and so is the full text;
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

QUALIFIER_SEPARATOR = "、"
# Chinese words and the punctuation of a printed phrase; no digits, no Latin letters.
_PHRASE = re.compile(r"^[\u4e00-\u9fff、,;:“”\"'()《》—]+$")


@dataclasses.dataclass(frozen=True)
class PrintedFigure(Figure):
    """A Figure read from a printed form the parser does not take (see the module)."""

    qualifier: str = ""  # the words after the first 、 ("力争投入强度高于…")
    phrase: bool = False  # words only, no number: judged by a person

    @property
    def is_dash(self) -> bool:
        return super().is_dash and not self.phrase

    @property
    def meaning(self) -> str:
        if self.phrase:
            return "文字表述(无数值,由规划管理员评估)"
        reading = super().meaning
        if self.qualifier:
            reading += f",另注:{self.qualifier}"
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
    if QUALIFIER_SEPARATOR in kept:
        figure, qualifier = kept.split(QUALIFIER_SEPARATOR, 1)
        head = _parse_or_none(figure)
        if head is not None and head.value is not None and qualifier.strip():
            return _printed(head, text=kept, qualifier=qualifier.strip())
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
