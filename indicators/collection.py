"""The rules of collection rounds, on plain data: whether a year of an indicator is
open for entry today and at which stage, whether a stage may replace another, and
where an indicator of a bureau stands on the 填报进度 board. Pure: no ORM.

The window (DHIS2's expiryDays, per round):
- a year with rounds is open while one of them accepts: open and today is no later
  than its deadline plus grace days, or reopened for one of the indicator's bureaus
  until a date not yet passed. The value takes that round's stage.
- a year with no round is open while its plan runs, as before rounds existed, at the
  快报 stage; the last year's figures arrive the year after the plan ends, so a plan
  counts as ended from the second year after its end year (2025 → locked in 2027).
- an ended plan is locked unless a round is open for that year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .vocabulary import STAGE_ORDER, BoardState, EntryState, RoundState, Stage


@dataclass(frozen=True)
class RoundWindow:
    """What the window rule needs of one round of the indicator's plan and year."""

    pk: int
    stage: Stage
    state: RoundState
    deadline: datetime.date
    grace_days: int
    reopened_until: datetime.date | None = None  # for one of the indicator's bureaus
    title: str = ""

    @property
    def locks_on(self) -> datetime.date:
        return self.deadline + datetime.timedelta(days=self.grace_days)

    def accepts(self, today: datetime.date) -> bool:
        if self.reopened_until is not None and today <= self.reopened_until:
            return True
        return self.state == RoundState.OPEN and today <= self.locks_on


@dataclass(frozen=True)
class Window:
    open: bool
    stage: Stage | None = None
    round_pk: int | None = None
    message: str = ""


def plan_ended(end_year: int, today: datetime.date) -> bool:
    """The plan's last year is reported the year after; it is over the year after that."""
    return end_year + 1 < today.year


def entry_window(
    *, plan_name: str, end_year: int, year: int, rounds: list[RoundWindow], today: datetime.date
) -> Window:
    """Whether a year may be entered today, at which stage and in which round."""
    accepting = [r for r in rounds if r.accepts(today)]
    if accepting:
        best = max(accepting, key=lambda r: STAGE_ORDER.index(r.stage))
        return Window(True, best.stage, best.pk)
    if rounds:
        last = max(rounds, key=lambda r: r.locks_on)
        title = last.title or f"{year}年{last.stage.label}"
        ended = (
            "已由规划管理员结束"
            if last.state == RoundState.CLOSED and today <= last.locks_on
            else f"已于{last.locks_on:%Y-%m-%d}截止"
        )
        return Window(
            False,
            message=(f"{title}填报{ended},数值已锁定。如需补报,请联系规划管理员为本单位重新开放。"),
        )
    if plan_ended(end_year, today):
        return Window(
            False,
            message=f"{plan_name}已结束,数值已锁定;只有规划管理员开启该年的填报轮次后才能填报。",
        )
    return Window(True, Stage.PRELIMINARY, None)


def stage_refusal(new: Stage, approved: Stage | None) -> str | None:
    """Why a value of stage `new` may not replace the approved one, or None: a stage
    never goes back (a 快报 figure does not replace the 年报)."""
    if approved is None or STAGE_ORDER.index(new) >= STAGE_ORDER.index(approved):
        return None
    return f"这一年已有{approved.label}数值,不能再填报更早阶段({new.label})的数值。"


@dataclass(frozen=True)
class Version:
    """One version of an indicator's year, as the board needs it."""

    state: EntryState
    round_pk: int | None
    submitted_at: datetime.datetime | None
    stage: str = ""


def board_state(
    versions: list[Version],
    *,
    round_pk: int,
    stage: Stage,
    deadline_end: datetime.datetime,
    now: datetime.datetime,
) -> BoardState:
    """Where one indicator stands in a round: reported (on time or late), returned,
    drafted, or not reported (late once the deadline has passed). An approved value
    of the round's stage or a later one, entered before the round, counts as reported."""
    live = [v for v in versions if v.state != EntryState.SUPERSEDED]
    mine = [v for v in live if v.round_pk == round_pk]
    reported = [v for v in mine if v.state in (EntryState.SUBMITTED, EntryState.APPROVED)]
    if reported:
        first = min((v.submitted_at for v in reported if v.submitted_at), default=None)
        return BoardState.DONE_LATE if first and first > deadline_end else BoardState.DONE
    if any(
        v.state == EntryState.APPROVED
        and v.stage
        and STAGE_ORDER.index(Stage(v.stage)) >= STAGE_ORDER.index(stage)
        for v in live
    ):
        return BoardState.DONE
    if any(v.state == EntryState.RETURNED for v in mine):
        return BoardState.RETURNED
    if now > deadline_end:
        return BoardState.LATE
    if any(v.state == EntryState.DRAFT for v in mine):
        return BoardState.DRAFT
    return BoardState.PENDING


def stage_label(stage: str, printed: bool) -> str:
    """'预计', '快报', '年报', or '' (a figure the plan printed, or unknown)."""
    if printed or not stage:
        return ""
    return Stage(stage).label


def year_label(year: int, stage: str, printed: bool = False) -> str:
    """'2025年(预计)': the year of a value and the stage it is at."""
    label = stage_label(stage, printed)
    return f"{year}年({label})" if label else f"{year}年"


DEFAULT_JUMP_POINTS = 5.0  # a round's default; the planning admin sets it per round
LEVEL_JUMP = 0.5  # a level moving by more than half in a year


def jump_flags(
    *,
    kind: str,
    unit: str,
    value: float | None,
    growth: float | None,
    last_value: float | None,
    last_growth: float | None,
    jump_points: float = DEFAULT_JUMP_POINTS,
) -> list[str]:
    """Why a submitted value looks implausible beside last year's, for the reviewer:
    a growth rate moving by more than `jump_points`, a share outside 0–100, a level
    moving by more than half. Empty when nothing stands out."""
    flags = []
    if growth is not None and last_growth is not None and abs(growth - last_growth) > jump_points:
        flags.append(f"增速由上年{last_growth:g}%变为{growth:g}%,变动超过{jump_points:g}个百分点")
    if value is not None and kind == "share" and not 0 <= value <= 100:
        flags.append(f"比重{value:g}%不在0—100之间")
    if (
        kind in ("level", "cumulative")
        and value is not None
        and last_value
        and last_value > 0
        and abs(value / last_value - 1) > LEVEL_JUMP
    ):
        flags.append(f"较上年{last_value:g}变动超过一半")
    return flags
