"""Benchmark the main pages at the real size, at city scale and at 5,000 indicators.

    .venv/bin/python bench/benchmark.py [--database-url URL] [--requests 200]

Sizes: the real plans; 武汉市 + its 13 districts × 40 indicators × 10 years (regions,
`generate.py --city`, synthetic); one plan of 5,000 synthetic indicators. Then the first
render after an approval (bench/after_change.py): a 1,000-indicator plan's dashboard
and the city scorecard after a district's approval.

For each page it reports the SQL query count (in-process, from an empty cache and
from a warm one) and the median server time over N sequential requests, as a ratio
to the trivial /healthz view measured on the same gunicorn server in the same run.
It uses its own database (default: a fresh SQLite file under var/), never yours.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import HOST, django_eval, environment, gunicorn, manage  # noqa: E402

PORT = 8799
STAFF = "bench-staff"
PASSWORD = secrets.token_urlsafe(16)  # a throwaway account in a throwaway database


def _timed_get(path: str, cookie: str = "") -> float:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return elapsed


def median_ms(path: str, requests: int, cookie: str = "", budget_s: float = 20.0) -> float:
    """Median of up to `requests` sequential requests, stopping after `budget_s` seconds
    (at least 5 requests): slow pages get fewer samples, never a runaway benchmark."""
    for _ in range(3):  # warm up: caches, connections, code paths
        _timed_get(path, cookie)
    samples: list[float] = []
    deadline = time.monotonic() + budget_s
    while len(samples) < requests and (len(samples) < 5 or time.monotonic() < deadline):
        samples.append(_timed_get(path, cookie))
    return statistics.median(samples) * 1000


def _login(username: str, password: str) -> str:
    """A session cookie for the signed-in pages."""
    connection = http.client.HTTPConnection(HOST, PORT)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    response.read()
    csrf = response.getheader("Set-Cookie").split("csrftoken=")[1].split(";")[0]
    body = f"username={username}&password={password}&csrfmiddlewaretoken={csrf}"
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://{HOST}:{PORT}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies = response.getheader("Set-Cookie") or ""
    session = cookies.split("sessionid=")[1].split(";")[0]
    return f"sessionid={session}; csrftoken={csrf}"


def query_counts(env: dict, pages: dict[str, str]) -> dict[str, tuple]:
    """(queries cold, queries cached, ms cold, ms cached) per page, in a child process
    (anonymous, as the public and officials' pages; 我的填报 as bureau staff)."""
    code = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongshan.settings")
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS.append("testserver")
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
import time
anonymous, staff = Client(), Client()
staff.force_login(User.objects.get(username={STAFF!r}))
out = {{}}
for name, path in json.loads({json.dumps(json.dumps(pages))}).items():
    client = staff if path.startswith("/entry/") else anonymous
    client.get(path)  # warm up the code path
    cache.clear()
    counts, times = [], []
    for _ in range(2):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        times.append(round((time.perf_counter() - started) * 1000, 1))
        assert status == 200, (path, status)
        counts.append(len(queries))
    out[name] = counts + times
print(json.dumps(out))
"""
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return {
        name: tuple(counts) for name, counts in json.loads(result.stdout.splitlines()[-1]).items()
    }


def pages_for(plan: str, bureau_pk: int, year: int, city: bool = False) -> dict[str, str]:
    pages = {
        "dashboard": f"/plans/{plan}/",
        "table (page 1 of 50 rows)": f"/plans/{plan}/table/",
        "indicator": f"/plans/{plan}/indicators/1/",
        "bureau": f"/bureaus/{bureau_pk}/",
        "entry (我的填报)": f"/entry/?year={year}",
        "API (all indicators)": f"/api/plans/{plan}/indicators/",
    }
    if city:  # regions: the city's pages across its 13 districts
        pages = {
            "home (one region, switcher)": "/?region=420100",
            "city dashboard": f"/plans/{plan}/",
            "city indicator (13 districts)": f"/plans/{plan}/indicators/1/",
            "city scorecard (40 × 13, 赛马)": f"/plans/{plan}/districts/",
            "district indicator": "/plans/syn-420106/indicators/1/",
            "bureau": f"/bureaus/{bureau_pk}/",
            "entry (我的填报)": f"/entry/?year={year}",
        }
    return pages


def _generate(env: dict, *arguments: str) -> str:
    """Run generate.py; the code of the first plan it made."""
    import subprocess

    subprocess.run([sys.executable, "bench/generate.py", *arguments], cwd=ROOT, env=env, check=True)
    first = "Plan.objects.filter(synthetic=True).order_by('-pk')"
    count = 14 if "--city" in arguments else 1
    return django_eval(env, f"list({first}.values_list('code', flat=True))[{count - 1}]")


def after_change(env: dict, plan: str, city: str | None = None) -> dict:
    import subprocess

    result = subprocess.run(
        [sys.executable, "bench/after_change.py", plan, *([city] if city else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _first_bureau(plan: str) -> str:
    return (
        f"IndicatorBureau.objects.filter(indicator__plan__code={plan!r})"
        ".values_list('bureau', flat=True).first()"
    )


def run(database_url: str, requests: int, workers: int) -> list[dict]:
    env = environment(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_plans")
    manage(env, "collectstatic", "--noinput", "-v0")

    rows = []
    sizes = [
        ("real (43 indicators)", None),
        ("city: 1 + 13 districts × 40", ("--city", "--indicators", "40")),
        ("5,000 indicators", ("--districts", "1", "--indicators", "5000")),
    ]
    for size, generate in sizes:
        plan = _generate(env, *generate) if generate else "14th"
        city = bool(generate and "--city" in generate)
        bureau = int(django_eval(env, _first_bureau("syn-420106" if city else plan)))
        bureau_name, region = django_eval(
            env, f"list(Bureau.objects.filter(pk={bureau}).values_list('name', 'region__code')[0])"
        )
        manage(
            env,
            "create_account",
            STAFF,
            "--role",
            "staff",
            "--bureau",
            bureau_name,
            "--region",
            region,
            "--password",
            PASSWORD,
        )
        year = 2021 if plan == "14th" else 2025
        pages = pages_for(plan, bureau, year, city=city)
        counts = query_counts(env, pages)
        with gunicorn(env, port=PORT, workers=workers):
            cookie = _login(STAFF, PASSWORD)
            before = median_ms("/healthz", requests)
            timings = {
                name: median_ms(path, requests, cookie if path.startswith("/entry/") else "")
                for name, path in pages.items()
            }
            after = median_ms("/healthz", requests)
        healthz = (before + after) / 2
        for name, path in pages.items():
            rows.append(
                {
                    "size": size,
                    "page": name,
                    "path": path,
                    "queries_cold": counts[name][0],
                    "queries_warm": counts[name][1],
                    "inprocess_cold_ms": counts[name][2],
                    "inprocess_cached_ms": counts[name][3],
                    "median_ms": round(timings[name], 2),
                    "healthz_ms": round(healthz, 2),
                    "ratio": round(timings[name] / healthz, 1),
                }
            )
    thousand = _generate(env, "--districts", "1", "--indicators", "1000")
    changes = [
        ("dashboard of a 1,000-indicator plan", after_change(env, thousand)),
        (
            "city scorecard, after a district's approval",
            after_change(env, "syn-420106", "syn-420100"),
        ),
    ]
    return rows, changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_db = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    parser.add_argument("--database-url", default=default_db)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if options.database_url == default_db:
        (ROOT / "var" / "bench.sqlite3").unlink(missing_ok=True)
    rows, changes = run(options.database_url, options.requests, options.workers)
    print(
        "| size | page | SQL queries (empty cache / cached) | in-process ms (empty / cached) "
        "| gunicorn median ms | /healthz ms | ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['size']} | {row['page']} | {row['queries_cold']} / {row['queries_warm']} "
            f"| {row['inprocess_cold_ms']} / {row['inprocess_cached_ms']} "
            f"| {row['median_ms']} | {row['healthz_ms']} | {row['ratio']}× |"
        )
    print()
    print("| first render after an approval | approval ms | page ms (queries) |")
    print("| --- | --- | --- |")
    for name, change in changes:
        page = change.get("city scorecard") or change["dashboard"]
        print(f"| {name} | {change['approval_ms']} | {page[0]} ({page[1]}) |")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
