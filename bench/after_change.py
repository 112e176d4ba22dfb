"""The first render after an approval (regions, issue 14), in process.

    DATABASE_URL=... .venv/bin/python bench/after_change.py PLAN [CITY_PLAN] [--profile]

Approves one submitted value of PLAN through the services (staff enter, a planning
admin approves), times the approval (services.plan_changed refreshes the changed
indicator's status), then the first GET of the plan's dashboard (its cached body is
stale: rendered again) and, with CITY_PLAN, of the city scorecard. Prints JSON;
--profile prints a pyinstrument profile of the dashboard's first render instead.
Run by bench/benchmark.py on its own throwaway database.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongshan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from indicators.models import Plan  # noqa: E402
from indicators.selectors import current_entry  # noqa: E402
from indicators.services import account_save, value_approve, value_save  # noqa: E402
from indicators.services.values import Base  # noqa: E402
from indicators.vocabulary import Kind  # noqa: E402


def _user(username: str, role: str, plan: Plan, bureaus=()) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user, _, _ = account_save(
            username=username,
            role=role,
            bureaus=list(bureaus),
            acting_user=None,
            region=plan.region,
            password=secrets.token_urlsafe(16),  # generated: nothing secret in the code
        )
    return user


def _timed_get(client: Client, path: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return round(elapsed, 1), len(queries)


def main() -> None:
    settings.ALLOWED_HOSTS.append("testserver")
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    code, city = arguments[0], (arguments[1] if len(arguments) > 1 else None)
    plan = Plan.objects.get(code=code)
    indicator = plan.indicators.filter(kind=Kind.LEVEL).order_by("number").first()
    bureau = indicator.bureaus.first()
    staff = _user(f"after-staff-{plan.pk}", "staff", plan, [bureau])
    planner = _user(f"after-planner-{plan.pk}", "planner", plan)
    client = Client()
    paths = {"dashboard": f"/plans/{code}/"}
    if city:
        paths["city scorecard"] = f"/plans/{city}/districts/"
    for path in paths.values():
        client.get(path)  # cached, as in production before the change
    year = plan.end_year
    entry = value_save(
        indicator=indicator,
        year=year,
        value=str(round(float(indicator.baseline.value or 10) * 1.3, 2)),
        growth="",
        source="【合成数据】",
        user=staff,
        base=Base.of(current_entry(indicator, year)),
        submit=True,
        confirmation="合成数据",
    )
    started = time.perf_counter()
    value_approve(entry=entry, user=planner, base=Base.of(entry))
    out = {"approval_ms": round((time.perf_counter() - started) * 1000, 1)}
    if "--profile" in sys.argv:
        from pyinstrument import Profiler

        with Profiler() as profiler:
            client.get(paths["dashboard"])
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    for name, path in paths.items():
        out[name] = _timed_get(client, path)
    out["indicators"] = plan.indicators.count()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
