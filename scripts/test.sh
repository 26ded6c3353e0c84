#!/usr/bin/env bash
# The whole test suite: the static checks (scripts/static-checks.sh), SQLite (with the browser
# tests), then PostgreSQL. A failed static check fails the run, but the suites still run so that
# one run shows everything.
# CI=true makes the browser tests and PostgreSQL required; elsewhere they are skipped loudly when missing.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
CHROMIUM=${FAGLOFT_CHROMIUM:-/usr/bin/chromium}
ci=${CI:-false}

status=0
scripts/static-checks.sh || status=1

if [ ! -x "$CHROMIUM" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo ">>> Installing Chromium for the browser tests (apt-get install chromium)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null 2>&1 \
    || echo ">>> apt-get could not install chromium"
fi
if [ ! -x "$CHROMIUM" ]; then
  if [ "$ci" = "true" ]; then
    echo "!!! Chromium is missing and CI requires the browser tests. Install the Debian package 'chromium'." >&2
    exit 1
  fi
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!!! Chromium not found at $CHROMIUM: BROWSER TESTS (axe-core, WCAG) ARE SKIPPED !!!"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  export FAGLOFT_SKIP_BROWSER=1
fi

echo ">>> Test suite on SQLite (with browser tests)"
# Each app's own walk (marker app_walk) repeats part of the project-wide walk, which runs here.
env -u DATABASE_URL $PY -m pytest -n 2 --dist loadgroup -m "not app_walk" "$@" || status=1

pg_url=${FAGLOFT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/fagloft}
if $PY - "$pg_url" <<'PYEOF' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
PYEOF
then
  echo ">>> Test suite on PostgreSQL ($pg_url; browser tests ran on SQLite)"
  DATABASE_URL=$pg_url $PY -m pytest -n 2 -m "not browser and not app_walk" "$@" || status=1
  echo ">>> The production stack from the Procfile (web, worker, scheduler) on PostgreSQL"
  FAGLOFT_TEST_POSTGRES_URL=$pg_url scripts/check-stack.sh || status=1
elif [ "$ci" = "true" ]; then
  echo "!!! PostgreSQL is not reachable at $pg_url, and CI requires it." >&2
  status=1
else
  echo "!!! PostgreSQL not reachable at $pg_url: the PostgreSQL run is skipped."
fi
exit $status
