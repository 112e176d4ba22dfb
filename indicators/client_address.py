"""The address of the client behind the office's reverse proxies, for the login lockout.

Only the last `TRUSTED_PROXIES` hops are believed: each trusted proxy appends the
address it received the request from to X-Forwarded-For, so the client is the entry
just before them. Entries further left were written by the client and may be forged.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "TRUSTED_PROXIES", 0)
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [address for address in forwarded if address] + ([remote] if remote else [])
    # chain[-1] is the nearest proxy; the client is `trusted` hops before the end.
    if len(chain) > trusted:
        return chain[-trusted - 1]
    return chain[0] if chain else None
