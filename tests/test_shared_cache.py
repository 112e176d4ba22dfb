"""Several app servers (issue 14): a shared Redis cache when REDIS_URL is set, the
per-process LocMem cache otherwise; sessions in the database; media on MEDIA_ROOT.

The settings are read in a child process (no Redis server is needed to read them);
one test talks to a real redis-server when the machine has one.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _settings(**env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'cache': settings.CACHES['default'], "
        "'sessions': settings.SESSION_ENGINE, 'media': str(settings.MEDIA_ROOT)}))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "MEDIA_ROOT"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="hongshan.settings")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_cache_when_redis_url_is_set():
    settings = _settings(REDIS_URL="redis://10.0.0.5:6379/1", MEDIA_ROOT="/srv/shared/media")
    assert settings["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["cache"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert settings["sessions"] == "django.contrib.sessions.backends.db"
    assert settings["media"] == "/srv/shared/media"


def test_locmem_cache_without_redis_url():
    settings = _settings()
    assert settings["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "LOCATION" not in settings["cache"]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server here")
def test_two_processes_share_a_page_through_redis(tmp_path):
    """What one app server caches, another reads (a real redis-server, loopback only)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            tmp_path,
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        url = f"redis://127.0.0.1:{port}/0"
        run = "import django; django.setup(); from django.core.cache import cache; "
        environment = {
            **os.environ,
            "REDIS_URL": url,
            "DJANGO_SETTINGS_MODULE": "hongshan.settings",
        }
        subprocess.run(
            [sys.executable, "-c", run + "cache.set('page', 'rendered once')"],
            cwd=ROOT,
            env=environment,
            check=True,
            timeout=60,
        )
        shown = subprocess.run(
            [sys.executable, "-c", run + "print(cache.get('page'))"],
            cwd=ROOT,
            env=environment,
            check=True,
            timeout=60,
            capture_output=True,
            text=True,
        )
        assert shown.stdout.strip() == "rendered once"
    finally:
        server.terminate()
        server.wait(timeout=10)
