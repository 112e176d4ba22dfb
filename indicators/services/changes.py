"""How every write is recorded and how it ends.

- `recorded(obj, user=..., reason=...)` validates and saves one object with who and
  why in its history (django-simple-history);
- `plan_changed(plan)` ends every write that a page shows: the statuses of the
  changed indicators (and of those judged against them) are recomputed and stored,
  and the plan's cache generation (`Plan.revision`, in every key of cache.py) is
  bumped. It is the only place that makes cached pages stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q

from ..models import Indicator, Plan
from ..permissions import is_planner


class RuleError(Exception):
    """A write refused by a service's own rules. `errors` maps a field (or "" for
    the whole input) to a Chinese message that says what to do."""

    def __init__(self, errors: dict[str, str] | str):
        self.errors = {"": errors} if isinstance(errors, str) else dict(errors)
        super().__init__(";".join(self.errors.values()))

    @property
    def messages(self) -> list[str]:
        return list(self.errors.values())


# Control characters (a vertical tab or a form feed pasted from Word) break Word and
# Excel files and mean nothing in a name or a note; tabs and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_error(text: str, *, limit: int | None = None, label: str = "内容") -> str | None:
    """What is wrong with a text typed by a user, or None: control characters, or more
    than `limit` characters."""
    if _CONTROL.search(text or ""):
        return f"{label}含有控制字符(常见于从Word复制的文字),请删除后再保存。"
    if limit is not None and len(text or "") > limit:
        return f"{label}最多{limit}个字,现在是{len(text)}个字。"
    return None


def text_refusals(obj: Model) -> dict[str, str]:
    """The text fields of `obj` that hold control characters: {field: message}."""
    errors = {}
    for field in obj._meta.concrete_fields:
        if field.get_internal_type() in {"CharField", "TextField", "SlugField"}:
            value = getattr(obj, field.attname)
            if isinstance(value, str) and (error := text_error(value, label=field.verbose_name)):
                errors[field.name] = error
    return errors


def require_planner(user, action: str) -> None:
    """Refuse `action` unless `user` is a planning admin (None: the server's operator,
    a manage.py command)."""
    if user is not None and not is_planner(user):
        raise RuleError(f"只有规划管理员可以{action}。")


def recorded(
    obj: Model,
    *,
    user,
    reason: str,
    exclude: Iterable[str] = (),
    validate_constraints: bool = True,
) -> Model:
    """Validate `obj` (full_clean, no control characters in its text) and save it with
    `user` and `reason` in its history. Raises RuleError by field."""
    if errors := text_refusals(obj):
        raise RuleError(errors)
    try:
        obj.full_clean(exclude=list(exclude) or None, validate_constraints=validate_constraints)
    except ValidationError as error:
        raise RuleError(
            {("" if f == "__all__" else f): ";".join(m) for f, m in error.message_dict.items()}
            if hasattr(error, "error_dict")
            else ";".join(error.messages)
        ) from error
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    return obj


def plan_changed(plan: Plan, *, indicators: Iterable[Indicator] | None = None) -> None:
    """End of a write to `plan`: statuses refreshed, cached pages made stale.

    `indicators` limits the refresh to the indicators that changed (and those judged
    against them); None refreshes the whole plan; an empty list refreshes none (a
    change of names only)."""
    statuses_refresh(plan=plan, indicators=indicators)
    _generation_bump([plan.pk])


def plans_changed(plans: Iterable[Plan]) -> None:
    """A change of names shown on every page of these plans (a bureau rename, a merge)."""
    _generation_bump([plan.pk for plan in plans])


def _generation_bump(plan_ids: list[int]) -> None:
    """Every cached page of these plans is stale, in every worker (see cache.py)."""
    Plan.objects.filter(pk__in=plan_ids).update(revision=F("revision") + 1)


def statuses_refresh(*, plan: Plan, indicators: Iterable[Indicator] | None = None) -> None:
    """Recompute and store the statuses of a plan's indicators.

    The effective status is the latest recorded assessment's, else the computed one.
    An in-step target (与经济增长同步) is judged against another indicator's values,
    so the indicators referring to a changed one are refreshed with it."""
    rows = plan.indicators.for_dashboard()
    if indicators is not None:
        ids = {indicator.pk for indicator in indicators}
        if not ids:
            return
        rows = rows.filter(Q(pk__in=ids) | Q(reference__in=ids))
    refreshed = list(rows)
    for indicator in refreshed:
        computed = indicator.progress.status
        assessment = indicator.recorded_assessment
        indicator.computed_status = computed
        indicator.status = assessment.status if assessment else computed
    Indicator.objects.bulk_update(refreshed, ["computed_status", "status"], batch_size=500)
