"""Target paths: where an indicator should stand in each year of its plan.

Pure functions on plain numbers, no ORM, so that they can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PathInput:
    """What the target path needs to know about an indicator.

    `growth` is the target annual growth in percent (9 for ">9%");
    `cumulative` is a five-year cumulative change ([0.39], 【5】) in the
    indicator's own unit, percentage points for a share.
    """

    kind: str  # "level", "rate", "share", "cumulative", "qualitative"
    baseline_year: int
    target_year: int
    baseline: float | None = None
    target: float | None = None
    growth: float | None = None
    cumulative: float | None = None


def target_path(spec: PathInput) -> list[tuple[int, float]]:
    """The expected value in each year from the base year to the target year.

    - a level with a growth target compounds from the baseline (GDP at 9% a year);
    - a level with only an end target compounds at the rate that reaches it;
    - a share moves linearly, in percentage points, to its target
      (or by its cumulative change when no level target is printed);
    - a cumulative target (【5】 new jobs over five years) is a running sum,
      starting from zero in the base year;
    - a rate indicator has a level path only where a level baseline is printed
      beside its rates (地区生产总值增长: 1080 in 2020 at 7左右 a year);
    - qualitative indicators have no path: an empty list.
    """
    years = range(spec.baseline_year, spec.target_year + 1)
    span = spec.target_year - spec.baseline_year
    if span <= 0:
        return []

    if spec.kind == "cumulative":
        if spec.cumulative is None:
            return []
        return [(year, spec.cumulative * (year - spec.baseline_year) / span) for year in years]

    if spec.baseline is None or spec.kind == "qualitative":
        return []

    end = spec.target
    if end is None and spec.cumulative is not None:
        end = spec.baseline + spec.cumulative

    if spec.kind == "share" or (spec.cumulative is not None and spec.growth is None):
        if end is None:
            return []
        step = (end - spec.baseline) / span
        return [(year, spec.baseline + step * (year - spec.baseline_year)) for year in years]

    # A level: compound growth, from the printed growth target or the one implied.
    if spec.growth is not None:
        rate = spec.growth / 100
    elif end is not None and spec.baseline > 0 and end > 0:
        rate = (end / spec.baseline) ** (1 / span) - 1
    else:
        return []
    return [(year, spec.baseline * (1 + rate) ** (year - spec.baseline_year)) for year in years]
