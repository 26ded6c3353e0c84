# Two commands for a newcomer: `make demo` and `make test`. Everything else is set up by them.
# `make check` is the developers' fast loop: the static checks and the tests without the browser.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
DEPS_HASH := $(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
VENV_STAMP := $(VENV)/.stamp-$(DEPS_HASH)

.PHONY: demo test check setup assets messages bench check-venv systemd-units audit

demo: setup
	FAGLOFT_DEMO=true $(VENV)/bin/fagloft demo
	FAGLOFT_DEMO=true $(VENV)/bin/fagloft runserver 127.0.0.1:8000

test: setup
	CI=$${CI:-false} scripts/test.sh

# Static checks (scripts/static-checks.sh) and the SQLite suite without the browser tests; both
# run, and the target fails when either does.
check: setup
	@status=0; \
	scripts/static-checks.sh || status=1; \
	echo ">>> Tests on SQLite without the browser"; \
	env -u DATABASE_URL $(PY) -m pytest -m "not browser" -n 2 || status=1; \
	exit $$status

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

# systemd units for the Procfile's processes (docs/deployment.md). APP_DIR and APP_USER as on the server.
APP_DIR ?= /srv/fagloft
APP_USER ?= fagloft
systemd-units: setup
	rm -rf deploy/systemd
	$(VENV)/bin/honcho -d $(CURDIR) -f $(CURDIR)/Procfile export systemd $(CURDIR)/deploy/systemd \
	  -a fagloft -u $(APP_USER) $(if $(wildcard .env),-e .env)
	sed -i 's|WorkingDirectory=$(CURDIR)|WorkingDirectory=$(APP_DIR)|' deploy/systemd/*.service
	@echo ">>> Units written to deploy/systemd/ (copy them to /etc/systemd/system/)"

# Dependency audit against published advisories: the pinned Python packages and the npm packages.
# pip-audit runs in its own venv so its dependencies never mix with the app's pins. `--strict` makes
# a package that could not be audited a failure: no advisory service, no success.
PIP_AUDIT := .venv-audit/bin/pip-audit
$(PIP_AUDIT):
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install -q pip-audit==2.10.1
audit: $(PIP_AUDIT)
	@status=0; \
	$(PIP_AUDIT) --strict --no-deps --disable-pip --progress-spinner off -r requirements.lock || status=1; \
	npm audit --omit=dev --audit-level=low || status=1; \
	exit $$status
