"""Start and stop a gunicorn server for the benchmark and the load test (loopback only)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"


def environment(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        HONGSHAN_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        HTTPS="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="WARNING",
        AXES_FAILURE_LIMIT="1000",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def gunicorn(env: dict, *, port: int, workers: int):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "hongshan.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:  # e.g. the port is taken by another server
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            try:
                urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def django_eval(env: dict, expression: str, imports: str = "from indicators.models import *"):
    """Evaluate a Python expression against the benchmark database, in a child process,
    and return its JSON value."""
    code = "\n".join(
        [
            "import json, os, sys",
            f"sys.path.insert(0, {str(ROOT)!r})",
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'hongshan.settings')",
            "import django; django.setup()",
            imports,
            f"print(json.dumps({expression}))",
        ]
    )
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def redis_server(*, port: int):
    """A private redis-server on loopback for the benchmark and the load test (several
    app servers share it as their cache, like the production section of the README).
    Needs Debian's redis-server: `apt-get install redis-server`."""
    import shutil
    import socket

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: apt-get install redis-server")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.2)
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)
