# 洪山区规划指标跟踪 - the two commands of the README, both safe to run again.
#   make run   install, migrate, load both plans, serve http://127.0.0.1:8000 (SQLite in ./var)
#   make test  install, lint, check migrations, run the whole suite (browser tests included)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
UV := $(PYTHON) -m uv
BIN := .venv/bin
MANAGE := $(BIN)/python manage.py

.PHONY: install run test test-postgres lint system-deps serve

install:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_plans
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Production: gunicorn with several workers, static files collected and served by
# whitenoise. Settings come from .env (see .env.example): HONGSHAN_ENV=production,
# SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. The interface is written in Chinese at the
# source, so there is no message catalogue to compile.
WORKERS ?= 4
BIND ?= 127.0.0.1:8000
serve: install
	HONGSHAN_ENV=production $(MANAGE) check --deploy  # warnings shown; HTTPS=false sites get some
	HONGSHAN_ENV=production $(MANAGE) migrate --noinput
	HONGSHAN_ENV=production $(MANAGE) load_plans
	HONGSHAN_ENV=production $(MANAGE) collectstatic --noinput --verbosity 0
	HONGSHAN_ENV=production $(BIN)/gunicorn hongshan.wsgi --workers $(WORKERS) --bind $(BIND) \
		--access-logfile - --forwarded-allow-ips="127.0.0.1"

# Chromium and a Chinese font for the browser tests (Debian packages).
system-deps:
	@scripts/system-deps.sh

test: install system-deps lint
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

# The whole suite again on PostgreSQL 15 (installed and started if missing; needs root).
test-postgres: install system-deps
	url=$$(scripts/postgres-up.sh); \
	DATABASE_URL=$$url EXPECT_DATABASE=postgresql DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest
