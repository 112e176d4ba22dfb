"""Reading figures as the plan prints them and as staff type them.

One parser serves both: the fixtures transcribed from the plan document and the
values bureau staff type on a Chinese input method. It is pure (no ORM) so that
it can be tested cell by cell without a database.

A figure keeps the text exactly as printed; `parse()` adds its meaning: a number
(or a range), a comparator, a unit sign (% or ‰), whether it is a five-year
cumulative change, a direction word (增长/下降), a trailing footnote marker, or
which qualitative phrase it is. Whether a reading may be an *actual* yearly value
is not decided here but in validation.py.

Comparison words (Chinese legal and statistical usage: 以上、以下、以内 include the
number itself; 超过、高于、低于、不足 do not):

- inclusive floor, Comparator.AT_LEAST: ≥ >= ≧ 不低于 不少于 不小于 达到, and the
  suffixes 以上 / 及以上;
- inclusive ceiling, Comparator.AT_MOST: ≤ <= ≦ 不高于 不超过 不大于 不多于 控制在,
  and the suffixes 以内 / 以下 / 及以下;
- strict floor, Comparator.ABOVE: > 大于 高于 超过 多于;
- strict ceiling, Comparator.BELOW: < 小于 低于 少于 不足;
- about, Comparator.ABOUT: 约 約 大约 and the suffix 左右.

"控制在" and "达到" are weak: another comparator in the same figure wins
("控制在5.5%左右" is about 5.5%). 增长/增加/提高/上升/提升 and 下降/降低/减少 set
`direction`; the number stays as printed ("下降13.5%" is 13.5 with Direction.DECREASE).

Characters that look like something else are refused, and the message describes
them instead of showing them: invisible characters (zero-width space, BOM, soft
hyphen, word joiner, control characters), dashes used as a minus sign (– ‐ — ―),
and the Chinese full stop or a middle dot used as a decimal point. Full-width
forms ("１２．５％", "－2.2") are folded. A footnote marker glued to the end of a
figure ("7.5¹", "1145①", "60.6*") is never merged into the number: it is kept in
`text`, set aside in `marker`, and the number is read without it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .vocabulary import ATTAINMENT, Attainment, Comparator, Direction, Qualitative

MAX_FIGURE_CHARS = 100  # far longer than any figure; keeps every regex below cheap


class NotationError(ValueError):
    """The text is not a figure; the message (in Chinese) says why and what to do."""


@dataclass(frozen=True)
class Figure:
    """A figure as printed, with its parsed meaning.

    `value` is the number (the lower bound of a range), `upper` the upper bound
    of a range. A blank cell or a printed dash ("-", "--") has no value.
    `percent` and `per_mille` say which unit sign was printed (the number is as
    printed: "3.5‰" is 3.5 with per_mille, never 0.35%). `direction` is set when
    the figure says 增长 or 下降 in words. `marker` is a footnote marker printed
    after the figure ("¹", "①", "*"), not part of the number.
    """

    text: str
    value: Decimal | None = None
    upper: Decimal | None = None
    comparator: Comparator | None = None
    percent: bool = False
    cumulative: bool = False
    qualitative: Qualitative | None = None
    per_mille: bool = False
    direction: Direction | None = None
    marker: str = ""

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
    def attainment(self) -> Attainment | None:
        """For a qualitative phrase: met, partly met or not met; else None."""
        return ATTAINMENT.get(self.qualitative) if self.qualitative is not None else None

    @property
    def meaning(self) -> str:
        """A short Chinese reading of the figure, shown beside the printed text."""
        if self.is_blank:
            return "空白"
        note = f"(注{self.marker})" if self.marker else ""
        if self.qualitative is not None:
            return f"定性:{self.qualitative.label}{note}"
        if self.value is None:
            return "无数值"
        unit = "%" if self.percent else "‰" if self.per_mille else ""
        number = f"{_plain(self.value)}{unit}"
        if self.comparator is Comparator.RANGE:
            number = f"{_plain(self.value)}{unit}至{_plain(self.upper)}{unit}"
        comparator = self.comparator or Comparator.EXACT
        prefix = "" if comparator is Comparator.EXACT else comparator.label
        reading = f"{prefix}{number}"
        if self.direction is not None:
            reading = ("增长" if self.direction is Direction.INCREASE else "下降") + reading
        if self.cumulative:
            reading = f"五年累计{reading}"
        return reading + note


def _plain(number: Decimal | None) -> str:
    """Decimal without exponent or trailing zeros kept from the text ("3.50" stays "3.50")."""
    return format(number, "f") if number is not None else ""


# ---------------------------------------------------------------- characters

# Footnote markers: superscript digits, circled numbers ①-⑳ (and ⑴ ⒈ forms), * ※ † ‡.
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER_CHARS = frozenset(
    _SUPERSCRIPTS
    + "".join(chr(c) for c in range(0x2460, 0x249C))  # ①-⑳ ⑴-⒇ ⒈-⒛
    + "".join(chr(c) for c in range(0x24EA, 0x2500))  # ⓪ ⓫-⓴ ⓵-⓾ ⓿
    + "".join(chr(c) for c in range(0x2776, 0x2794))  # ❶-❿ ➀-➓
    + "*※†‡"
)
_MARKER_RE = re.compile(
    "(?:[" + _SUPERSCRIPTS + "]+|[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793]|\\*{1,3}|[※†‡])$"
)
# Dashes that are not a minus sign. "－" (full-width) and "−" (the minus sign) are folded.
_FALSE_MINUS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2e3a\u2e3b\u30fc\u2500\u207b\u208b"
_DECIMAL_LOOKALIKES = "。｡·•・∙"
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def is_invisible(char: str) -> bool:
    """A character that shows as nothing: controls (except tab and line breaks),
    format characters (zero-width space, BOM, soft hyphen, word joiner, bidi marks),
    variation selectors, private-use and unassigned code points."""
    if char in "\t\n\r":
        return False
    category = unicodedata.category(char)
    return (
        category in {"Cc", "Cf", "Co", "Cn", "Cs"}
        or "\ufe00" <= char <= "\ufe0f"
        or char in _INVISIBLE_EXTRA
    )


def strip_invisible(text: str) -> str:
    """`text` without its invisible characters (see is_invisible), nothing else changed."""
    return "".join(char for char in text if not is_invisible(char))


def _fold(text: str) -> str:
    """NFKC per character, except footnote markers ("¹" must not become "1"); decimal
    digits of any script ("١٢", Arabic-Indic) become ASCII, so that a number is stored
    and shown in the script it is read in."""
    return "".join(
        char
        if char in _MARKER_CHARS
        else str(unicodedata.decimal(char))
        if char.isdecimal() and not char.isascii()
        else unicodedata.normalize("NFKC", char)
        for char in text
    )


def clean_text(text: str) -> str:
    """The one normalisation for names, headers and search terms.

    Full-width and compatibility forms folded (NFKC: "执业（助理）" -> "执业(助理)",
    "１２" -> "12"), invisible characters removed, runs of spaces made one space,
    surrounding spaces stripped. Footnote markers are folded like other characters.
    """
    folded = unicodedata.normalize("NFKC", strip_invisible(text or ""))
    folded = folded.replace("\u2212", "-").replace("\ufe63", "-")
    return re.sub(r"\s+", " ", folded).strip()


def normalize(text: str) -> str:
    """A figure's text folded for reading: full-width and IME forms to ASCII, every
    space and invisible character dropped; footnote markers left as they are.

    "＞１１４５" -> ">1145", "１，２３４．５％" -> "1,234.5%", "7.5¹" -> "7.5¹".
    """
    folded = _fold(strip_invisible(text))
    folded = folded.replace("\u2212", "-").replace("\ufe63", "-")  # minus sign, small hyphen
    return re.sub(r"\s+", "", folded)


def _refuse_lookalikes(text: str) -> None:
    """Refuse characters that would be read as something else; never echo them."""
    if any(is_invisible(char) for char in text):
        raise NotationError(
            "内容中含有看不见的字符(如零宽空格、从Word或网页粘贴带入的控制字符),"
            "请删除后重新输入数字。"
        )
    for position, char in enumerate(text):
        if char in _FALSE_MINUS:
            rest = text[position + 1 : position + 2]
            before = text[position - 1 : position] if position else ""
            if rest.isdigit() and not before.isdigit() and not _is_dash_only(text):
                raise NotationError(
                    "负号请用减号-(键盘上数字0右边的键),不要用破折号、连字符或长横线。"
                )
        if char in _DECIMAL_LOOKALIKES:
            raise NotationError(
                "数值中有中文句号或间隔点:小数点请用英文小数点“.”,数值末尾不要加句号。"
            )


def _is_dash_only(text: str) -> bool:
    return all(char in _FALSE_MINUS + "-－—–" for char in text)


# ---------------------------------------------------------------- words

# Phrases are matched after normalisation (NFKC, spaces removed).
_QUALITATIVE_PATTERNS = [
    (re.compile(r"^全覆盖$"), Qualitative.FULL_COVERAGE),
    (re.compile(r"^(与经济增长)?(基本)?(保持)?(基本)?同步$"), Qualitative.IN_STEP_WITH_GDP),
    (re.compile(r"^完成市下达的?目标(任务)?$"), Qualitative.CITY_TARGET),
    (re.compile(r"^(增速)?(略)?高于(GDP|地区生产总值|经济)增长(速度)?$"), Qualitative.ABOVE_GDP),
    (re.compile(r"^(已经?|已?全面|全部|已?超额)?(完成|实现)(目标|任务)?$"), Qualitative.DONE),
    (re.compile(r"^基本(完成|实现)(目标|任务)?$"), Qualitative.PARTLY_DONE),
    (re.compile(r"^(未|未能|没有|没|尚未)(完成|实现)(目标|任务)?$"), Qualitative.NOT_DONE),
    (re.compile(r"^基本(实现)?覆盖$"), Qualitative.PARTLY_COVERED),
    (re.compile(r"^(未|尚未|没有)(实现)?全?覆盖$"), Qualitative.NOT_COVERED),
    (re.compile(r"^已?达标$"), Qualitative.MET_STANDARD),
    (re.compile(r"^基本达标$"), Qualitative.PARTLY_MET_STANDARD),
    (re.compile(r"^(未|尚未|没有)达标$"), Qualitative.NOT_MET_STANDARD),
]

_DASHES = {"-", "--", "—", "——", "–", "/", "无"}

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_RANGE_SEPARATORS = "-~—–‐‑‒―至到"
_RANGE_RE = re.compile(
    rf"^(?P<low>{_NUMBER})(?P<pct>[%‰]?)(?:[{_RANGE_SEPARATORS}])(?P<high>{_NUMBER})(?P<unit>[%‰]?)$"
)
# Direction words come first: "下降13.5%", "增长7%左右".
_DIRECTIONS = [
    ("增长", Direction.INCREASE),
    ("增加", Direction.INCREASE),
    ("提高", Direction.INCREASE),
    ("上升", Direction.INCREASE),
    ("提升", Direction.INCREASE),
    ("下降", Direction.DECREASE),
    ("降低", Direction.DECREASE),
    ("减少", Direction.DECREASE),
]
# Weak lead-ins: used only when nothing else in the figure says how it compares.
_LEAD_INS = [("控制在", Comparator.AT_MOST), ("达到", Comparator.AT_LEAST), ("保持在", None)]
_PREFIXES = [
    # (prefix, comparator) - longest first so that "不低于" is not read as "低于".
    ("不低于", Comparator.AT_LEAST),
    ("不少于", Comparator.AT_LEAST),
    ("不小于", Comparator.AT_LEAST),
    ("不超过", Comparator.AT_MOST),
    ("不高于", Comparator.AT_MOST),
    ("不大于", Comparator.AT_MOST),
    ("不多于", Comparator.AT_MOST),
    ("大于", Comparator.ABOVE),
    ("高于", Comparator.ABOVE),
    ("超过", Comparator.ABOVE),
    ("多于", Comparator.ABOVE),
    ("小于", Comparator.BELOW),
    ("低于", Comparator.BELOW),
    ("少于", Comparator.BELOW),
    ("不足", Comparator.BELOW),
    ("大约", Comparator.ABOUT),
    (">=", Comparator.AT_LEAST),
    ("<=", Comparator.AT_MOST),
    ("≥", Comparator.AT_LEAST),
    ("≧", Comparator.AT_LEAST),
    ("≤", Comparator.AT_MOST),
    ("≦", Comparator.AT_MOST),
    (">", Comparator.ABOVE),
    ("<", Comparator.BELOW),
    ("约", Comparator.ABOUT),
    ("約", Comparator.ABOUT),
]
_SUFFIXES = [
    ("左右", Comparator.ABOUT),
    ("及以上", Comparator.AT_LEAST),
    ("以上", Comparator.AT_LEAST),
    ("及以下", Comparator.AT_MOST),
    ("以下", Comparator.AT_MOST),
    ("以内", Comparator.AT_MOST),
]
# Brackets that mark a five-year cumulative change: [0.39] and 【5】 (〔〕 seen elsewhere).
_CUMULATIVE_BRACKETS = [("[", "]"), ("【", "】"), ("〔", "〕")]


def _take(body: str, words: list[tuple[str, object]], *, suffix: bool = False):
    for word, meaning in words:
        if body.endswith(word) if suffix else body.startswith(word):
            return meaning, (body[: -len(word)] if suffix else body[len(word) :]), True
    return None, body, False


# ---------------------------------------------------------------- parse


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Figure:
    """Read one printed or typed figure.

    The returned Figure keeps `text` exactly as given (stripped of surrounding
    spaces); everything else is its meaning. Raises NotationError with a Chinese
    message when the text is not a figure; the message never shows an invisible
    or look-alike character, it names it.
    """
    if not isinstance(text, str):
        raise NotationError("没有填写内容。")
    kept = text.strip()
    if len(kept) > MAX_FIGURE_CHARS:
        raise NotationError(f"内容超过{MAX_FIGURE_CHARS}个字,一个单元格只填一个数值。")
    _refuse_lookalikes(kept)

    marker = ""
    found = _MARKER_RE.search(kept)
    if found:
        marker, core = found.group(), kept[: found.start()].rstrip()
        if not core:
            raise NotationError("只有注释标记,没有数值。请填写数字。")
    else:
        core = kept
    if any(char in _MARKER_CHARS for char in core):
        raise NotationError(
            "数值中夹有上标数字、圈码数字或*号,无法确定数值。请只填写普通数字,注释写在备注里。"
        )

    body = normalize(core)
    if body == "":
        return Figure(text="")
    if body in _DASHES:
        return Figure(text=kept, marker=marker)
    for pattern, qualitative in _QUALITATIVE_PATTERNS:
        if pattern.match(body):
            return Figure(text=kept, qualitative=qualitative, marker=marker)
    return _parse_number(kept, body, marker)


def _parse_number(kept: str, body: str, marker: str) -> Figure:
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

    direction, body, _ = _take(body, _DIRECTIONS)
    lead, body, has_lead = _take(body, _LEAD_INS)
    comparator, body, _ = _take(body, _PREFIXES)
    suffix, body, _ = _take(body, _SUFFIXES, suffix=True)
    if comparator is not None and suffix is not None and comparator is not suffix:
        raise NotationError(f"“{kept}”同时写了两种相反的比较关系。")
    comparator = comparator or suffix or lead or Comparator.EXACT
    if has_lead and not body:
        raise NotationError(f"“{kept}”后面没有数字。")

    range_match = _RANGE_RE.match(body)
    if range_match and not body.startswith("-"):
        if comparator is not Comparator.EXACT:
            raise NotationError(f"“{kept}”是一个区间,不能再加“大于”“小于”“左右”等修饰。")
        low = _to_decimal(range_match["low"], kept)
        high = _to_decimal(range_match["high"], kept)
        if low > high:
            raise NotationError(f"区间“{kept}”的下限大于上限。")
        units = {range_match["pct"], range_match["unit"]} - {""}
        if len(units) > 1:
            raise NotationError(f"区间“{kept}”两端的单位不同。")
        return Figure(
            text=kept,
            value=low,
            upper=high,
            comparator=Comparator.RANGE,
            percent="%" in units,
            per_mille="‰" in units,
            cumulative=cumulative,
            direction=direction,
            marker=marker,
        )

    percent, per_mille = body.endswith("%"), body.endswith("‰")
    if percent or per_mille:
        body = body[:-1]
    if body.endswith(("%", "‰")):
        raise NotationError(f"“{kept}”的百分号重复了。")
    if not _NUMBER_RE.match(body):
        raise NotationError(_why_unreadable(kept, body))
    value = _to_decimal(body, kept)
    if direction is not None and body.startswith(("-", "+")):
        raise NotationError(f"“{kept}”已经用文字写了增长或下降,数字前不要再加正负号。")
    return Figure(
        text=kept,
        value=value,
        comparator=comparator,
        percent=percent,
        per_mille=per_mille,
        cumulative=cumulative,
        direction=direction,
        marker=marker,
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
    if re.search(r"\d[A-Za-z]+$", body):
        return f"“{original}”的数字后面带了字母(可能是注释标记),请只填写数字,注释写在备注里。"
    if re.search(r"[\u4e00-\u9fff]", body) and re.search(r"\d", body):
        return f"“{original}”无法识别:数字后面只能跟“%”“‰”“左右”“以上”“以内”,单位请不要写在数值里。"
    if not re.search(r"\d", body):
        return (
            f"“{original}”不是数字,也不是可识别的定性表述"
            "(全覆盖、与经济增长同步、完成市下达目标、已完成、未完成)。"
        )
    return f"“{original}”无法识别为数值。"
