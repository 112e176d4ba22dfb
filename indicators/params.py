"""Reading query-string arguments: anything unreadable is treated as absent, never a 500."""

from __future__ import annotations

import datetime
import unicodedata

from django.http import HttpRequest

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


def clean_search(text: str | None) -> str:
    """Search text normalised as figures are: full-width folded (NFKC: `执业（助理）` is
    `执业(助理)`), invisible and control characters dropped, spaces collapsed.
    Same meaning as notation.clean_text (on another branch): call that once merged."""
    text = unicodedata.normalize("NFKC", (text or "")[:1000])
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    return " ".join(kept.split())


def search_words(text: str | None) -> list[str]:
    """The words of a search, bounded: at most SEARCH_WORDS, each cut to SEARCH_WORD_LENGTH."""
    return [word[:SEARCH_WORD_LENGTH] for word in clean_search(text).split()[:SEARCH_WORDS]]
