"""The yearly value workflow: draft → submitted → approved, or returned and resubmitted.

Concurrency is optimistic: every form carries the version and revision it was
based on (`base`); a save whose base is no longer current is refused with the
other person's value, and nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from ..models import OPEN_STATES, EntryState, Indicator, YearlyValue
from ..notation import normalize
from ..selectors import current_entry
from .plans import statuses_refresh


class EntryError(Exception):
    """A workflow step that is not allowed now; the message (Chinese) says why."""


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
        """'pk:revision', or '' for a year with no value yet."""
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


def _claim(entry: YearlyValue, base: Base) -> None:
    """Atomically bump the revision if it is still the one the form saw.

    A conditional UPDATE is atomic on SQLite and PostgreSQL alike: of two
    concurrent saves on the same base, exactly one matches."""
    if base.pk != entry.pk or base.revision is None:
        raise StaleEntry(entry)
    claimed = YearlyValue.objects.filter(pk=entry.pk, revision=base.revision).update(
        revision=F("revision") + 1
    )
    if not claimed:
        entry.refresh_from_db()
        raise StaleEntry(entry)
    entry.revision = base.revision + 1


def _record(entry: YearlyValue, user, reason: str) -> None:
    entry._history_user = user
    entry._change_reason = reason
    entry.save()


@transaction.atomic
def value_save(
    *,
    indicator: Indicator,
    year: int,
    value: str,
    growth: str,
    source: str,
    note: str,
    user,
    base: Base,
    submit: bool,
    reason: str = "",
) -> YearlyValue:
    """Save a draft of a year's value (or submit it), as checked by validation.check_entry.

    Editing an approved value starts a new version; the approved one stays in force
    until the new one is approved.
    """
    current = current_entry(indicator, year)
    if current is not None and current.state in OPEN_STATES:
        if current.state == EntryState.SUBMITTED:
            raise EntryError("这一项已提交审核,请等待规划管理员通过或退回后再修改。")
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
    entry.source, entry.note = source, note
    entry.entered_by = user
    entry.state = EntryState.SUBMITTED if submit else EntryState.DRAFT
    entry.submitted_at = timezone.now() if submit else None
    # Uniqueness is left to the database: a concurrent twin must fail at INSERT.
    entry.full_clean(exclude=["revision"], validate_constraints=False)
    action = "提交审核" if submit else "保存草稿"
    try:
        with transaction.atomic():
            _record(entry, user, f"{action}{':' + reason if reason else ''}")
    except IntegrityError as error:
        # Someone created an open version of this year at the same moment.
        raise StaleEntry(current_entry(indicator, year)) from error
    return entry


@transaction.atomic
def values_save_all(*, rows: list[dict], user, submit: bool) -> list[YearlyValue]:
    """Save many checked rows (an Excel upload): all of them, or none."""
    return [
        value_save(
            indicator=row["indicator"],
            year=row["year"],
            value=row["value"],
            growth=row["growth"],
            source=row["source"],
            note=row["note"],
            user=user,
            base=row["base"],
            submit=submit,
            reason="Excel导入",
        )
        for row in rows
    ]


def _reviewable(entry: YearlyValue, base: Base) -> YearlyValue:
    if entry.state != EntryState.SUBMITTED:
        raise EntryError(f"这一项当前为“{entry.get_state_display()}”,不在待审核状态。")
    _claim(entry, base)
    return entry


@transaction.atomic
def value_approve(*, entry: YearlyValue, user, base: Base) -> YearlyValue:
    """Approve a submitted value: it replaces the approved version of its year."""
    entry = _reviewable(entry, base)
    previous = YearlyValue.objects.filter(
        indicator=entry.indicator, year=entry.year, state=EntryState.APPROVED
    ).first()
    if previous is not None:
        previous.state = EntryState.SUPERSEDED
        _record(previous, user, f"被第{entry.version}版取代")
    entry.state = EntryState.APPROVED
    entry.reviewed_by, entry.reviewed_at, entry.review_comment = user, timezone.now(), ""
    _record(entry, user, "审核通过")
    statuses_refresh(plan=entry.indicator.plan)
    return entry


@transaction.atomic
def value_return(*, entry: YearlyValue, user, base: Base, comment: str) -> YearlyValue:
    """Return a submitted value to its bureau with a comment saying what to fix."""
    if not comment.strip():
        raise EntryError("退回时必须写明意见。")
    entry = _reviewable(entry, base)
    entry.state = EntryState.RETURNED
    entry.reviewed_by, entry.reviewed_at = user, timezone.now()
    entry.review_comment = comment.strip()
    _record(entry, user, f"退回:{entry.review_comment}")
    return entry
