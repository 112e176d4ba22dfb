"""Regions (行政区划) and the targets a city passes down to its districts.

- `regions_load()` loads fixtures/regions.toml (武汉市 and its 13 districts), keeping
  regions already in the database as they are;
- `region_for_code()` finds a region by its 行政区划代码 (the `--region` of commands);
- `city_target_assign()` links a district's indicator to the city indicator it
  contributes to, with the target the city assigned: the district's 完成市下达目标
  gets its number, and then a computed status (selectors.progress_input).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ..models import Indicator, Region, TargetAssignment
from ..notation import NotationError, parse
from ..permissions import SUPERUSER, role_of
from ..vocabulary import RegionLevel, Role
from .changes import RuleError, plan_changed, recorded

REGIONS_FILE = Path(settings.BASE_DIR) / "fixtures" / "regions.toml"
LOAD_REASON = "载入行政区划"


def region_for_code(code: str | Region | None) -> Region:
    """The region of a 行政区划代码 (a Region is returned as is; None is the
    deployment's own district, settings.HOME_REGION). Raises RuleError."""
    if isinstance(code, Region):
        return code
    code = (code or settings.HOME_REGION).strip()
    region = Region.objects.filter(code=code).first()
    if region is None:
        regions_load()  # a fresh database (e.g. after flush): the regions come first
        region = Region.objects.filter(code=code).first()
    if region is None:
        raise RuleError({"region": f"没有行政区划代码为“{code}”的行政区划。"})
    return region


@transaction.atomic
def regions_load(*, path: Path = REGIONS_FILE, user=None) -> int:
    """The regions of fixtures/regions.toml, parents first; returns how many were made.
    Existing regions (by code) are left alone. Raises RuleError."""
    from .plans import read_toml

    made = 0
    for entry in read_toml(path)["region"]:
        if Region.objects.filter(code=entry["code"]).exists():
            continue
        parent = None
        if entry.get("parent"):
            parent = Region.objects.filter(code=entry["parent"]).first()
            if parent is None:
                raise RuleError(
                    f"{path.name}:{entry['name']}的上级“{entry['parent']}”应列在它之前。"
                )
        if entry["level"] not in set(RegionLevel):
            raise RuleError(f"{path.name}:{entry['name']}的层级应为city、district或street。")
        region = Region(code=entry["code"], name=entry["name"], level=entry["level"], parent=parent)
        recorded(region, user=user, reason=LOAD_REASON)
        made += 1
    return made


def subregion_ids(region: Region) -> set[int]:
    """The region and every region under it (a city's districts and their streets)."""
    ids, frontier = {region.pk}, {region.pk}
    while frontier:
        frontier = set(Region.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        frontier -= ids
        ids |= frontier
    return ids


def _may_assign(user, city_indicator: Indicator) -> bool:
    """The city's own planning admins (or a superuser, or the server's operator)."""
    if user is None or role_of(user) == SUPERUSER:
        return True
    return role_of(user) == Role.PLANNER and user.account.region_id == city_indicator.plan.region_id


@transaction.atomic
def city_target_assign(
    *,
    indicator: Indicator,
    city_indicator: Indicator,
    target: str,
    user,
    reason: str,
    effective_date: date,
) -> TargetAssignment:
    """Link a district's `indicator` to the `city_indicator` it contributes to, with the
    target the city assigned it (市下达目标), recorded with who, why and when.

    The district's printed figures stay as printed; the assigned target is used for
    progress where the plan printed 完成市下达目标. Rules: the city indicator is in a
    plan of the district's parent region; the target is a readable figure; a reason is
    written. Raises RuleError."""
    plan, city_plan = indicator.plan, city_indicator.plan
    errors = {}
    if plan.region.parent_id != city_plan.region_id:
        errors["city_indicator"] = (
            f"“{city_indicator.name}”不是{plan.region.name}的上级行政区划的规划指标。"
        )
    if not _may_assign(user, city_indicator):
        errors[""] = "只有市级规划管理员可以下达目标。"
    if not (reason or "").strip():
        errors["reason"] = "请写明下达目标的依据(文件名、文号)。"
    try:
        figure = parse(target or "")
    except NotationError as error:
        errors["target"] = str(error)
    else:
        # Empty: a link only (the district's own printed target applies).
        if not figure.is_blank and figure.number is None:
            errors["target"] = "市下达目标应是一个数值,如“90”“>7”“[13.5]”;不下达数值请留空。"
    if errors:
        raise RuleError(errors)
    assignment = TargetAssignment(
        indicator=indicator,
        city_indicator=city_indicator,
        old_target=indicator.assigned_target.text,
        target=target.strip(),
        reason=reason.strip(),
        effective_date=effective_date,
        recorded_by=user,
    )
    recorded(assignment, user=user, reason=reason.strip())
    indicator.contributes_to = city_indicator
    indicator.assigned_target = target.strip()
    recorded(indicator, user=user, reason=f"市下达目标:{target.strip()}({reason.strip()})")
    plan_changed(plan, indicators=[indicator])
    plan_changed(city_plan, indicators=[])  # the city's pages list its districts
    return assignment


__all__ = ["city_target_assign", "region_for_code", "regions_load", "subregion_ids"]
