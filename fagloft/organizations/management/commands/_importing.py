"""What the import commands share: turning bad input into a clear message and printing a summary."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fagloft.lib.importing import ImportProblem
from fagloft.lib.progress import TqdmReporter
from fagloft.organizations.importers.summary import ImportSummary

logger = logging.getLogger(__name__)


class ImportCommand(BaseCommand):
    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="filen som skal importeres")
        parser.add_argument("--no-progress", action="store_true", help="ingen fremdriftslinje")

    def run_import(self, options: dict[str, Any], action: Callable[..., ImportSummary], **kwargs: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: filen finnes ikke")
        reporter = TqdmReporter(enabled=not options["no_progress"] and sys.stderr.isatty())
        try:
            summary = action(path, reporter=reporter, **kwargs)
        except ImportProblem as error:
            raise CommandError(f"{error.message}\nIngenting ble importert.") from None
        except Exception as error:
            # The details go to the log (LOG_LEVEL=DEBUG shows them), never to the user's terminal.
            logger.debug("import of %s failed", path, exc_info=True)
            raise CommandError(
                f"{path.name}: uventet feil ({type(error).__name__}: {error}).\nIngenting ble importert."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Importert {summary}"))
