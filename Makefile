# Two commands for a newcomer: `make demo` and `make test`. Everything else is set up by them.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEPS_HASH := $(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
VENV_STAMP := $(VENV)/.stamp-$(DEPS_HASH)

.PHONY: demo test setup assets messages bench check-venv

demo: setup
	FAGLOFT_DEMO=true $(VENV)/bin/fagloft demo
	FAGLOFT_DEMO=true $(VENV)/bin/fagloft runserver 127.0.0.1:8000

test: setup
	CI=$${CI:-false} scripts/test.sh

bench: setup
	$(PY) -m bench

setup: check-venv $(VENV_STAMP) node_modules/.stamp
	$(PY) -m fagloft.lib.i18n compile

# A venv is stale when it is missing, broken, or not Python 3.11: make a new one.
check-venv:
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || \
	  { echo ">>> Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }

$(VENV_STAMP): pyproject.toml requirements.lock
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	rm -f $(VENV)/.stamp-*
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

messages: setup
	scripts/makemessages.sh
