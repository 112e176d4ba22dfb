"""Cache keys of the rendered pages.

Pages that are the same for every reader (a plan's dashboard, table, API answer;
a bureau's rows) are cached under keys that carry the plan's generation
(`Plan.revision`). Nothing deletes keys: `services.plan_changed()`, which ends every
write, bumps the generation, so the next request in every worker misses and
rebuilds; stale entries expire on their own (CACHE_TIMEOUT). No other module builds
these keys, and nothing but plan_changed() writes `Plan.revision`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from .models import Bureau, Plan

T = TypeVar("T")


def _cached(key: str, build: Callable[[], T]) -> T:
    return cache.get_or_set(key, build)


def dashboard(plan: Plan, build: Callable[[], T]) -> T:
    return _cached(f"dashboard:{plan.pk}:{plan.revision}", build)


def plan_table(plan: Plan, query: str, build: Callable[[], T]) -> T:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return _cached(f"table:{plan.pk}:{plan.revision}:{digest}", build)


def plan_api(plan: Plan, build: Callable[[], T]) -> T:
    return _cached(f"api:{plan.pk}:{plan.revision}", build)


def bureau_page(bureau: Bureau, build: Callable[[], T]) -> T:
    """A bureau's page spans plans: its key holds every plan's generation."""
    generations = ",".join(
        f"{pk}.{revision}"
        for pk, revision in Plan.objects.order_by("pk").values_list("pk", "revision")
    )
    return _cached(f"bureau:{bureau.pk}:{generations}", build)


def city_scorecard(plan: Plan, district_plans: list[tuple[int, int]], build: Callable[[], T]) -> T:
    """regions: the city scorecard shows its districts' plans: its key holds their
    generations too, so a district's approval is seen on the next request."""
    generations = ",".join(f"{pk}.{revision}" for pk, revision in sorted(district_plans))
    return _cached(f"districts:{plan.pk}:{plan.revision}:{generations}", build)
