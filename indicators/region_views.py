"""Regions on the pages: which region the public pages show (a switcher, ?region=),
a city indicator's districts, the city scorecard (赛马) and the pending counts a
city's planners and officials see of their districts.

Plan codes are unique across regions, so a plan's pages need no region in their URL;
the lists that span plans (home, bureaus) show one region at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from . import cache as page_cache
from .models import EntryState, Indicator, Plan, Region, YearlyValue
from .pace import Pace
from .permissions import region_id_of, watched_region_ids
from .selectors import city_assigned, indicator_pace, target_in_force
from .vocabulary import RegionLevel


def shown_region(request: HttpRequest) -> tuple[Region | None, list[Region]]:
    """The region a public list shows, and the regions to switch to (those with plans,
    when there are several), in one query: ?region=<行政区划代码>, else the deployment's
    own district (settings.HOME_REGION), else the first region that has plans."""
    regions = list(Region.objects.filter(plans__isnull=False).distinct().order_by("code"))
    code = request.GET.get("region", "").strip() or settings.HOME_REGION
    region = next((each for each in regions if each.code == code), None)
    if region is None and request.GET.get("region", "").strip():
        region = get_object_or_404(Region, code=code)  # a region with no plans yet
    if region is None:
        region = regions[0] if regions else Region.objects.filter(code=code).first()
    return region, regions


def region_switcher(current: Region | None, regions: list[Region]) -> dict:
    """Context of the switcher (shown only when several regions have plans)."""
    return {"region": current, "regions": regions if len(regions) > 1 else []}


def pending_elsewhere(user) -> list[tuple[Region, int]]:
    """Values awaiting review in the regions under the user's own (a city planner's or
    official's districts), by region: counts only; each district reviews its own."""
    watched = watched_region_ids(user)
    if not watched:
        return []
    others = watched - {region_id_of(user)}
    counts = (
        YearlyValue.objects.filter(state=EntryState.SUBMITTED, indicator__plan__region__in=others)
        .values("indicator__plan__region")
        .annotate(count=Count("id"))
    )
    by_region = {row["indicator__plan__region"]: row["count"] for row in counts}
    regions = Region.objects.filter(pk__in=others).order_by("code")
    return [(region, by_region.get(region.pk, 0)) for region in regions]


# ------------------------------------------------------------- districts, ranked


@dataclass
class DistrictRow:
    """One district's indicator contributing to a city indicator, at `as_of`."""

    region: Region
    indicator: Indicator
    target_text: str  # the city's assigned target, else the district's printed target
    assigned: bool
    pace: Pace
    rank: int | None = None

    @property
    def latest(self):
        return self.indicator.latest_value


def _as_of(rows: list[Indicator], plan: Plan) -> int:
    """The latest year with an approved value among the districts' indicators (within
    the city plan's years), else the city plan's base year."""
    years = [v.year for i in rows for v in i.yearly_values if v.year <= plan.end_year]
    return max(years, default=plan.base_year)


def district_rows(contributions: list[Indicator], plan: Plan, as_of: int) -> list[DistrictRow]:
    """Districts ranked on one indicator (赛马): ahead of 序时进度 first, by the gap;
    those that cannot be judged last, unranked. Uses for_dashboard's prefetches."""
    rows = []
    for indicator in contributions:
        assigned = not indicator.assigned_target.is_blank
        _, _, target, growth = city_assigned(indicator, target_in_force(indicator))
        rows.append(
            DistrictRow(
                region=indicator.plan.region,
                indicator=indicator,
                target_text=(indicator.assigned_target.text if assigned else "")
                or target.text
                or growth.text,
                assigned=assigned,
                pace=indicator_pace(indicator, as_of),
            )
        )
    judged = sorted((r for r in rows if r.pace.gap is not None), key=lambda r: -r.pace.gap)
    for rank, row in enumerate(judged, start=1):
        row.rank = rank
    unjudged = sorted((r for r in rows if r.pace.gap is None), key=lambda r: r.region.code)
    return judged + unjudged


def _contributions(city_indicators) -> dict[int, list[Indicator]]:
    """Every district indicator linked to these city indicators, in a fixed number of
    queries whatever their number (for_dashboard and the plan's region joined)."""
    linked = (
        Indicator.objects.filter(contributes_to__in=city_indicators)
        .for_dashboard()
        .select_related("plan__region")
    )
    by_city: dict[int, list[Indicator]] = {}
    for indicator in linked:
        by_city.setdefault(indicator.contributes_to_id, []).append(indicator)
    return by_city


def indicator_districts(indicator: Indicator) -> dict:
    """For the indicator page: a city indicator's districts (value, target, pace), or a
    district indicator's city indicator and assigned target."""
    if indicator.plan.region.level != RegionLevel.CITY:
        return {"districts": None}
    contributions = _contributions([indicator]).get(indicator.pk, [])
    as_of = _as_of(contributions, indicator.plan)
    return {"districts": district_rows(contributions, indicator.plan, as_of), "as_of": as_of}


@require_safe
def city_scorecard(request: HttpRequest, code: str) -> HttpResponse:
    """分区评估 (赛马): each indicator of a city's plan, its districts ranked by their
    gap to 序时进度 (rank, value, target, gap)."""
    plan = get_object_or_404(
        Plan.objects.select_related("region"), code=code, region__level=RegionLevel.CITY
    )
    district_plans = list(
        Plan.objects.filter(indicators__contributes_to__plan=plan)
        .distinct()
        .values_list("pk", "revision")
    )
    body = page_cache.city_scorecard(plan, district_plans, lambda: _scorecard_body(plan))
    return render(
        request,
        "indicators/city_scorecard.html",
        {"plan": plan, "body": body, "shows_synthetic": plan.synthetic},
    )


def _scorecard_body(plan: Plan) -> str:
    city_indicators = list(plan.indicators.main().order_by("number"))
    contributions = _contributions(city_indicators)
    as_of = _as_of([i for rows in contributions.values() for i in rows], plan)
    sections = [
        (indicator, district_rows(contributions.get(indicator.pk, []), plan, as_of))
        for indicator in city_indicators
    ]
    return render_to_string(
        "indicators/partials/city_scorecard_body.html",
        {"plan": plan, "sections": sections, "as_of": as_of},
    )
