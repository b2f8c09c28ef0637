# Klankbord: `make run` to start the portal with demo data, `make test` to test it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install compile-translations translations test-tools lint bench bench-load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

compile-translations: install
	$(BIN)/pybabel compile --domain messages --directory translations --statistics

## Re-extract messages and merge them into every catalog (then translate the new ones).
translations: install
	$(BIN)/pybabel -q extract --mapping-file babel.cfg --keywords _l --keywords lazy_gettext \
		--no-location --omit-header --sort-output --output-file translations/messages.pot .
	$(BIN)/pybabel -q update --input-file translations/messages.pot --output-dir translations \
		--no-fuzzy-matching --ignore-obsolete --width 100

## Set up, migrate, load demo data on an empty database, serve http://127.0.0.1:5000
## with the scheduler beside it (mail lands in instance/outbox/).
run: compile-translations
	$(FLASK) db upgrade
	$(FLASK) questionnaires sync
	$(FLASK) demo load --if-empty
	$(FLASK) demo logins
	@$(FLASK) scheduler run & scheduler=$$!; trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

## Debian's chromium (browser tests) and PostgreSQL server (the PostgreSQL tests).
test-tools:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

lint: install
	$(BIN)/ruff check .

test: compile-translations test-tools lint
	$(BIN)/pytest

bench: compile-translations
	$(BIN)/python bench/survey_submit.py
	$(BIN)/python bench/complaints_inbox.py

## Load from outside: gunicorn with 4 workers, the real forms, one worker killed (loopback only).
bench-load: compile-translations test-tools
	$(BIN)/pip install --quiet -e '.[test,production]'
	$(BIN)/python bench/load.py --sends 200 --postgres
