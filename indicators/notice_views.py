"""通知: a user's inbox of notices (values returned or approved, rounds opened,
deadlines near, late reports)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .services import notices_read

PAGE = 100  # the newest notices shown; older ones stay stored


@login_required
@require_http_methods(["GET", "POST"])
def notice_list(request: HttpRequest) -> HttpResponse:
    """GET: the inbox, newest first, unread marked. POST: mark all as read."""
    if request.method == "POST":
        notices_read(user=request.user)
        return redirect("notice_list")
    notices = list(request.user.notices.all()[:PAGE])
    return render(
        request,
        "indicators/notice_list.html",
        {"notices": notices, "unread": sum(n.read_at is None for n in notices)},
    )
