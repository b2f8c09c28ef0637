# Klankbord: `make run` to start the portal with demo data, `make test` to test it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

UV_VERSION := 0.13.8

.PHONY: run test install lock compile-translations translations test-tools lint bench bench-load bench-reports

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

## Every dependency (runtime, test, production) from the hashed lock, then the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

## Re-resolve requirements.lock (with hashes) after changing a pin in pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra production --generate-hashes \
		--python-version 3.11 --custom-compile-command "make lock" --quiet -o requirements.lock

compile-translations: install
	$(BIN)/pybabel compile --domain messages --directory translations --statistics

## Re-extract messages and merge them into every catalog (then translate the new ones).
## Dutch gets every string (messages.pot); the public-only languages get the strings of public
## pages and of the mails youths and parents receive (public.pot, babel-public.cfg).
PUBLIC_ONLY_LANGUAGES := ar tr pl uk
EXTRACT := $(BIN)/pybabel -q extract --keywords _l --keywords lazy_gettext \
	--no-location --omit-header --sort-output
UPDATE := $(BIN)/pybabel -q update --output-dir translations --no-fuzzy-matching \
	--ignore-obsolete --width 100
translations: install
	$(EXTRACT) --mapping-file babel.cfg --output-file translations/messages.pot .
	$(EXTRACT) --mapping-file babel-public.cfg --output-file translations/public.pot .
	$(UPDATE) --input-file translations/messages.pot --locale nl
	for lang in $(PUBLIC_ONLY_LANGUAGES); do \
		$(UPDATE) --input-file translations/public.pot --locale $$lang || exit 1; done

## Set up, migrate, load demo data on an empty database, serve http://127.0.0.1:5000
## with the scheduler beside it (mail lands in instance/outbox/).
run: compile-translations
	$(FLASK) db upgrade
	$(FLASK) questionnaires sync
	$(FLASK) demo load --if-empty
	$(FLASK) demo logins
	@$(FLASK) scheduler run & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

## Debian's chromium (browser tests), PostgreSQL server (the PostgreSQL tests) and Pango
## (WeasyPrint draws the annual report's PDF with it).
test-tools:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r portal config -ll

test: compile-translations test-tools lint
	$(BIN)/pytest

bench: compile-translations
	$(BIN)/python bench/survey_submit.py
	$(BIN)/python bench/complaints_inbox.py

## Load from outside: gunicorn with 4 workers, the real forms, one worker killed (loopback only).
bench-load: compile-translations test-tools
	$(BIN)/python bench/load.py --sends 400 --postgres

## Annual reports at national scale against the bare GROUP BY queries (SQLite and PostgreSQL).
bench-reports: compile-translations test-tools
	$(BIN)/python bench/annual_reports.py --postgres
