"""Pages of one's own account: where a login lands, changing one's password, and a
password reset that a planning admin issues for a colleague.

Django's auth views do the work (PasswordChangeView, PasswordResetConfirmView); the
rule of who may issue a reset for whom is services.password_reset_issue's.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .models import Plan, Role
from .permissions import SUPERUSER, role_of, role_required
from .services import RuleError
from .services.accounts import password_reset_issue

# Where each role starts; officials and the public start on the current plan.
START_PAGES = {SUPERUSER: "review_list", Role.PLANNER: "review_list", Role.STAFF: "entry_list"}


def current_plan(today: datetime.date | None = None) -> Plan | None:
    """The plan whose years include today, else the latest; real plans before synthetic."""
    year = (today or datetime.date.today()).year
    for plans in (Plan.objects.filter(synthetic=False), Plan.objects.all()):
        plan = (
            plans.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()
            or plans.order_by("-start_year").first()
        )
        if plan is not None:
            return plan
    return None


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """Where a login lands (LOGIN_REDIRECT_URL): each role on its own start page."""
    page = START_PAGES.get(role_of(request.user))
    if page is not None:
        return redirect(page)
    plan = current_plan()
    return redirect("plan_dashboard", plan.code) if plan else redirect("home")


@require_http_methods(["GET", "POST"])
@role_required(Role.PLANNER)
def reset_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """A planning admin issues a one-time reset link for bureau staff or an official:
    shown once on the page, and e-mailed when e-mail is set up and the user has one."""
    user = get_object_or_404(get_user_model(), pk=pk)
    issued, error = None, None
    if request.method == "POST":
        try:
            issued = password_reset_issue(
                acting_user=request.user, user=user, site_url=request.build_absolute_uri("/")
            )
        except RuleError as refused:
            error = str(refused)
    return render(
        request,
        "registration/password_reset_issue.html",
        {"target": user, "issued": issued, "error": error},
        status=403 if error else 200,
    )
