"""Load test on loopback: 50 concurrent clients for 30 s against gunicorn on PostgreSQL,
mixing reads with value saves through the entry form.

    .venv/bin/python bench/loadtest.py [--clients 50] [--seconds 30] [--workers 4]
    .venv/bin/python bench/loadtest.py --servers 2 --workers 2   # two app servers, one Redis

It makes its own database `hongshan_load` (scripts/postgres-up.sh, as root) and
reports requests per second, p50/p95 latency, errors, saves refused as stale (409,
the optimistic check working), and lost updates: acknowledged saves that are not in
the value history afterwards. Traffic goes to 127.0.0.1 only, bounded in time.

With `--servers 2` (regions, issue 14) it starts a private redis-server and two
gunicorn instances sharing it (REDIS_URL) and the database, and sends each request of
every client to one of them in turn, as nginx's round robin would: a session, a
CSRF token and a cached page made on one server are used on the other.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contextlib import ExitStack  # noqa: E402

from bench.server import (  # noqa: E402
    HOST,
    django_eval,
    environment,
    gunicorn,
    manage,
    redis_server,
)

PORT = 8798
REDIS_PORT = 8796
BASES: list[str] = []  # the app servers' base URLs, filled in main()
PASSWORD = secrets.token_urlsafe(16)  # throwaway accounts of a throwaway database
# 14th-plan indicators reported as plain values, and their bureaus.
TARGETS = {3: "区公安分局", 5: "区市场监管局", 9: "区教育局", 13: "区卫健局", 18: "区园林局"}
READS = [
    "/plans/14th/",
    "/plans/14th/table/",
    "/plans/14th/indicators/1/",
    "/api/plans/14th/indicators/",
    "/plans/13th/",
]


def _database(name: str) -> str:
    env = {**os.environ, "PGDATABASE_HONGSHAN": name}
    return subprocess.run(
        ["scripts/postgres-up.sh"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def _prepare(env: dict) -> dict[int, int]:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "flush", "--noinput", "-v0")
    manage(env, "load_plans")
    manage(env, "collectstatic", "--noinput", "-v0")
    for number, bureau in TARGETS.items():
        manage(
            env,
            "create_account",
            f"load{number}",
            "--role",
            "staff",
            "--bureau",
            bureau,
            "--password",
            PASSWORD,
        )
    pks = django_eval(env, "{i.number: i.pk for i in Indicator.objects.filter(plan__code='14th')}")
    return {int(number): pk for number, pk in pks.items()}


class Stats:
    def __init__(self):
        self.latencies: dict[str, list[float]] = {"read": [], "save": []}
        self.errors: list[str] = []
        self.refused = 0
        self.acknowledged: list[str] = []


async def _login(client: httpx.AsyncClient, username: str) -> None:
    await client.get("/accounts/login/")
    response = await client.post(
        "/accounts/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
        },
        headers={"Referer": f"http://{HOST}:{PORT}/accounts/login/"},
    )
    if response.status_code != 302:
        raise RuntimeError(f"login failed for {username}: {response.status_code}")


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else ""


def _server(counter=[0]) -> str:  # noqa: B006 (a round-robin counter, like nginx's)
    counter[0] += 1
    return BASES[counter[0] % len(BASES)]


async def _save(client, stats: Stats, pk: int, value: str) -> None:
    url = f"/entry/{pk}/2021/"
    started = time.perf_counter()
    form = await client.get(_server() + url)
    if "暂不能修改" in form.text:  # someone submitted it: not our case, we only save drafts
        return
    data = {
        "value": value,
        "growth": "",
        "source": "统计快报",
        "note": "",
        "base": _field(form.text, "base"),
        "csrfmiddlewaretoken": client.cookies["csrftoken"],
    }
    preview = await client.post(_server() + url, data={**data, "action": "preview"})
    data["previewed"] = _field(preview.text, "previewed")
    saved = await client.post(_server() + url, data={**data, "action": "save"})
    stats.latencies["save"].append(time.perf_counter() - started)
    if saved.status_code == 302:
        stats.acknowledged.append(value)
    elif saved.status_code == 409:
        stats.refused += 1  # stale: another client saved first, and we were told
    else:
        stats.errors.append(f"save {saved.status_code}")


async def _client(index: int, deadline: float, stats: Stats, pks: dict[int, int]) -> None:
    number = list(TARGETS)[index % len(TARGETS)]
    rng = random.Random(index)
    async with httpx.AsyncClient(base_url=BASES[0], timeout=60) as client:
        await _login(client, f"load{number}")
        counter = 0
        while time.monotonic() < deadline:
            try:
                if rng.random() < 0.2:
                    counter += 1
                    await _save(client, stats, pks[number], f"60.{index:02d}{counter:04d}")
                else:
                    started = time.perf_counter()
                    response = await client.get(_server() + rng.choice(READS))
                    stats.latencies["read"].append(time.perf_counter() - started)
                    if response.status_code != 200:
                        stats.errors.append(f"read {response.status_code}")
            except httpx.HTTPError as error:
                stats.errors.append(type(error).__name__)


def _lost(env: dict, acknowledged: list[str]) -> list[str]:
    recorded = set(
        django_eval(env, "sorted(set(YearlyValue.history.values_list('value', flat=True)))")
    )
    return [value for value in acknowledged if value not in recorded]


async def _run(clients: int, seconds: float, pks: dict[int, int]) -> tuple[Stats, float]:
    stats = Stats()
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(_client(i, deadline, stats, pks) for i in range(clients)))
    return stats, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per server")
    parser.add_argument(
        "--servers", type=int, default=1, help="app servers; more than 1 share a Redis cache"
    )
    parser.add_argument("--database", default="hongshan_load", help="its own PostgreSQL database")
    options = parser.parse_args()
    env = environment(_database(options.database))
    pks = _prepare(env)
    with ExitStack() as stack:
        if options.servers > 1:
            env = {**env, "REDIS_URL": stack.enter_context(redis_server(port=REDIS_PORT))}
        for number in range(options.servers):
            BASES.append(
                stack.enter_context(gunicorn(env, port=PORT - 10 * number, workers=options.workers))
            )
        stats, elapsed = asyncio.run(_run(options.clients, options.seconds, pks))
    lost = _lost(env, stats.acknowledged)
    everything = stats.latencies["read"] + stats.latencies["save"]
    total = len(stats.latencies["read"]) + len(stats.latencies["save"]) * 3

    def pct(values, q):
        return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1) if len(values) > 1 else 0

    reads, saves = stats.latencies["read"], stats.latencies["save"]
    print(
        f"clients {options.clients}, {elapsed:.1f} s, {options.servers} app server(s) × "
        f"{options.workers} gunicorn workers"
        + (", one shared Redis cache" if options.servers > 1 else "")
    )
    print(f"HTTP requests {total} ({total / elapsed:.1f}/s); page reads {len(reads)},")
    print(f"save cycles (form + preview + save) {len(saves)}")
    print(f"read latency p50 {pct(reads, 50)} ms, p95 {pct(reads, 95)} ms")
    print(
        f"save cycle latency p50 {pct(stats.latencies['save'], 50)} ms, "
        f"p95 {pct(stats.latencies['save'], 95)} ms"
    )
    print(f"all p50 {pct(everything, 50)} ms, p95 {pct(everything, 95)} ms")
    print(f"errors {len(stats.errors)} {sorted(set(stats.errors))[:5]}")
    print(f"saves acknowledged {len(stats.acknowledged)}, refused as stale (409) {stats.refused}")
    print(f"lost updates {len(lost)}")
    if lost or stats.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
