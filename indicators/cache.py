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
from datetime import date
from typing import TypeVar

from django.core.cache import cache

from .models import Bureau, Plan

T = TypeVar("T")


def _cached(key: str, build: Callable[[], T]) -> T:
    return cache.get_or_set(key, build)


def default_as_of(plan: Plan, build: Callable[[], int]) -> int:
    """The year a plan's pages are evaluated as of when none is asked for: it changes
    only with the plan's data, so a cached page costs no query to find it."""
    return _cached(f"as_of:{plan.pk}:{plan.revision}", build)


# `as_of` (the year of the 序时进度 shown) is part of every key of a page that shows it.


def dashboard(plan: Plan, as_of: int, build: Callable[[], T]) -> T:
    return _cached(f"dashboard:{plan.pk}:{plan.revision}:{as_of}", build)


def plan_table(plan: Plan, query: str, as_of: int, build: Callable[[], T]) -> T:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return _cached(f"table:{plan.pk}:{plan.revision}:{as_of}:{digest}", build)


def plan_api(plan: Plan, as_of: int, build: Callable[[], T]) -> T:
    return _cached(f"api:{plan.pk}:{plan.revision}:{as_of}", build)


def _generations() -> str:
    """Every plan's generation, for pages that span plans (one small query)."""
    return ",".join(
        f"{pk}.{revision}"
        for pk, revision in Plan.objects.order_by("pk").values_list("pk", "revision")
    )


def bureau_page(bureau: Bureau, build: Callable[[], T]) -> T:
    """A bureau's page spans plans: its key holds every plan's generation."""
    return _cached(f"bureau:{bureau.pk}:{_generations()}", build)


def indicator_page(indicator, as_of: int, build: Callable[[], T]) -> T:
    """An indicator's page as every reader sees it. It shows the indicator across plans
    (predecessors, successors) and, for a city's indicator, its districts: its key holds
    every plan's generation."""
    return _cached(f"indicator:{indicator.pk}:{as_of}:{_generations()}", build)


def document(plan: Plan, as_of: int, kind: str, build: Callable[[], T]) -> T:
    """A generated document (completion.xlsx, evaluation.pdf ...) of a plan as of a year.
    It carries its printing date, so the key holds today's date too."""
    return _cached(f"document:{plan.pk}:{plan.revision}:{as_of}:{kind}:{date.today()}", build)


def city_scorecard(plan: Plan, district_plans: list[tuple[int, int]], build: Callable[[], T]) -> T:
    """regions: the city scorecard shows its districts' plans: its key holds their
    generations too, so a district's approval is seen on the next request."""
    generations = ",".join(f"{pk}.{revision}" for pk, revision in sorted(district_plans))
    return _cached(f"districts:{plan.pk}:{plan.revision}:{generations}", build)
