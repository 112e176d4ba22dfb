"""Reads of collection rounds: the window of a year, the rounds a user enters in,
the board of a round. ORM in, plain data (collection.py's dataclasses) out."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from .collection import RoundWindow, Version, Window, board_state, entry_window
from .models import (
    Bureau,
    CollectionRound,
    Indicator,
    IndicatorBureau,
    RoundReopening,
    YearlyValue,
)
from .vocabulary import BoardState, RoundState, Stage


def round_windows(indicator: Indicator, year: int) -> list[RoundWindow]:
    """The rounds of the indicator's plan and `year`, each with the date to which it is
    reopened for one of the indicator's bureaus (two queries)."""
    rounds = list(
        CollectionRound.objects.filter(plan_id=indicator.plan_id, year=year).select_related("plan")
    )
    if not rounds:
        return []
    bureaus = [link.bureau_id for link in indicator.indicator_bureaus.all()]
    reopened = dict(
        RoundReopening.objects.filter(round__in=rounds, bureau__in=bureaus)
        .values("round")
        .annotate(until=Max("until"))
        .values_list("round", "until")
    )
    return [
        RoundWindow(
            pk=r.pk,
            stage=Stage(r.stage),
            state=RoundState(r.state),
            deadline=r.deadline,
            grace_days=r.grace_days,
            reopened_until=reopened.get(r.pk),
            title=r.title,
        )
        for r in rounds
    ]


def year_window(indicator: Indicator, year: int, today: datetime.date | None = None) -> Window:
    """Whether the indicator's `year` is open for entry today (collection.entry_window)."""
    return entry_window(
        plan_name=indicator.plan.name,
        end_year=indicator.plan.end_year,
        year=year,
        rounds=round_windows(indicator, year),
        today=today or timezone.localdate(),
    )


def rounds_for_user(user, bureau_pks: set[int] | None) -> QuerySet[CollectionRound]:
    """Rounds with indicators of these bureaus (all rounds when None), newest first."""
    rounds = CollectionRound.objects.select_related("plan").order_by("-year", "-opened_at")
    if bureau_pks is None:
        return rounds
    return rounds.filter(plan__indicators__indicator_bureaus__bureau__in=bureau_pks).distinct()


def round_bureaus(round: CollectionRound, bureau_pks: set[int] | None = None) -> list[Bureau]:
    """The bureaus with indicators in the round's plan (only these, when given)."""
    bureaus = Bureau.objects.filter(indicators__plan=round.plan_id).distinct().order_by("name")
    if bureau_pks is not None:
        bureaus = bureaus.filter(pk__in=bureau_pks)
    return list(bureaus)


@dataclass(frozen=True)
class BoardCell:
    number: int
    name: str
    state: BoardState
    url: str


def round_board(round: CollectionRound, bureau_pks: set[int] | None = None) -> list[dict]:
    """填报进度 of a round, per bureau: each indicator's BoardState, and the counts of
    DHIS2's completeness (reported / expected) and timeliness (on time / late).
    Three queries whatever the size of the plan."""
    # Plain rows, not models: a city-wide plan has thousands of cells.
    links = IndicatorBureau.objects.filter(indicator__plan=round.plan_id).order_by(
        "bureau__name", "indicator__number"
    )
    if bureau_pks is not None:
        links = links.filter(bureau__in=bureau_pks)
    links = list(
        links.values_list("bureau_id", "indicator_id", "indicator__number", "indicator__name")
    )
    names = Bureau.objects.in_bulk({link[0] for link in links})
    versions: dict[int, list[Version]] = defaultdict(list)
    for row in YearlyValue.objects.filter(
        indicator__plan=round.plan_id, year=round.year
    ).values_list("indicator_id", "state", "round_id", "submitted_at", "stage"):
        versions[row[0]].append(Version(*row[1:]))
    now = timezone.now()
    reopened = set(
        RoundReopening.objects.filter(round=round, until__gte=timezone.localdate()).values_list(
            "bureau_id", flat=True
        )
    )
    # Each cell links to the entry form: reversed once, filled in per indicator.
    link = reverse("entry_edit", args=[999999999, round.year])
    bureaus: dict[int, dict] = {}
    for bureau_pk, indicator_pk, number, name in links:
        row = bureaus.setdefault(
            bureau_pk,
            {"bureau": names[bureau_pk], "cells": [], "reopened": bureau_pk in reopened},
        )
        state = board_state(
            versions.get(indicator_pk, []),
            round_pk=round.pk,
            stage=Stage(round.stage),
            deadline_end=round.deadline_end,
            now=now,
        )
        row["cells"].append(
            BoardCell(number, name, state, link.replace("999999999", str(indicator_pk)))
        )
    for row in bureaus.values():
        states = [cell.state for cell in row["cells"]]
        row["expected"] = len(states)
        row["on_time"] = states.count(BoardState.DONE)
        row["late"] = states.count(BoardState.DONE_LATE) + states.count(BoardState.LATE)
        row["reported"] = row["on_time"] + states.count(BoardState.DONE_LATE)
        row["returned"] = states.count(BoardState.RETURNED)
        row["complete"] = round_percent(row["reported"], row["expected"])
    return list(bureaus.values())


def round_percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def grid_indicators(round: CollectionRound, bureau_pks: set[int]) -> QuerySet[Indicator]:
    """The indicators of these bureaus in the round's plan, with everything a grid row
    shows: approved values (last year, the pace), their bureaus (who may enter), and
    every version of the round's year (as `year_versions`)."""
    from django.db.models import Prefetch

    from .selectors import with_pace_inputs

    indicators = Indicator.objects.filter(
        plan=round.plan_id, indicator_bureaus__bureau__in=bureau_pks
    ).distinct()
    return (
        with_pace_inputs(indicators)
        .prefetch_related("indicator_bureaus")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=YearlyValue.objects.filter(year=round.year).select_related("entered_by"),
                to_attr="year_versions",
            )
        )
        .order_by("number")
    )


def grid_rows(round: CollectionRound, indicators) -> list[dict]:
    """One row per indicator for the grid, the template and the review: base, target,
    last year's approved value, 序时进度 in the round's year, the version being
    entered and its state."""
    from .selectors import ENTRY_STATE_LABELS, entry_state, indicator_pace, value_year_label

    rows = []
    for indicator in indicators:
        state, version = entry_state(indicator.year_versions)
        last = indicator.value_in(round.year - 1)
        pace = indicator_pace(indicator, round.year)
        rows.append(
            {
                "indicator": indicator,
                "state": state,
                "state_label": ENTRY_STATE_LABELS[state],
                "version": version,
                "open": version is not None and version.state in ("draft", "returned"),
                "base": f"{indicator.baseline.text}({indicator.baseline_year}年)"
                if not (indicator.baseline.is_blank or indicator.baseline.is_dash)
                else "",
                "target": target_text(indicator),
                "last": _shown(last, value_year_label(last)) if last else "",
                "pace": pace_text(pace, indicator.unit),
                "pace_label": pace.label.label,
            }
        )
    return rows


def target_text(indicator: Indicator) -> str:
    """'1515;年均7左右', '>10.50', '〔13.5〕累计': the target and the growth target, each
    said once (a dash or a repeated phrase is left out)."""
    target, growth = indicator.target, indicator.target_growth
    parts = [] if target.is_dash or target.is_blank else [target.text]
    if not (growth.is_dash or growth.is_blank) and growth.text != target.text:
        parts.append(f"{growth.text}累计" if growth.cumulative else f"年均{growth.text}")
    return ";".join(parts)


def pace_text(pace, unit: str) -> str:
    """'应达1234.5亿元,超序时进度3.2个百分点' or '' (what the grid shows of a Pace)."""
    if pace.expected is None:
        return ""
    text = f"应达{pace.expected:.4g}{'' if unit == '%' and pace.gap_unit else unit}"
    if pace.done is not None and pace.due is not None:
        text += f"(序时{pace.due:.0f}%,完成{pace.done:.0f}%)"
    return text


def _shown(value: YearlyValue, label: str) -> str:
    """'2024年(快报):1234 增速8.5%'"""
    growth = f" 增速{value.growth.text}" if value.growth.text else ""
    return f"{label}:{value.value.text}{growth}"
