"""The `fagloft` command: a thin wrapper over manage.py.

Subcommands are written as words (`fagloft import geo FILE`) and mapped to Django
management commands (`import_geo`), so a user never needs to know manage.py.
"""

from __future__ import annotations

import os
import sys

# Two-word commands: the first word groups them. `fagloft import geo` -> `import_geo`.
GROUPS = {"import", "kostra", "export", "report", "seed", "economy", "organising", "programmes", "knowledge"}


def translate(argv: list[str]) -> list[str]:
    if len(argv) >= 2 and argv[0] in GROUPS and not argv[1].startswith("-"):
        return [f"{argv[0]}_{argv[1]}", *argv[2:]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *translate(sys.argv[1:])])


if __name__ == "__main__":
    main()
