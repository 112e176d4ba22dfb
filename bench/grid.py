"""Benchmark the round pages for the synthetic bureau of 333 indicators.

    .venv/bin/python bench/grid.py [--requests 50]

A fresh SQLite database under var/ (never yours): the real plans, one synthetic
district of 5,000 indicators (bench/generate.py: 15 bureaus, about 333 each), and a
2025 快报 round of it. Reports the SQL query count in-process and the median time on a
gunicorn server (2 workers) of the grid, the board and the round workbook, as ratios
to /healthz measured in the same run (bench/benchmark.py's approach).
"""

from __future__ import annotations

import argparse
import json
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchmark import _login, median_ms  # noqa: E402
from bench.server import environment, gunicorn, manage  # noqa: E402

PORT = 8799
PLANNER = "bench-planner"
PASSWORD = secrets.token_urlsafe(16)

SET_UP = f"""
import datetime, json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongshan.settings")
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS.append("testserver")
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from indicators.models import Bureau, Plan
from indicators.services import round_open
import time
planner = User.objects.get(username={PLANNER!r})
plan = Plan.objects.get(code="syn-01")
opened = round_open(plan=plan, year=2025, stage="preliminary", user=planner,
                   deadline=datetime.date.today() + datetime.timedelta(days=7))
bureau = (Bureau.objects.filter(indicators__plan=plan).annotate(n=Count("indicators"))
          .order_by("-n").first())
pages = {{
    "grid": f"/rounds/{{opened.pk}}/bureaus/{{bureau.pk}}/",
    "board": f"/entry/progress/?round={{opened.pk}}",
    "workbook": f"/rounds/{{opened.pk}}/template/?bureau={{bureau.pk}}",
}}
client = Client()
client.force_login(planner)
out = {{"indicators": bureau.n, "pages": pages}}
for name, path in pages.items():
    client.get(path)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    out[name] = [len(queries), round((time.perf_counter() - started) * 1000, 1)]
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    database = ROOT / "var" / "bench-grid.sqlite3"
    database.unlink(missing_ok=True)
    env = environment(f"sqlite:///{database}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_plans")
    manage(env, "collectstatic", "--noinput", "-v0")
    subprocess.run(
        [sys.executable, "bench/generate.py", "--districts", "1", "--indicators", "5000"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    manage(env, "create_account", PLANNER, "--role", "planner", "--password", PASSWORD)
    result = subprocess.run(
        [sys.executable, "-c", SET_UP], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    measured = json.loads(result.stdout.splitlines()[-1])
    with gunicorn(env, port=PORT, workers=2):
        cookie = _login(PLANNER, PASSWORD)
        before = median_ms("/healthz", 200)
        timings = {
            name: median_ms(path, options.requests, cookie)
            for name, path in measured["pages"].items()
        }
        after = median_ms("/healthz", 200)
    healthz = (before + after) / 2
    print(f"bureau with {measured['indicators']} indicators; /healthz {healthz:.2f} ms")
    print("| page | SQL queries | in-process ms | gunicorn median ms | ratio to /healthz |")
    print("| --- | --- | --- | --- | --- |")
    for name, ms in timings.items():
        queries, inprocess = measured[name]
        print(f"| {name} | {queries} | {inprocess} | {ms:.1f} | {ms / healthz:.0f}× |")


if __name__ == "__main__":
    main()
