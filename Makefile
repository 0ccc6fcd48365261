# Two commands from a fresh clone: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
HOST   ?= 127.0.0.1
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
# Exact versions of everything installed: requirements/*.txt, compiled from pyproject.toml by
# `make lock` (pip-tools). app.txt is what the app needs to run; test.txt adds the test tools,
# bench.txt the benchmarks' exact solver.
APP    := $(VENV)/.app-$(shell cat pyproject.toml requirements/app.txt | sha1sum | cut -c1-12)
TESTS  := $(VENV)/.test-$(shell cat pyproject.toml requirements/test.txt | sha1sum | cut -c1-12)
PIPC   := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
          --no-emit-trusted-host --allow-unsafe

.PHONY: run test test-fast lint typecheck pytest bench docs lock clean messages catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` installs the app and what it needs, never the test tools.
$(APP): pyproject.toml requirements/app.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/app.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.app-*
	@touch $@

$(TESTS): pyproject.toml requirements/test.txt $(APP)
	$(BIN)/python -m pip install --quiet -r requirements/test.txt
	@rm -f $(VENV)/.test-*
	@touch $@

# The translation catalogs: `make messages` gathers the interface's words (from the Python
# sources, the templates, and click's own words: "Usage:", "Error: ...", which plantar.cli.spoken
# points at this catalog) and updates each language's .po; the .mo each language reads is
# compiled from its .po by the build (setup.py) and, for this checkout, by `make catalogs`.
LOCALE   := src/plantar/locale
CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/plantar.po))
$(LOCALE)/%/LC_MESSAGES/plantar.mo: $(LOCALE)/%/LC_MESSAGES/plantar.po | $(APP)
	$(BIN)/pybabel -q compile -l $* -d $(LOCALE) -D plantar
catalogs: $(CATALOGS)
messages: $(APP)
	$(BIN)/pybabel -q extract -F babel.cfg -k _ -k N_ -k gettext -k ngettext:1,2 -k pgettext:1c,2 -k npgettext:1c,2,3 \
	    --no-location --no-wrap --sort-output --project plantar -o $(LOCALE)/plantar.pot src/plantar \
	    $$($(BIN)/python -c 'import click, os; print(os.path.dirname(click.__file__))')
	@for lang in ru; do \
	  if [ -f $(LOCALE)/$$lang/LC_MESSAGES/plantar.po ]; then \
	    $(BIN)/pybabel -q update -i $(LOCALE)/plantar.pot -d $(LOCALE) -D plantar -l $$lang --no-fuzzy-matching --ignore-obsolete --no-wrap; \
	  else $(BIN)/pybabel -q init -i $(LOCALE)/plantar.pot -d $(LOCALE) -D plantar -l $$lang; fi; \
	done

# After changing the dependencies in pyproject.toml: refresh the locked versions (the test and
# bench locks are constrained to the app's, so all three agree).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(PIPC) -o requirements/app.txt pyproject.toml
	$(PIPC) --extra test -c requirements/app.txt -o requirements/test.txt pyproject.toml
	$(PIPC) --extra test --extra bench -c requirements/test.txt -o requirements/bench.txt \
	        pyproject.toml

# The practice journal signs its session tokens with a key; a local run keeps a random one
# beside the virtual environment (never committed), made once. A clinic sets PLANTAR_SECRET.
SECRET := $(VENV)/plantar-secret
$(SECRET): | $(APP)
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@

run: $(APP) $(SECRET) $(CATALOGS)
	$(if $(PLANTAR_SECRET),,PLANTAR_SECRET_FILE=$(SECRET)) $(BIN)/plantar serve --host $(HOST) --port $(PORT)

lint: $(TESTS)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(TESTS)
	$(BIN)/mypy

# Browser tests drive Debian's Chromium (never a downloaded browser build).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core

# PNG and PDF export of the foot map (cairosvg) needs the system's cairo library.
LIBCAIRO := $(firstword $(wildcard /usr/lib/*/libcairo.so.2 /usr/lib64/libcairo.so.2))
ifeq ($(LIBCAIRO),)
LIBCAIRO := libcairo2-missing
.PHONY: $(LIBCAIRO)
$(LIBCAIRO):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcairo2 fonts-dejavu-core
endif

pytest: $(TESTS) $(CHROMIUM) $(LIBCAIRO) $(CATALOGS)
	$(BIN)/python -m pytest

test: lint typecheck pytest

# The inner loop while developing: lint, then every test but the browser and terminal ones,
# with hypothesis at a tenth of its examples, stopping at the first failure. `make test` (what
# CI runs) remains the whole truth.
test-fast: $(TESTS) $(CATALOGS)
	$(BIN)/ruff check src tests benchmarks
	HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -q -x -m "not browser and not slow"

WRK := /usr/bin/wrk
$(WRK):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk

# Lighthouse for the pages' scores (benchmarks/bench_lighthouse.py), with the machine's npm.
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error lighthouse@12.2.3

bench: $(TESTS) $(WRK) $(LIGHTHOUSE) $(CHROMIUM)
	$(BIN)/python -m pip install --quiet -r requirements/bench.txt
	$(BIN)/python benchmarks/run.py

# The README's picture of the map.
docs: $(APP) $(LIBCAIRO)
	@mkdir -p docs/img
	$(BIN)/plantar map --view all --foot both -o docs/img/footmap.png

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
