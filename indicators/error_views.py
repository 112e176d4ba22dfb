"""403, 404 and 500 pages in Chinese, in the site's layout.

A page shows the reason the code gave (PermissionDenied("这不是您所在单位负责的指标。"))
when that reason is written for users, that is in Chinese; Django's own English
messages ("No Plan matches the given query.") are not shown. The 500 page is rendered
without the request or the database: either may be what failed.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def reason(exception: BaseException | None) -> str:
    """The message of the exception if it is one for users (in Chinese), else ""."""
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) and CHINESE.search(message) else ""


def permission_denied(request: HttpRequest, exception: BaseException) -> HttpResponse:
    return render(request, "403.html", {"reason": reason(exception)}, status=403)


def page_not_found(request: HttpRequest, exception: BaseException) -> HttpResponse:
    return render(request, "404.html", {"reason": reason(exception)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
