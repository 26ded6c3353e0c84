#!/usr/bin/env bash
# Start the whole production stack from the Procfile (web, task worker, scheduler) with honcho on
# PostgreSQL, the way docs/deployment.md describes, and check that it answers a request.
# Used by scripts/test.sh when PostgreSQL answers; exits non-zero when the stack does not come up.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
server=${FAGLOFT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/fagloft}
server=${server%/*}
db=fagloft_stack_check
port=${FAGLOFT_STACK_PORT:-18765}
work=$(mktemp -d)
trap 'kill -- -$pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT

$BIN/python - "$server" "$db" <<'PYEOF' || { echo "!!! stack check: cannot create the database"; exit 1; }
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True, connect_timeout=5) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}"')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF

cat > "$work/.env" <<ENV
FAGLOFT_PRODUCTION=true
SECRET_KEY=$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(64))')
DATABASE_URL=$server/$db
ALLOWED_HOSTS=127.0.0.1,localhost
SECURE_SSL_REDIRECT=false
TASKS_BACKEND=django_tasks_db.DatabaseBackend
STATIC_ROOT=$work/static
WEB_CONCURRENCY=2
ENV
set -a; . "$work/.env"; set +a
$BIN/fagloft migrate -v0 || exit 1
$BIN/fagloft collectstatic --noinput -v0 || exit 1

# honcho gives `web` PORT=$port; the worker and the scheduler get their own.
setsid $BIN/honcho -e "$work/.env" -f Procfile start -p "$port" > "$work/stack.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/helse/" -o "$work/health.json" 2>/dev/null; then break; fi
  sleep 1
done
ok=0
grep -q '"ok"' "$work/health.json" 2>/dev/null && ok=1
login=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/konto/logg-inn/")
for process in web worker scheduler; do
  grep -q "^[0-9:]* $process\.1 *|" "$work/stack.log" || { echo "!!! stack check: no output from $process"; ok=0; }
done
if [ "$ok" = 1 ] && [ "$login" = 200 ]; then
  echo ">>> Stack check: web, worker and scheduler started from the Procfile; /helse/ and the login page answer"
  exit 0
fi
echo "!!! Stack check failed (login page: $login). Log:" >&2
cat "$work/stack.log" >&2
exit 1
