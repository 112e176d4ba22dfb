"""Reading figures as the plan prints them and as staff type them.

One parser serves both: the fixtures transcribed from the plan document and the
values bureau staff type on a Chinese input method. It is pure (no ORM) so that
it can be tested cell by cell without a database.

A figure keeps the text exactly as printed; `parse()` adds its meaning:
a number (or a range), a comparator, whether it is a percentage, whether it is a
five-year cumulative change, or which qualitative phrase it is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .vocabulary import Comparator, Qualitative


class NotationError(ValueError):
    """The text is not a figure; the message (in Chinese) says why."""


@dataclass(frozen=True)
class Figure:
    """A figure as printed, with its parsed meaning.

    `value` is the number (the lower bound of a range), `upper` the upper bound
    of a range. A blank cell or a printed dash ("-", "--") has no value.
    """

    text: str
    value: Decimal | None = None
    upper: Decimal | None = None
    comparator: Comparator | None = None
    percent: bool = False
    cumulative: bool = False
    qualitative: Qualitative | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def is_blank(self) -> bool:
        """Nothing printed at all (an empty cell)."""
        return self.text == ""

    @property
    def is_dash(self) -> bool:
        """A printed dash: the plan says there is no figure."""
        return self.text != "" and self.value is None and self.qualitative is None

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def number(self) -> float | None:
        """The value as a float for charts, progress and the API, or None."""
        return float(self.value) if self.value is not None else None

    @property
    def meaning(self) -> str:
        """A short Chinese reading of the figure, shown beside the printed text."""
        if self.is_blank:
            return "空白"
        if self.qualitative is not None:
            return f"定性:{self.qualitative.label}"
        if self.value is None:
            return "无数值"
        unit = "%" if self.percent else ""
        number = f"{_plain(self.value)}{unit}"
        if self.comparator is Comparator.RANGE:
            number = f"{_plain(self.value)}{unit}至{_plain(self.upper)}{unit}"
        comparator = self.comparator or Comparator.EXACT
        prefix = "" if comparator is Comparator.EXACT else comparator.label
        reading = f"{prefix}{number}"
        if self.cumulative:
            reading = f"五年累计{reading}"
        return reading


def _plain(number: Decimal | None) -> str:
    """Decimal without exponent or trailing zeros kept from the text ("3.50" stays "3.50")."""
    return format(number, "f") if number is not None else ""


# Phrases are matched after normalisation (NFKC, spaces removed).
_QUALITATIVE_PATTERNS = [
    (re.compile(r"^全覆盖$"), Qualitative.FULL_COVERAGE),
    (re.compile(r"^(与经济增长)?(基本)?(保持)?(基本)?同步$"), Qualitative.IN_STEP_WITH_GDP),
    (re.compile(r"^完成市下达的?目标(任务)?$"), Qualitative.CITY_TARGET),
]

_DASHES = {"-", "--", "—", "——", "–", "/", "无"}

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_RANGE_RE = re.compile(rf"^(?P<low>{_NUMBER})(?P<pct>%?)(?:-|~|—|–|至|到)(?P<high>{_NUMBER})%?$")
_PREFIXES = [
    # (prefix, comparator) - longest first so that "不低于" is not read as "低于".
    ("不低于", Comparator.ABOVE),
    ("不少于", Comparator.ABOVE),
    ("不超过", Comparator.BELOW),
    ("不高于", Comparator.BELOW),
    ("大于", Comparator.ABOVE),
    ("高于", Comparator.ABOVE),
    ("超过", Comparator.ABOVE),
    ("小于", Comparator.BELOW),
    ("低于", Comparator.BELOW),
    (">=", Comparator.ABOVE),
    ("<=", Comparator.BELOW),
    ("≥", Comparator.ABOVE),
    ("≤", Comparator.BELOW),
    (">", Comparator.ABOVE),
    ("<", Comparator.BELOW),
    ("约", Comparator.ABOUT),
]
_SUFFIXES = [
    ("左右", Comparator.ABOUT),
    ("以上", Comparator.ABOVE),
    ("以内", Comparator.BELOW),
    ("以下", Comparator.BELOW),
]
# Brackets that mark a five-year cumulative change: [0.39] and 【5】 (〔〕 seen elsewhere).
_CUMULATIVE_BRACKETS = [("[", "]"), ("【", "】"), ("〔", "〕")]


def normalize(text: str) -> str:
    """Fold full-width and IME forms to ASCII and drop every space.

    NFKC turns "＞１１４５" into ">1145", "％" into "%", "，" into ",", "．" into ".",
    and the ideographic space into a plain one.
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("−", "-").replace("﹣", "-")  # minus sign, small hyphen
    return re.sub(r"\s+", "", folded)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Figure:
    """Read one printed or typed figure.

    The returned Figure keeps `text` exactly as given (stripped of surrounding
    spaces); everything else is its meaning. Raises NotationError with a Chinese
    message when the text is not a figure.
    """
    if text is None:
        raise NotationError("没有填写内容。")
    kept = text.strip()
    body = normalize(kept)
    if body == "":
        return Figure(text="")
    if body in _DASHES:
        return Figure(text=kept)
    for pattern, qualitative in _QUALITATIVE_PATTERNS:
        if pattern.match(body):
            return Figure(text=kept, qualitative=qualitative)

    cumulative = False
    for opening, closing in _CUMULATIVE_BRACKETS:
        if body.startswith(opening) or body.endswith(closing):
            if not (body.startswith(opening) and body.endswith(closing)):
                raise NotationError(f"“{kept}”的括号不成对:五年累计数应写成[0.39]或【5】。")
            body = body[len(opening) : -len(closing)]
            cumulative = True
            break
    if cumulative and body == "":
        raise NotationError(f"“{kept}”的括号里没有数字。")

    comparator = Comparator.EXACT
    for prefix, meaning in _PREFIXES:
        if body.startswith(prefix):
            comparator, body = meaning, body[len(prefix) :]
            break
    for suffix, meaning in _SUFFIXES:
        if body.endswith(suffix):
            if comparator is not Comparator.EXACT and comparator is not meaning:
                raise NotationError(f"“{kept}”同时写了两种相反的比较关系。")
            comparator, body = meaning, body[: -len(suffix)]
            break

    range_match = _RANGE_RE.match(body)
    if range_match and not body.startswith("-"):
        if comparator is not Comparator.EXACT:
            raise NotationError(f"“{kept}”是一个区间,不能再加“大于”“小于”“左右”等修饰。")
        low = _to_decimal(range_match["low"], kept)
        high = _to_decimal(range_match["high"], kept)
        if low > high:
            raise NotationError(f"区间“{kept}”的下限大于上限。")
        return Figure(
            text=kept,
            value=low,
            upper=high,
            comparator=Comparator.RANGE,
            percent=body.endswith("%"),
            cumulative=cumulative,
        )

    percent = body.endswith("%")
    if percent:
        body = body[:-1]
    if body.endswith("%"):
        raise NotationError(f"“{kept}”的百分号重复了。")
    if not _NUMBER_RE.match(body):
        raise NotationError(_why_unreadable(kept, body))
    return Figure(
        text=kept,
        value=_to_decimal(body, kept),
        comparator=comparator,
        percent=percent,
        cumulative=cumulative,
    )


def _to_decimal(number: str, original: str) -> Decimal:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the regex admits only numbers
        raise NotationError(f"“{original}”不是数字。") from error


def _why_unreadable(original: str, body: str) -> str:
    """Say, in Chinese, what is wrong with a text that is not a figure."""
    if re.search(r"\d,\d", body) or body.startswith(",") or body.endswith(","):
        return f"“{original}”的千分位逗号位置不对,应写成1,234.5这样的形式。"
    if body.count(".") > 1:
        return f"“{original}”有多个小数点。"
    if "、" in body or ";" in body:
        return f"“{original}”包含多个数值,一个单元格只能填一个数。"
    if re.search(r"[\u4e00-\u9fff]", body) and re.search(r"\d", body):
        return f"“{original}”无法识别:数字后面只能跟“%”“左右”“以上”“以内”,单位请不要写在数值里。"
    if not re.search(r"\d", body):
        return (
            f"“{original}”不是数字,也不是可识别的定性表述(全覆盖、与经济增长同步、完成市下达目标)。"
        )
    return f"“{original}”无法识别为数值。"
