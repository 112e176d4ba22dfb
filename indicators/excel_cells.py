"""A numeric Excel cell as the person sees it: its value rendered by its number format.

Pure (no openpyxl needed): `displayed(value, number_format)` gives the text a cell
shows, so that the upload reads what the person saw and checked:

- a real percent format ("0.0%", "0%") multiplies by 100 and shows "%": 0.123 -> "12.3%";
- a percent sign that is only text ('0.0"%"', "0.00\\%") does not: 12.3 -> "12.3%"
  and "12.30%";
- decimals come from the format (Excel rounds half away from zero); thousands
  separators are dropped ("#,##0.00" shows 1234.5 as "1234.50"); trailing commas
  scale by 1,000 as in Excel;
- other literal text of the format is shown ('0"亿元"' -> "12亿元", which the
  notation parser then refuses with its own message);
- General ("General", WPS's "G/通用格式"), text ("@") and scientific formats show the
  number plainly, to at most 15 significant digits and never with an exponent
  (1e-05 -> "0.00001").

The sign is always the value's own: the negative and zero sections of a format
(red, brackets, "-" for zero) decorate; they never change the number read.
Dates and times are not numbers here: the reader refuses them before calling this.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_GENERAL = {"", "general", "g/通用格式", "通用格式", "@"}
_PLACEHOLDERS = "0#?"


def plain_number(value: int | float | Decimal) -> str:
    """A number without exponent or float noise: 1e-05 -> "0.00001", 12.0 -> "12",
    0.1 + 0.2 -> "0.3" (15 significant digits, as Excel stores them)."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    try:
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sections(number_format: str) -> list[str]:
    """Split a format on ';' outside quotes and escapes."""
    sections, current, quoted, escaped = [], [], False, False
    for char in number_format:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == '"':
            current.append(char)
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> tuple[list[str | None], str, int, bool]:
    """The section as literal strings around one None (the number), the number
    pattern (placeholders, '.', ','), how many real (unquoted) '%' it has, and
    whether it is scientific."""
    parts: list[str | None] = []
    literal: list[str] = []
    pattern: list[str] = []
    percents = 0
    scientific = in_number = done_number = False
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            literal.append(section[index + 1 : end])
            index = end + 1
            continue
        if char == "\\" and index + 1 < len(section):
            literal.append(section[index + 1])
            index += 2
            continue
        if char == "[":  # [Red], [$-804], [>100]: colour, locale or condition
            end = section.find("]", index)
            index = len(section) if end < 0 else end + 1
            continue
        if char in "_*":  # padding to the width of (or filling with) the next char
            index += 2
            continue
        if char in "Ee" and section[index + 1 : index + 2] in ("+", "-"):
            # scientific: the exponent is not shown; the number is shown plainly
            scientific = True
            index += 2
            while index < len(section) and section[index] in _PLACEHOLDERS:
                index += 1
            continue
        starts_number = char in _PLACEHOLDERS or (
            char == "." and section[index + 1 : index + 2] in tuple(_PLACEHOLDERS)
        )
        if not done_number and (starts_number or (in_number and char in ".,")):
            if not in_number:
                parts += ["".join(literal), None]
                literal = []
                in_number = True
            pattern.append(char)
        else:
            if in_number:
                in_number, done_number = False, True
            if char == "%":
                percents += 1
            literal.append(char)
        index += 1
    parts.append("".join(literal))
    return parts, "".join(pattern), percents, scientific


def displayed(value: int | float, number_format: str | None) -> str:
    """The text a numeric cell shows with `number_format` (see the module docstring)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = (number_format or "General").strip()
    if fmt.lower() in _GENERAL:
        return plain_number(value)
    sections = _sections(fmt)
    negative = value < 0
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    parts, pattern, percents, scientific = _tokens(section)
    if None not in parts:  # no digits in the format ("General" inside text, '"是"'): plain
        literals = "".join(part for part in parts if part)
        literals = re.sub(r"(?i)general|g/通用格式|通用格式", "", literals)
        parts, pattern, scientific = ["", None, literals], "", True
    number = Decimal(plain_number(abs(value)))
    number *= Decimal(100) ** percents
    if scientific:
        digits = plain_number(number)
    else:
        integer, _, fraction = pattern.partition(".")
        number /= Decimal(1000) ** (len(integer) - len(integer.rstrip(",")))
        decimals = sum(1 for char in fraction if char in _PLACEHOLDERS)
        digits = format(number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
        optional = sum(1 for char in fraction if char in "#?")
        if optional and "." in digits:  # "#" decimals are not shown when they are zero
            keep = len(digits) - optional
            digits = (digits[:keep] + digits[keep:].rstrip("0")).rstrip(".")
    sign = "-" if negative and Decimal(digits) != 0 else ""
    texts: list[str] = []
    for part in parts:
        if part is None:
            texts.append(sign + digits)
        elif negative:  # the negative section's own "-" or brackets: the sign is given
            texts.append(part.replace("-", "").replace("(", "").replace(")", ""))
        else:
            texts.append(part)
    return "".join(texts).strip()
