"""Who may do what: the one place where entry permissions are decided.

Views call these; templates only hide links. Roles:
- bureau staff (填报员): enter values of their own bureaus' indicators;
- planning admin (规划管理员): enter any value, review, record assessments;
- official (领导/查阅): read everything, including values awaiting review;
- superuser: everything.

Regions (行政区划): staff and planners act within their account's region; planning
admins and officials of a city also see its districts' values awaiting review (and
their counts), but enter and approve nothing of theirs. Superusers act everywhere.
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


def region_id_of(user) -> int | None:
    """The region an account acts within (None: a superuser, or no account)."""
    if role_of(user) in {None, SUPERUSER}:
        return None
    return user.account.region_id


def watched_region_ids(user) -> set[int] | None:
    """The regions whose values awaiting review this user may see: their own and the
    regions under it (a city's districts); None is every region (a superuser)."""
    from .models import Region

    role = role_of(user)
    if role == SUPERUSER:
        return None
    if role not in {Role.PLANNER, Role.OFFICIAL}:
        return set()
    ids = frontier = {region_id_of(user)}
    while frontier:  # one query per level: city → district → street
        frontier = set(Region.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        ids = ids | frontier
    return ids


def can_see_pending(user, plan=None) -> bool:
    """Officials and planning admins may look at values awaiting review: of their own
    region and the regions under it (with a `plan`, of that plan's region)."""
    if role_of(user) not in {SUPERUSER, Role.PLANNER, Role.OFFICIAL}:
        return False
    watched = watched_region_ids(user) if plan is not None else None
    return watched is None or plan.region_id in watched


def bureau_ids(user) -> set[int]:
    if role_of(user) != Role.STAFF:
        return set()
    return set(user.account.bureaus.values_list("pk", flat=True))


def entry_indicators(user) -> QuerySet[Indicator]:
    """The indicators whose values this user may enter."""
    role = role_of(user)
    if role == SUPERUSER:
        return Indicator.objects.all()
    if role == Role.PLANNER:
        return Indicator.objects.filter(plan__region=region_id_of(user))
    if role == Role.STAFF:
        return Indicator.objects.filter(
            indicator_bureaus__bureau__in=bureau_ids(user), plan__region=region_id_of(user)
        ).distinct()
    return Indicator.objects.none()


def can_enter(user, indicator: Indicator) -> bool:
    role = role_of(user)
    if role == SUPERUSER:
        return True
    if role not in ENTERING or indicator.plan.region_id != region_id_of(user):
        return False  # regions: nobody enters another region's values
    if role == Role.PLANNER:
        return True
    own = bureau_ids(user)
    return any(link.bureau_id in own for link in indicator.indicator_bureaus.all())


def can_review(user, indicator: Indicator) -> bool:
    """Planning admins review their own region's values (a city's, not its districts')."""
    role = role_of(user)
    return role == SUPERUSER or (
        role == Role.PLANNER and indicator.plan.region_id == region_id_of(user)
    )


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
