"""Generate SYNTHETIC plans for benchmarks: clearly marked, never real data.

    .venv/bin/python bench/generate.py   # 13 districts x 400 indicators x 10 years
    .venv/bin/python bench/generate.py --districts 1 --indicators 5000
    .venv/bin/python bench/generate.py --city --indicators 40   # 武汉市 + its 13 districts

Each synthetic plan is flagged `synthetic`, named 【合成数据】..., and every page that
shows it carries a banner saying so. `--remove` deletes all synthetic plans again.

`--city` (regions, issue 14) makes one synthetic plan for 武汉市 (420100) and one for
each of its 13 districts (the real region codes; the plans and figures are invented),
each district's bureaus named alike (【合成】第01局 ...), and every district indicator
linked to the city indicator of the same number with a target the city assigned.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongshan.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from indicators.models import (  # noqa: E402
    Bureau,
    Category,
    Indicator,
    IndicatorBureau,
    Plan,
    Region,
    YearlyValue,
)
from indicators.services import region_for_code, regions_load, statuses_refresh  # noqa: E402

CATEGORIES = ["经济发展", "创新驱动", "民生福祉", "绿色生态"]
KINDS = ["level", "level", "share", "rate", "cumulative"]


def _bureaus(region: Region) -> list[Bureau]:
    return [
        Bureau.objects.get_or_create(name=f"【合成】第{n:02d}局", region=region)[0]
        for n in range(1, 16)
    ]


@transaction.atomic
def generate(
    districts: int, indicators: int, years: int, seed: int = 2026, regions=None
) -> list[Plan]:
    """`districts` plans in the deployment's own district, or one in each of `regions`."""
    rng = random.Random(seed)
    start = 2026 - years
    plans = []
    first_district = Plan.objects.filter(synthetic=True).count() + 1
    home = region_for_code(None)
    for district in range(first_district, first_district + districts):
        region = regions[district - first_district] if regions else home
        bureaus = _bureaus(region)
        code = f"syn-{region.code}" if regions else f"syn-{district:02d}"
        plan = Plan.objects.create(
            code=code,
            name=f"【合成数据】{region.name if regions else '合成区'}{district:02d}规划",
            title="合成测试数据,不是真实规划",
            start_year=start,
            end_year=2025,
            base_year=start - 1,
            note="由 bench/generate.py 生成的合成数据,仅用于性能测试。",
            synthetic=True,
            region=region,
        )
        categories = [
            Category.objects.create(plan=plan, name=name, position=i + 1)
            for i, name in enumerate(CATEGORIES)
        ]
        made = Indicator.objects.bulk_create(
            _indicator(plan, categories, number, rng) for number in range(1, indicators + 1)
        )
        IndicatorBureau.objects.bulk_create(
            IndicatorBureau(
                indicator=indicator,
                bureau=bureaus[indicator.number % len(bureaus)],
                printed_name=bureaus[indicator.number % len(bureaus)].name,
            )
            for indicator in made
        )
        YearlyValue.objects.bulk_create(
            value for indicator in made for value in _values(indicator, plan, rng)
        )
        statuses_refresh(plan=plan)
        plans.append(plan)
    return plans


def _indicator(plan, categories, number, rng) -> Indicator:
    kind = KINDS[number % len(KINDS)]
    baseline = round(rng.uniform(20, 80), 1)
    targets = {
        "level": (str(baseline), f">{round(baseline * 1.5, 1)}", "8%"),
        "share": (f"{baseline}%", f"{min(99.0, baseline + 5)}%", ""),
        "rate": ("-", "-", ">7"),
        "cumulative": ("1.2", "", "【5】"),
    }[kind]
    return Indicator(
        plan=plan,
        category=categories[number % len(categories)],
        number=number,
        name=f"合成指标{number:04d}",
        unit={"level": "亿元", "share": "%", "rate": "%", "cumulative": "万人"}[kind],
        nature="binding" if number % 7 == 0 else "expected",
        kind=kind,
        baseline_year=plan.base_year,
        baseline=targets[0],
        target_year=plan.end_year,
        target=targets[1],
        target_growth=targets[2],
    )


def _values(indicator, plan, rng):
    level = float(indicator.baseline.value or 1)
    for year in plan.years:
        growth = round(rng.uniform(-2, 14), 1)
        level = round(level * (1 + growth / 100), 2)
        value, rate = {
            "level": (str(level), f"{growth}%"),
            "share": (f"{min(99.9, round(level / 2, 2))}%", ""),
            "rate": ("", f"{growth}%"),
            "cumulative": (str(round(rng.uniform(0.8, 1.4), 2)), ""),
        }[indicator.kind]
        yield YearlyValue(
            indicator=indicator,
            year=year,
            value=value,
            growth=rate,
            source="【合成数据】",
            state="approved",
        )


@transaction.atomic
def generate_city(indicators: int, years: int, seed: int = 2026) -> list[Plan]:
    """武汉市's synthetic plan and one for each of its 13 districts; every district
    indicator contributes to the city's indicator of the same number, with a target
    the city assigned (its printed target, scaled)."""
    regions_load()
    city_region = Region.objects.get(code="420100")
    districts = list(city_region.children.order_by("code"))
    (city,) = generate(1, indicators, years, seed, regions=[city_region])
    made = generate(len(districts), indicators, years, seed + 1, regions=districts)
    by_number = {i.number: i for i in city.indicators.all()}
    for plan in made:
        linked = list(plan.indicators.all())
        for indicator in linked:
            indicator.contributes_to = by_number[indicator.number]
            indicator.assigned_target = indicator.target.text
        Indicator.objects.bulk_update(linked, ["contributes_to", "assigned_target"])
    return [city, *made]


def remove() -> int:
    plans = Plan.objects.filter(synthetic=True).order_by("-region__level")  # districts first
    count = plans.count()
    Indicator.objects.filter(plan__synthetic=True).update(contributes_to=None)
    with transaction.atomic():
        for plan in plans:
            YearlyValue.history.filter(indicator__plan=plan).delete()
            YearlyValue.objects.filter(indicator__plan=plan).delete()
            IndicatorBureau.objects.filter(indicator__plan=plan).delete()
            plan.indicators.update(contributes_to=None)
            plan.indicators.all().delete()
            plan.categories.all().delete()
            plan.delete()
        Bureau.objects.filter(name__startswith="【合成】", indicator_links__isnull=True).delete()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=13)
    parser.add_argument("--indicators", type=int, default=400)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--remove", action="store_true", help="delete all synthetic plans")
    parser.add_argument(
        "--city", action="store_true", help="武汉市 and its 13 districts (regions, linked)"
    )
    options = parser.parse_args()
    if options.remove:
        print(f"removed {remove()} synthetic plans")
        return
    if options.city:
        plans = generate_city(options.indicators, options.years)
    else:
        plans = generate(options.districts, options.indicators, options.years)
    total = sum(plan.indicators.count() for plan in plans)
    codes = ", ".join(plan.code for plan in plans)
    print(f"generated {len(plans)} synthetic plans, {total} indicators: {codes}")


if __name__ == "__main__":
    main()
