# newsdesk — two commands on a fresh machine with Python 3.11:
#   make demo   set up .venv, ingest the bundled demo corpus into var/demo.db, print stories and a brief
#   make test   set up .venv (and Chromium for the browser tests), run the whole test suite
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
DEMO_DB := var/demo.db

.PHONY: install demo test lint browser clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p var && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsdesk ingest data/demo --db $(DEMO_DB)
	$(BIN)/newsdesk stories --db $(DEMO_DB)
	$(BIN)/newsdesk threads --db $(DEMO_DB)
	$(BIN)/newsdesk brief "$$($(BIN)/python -m newsdesk.demo_pick $(DEMO_DB))" --db $(DEMO_DB) --format md
	@echo
	@echo "Open the dashboard:  $(BIN)/newsdesk serve --db $(DEMO_DB)   then visit http://127.0.0.1:8000/"

# Debian's Chromium for the dashboard's browser tests (never a browser downloaded by a tool).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "could not install chromium: browser tests will be skipped"; \
	  else echo "chromium not installed (apt-get install chromium): browser tests will be skipped"; fi; \
	fi

test: install browser
	$(BIN)/ruff check src tests benchmarks
	@$(BIN)/python -m pytest; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
