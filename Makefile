# Two commands from a fresh clone: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run test lint typecheck pytest bench docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The practice journal signs its session tokens with a key; a local run keeps a random one
# beside the virtual environment (never committed), made once. A clinic sets PLANTAR_SECRET.
SECRET := $(VENV)/plantar-secret
$(SECRET): | $(STAMP)
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@

run: $(STAMP) $(SECRET)
	$(if $(PLANTAR_SECRET),,PLANTAR_SECRET_FILE=$(SECRET)) $(BIN)/plantar serve

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
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

pytest: $(STAMP) $(CHROMIUM) $(LIBCAIRO)
	$(BIN)/python -m pytest

test: lint typecheck pytest

WRK := /usr/bin/wrk
$(WRK):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk

bench: $(STAMP) $(WRK)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/run.py

# The README's picture of the map.
docs: $(STAMP) $(LIBCAIRO)
	@mkdir -p docs/img
	$(BIN)/plantar map --view all --foot both -o docs/img/footmap.png

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
