#!/usr/bin/env bash
# The static checks: lint, formatting, template indentation, types and import layers.
# Run by `make check` and as the first step of `make test` (scripts/test.sh), so CI runs them too.
# Every check runs even when an earlier one fails, so one run shows everything; the exit status is
# non-zero when any failed. Configuration: pyproject.toml ([tool.ruff], [tool.mypy]) and .importlinter.
# Nothing here rewrites files: to apply the fixes, run `.venv/bin/ruff format .`,
# `.venv/bin/ruff check --fix .` and `.venv/bin/djhtml fagloft/templates fagloft/*/templates`.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TEMPLATES=(fagloft/templates fagloft/*/templates)

failed=()
step() {
  local name=$1
  shift
  echo ">>> $name: $*"
  if "$@"; then
    echo ">>> $name: ok"
  else
    echo "!!! $name failed"
    failed+=("$name")
  fi
}

step "ruff check" $BIN/ruff check .
step "ruff format" $BIN/ruff format --check --output-format concise .
step "djhtml" $BIN/djhtml --check "${TEMPLATES[@]}"
step "mypy" $BIN/mypy
step "import contracts" $BIN/lint-imports

if [ ${#failed[@]} -gt 0 ]; then
  echo "!!! Static checks failed: ${failed[*]}" >&2
  exit 1
fi
echo ">>> Static checks passed"
