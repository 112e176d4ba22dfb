"""Collection rounds: a planning admin opens one (plan, year, stage, deadline), closes
it, and may reopen one bureau's entry after it locked, with a reason. The lock itself
is checked where values are written (values.value_check, via collection.entry_window).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Bureau, CollectionRound, Plan, RoundReopening
from ..permissions import is_planner
from ..vocabulary import STAGE_SOURCES, RoundState, Stage
from .changes import RuleError, plan_changed, recorded
from .notices import notify_reopened, notify_round_opened

REASON_LIMIT = 2000
MAX_GRACE_DAYS = 60


def _planner(user) -> None:
    if not is_planner(user):
        raise RuleError("只有规划管理员可以管理填报轮次。")


@transaction.atomic
def round_open(
    *,
    plan: Plan,
    year: int,
    stage: Stage | str,
    deadline: datetime.date,
    user,
    grace_days: int = 0,
    source: str = "",
    jump_points: float | None = None,
) -> CollectionRound:
    """Open a collection round; the staff of the plan's bureaus are told."""
    _planner(user)
    errors = {}
    try:
        stage = Stage(stage)
    except ValueError:
        errors["stage"] = "阶段应为预计、快报或年报。"
    if year not in plan.years:
        errors["year"] = f"{year}年不在{plan.name}规划期({plan.start_year}—{plan.end_year}年)内。"
    if deadline < timezone.localdate():
        errors["deadline"] = "截止日期不能早于今天。"
    if not 0 <= grace_days <= MAX_GRACE_DAYS:
        errors["grace_days"] = f"宽限天数应在0到{MAX_GRACE_DAYS}天之间。"
    if errors:
        raise RuleError(errors)
    if CollectionRound.objects.filter(plan=plan, year=year, stage=stage).exists():
        raise RuleError({"stage": f"{plan.name}{year}年{stage.label}的填报轮次已经开启过。"})
    if CollectionRound.objects.filter(plan=plan, year=year, state=RoundState.OPEN).exists():
        raise RuleError({"": f"{plan.name}{year}年已有进行中的填报轮次,请先结束它。"})
    round = CollectionRound(
        plan=plan,
        year=year,
        stage=stage,
        deadline=deadline,
        grace_days=grace_days,
        source=source.strip() or STAGE_SOURCES[stage],
        opened_by=user,
    )
    if jump_points is not None:
        round.jump_points = jump_points
    recorded(round, user=user, reason="开启填报轮次")
    notify_round_opened(round)
    plan_changed(plan, indicators=[])
    return round


@transaction.atomic
def round_close(*, round: CollectionRound, user) -> CollectionRound:
    """End a round: from now on its values are locked (a bureau may still be reopened)."""
    _planner(user)
    if round.state == RoundState.CLOSED:
        raise RuleError("这一轮填报已经结束。")
    round.state = RoundState.CLOSED
    round.closed_at = timezone.now()
    recorded(round, user=user, reason="结束填报轮次")
    plan_changed(round.plan, indicators=[])
    return round


@transaction.atomic
def round_reopen(
    *, round: CollectionRound, bureau: Bureau, user, reason: str, until: datetime.date
) -> RoundReopening:
    """Reopen one bureau's entry for a round until `until`, with the reason (recorded)."""
    _planner(user)
    reason = reason.strip()
    errors = {}
    if not reason:
        errors["reason"] = "重新开放必须写明原因。"
    elif len(reason) > REASON_LIMIT:
        errors["reason"] = f"原因最多{REASON_LIMIT}个字。"
    if until < timezone.localdate():
        errors["until"] = "开放截止日期不能早于今天。"
    if not round.plan.indicators.filter(indicator_bureaus__bureau=bureau).exists():
        errors["bureau"] = f"{bureau.name}在{round.plan.name}中没有负责的指标。"
    if errors:
        raise RuleError(errors)
    reopening = RoundReopening(round=round, bureau=bureau, until=until, reason=reason)
    reopening.opened_by = user
    recorded(reopening, user=user, reason=f"重新开放:{reason}")
    notify_reopened(round, bureau, until)
    plan_changed(round.plan, indicators=[])
    return reopening
