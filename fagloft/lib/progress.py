"""Progress reporting for long jobs, shared by the command line (tqdm on stderr) and pages that
follow a background job (`fagloft.lib.jobs.JobReporter`)."""

from __future__ import annotations

import sys
from typing import Any


class Reporter:
    """Told when a step starts (with its size, if known) and as it advances. Does nothing by default."""

    def start(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TqdmReporter(Reporter):
    """A progress bar on stderr, so stdout keeps only the summary."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def start(self, label: str, total: int | None = None) -> None:
        from tqdm import tqdm

        self.finish()
        self.bar = tqdm(
            total=total,
            desc=label,
            file=sys.stderr,
            disable=not self.enabled,
            leave=False,
            unit=" rader" if total is None else " stk",
        )

    def advance(self, amount: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(amount)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
