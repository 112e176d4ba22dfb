"""Files a user downloads keep a Chinese name (RFC 6266/5987): an ASCII fallback for old
clients, then the Chinese name percent-encoded in UTF-8, which browsers, Excel and WPS
on Windows use."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(content: bytes, content_type: str, *, name: str, fallback: str) -> HttpResponse:
    """A download named `name` (Chinese), `fallback` (ASCII) for clients that cannot."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    )
    return response
