"""Reading query-string arguments: anything unreadable is treated as absent, never a 500."""

from __future__ import annotations

import datetime

from django.http import HttpRequest


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
