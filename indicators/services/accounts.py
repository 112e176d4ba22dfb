"""Accounts: a user's role (填报员, 规划管理员, 领导/查阅, or superuser) and bureaus.

Who may manage whom: superusers manage everyone; planning admins manage bureau staff
and officials only - never a superuser, another planning admin, or themselves into
more rights. `acting_user=None` is the server's operator (manage.py commands).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..models import Account, Bureau, Region
from ..permissions import SUPERUSER, role_of
from ..vocabulary import Role
from .changes import RuleError, recorded

# What a role is called on the command line and in forms; None is a superuser.
ROLE_NAMES = {"staff": Role.STAFF, "planner": Role.PLANNER, "official": Role.OFFICIAL}
MANAGED_BY_PLANNERS = {Role.STAFF, Role.OFFICIAL}
logger = logging.getLogger(__name__)


def can_manage(acting_user, user: User | None, role: str | None = None) -> bool:
    """Whether `acting_user` may change `user` (None: a new account), giving it `role`
    (a Role, SUPERUSER, or None for no change of role)."""
    if acting_user is None or role_of(acting_user) == SUPERUSER:
        return True
    if role_of(acting_user) != Role.PLANNER:
        return False
    if user is not None and role_of(user) not in {None, *MANAGED_BY_PLANNERS}:
        return False  # a superuser, a planning admin (themselves included)
    if user is not None and _region_id(user) not in {None, _region_id(acting_user)}:
        return False  # regions: an account of another region
    return role is None or role in MANAGED_BY_PLANNERS


def _region_id(user) -> int | None:
    account = Account.objects.filter(user=user).only("region").first()
    return account.region_id if account is not None else None


@transaction.atomic
def account_set(
    *,
    user: User,
    role: str,
    bureaus: list[Bureau],
    acting_user,
    reason: str = "",
    region: Region | str | None = None,
) -> User:
    """Give `user` a role ("staff", "planner", "official" or "superuser"), bureaus and a
    region (a Region or its 行政区划代码; default: the acting planner's, else the
    deployment's district). Staff need at least one bureau, all of the account's region.
    Raises RuleError when `acting_user` may not."""
    from .regions import region_for_code

    if region is None and _region_id(acting_user) is not None:
        region = Region.objects.get(pk=_region_id(acting_user))
    region = region_for_code(region)
    if _region_id(acting_user) not in {None, region.pk} and role_of(acting_user) != SUPERUSER:
        raise RuleError({"region": "规划管理员只能管理本行政区划的账号。"})
    if any(bureau.region_id != region.pk for bureau in bureaus):
        raise RuleError({"bureaus": f"所选单位应属于{region.name}。"})
    wanted = SUPERUSER if role == SUPERUSER else ROLE_NAMES.get(role)
    if wanted is None:
        raise RuleError({"role": "角色应为填报员、规划管理员、领导/查阅或超级管理员。"})
    if not can_manage(acting_user, user, wanted):
        raise RuleError({"role": "规划管理员只能管理填报员和领导/查阅账号。"})
    if wanted == Role.STAFF and not bureaus:
        raise RuleError({"bureaus": "填报员必须属于至少一个单位。"})
    user.is_superuser = wanted == SUPERUSER
    # Planning admins work in the Django admin too.
    user.is_staff = wanted in {SUPERUSER, Role.PLANNER}
    user.save(update_fields=["is_superuser", "is_staff"])
    why = reason or f"设置角色:{'超级管理员' if wanted == SUPERUSER else wanted.label}"
    account = Account.objects.filter(user=user).first()
    if wanted == SUPERUSER:
        if account is not None:
            account._history_user, account._change_reason = acting_user, why
            account.delete()
        return user
    account = account or Account(user=user)
    account.role = wanted
    account.region = region
    recorded(account, user=acting_user, reason=why)
    account.bureaus.set(bureaus if wanted == Role.STAFF else [])
    return user


@transaction.atomic
def account_save(
    *,
    username: str,
    role: str,
    bureaus: list[Bureau],
    acting_user,
    password: str | None = None,
    name: str = "",
    region: Region | str | None = None,
) -> tuple[User, bool, str | None]:
    """Create or update an account. Without a password a new account gets a random
    one. Returns (user, created, the generated password or None). Raises RuleError
    (Chinese password rules: length, not like the username, not common, not digits)."""
    username = username.strip()
    if not username or len(username) > 150:
        raise RuleError({"username": "用户名不能为空,最多150个字符。"})
    try:
        User.username_validator(username)
    except ValidationError as error:
        raise RuleError({"username": "用户名只能包含字母、数字和 @/./+/-/_ 字符。"}) from error
    user = User.objects.filter(username=username).first()
    created = user is None
    if not can_manage(acting_user, user):
        raise RuleError({"username": "规划管理员只能管理填报员和领导/查阅账号。"})
    user = user or User(username=username)
    generated = None
    if password is None and created:
        password = generated = secrets.token_urlsafe(12)
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise RuleError({"password": ";".join(error.messages)}) from error
        user.set_password(password)
    if name:
        user.first_name = name
    user.save()
    account_set(user=user, role=role, bureaus=bureaus, acting_user=acting_user, region=region)
    return user, created, generated


@dataclass(frozen=True)
class IssuedReset:
    url: str  # absolute, one-time: it stops working once the password is set
    emailed_to: str  # the address it was sent to, or "" when it was not sent


def password_reset_issue(*, acting_user, user: User, site_url: str) -> IssuedReset:
    """A one-time link with which `user` sets a new password, for a planning admin to
    hand over (or a superuser, for anyone). Sent by e-mail too when e-mail is set up
    (settings.EMAIL_ENABLED) and the user has an address. Raises RuleError when
    `acting_user` may not manage `user`, or the account is deactivated."""
    if acting_user is None or acting_user.pk == user.pk or not can_manage(acting_user, user):
        raise RuleError({"user": "规划管理员只能为填报员和领导/查阅账号签发重置链接。"})
    if not user.is_active:
        raise RuleError({"user": "账号已停用:请先启用再签发重置链接。"})
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    url = urljoin(site_url, path)
    emailed_to = ""
    if settings.EMAIL_ENABLED and user.email:
        send_mail(
            "洪山区规划指标跟踪:设置新密码",
            f"{user.get_full_name() or user.username},您好:\n\n请打开下面的链接设置新密码"
            f"(只能使用一次):\n{url}\n\n如非本人申请,请联系区发改局规划科。",
            None,
            [user.email],
        )
        emailed_to = user.email
    logger.info("password reset for %s issued by %s", user.username, acting_user.username)
    return IssuedReset(url=url, emailed_to=emailed_to)
