"""The review workflow every reviewed record shares: yearly values and causes and
measures (原因 / 措施) alike. A record has `state`, `version`, `revision`, `entered_by`
and an `indicator` and `year`; it is entered, submitted, then approved or returned.

- `claim`: optimistic locking; a save based on a revision that is no longer current is
  refused, never silently overwritten;
- `check_reviewer`: four eyes; only a planning admin of the record's region reviews,
  and never a record they entered or submitted;
- `supersede`: an approved version gives way to a newer one and is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import F, Model

from ..permissions import can_review, is_planner
from ..vocabulary import EntryState
from .changes import RuleError


def claim(record: Model, base, stale: Callable[[Model | None], Exception]) -> None:
    """Atomically bump the revision if it is still the one the form saw (`base`).

    A conditional UPDATE is atomic on SQLite and PostgreSQL alike: of two concurrent
    saves on the same base, exactly one matches; the other gets `stale(record)`."""
    if base.pk != record.pk or base.revision is None:
        raise stale(record)
    claimed = (
        type(record)
        .objects.filter(pk=record.pk, revision=base.revision)
        .update(revision=F("revision") + 1)
    )
    if not claimed:
        record.refresh_from_db()
        raise stale(record)
    record.revision = base.revision + 1


def check_reviewer(record: Model, user, *, what: str, error: type[RuleError]) -> None:
    """Refuse (with `error`) a review by anyone but a planning admin of the record's
    region, of a record not awaiting review, or of a record `user` entered or submitted
    (four eyes; the history says who typed each version)."""
    if not is_planner(user):
        raise error("只有规划管理员可以审核。")
    if not can_review(user, record.indicator):  # regions: another region's record
        raise error(f"这是其他行政区划的{what},由该区的规划管理员审核。")
    if record.state != EntryState.SUBMITTED:
        raise error(f"{what}当前为“{record.get_state_display()}”,不在待审核状态。")
    authored = type(record).history.filter(
        id=record.pk, history_user=user, state__in=[EntryState.DRAFT, EntryState.SUBMITTED]
    )
    if record.entered_by_id == user.pk or authored.exists():
        raise error(f"不能审核自己填报或提交的{what},请由另一位规划管理员审核。")


def supersede(
    model: type[Model], *, indicator, year: int, version: int, save: Callable, why: str = ""
) -> None:
    """The approved version of an indicator's year, if any, gives way to `version`; it
    is kept, as superseded (`save(record, reason)` records it)."""
    previous = model.objects.filter(
        indicator=indicator, year=year, state=EntryState.APPROVED
    ).first()
    if previous is not None:
        previous.state = EntryState.SUPERSEDED
        save(previous, f"被第{version}版取代{':' + why if why else ''}")
