"""The production profile: `check --deploy` is clean, and bad settings fail loudly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "HONGSHAN_ENV",
            "DEBUG",
            "HTTPS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "HONGSHAN_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "plans.hongshan.example",
}


def test_check_deploy_is_clean_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_intranet_sites_can_switch_https_off():
    result = _manage("check", "--deploy", **PRODUCTION, HTTPS="false")
    assert result.returncode == 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout  # warned, as it should


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_malformed_setting_fails_loudly():
    result = _manage("check", HONGSHAN_ENV="staging")
    assert result.returncode != 0 and "HONGSHAN_ENV must be" in result.stderr


def test_no_secret_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".env" not in tracked
    suspicious = subprocess.run(
        ["git", "grep", "-n", "-I", "-E", r"(SECRET_KEY|PASSWORD|password)\s*=\s*['\"][^'\"]{12,}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    allowed = ("development-only-key-not-for-production", "Hongshan-2026!", "tests/")
    assert [line for line in suspicious if not any(a in line for a in allowed)] == []
    private_keys = subprocess.run(
        ["git", "grep", "-l", "-E", "-----BEGIN [A-Z ]*PRIVATE KEY-----"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert private_keys == ""
