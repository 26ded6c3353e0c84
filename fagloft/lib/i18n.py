"""Translation catalogue chores that need no gettext tools installed (polib).

    python -m fagloft.lib.i18n compile   # .po -> .mo for every catalogue (run by make demo/test)
    python -m fagloft.lib.i18n fill-nb   # bokmål is the source language: msgstr = msgid in nb
    python -m fagloft.lib.i18n check     # list untranslated or fuzzy nn/en entries

Source strings are written in bokmål, so the nb catalogue translates each string to itself; nn
and en must be translated by hand. Each app keeps its own `locale/`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def catalogues() -> list[Path]:
    return sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_all() -> int:
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return 0


def fill_nb() -> int:
    for po_path in catalogues():
        if po_path.parts[-3] != "nb":
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
    return 0


def problems() -> list[str]:
    found = []
    for po_path in catalogues():
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            untranslated = not entry.translated()
            if untranslated or "fuzzy" in entry.flags:
                found.append(f"{po_path.relative_to(ROOT.parent)}: {entry.msgid[:60]!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "compile":
        return compile_all()
    if command == "fill-nb":
        return fill_nb()
    if command == "check":
        listed = problems()
        print("\n".join(listed) or "all catalogues complete")
        return 1 if listed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
