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
