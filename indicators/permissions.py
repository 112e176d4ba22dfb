"""Who may do what: the one place where entry permissions are decided.

Views call these; templates only hide links. Roles:
- bureau staff (填报员): enter values of their own bureaus' indicators;
- planning admin (规划管理员): enter any value, review, record assessments;
- official (领导/查阅): read everything, including values awaiting review;
- superuser: everything.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Account, Indicator, Role

SUPERUSER = "superuser"
# The roles that enter values: bureau staff, and planning admins on their behalf.
ENTERING = (Role.STAFF, Role.PLANNER)


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return SUPERUSER
    try:
        return user.account.role
    except Account.DoesNotExist:
        return None


def is_planner(user) -> bool:
    return role_of(user) in {SUPERUSER, Role.PLANNER}


def can_see_pending(user) -> bool:
    """Officials and planning admins may look at values awaiting review."""
    return role_of(user) in {SUPERUSER, Role.PLANNER, Role.OFFICIAL}


def bureau_ids(user) -> set[int]:
    if role_of(user) != Role.STAFF:
        return set()
    return set(user.account.bureaus.values_list("pk", flat=True))


def entry_indicators(user) -> QuerySet[Indicator]:
    """The indicators whose values this user may enter."""
    role = role_of(user)
    if role in {SUPERUSER, Role.PLANNER}:
        return Indicator.objects.all()
    if role == Role.STAFF:
        return Indicator.objects.filter(indicator_bureaus__bureau__in=bureau_ids(user)).distinct()
    return Indicator.objects.none()


def can_enter(user, indicator: Indicator) -> bool:
    role = role_of(user)
    if role in {SUPERUSER, Role.PLANNER}:
        return True
    if role == Role.STAFF:
        own = bureau_ids(user)
        return any(link.bureau_id in own for link in indicator.indicator_bureaus.all())
    return False


def get_indicator_for_entry(request, pk: int) -> Indicator:
    """The indicator, if this user may enter its values: 404 if missing, 403 if not theirs."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan").prefetch_related("indicator_bureaus"), pk=pk
    )
    if not can_enter(request.user, indicator):
        raise PermissionDenied("这不是您所在单位负责的指标。")
    return indicator


def role_required(*roles: str):
    """Anonymous users go to the login page; signed-in users of another role get 403.
    Superusers pass everywhere."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in {SUPERUSER, *roles}:
                raise PermissionDenied("您的角色不能使用此功能。")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
