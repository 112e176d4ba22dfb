"""The yearly value workflow: draft → submitted → approved, or returned and resubmitted.

`value_check()` is the dry run of `value_save()`: the form's preview, the Excel
preview and the save itself all run it, so a rule is written once. Concurrency is
optimistic: every form carries the version and revision it was based on (`base`);
a save whose base is no longer current is refused with the other person's value,
and nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ..collection import Window, stage_refusal
from ..models import Indicator, YearlyValue
from ..notation import NotationError, normalize
from ..permissions import can_enter, is_planner
from ..round_selectors import year_window
from ..selectors import current_entry, entry_rules
from ..validation import EntryCheck, check_entry, figure_size_error
from ..vocabulary import OPEN_STATES, EntryState, Kind, Stage
from . import review
from .changes import RuleError, plan_changed, recorded, text_error
from .notices import notify_value_decided

PRINTED_SOURCE = "规划纲要原文"  # the source of the figures the plan prints; never typed
SOURCE_LIMIT = 100  # characters, as YearlyValue.source
NOTE_LIMIT = 2000
CONFIRMATION_LIMIT = 500
COMMENT_LIMIT = 2000


class EntryError(RuleError):
    """A value, or a workflow step, that is not allowed now; the message says why."""


class StaleEntry(EntryError):
    """Someone else changed this value since the form was opened."""

    def __init__(self, current: YearlyValue | None):
        self.current = current
        if current is None:
            message = "这一项刚被其他人修改,请刷新后再填。"
        else:
            who = current.entered_by.get_username() if current.entered_by else "其他人"
            shown = current.value.text or current.growth.text or "(空)"
            message = (
                f"这一项已被{who}改为“{shown}”({current.get_state_display()}),"
                "您的修改没有保存。请刷新页面,核对后再填。"
            )
        super().__init__(message)


@dataclass(frozen=True)
class Base:
    """What a form was opened on: a version's pk and revision, or nothing yet."""

    pk: int | None = None
    revision: int | None = None

    @classmethod
    def parse(cls, text: str) -> Base:
        """'pk:revision', or '' for a year with no value yet. Anything else is stale."""
        if not text:
            return cls()
        try:
            pk, revision = (int(part) for part in text.split(":"))
        except ValueError as error:
            raise StaleEntry(None) from error
        return cls(pk, revision)

    @classmethod
    def of(cls, entry: YearlyValue | None) -> Base:
        return cls() if entry is None else cls(entry.pk, entry.revision)

    def __str__(self) -> str:
        return "" if self.pk is None else f"{self.pk}:{self.revision}"


def source_error(source: str, *, published: bool = False) -> str | None:
    """What is wrong with the 来源 of a value, or None. Only a published figure (a plan
    file, the plan itself) may name the plan as its source."""
    source = source.strip()
    if not source:
        return "请填写数据来源,如统计快报、统计年报。"
    if error := text_error(source, label="来源"):
        return error
    if len(source) > SOURCE_LIMIT:
        return f"来源最多{SOURCE_LIMIT}个字,现在是{len(source)}个字。"
    if source == PRINTED_SOURCE and not published:
        return f"“{PRINTED_SOURCE}”只用于规划印发的数值;修订请写明新数值的来源,如统计年报。"
    return None


def value_check(
    *,
    indicator: Indicator,
    year: int,
    value: str,
    growth: str,
    source: str,
    note: str = "",
    user,
    confirmation: str = "",
) -> EntryCheck:
    """Every rule of a year's value, without saving: the figures (validation.check_entry:
    readable, the right kind of number, plausible), who may enter it, its source and
    note, whether it is open for entry, and a written confirmation when the figures
    need one. `errors` maps a field ("value", "growth", "source", "note", "year",
    "confirmation", or "" for the whole entry) to a Chinese message."""
    check = check_entry(entry_rules(indicator, year), year, value, growth)
    errors = check.errors
    if not can_enter(user, indicator):
        errors[""] = "这不是您所在单位负责的指标。"
    if error := source_error(source):
        errors["source"] = error
    if error := text_error(note, limit=NOTE_LIMIT, label="备注"):
        errors["note"] = error
    if error := text_error(confirmation, limit=CONFIRMATION_LIMIT, label="确认说明"):
        errors["confirmation"] = error
    current = current_entry(indicator, year)
    if current is not None and current.state == EntryState.SUBMITTED:
        errors[""] = "这一项已提交审核,请等待规划管理员通过或退回后再修改。"
    if why := _locked(indicator, year)[1]:
        errors[""] = why
    if check.ok and check.warnings and not confirmation.strip():
        errors["confirmation"] = "数值有需要确认的地方(见上方提示),请写明为何这个数值是对的。"
    return check


def _locked(indicator: Indicator, year: int) -> tuple[Window, str]:
    """The year's entry window (rounds, deadlines, reopenings, the plan's end) and why
    it refuses a value now ("" when it does not): see collection.entry_window. A value
    never goes back a stage (a 快报 figure does not replace the approved 年报)."""
    window = year_window(indicator, year)
    if not window.open:
        return window, window.message
    approved = YearlyValue.objects.filter(
        indicator=indicator, year=year, state=EntryState.APPROVED
    ).first()
    earlier = stage_refusal(
        window.stage, Stage(approved.stage) if approved and approved.stage else None
    )
    return window, earlier or ""


@transaction.atomic
def value_save(
    *,
    indicator: Indicator,
    year: int,
    value: str,
    growth: str,
    source: str,
    note: str = "",
    user,
    base: Base,
    submit: bool,
    confirmation: str = "",
    reason: str = "",
) -> YearlyValue:
    """Save a draft of a year's value (or submit it), after every rule of value_check.

    Raises EntryError (with `errors` by field) when a rule refuses it, StaleEntry when
    the version changed since `base`. Editing an approved value starts a new version;
    the approved one stays in force until the new one is approved."""
    check = value_check(
        indicator=indicator,
        year=year,
        value=value,
        growth=growth,
        source=source,
        note=note,
        user=user,
        confirmation=confirmation,
    )
    if not check.ok:
        raise EntryError(check.errors)
    current = current_entry(indicator, year)
    if current is not None and current.state in OPEN_STATES:
        _claim(current, base)
        entry = current
    else:
        if base != Base.of(current):
            raise StaleEntry(current)
        last = YearlyValue.objects.filter(indicator=indicator, year=year).aggregate(
            last=Max("version")
        )["last"]
        entry = YearlyValue(indicator=indicator, year=year, version=(last or 0) + 1)
    # Saved as it will be published: full-width IME forms folded, stray spaces dropped.
    entry.value, entry.growth = normalize(value), normalize(growth)
    entry.source = source.strip()
    entry.note = note.strip()
    if check.warnings:
        entry.note = f"{entry.note}\n确认说明:{confirmation.strip()}".strip()
    window, _ = _locked(indicator, year)
    # A value entered in a round carries its stage; a later stage is a new version.
    entry.stage, entry.round_id = window.stage or Stage.PRELIMINARY, window.round_pk
    entry.entered_by = user
    entry.state = EntryState.SUBMITTED if submit else EntryState.DRAFT
    entry.submitted_at = timezone.now() if submit else None
    action = "提交审核" if submit else "保存草稿"
    try:
        # Uniqueness is left to the database: a concurrent twin must fail at INSERT.
        with transaction.atomic():
            _save(entry, user, f"{action}{':' + reason if reason else ''}")
    except IntegrityError as error:
        # Someone created an open version of this year at the same moment.
        raise StaleEntry(current_entry(indicator, year)) from error
    return entry


@transaction.atomic
def values_save_all(*, rows: list[dict], user, submit: bool) -> list[YearlyValue]:
    """Save many rows (an Excel upload), each a dict of value_save's keyword arguments
    but `user` and `submit` (and optionally the spreadsheet's "line"): all of them, or
    none. The error names the row."""
    saved = []
    for number, row in enumerate(rows, start=1):
        arguments = {key: value for key, value in row.items() if key != "line"}
        try:
            saved.append(value_save(**arguments, user=user, submit=submit, reason="Excel导入"))
        except StaleEntry:
            raise
        except EntryError as error:
            raise EntryError(f"第{row.get('line') or number}行:{error}") from error
    return saved


def _claim(entry: YearlyValue, base: Base) -> None:
    review.claim(entry, base, StaleEntry)


def _save(entry: YearlyValue, user, reason: str) -> None:
    # Uniqueness of open and approved versions is checked by the database (above).
    try:
        recorded(entry, user=user, reason=reason, exclude=["revision"], validate_constraints=False)
    except EntryError:
        raise
    except RuleError as error:
        raise EntryError(error.errors) from error


def _reviewable(entry: YearlyValue, user, base: Base) -> YearlyValue:
    review.check_reviewer(entry, user, what="数值", error=EntryError)
    _claim(entry, base)
    return entry


@transaction.atomic
def value_approve(*, entry: YearlyValue, user, base: Base) -> YearlyValue:
    """Approve a submitted value (not one the reviewer entered or submitted): it
    replaces the approved version of its year, which is kept as superseded."""
    entry = _approve(entry, user, base)
    plan_changed(entry.indicator.plan, indicators=[entry.indicator])
    return entry


def _approve(entry: YearlyValue, user, base: Base) -> YearlyValue:
    entry = _reviewable(entry, user, base)
    _supersede(entry.indicator, entry.year, entry.version, user)
    entry.state = EntryState.APPROVED
    entry.reviewed_by, entry.reviewed_at, entry.review_comment = user, timezone.now(), ""
    _save(entry, user, "审核通过")
    notify_value_decided(entry, approved=True)
    return entry


def _supersede(indicator: Indicator, year: int, version: int, user, why: str = "") -> None:
    """The approved version of a year, if any, gives way to `version` (kept as superseded)."""
    review.supersede(
        YearlyValue,
        indicator=indicator,
        year=year,
        version=version,
        save=lambda previous, reason: _save(previous, user, reason),
        why=why,
    )


def publish(
    *,
    indicator: Indicator,
    year: int,
    value: str,
    growth: str,
    companion: str = "",
    source: str,
    user,
    reason: str,
) -> YearlyValue:
    """A published figure (统计公报, 年报, the plan itself), approved as it comes: a new
    version of its year, the approved one kept as superseded. Planning admins only
    (user None: the server's operator). Raises RuleError by field; the caller ends its
    write with plan_changed."""
    from ..printed import read_printed  # a published figure may be any printed form

    errors = {}
    if year not in indicator.plan.years:
        errors["year"] = f"{year}年不在{indicator.plan.name}规划期内。"
    if error := source_error(source, published=True):
        errors["source"] = error
    for name, text in (("value", value), ("growth", growth), ("companion", companion)):
        try:
            figure = read_printed(text or "")
        except NotationError as error:
            errors[name] = str(error)
            continue
        if error := figure_size_error(figure, "数值"):
            errors[name] = error
        elif name == "growth" and figure.value is not None and figure.value <= -100:
            errors[name] = "增速不能低于-100%。"
        elif (
            name == "value"
            and indicator.kind == Kind.SHARE
            and figure.value is not None
            and not 0 <= figure.value <= 100
        ):
            errors[name] = "比率应在0到100之间。"
    if not any((value, growth, companion)):
        errors["value"] = "没有数值。"
    if user is not None and not is_planner(user):
        errors[""] = "只有规划管理员可以导入公布的数值。"
    if errors:
        raise EntryError(errors)
    last = (
        YearlyValue.objects.filter(indicator=indicator, year=year).aggregate(last=Max("version"))[
            "last"
        ]
        or 0
    )
    _supersede(indicator, year, last + 1, user, reason)
    now = timezone.now()
    entry = YearlyValue(
        indicator=indicator,
        year=year,
        version=last + 1,
        state=EntryState.APPROVED,  # a published figure: nothing to review
        value=value,
        growth=growth,
        companion=companion,
        source=source.strip(),
        printed=source.strip() == PRINTED_SOURCE,
        entered_by=user,
        reviewed_by=user,
        reviewed_at=now if user is not None else None,
    )
    _save(entry, user, reason)
    return entry


@transaction.atomic
def value_publish(
    *,
    indicator: Indicator,
    year: int,
    value: str,
    growth: str = "",
    companion: str = "",
    source: str,
    user,
    reason: str = "",
) -> YearlyValue:
    """One published figure, approved (see publish), and the plan's pages refreshed."""
    entry = publish(
        indicator=indicator,
        year=year,
        value=value,
        growth=growth,
        companion=companion,
        source=source,
        user=user,
        reason=reason or "公布的数值",
    )
    plan_changed(indicator.plan, indicators=[indicator])
    return entry


@transaction.atomic
def values_approve_all(*, decisions: list[tuple[YearlyValue, Base]], user) -> list[YearlyValue]:
    """Approve several submitted values at once: all of them or none. Each is checked
    as value_approve checks one (four eyes per value); the error names the value."""
    approved = []
    plans = {}
    for entry, base in decisions:
        try:
            approved.append(_approve(entry, user, base))
        except StaleEntry:
            raise
        except EntryError as error:
            raise EntryError(f"{entry.indicator.name} {entry.year}年:{error}") from error
        plans.setdefault(entry.indicator.plan_id, (entry.indicator.plan, []))[1].append(
            entry.indicator
        )
    for plan, indicators in plans.values():
        plan_changed(plan, indicators=indicators)
    return approved


@transaction.atomic
def value_return(*, entry: YearlyValue, user, base: Base, comment: str) -> YearlyValue:
    """Return a submitted value to its bureau with a comment saying what to fix."""
    comment = comment.strip()
    if not comment:
        raise EntryError({"comment": "退回时必须写明意见。"})
    if error := text_error(comment, label="退回意见"):
        raise EntryError({"comment": error})
    if len(comment) > COMMENT_LIMIT:
        raise EntryError({"comment": f"退回意见最多{COMMENT_LIMIT}个字。"})
    entry = _reviewable(entry, user, base)
    entry.state = EntryState.RETURNED
    entry.reviewed_by, entry.reviewed_at = user, timezone.now()
    entry.review_comment = comment
    _save(entry, user, f"退回:{comment}")
    notify_value_decided(entry, approved=False)
    return entry


__all__ = [
    "Base",
    "EntryError",
    "StaleEntry",
    "value_approve",
    "value_check",
    "value_publish",
    "value_return",
    "value_save",
    "values_approve_all",
    "values_save_all",
]
