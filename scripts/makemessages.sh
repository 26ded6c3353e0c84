#!/usr/bin/env bash
# Update every app's translation catalogues (needs GNU gettext's xgettext), then fill nb.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
for app in fagloft/*/; do
  app=${app%/}; name=$(basename "$app")
  [ -f "$app/apps.py" ] || continue
  mkdir -p "$app/locale"
  (cd "$app" && ../../$PY ../../manage.py makemessages -l nb -l nn -l en --no-obsolete -v0)
done
# Project-level templates and modules (base layout, navigation, lib).
(cd fagloft && ../$PY ../manage.py makemessages -l nb -l nn -l en --no-obsolete -v0 \
  $(for app in */; do [ -f "$app/apps.py" ] && printf -- '--ignore=%s* ' "$app"; done))
$PY -m fagloft.lib.i18n fill-nb
$PY -m fagloft.lib.i18n compile
