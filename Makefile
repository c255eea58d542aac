# Entä jos: `make run` serves the app, `make test` runs every test.
# Both set up what they need first: a virtualenv with pinned packages, bun
# from the npm registry (unless bun >= $(BUN_MIN) is on PATH), the database.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 3000
# Backend worker processes. More than one needs REFLEX_REDIS_URL (and PostgreSQL in
# DATABASE_URL): see README, "Several workers".
WORKERS ?= 1
TOOLS := tools
BUN_VERSION := 1.4.5
# axe-core (the npm package) checks every screen for WCAG 2.1 A/AA in the browser tests.
AXE_VERSION := 4.11.0
BUN_MIN := 1.4.4
PYTEST_ARGS ?=

# Project-local bun first (when installed), then the venv's commands.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(CURDIR)/$(BIN):$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_CHECK_LATEST_VERSION := 0
export PORT

.PHONY: help setup venv bun voikko axe chromium services db run test bench clean

help:
	@echo "make run    set everything up and serve the app at http://localhost:$(PORT)"
	@echo "make test   set everything up and run the whole test suite (browser tests too)"
	@echo "make bench  measure the live room with 50 to 1,000 simulated phones (joins, phase changes, idea and dot-vote bursts), 2 workers with 1,000 and 2,000, and the grouping suggestion (printed tables)"
	@echo "make clean  remove the venv, tools, build output (keeps data/)"

setup: venv bun voikko

venv: $(BIN)/.installed

$(BIN)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $@

bun:
	@if v=$$(bun --version 2>/dev/null) && printf '%s\n%s\n' "$(BUN_MIN)" "$$v" | sort -V -C; then \
		echo "bun $$v ($$(command -v bun))"; \
	else \
		echo "Installing bun $(BUN_VERSION) from the npm registry into $(TOOLS)/"; \
		mkdir -p $(TOOLS) && npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION); \
	fi

axe:
	@test -f $(TOOLS)/node_modules/axe-core/axe.min.js && grep -q '"version": "$(AXE_VERSION)"' $(TOOLS)/node_modules/axe-core/package.json \
		|| (echo "Installing axe-core $(AXE_VERSION) from the npm registry into $(TOOLS)/" && \
		    npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION))

# Debian's Voikko (library and Finnish dictionary) for Finnish base forms and compound parts
# in the grouping suggestion; without it grouping falls back to Snowball stems and logs so once.
voikko:
	@if dpkg -s libvoikko1 voikko-fi >/dev/null 2>&1; then \
		true; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's libvoikko1 and voikko-fi for the grouping suggestion"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi >/dev/null; \
	else \
		echo "Voikko is missing and this user cannot install it: Finnish grouping falls back to Snowball stems."; \
	fi

# Debian's Chromium for the browser tests; without root the tests say why they skip.
chromium:
	@if [ -x /usr/bin/chromium ]; then \
		true; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing and this user cannot install it: browser tests will skip (and fail under CI=true)."; \
	fi

# PostgreSQL and Redis for the tests (the app itself needs neither): start a missing one where this
# machine can (a Debian cluster through pg_ctlcluster, redis-server on PATH), else say plainly how.
TEST_PG_HOST ?= 127.0.0.1
TEST_REDIS_PORT ?= 6379
PG_UP := $(BIN)/python -c "import psycopg; psycopg.connect('host=$(TEST_PG_HOST) port=5432 user=postgres dbname=test', connect_timeout=3).close()" 2>/dev/null
REDIS_UP := $(BIN)/python -c "import redis; redis.Redis(host='127.0.0.1', port=$(TEST_REDIS_PORT), socket_connect_timeout=3).ping()" 2>/dev/null
services: venv
	@$(PG_UP) || { \
		for cluster in $$(ls /etc/postgresql 2>/dev/null); do \
			echo "Starting PostgreSQL $$cluster (main)"; \
			pg_ctlcluster --skip-systemctl-redirect $$cluster main start 2>&1 | tail -n 2 || true; \
		done; \
		for i in $$(seq 20); do $(PG_UP) && break; sleep 0.5; done; \
		$(PG_UP) || $(BIN)/python -c "import psycopg; psycopg.connect('host=$(TEST_PG_HOST) port=5432 user=postgres dbname=postgres', connect_timeout=3, autocommit=True).execute('CREATE DATABASE test')" 2>/dev/null; \
		$(PG_UP) || echo "PostgreSQL is not answering at $(TEST_PG_HOST):5432 (user postgres, database test, trust) and could not be started here: start it, e.g. 'pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start'. Its tests skip (fail under CI=true)."; \
	}
	@$(REDIS_UP) || { \
		if command -v redis-server >/dev/null; then \
			echo "Starting Redis at 127.0.0.1:$(TEST_REDIS_PORT) (no persistence)"; \
			redis-server --daemonize yes --bind 127.0.0.1 --port $(TEST_REDIS_PORT) --save "" >/dev/null; \
			for i in $$(seq 20); do $(REDIS_UP) && break; sleep 0.25; done; \
		fi; \
		$(REDIS_UP) || echo "Redis is not answering at 127.0.0.1:$(TEST_REDIS_PORT) and could not be started here: start it, e.g. 'redis-server --daemonize yes --bind 127.0.0.1 --port $(TEST_REDIS_PORT) --save \"\"'. Its tests skip (fail under CI=true)."; \
	}

db: venv
	$(BIN)/python -m workshop.store.bootstrap

run: setup db
	@if [ "$(WORKERS)" != 1 ] && [ -z "$$REFLEX_REDIS_URL" ]; then \
		echo "WORKERS=$(WORKERS) needs REFLEX_REDIS_URL (Redis carries the rooms between workers) and a PostgreSQL DATABASE_URL; see README, "Several workers"."; \
		exit 2; \
	fi
	GRANIAN_WORKERS=$(WORKERS) $(BIN)/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT)

test: setup chromium axe services
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) .web .states

# Room broadcast benchmark: our socket.io room against a naive rx.SharedState room, and 2 workers
# on PostgreSQL + Redis (`python -m benchmarks.run --only multi` runs that table alone).
bench: setup services
	$(BIN)/python -m benchmarks.run
