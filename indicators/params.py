"""Reading query-string arguments: anything unreadable is treated as absent, never a 500."""

from __future__ import annotations

import datetime
import unicodedata

from django.http import HttpRequest

from . import cache as page_cache
from .models import Plan
from .notation import clean_text
from .selectors import default_as_of, evaluation_years

SEARCH_WORDS = 5  # more words add joins, not precision
SEARCH_WORD_LENGTH = 30


def parse_int(text: str | None) -> int | None:
    """An integer typed in a URL, or None ("", "abc", "1.5", "9" * 40 are None)."""
    text = (text or "").strip()
    if not text or len(text) > 9 or not text.lstrip("-").isdigit():
        return None
    return int(text)


def chosen_year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for (?year=), else the last year that has ended (values come
    in after it), else the latest of `years`."""
    year = parse_int(request.GET.get("year"))
    if year in years:
        return year
    ended = [y for y in years if y < datetime.date.today().year]
    return max(ended or years or [datetime.date.today().year - 1])


def chosen_as_of(request: HttpRequest, plan: Plan) -> int:
    """The year a page evaluates the plan as of (?as_of=): a year of the plan's period
    (base year to end year), else the latest year with approved values. Anything else
    ("abc", "1999", 40 digits) is the default, never an error."""
    year = parse_int(request.GET.get("as_of"))
    if year in evaluation_years(plan):
        return year
    return page_cache.default_as_of(plan, lambda: default_as_of(plan))


def clean_search(text: str | None) -> str:
    """Search text normalised as figures are (notation.clean_text: full-width folded,
    `执业（助理）` is `执业(助理)`, invisible characters dropped), control characters
    dropped, spaces collapsed; bounded to 1,000 characters."""
    text = clean_text((text or "")[:1000])
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cc").split())


def search_words(text: str | None) -> list[str]:
    """The words of a search, bounded: at most SEARCH_WORDS, each cut to SEARCH_WORD_LENGTH."""
    return [word[:SEARCH_WORD_LENGTH] for word in clean_search(text).split()[:SEARCH_WORDS]]
