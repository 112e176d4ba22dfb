"""Causes and measures (原因 / 措施): draft → submitted → approved, or returned.

The same shape as values.py: `narrative_check()` is the dry run the form and the
save share; every form carries the version and revision it was based on (`Base`);
a reviewer never approves what they entered or submitted (four eyes); a return
needs a comment; the history keeps every version.

When they are required (evaluation.narrative_required): a binding indicator that is
滞后于预期 as of the year. Then a submission needs both the cause and the measure.
Otherwise one of them is enough (an indicator ahead of pace may explain why). A
draft may be incomplete, never empty. Values never wait for a narrative; the
evaluation lists a required narrative that is not approved as missing.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ..evaluation import narrative_required
from ..models import Indicator, Narrative
from ..permissions import can_enter
from ..vocabulary import OPEN_STATES, EntryState
from . import review
from .changes import RuleError, plan_changed, recorded, text_error
from .values import Base

CAUSE_LIMIT = 2000  # characters: a paragraph of a report, not a report
MEASURE_LIMIT = 2000
COMMENT_LIMIT = 2000


class NarrativeError(RuleError):
    """Causes and measures, or a workflow step, not allowed now; the message says why."""


class StaleNarrative(NarrativeError):
    """Someone else changed these causes and measures since the form was opened."""

    def __init__(self, current: Narrative | None):
        self.current = current
        if current is None:
            message = "原因与措施刚被其他人修改,请刷新后再填。"
        else:
            who = current.entered_by.get_username() if current.entered_by else "其他人"
            message = (
                f"原因与措施已被{who}修改({current.get_state_display()}),"
                "您的修改没有保存。请刷新页面,核对后再填。"
            )
        super().__init__(message)


def current_narrative(indicator: Indicator, year: int) -> Narrative | None:
    """The version a form edits: the open one if any, else the approved one."""
    versions = Narrative.objects.filter(indicator=indicator, year=year).select_related(
        "entered_by", "reviewed_by"
    )
    return (
        versions.filter(state__in=OPEN_STATES).first()
        or versions.filter(state=EntryState.APPROVED).first()
    )


def narrative_check(
    *, indicator: Indicator, year: int, cause: str, measure: str, user, submit: bool
) -> dict[str, str]:
    """Every rule of saving causes and measures, without saving: {field: message}
    ("cause", "measure", "year" or "" for the whole), empty when it may be saved."""
    errors: dict[str, str] = {}
    cause, measure = cause.strip(), measure.strip()
    if not can_enter(user, indicator):
        errors[""] = "这不是您所在单位负责的指标。"
    if year not in indicator.plan.years:
        errors["year"] = f"{year}年不在{indicator.plan.name}规划期内。"
    if error := text_error(cause, limit=CAUSE_LIMIT, label="原因"):
        errors["cause"] = error
    if error := text_error(measure, limit=MEASURE_LIMIT, label="措施"):
        errors["measure"] = error
    if not cause and not measure:
        errors[""] = errors.get("") or "原因和措施至少填写一项。"
    elif submit and "year" not in errors and narrative_required(indicator, year):
        missing = "请写明原因。" if not cause else "请写明措施。" if not measure else ""
        if missing:
            errors["cause" if not cause else "measure"] = (
                f"约束性指标{year}年滞后于预期,原因和措施都必须填写:{missing}"
            )
    current = current_narrative(indicator, year)
    if current is not None and current.state == EntryState.SUBMITTED:
        errors[""] = "原因与措施已提交审核,请等待规划管理员通过或退回后再修改。"
    return errors


@transaction.atomic
def narrative_save(
    *,
    indicator: Indicator,
    year: int,
    cause: str,
    measure: str,
    user,
    base: Base,
    submit: bool,
    reason: str = "",
) -> Narrative:
    """Save a draft of a year's causes and measures (or submit them) after every rule
    of narrative_check. Raises NarrativeError, or StaleNarrative when the version
    changed since `base`. Editing an approved narrative starts a new version."""
    errors = narrative_check(
        indicator=indicator, year=year, cause=cause, measure=measure, user=user, submit=submit
    )
    if errors:
        raise NarrativeError(errors)
    current = current_narrative(indicator, year)
    if current is not None and current.state in OPEN_STATES:
        _claim(current, base)
        narrative = current
    else:
        if base != Base.of(current):
            raise StaleNarrative(current)
        last = Narrative.objects.filter(indicator=indicator, year=year).aggregate(
            last=Max("version")
        )["last"]
        narrative = Narrative(indicator=indicator, year=year, version=(last or 0) + 1)
    narrative.cause, narrative.measure = cause.strip(), measure.strip()
    narrative.entered_by = user
    narrative.state = EntryState.SUBMITTED if submit else EntryState.DRAFT
    narrative.submitted_at = timezone.now() if submit else None
    action = "提交审核" if submit else "保存草稿"
    try:
        with transaction.atomic():
            _save(narrative, user, f"{action}{':' + reason if reason else ''}")
    except IntegrityError as error:
        raise StaleNarrative(current_narrative(indicator, year)) from error
    return narrative


def _claim(narrative: Narrative, base: Base) -> None:
    review.claim(narrative, base, StaleNarrative)


def _save(narrative: Narrative, user, reason: str) -> None:
    # Uniqueness of open and approved versions is checked by the database (above).
    try:
        recorded(
            narrative, user=user, reason=reason, exclude=["revision"], validate_constraints=False
        )
    except NarrativeError:
        raise
    except RuleError as error:
        raise NarrativeError(error.errors) from error


def _reviewable(narrative: Narrative, user, base: Base) -> Narrative:
    review.check_reviewer(narrative, user, what="原因与措施", error=NarrativeError)
    _claim(narrative, base)
    return narrative


@transaction.atomic
def narrative_approve(*, narrative: Narrative, user, base: Base) -> Narrative:
    """Approve submitted causes and measures: they replace the approved version of
    the year, which is kept as superseded, and appear in the documents."""
    narrative = _reviewable(narrative, user, base)
    review.supersede(
        Narrative,
        indicator=narrative.indicator,
        year=narrative.year,
        version=narrative.version,
        save=lambda previous, reason: _save(previous, user, reason),
    )
    narrative.state = EntryState.APPROVED
    narrative.reviewed_by, narrative.reviewed_at, narrative.review_comment = (
        user,
        timezone.now(),
        "",
    )
    _save(narrative, user, "审核通过")
    # No status changes (indicators=[]), but the pages that show narratives do.
    plan_changed(narrative.indicator.plan, indicators=[])
    return narrative


@transaction.atomic
def narrative_return(*, narrative: Narrative, user, base: Base, comment: str) -> Narrative:
    """Return submitted causes and measures to the bureau with a comment."""
    comment = comment.strip()
    if not comment:
        raise NarrativeError({"comment": "退回时必须写明意见。"})
    if len(comment) > COMMENT_LIMIT:
        raise NarrativeError({"comment": f"退回意见最多{COMMENT_LIMIT}个字。"})
    narrative = _reviewable(narrative, user, base)
    narrative.state = EntryState.RETURNED
    narrative.reviewed_by, narrative.reviewed_at = user, timezone.now()
    narrative.review_comment = comment
    _save(narrative, user, f"退回:{comment}")
    return narrative


__all__ = [
    "NarrativeError",
    "StaleNarrative",
    "current_narrative",
    "narrative_approve",
    "narrative_check",
    "narrative_return",
    "narrative_save",
]
