"""Population by municipality, year and single year of age (SSB table 07459), from any format.

Each format module feeds a `Tally`; `Tally.figures()` checks completeness and gives one
`PopulationFigures` per municipality and year. Where a source has no «total» row (SSB's own
exports), the total is the sum over all ages present in the file: export all ages (0–105+) from
SSB, or the total will only cover the ages exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from fagloft.lib.importing import ImportProblem, Progress, no_progress, read_text

Format = Literal["tidy", "ssb-csv", "jsonstat"]
CHILD_AGES = range(18)


@dataclass(frozen=True)
class PopulationFigures:
    number: str
    year: int
    total: int
    children: int
    by_age: list[int]
    line: int | None  # where the municipality first appears (CSV), for messages
    number_field: str


@dataclass
class _Entry:
    line: int | None
    ages: dict[int, int] = field(default_factory=dict)
    total: int | None = None


class Tally:
    """Counts collected row by row. `add_up` sums repeated rows (SSB splits them by sex)."""

    def __init__(self, path: Path, number_field: str, add_up: bool, require_total: bool = False) -> None:
        self.path = path
        self.require_total = require_total
        self.number_field = number_field
        self.add_up = add_up
        self.entries: dict[tuple[str, int], _Entry] = {}

    def add(self, number: str, year: int, age: int | None, count: int, line: int | None) -> None:
        entry = self.entries.get((number, year))
        if entry is None:
            entry = self.entries[(number, year)] = _Entry(line)
        if age is None:
            if entry.total is not None and not self.add_up:
                raise ImportProblem(
                    self.path, f"totalen for {number} i {year} står to ganger", line=line, field="alder"
                )
            entry.total = (entry.total or 0) + count
        elif age in entry.ages and not self.add_up:
            raise ImportProblem(
                self.path, f"alder {age} for {number} i {year} står to ganger", line=line, field="alder"
            )
        else:
            entry.ages[age] = entry.ages.get(age, 0) + count

    def figures(self) -> list[PopulationFigures]:
        if not self.entries:
            raise ImportProblem(self.path, "filen har ingen befolkningstall for kommuner")
        return [self._figure(number, year, entry) for (number, year), entry in sorted(self.entries.items())]

    def _figure(self, number: str, year: int, entry: _Entry) -> PopulationFigures:
        missing = [age for age in CHILD_AGES if age not in entry.ages]
        if missing:
            raise ImportProblem(
                self.path,
                f"mangler alder {missing[0]} år for kommune {number} i {year}",
                line=entry.line,
                field="alder",
            )
        if self.require_total and entry.total is None:
            raise ImportProblem(
                self.path, f"mangler raden «total» for kommune {number} i {year}", line=entry.line, field="alder"
            )
        by_age = [entry.ages[age] for age in CHILD_AGES]
        children = sum(by_age)
        total = entry.total if entry.total is not None else sum(entry.ages.values())
        if total < children:
            raise ImportProblem(
                self.path,
                f"totalen {total} for kommune {number} i {year} er mindre enn antall barn 0–17 år ({children})",
                line=entry.line,
                field="alder",
            )
        return PopulationFigures(number, year, total, children, by_age, entry.line, self.number_field)


def detect_format(path: Path) -> Format:
    text = read_text(path).lstrip()
    if text.startswith(("{", "[")):
        return "jsonstat"
    first = text.splitlines()[0].replace('"', "").replace(" ", "").lower()
    if first.startswith("aar,"):
        return "tidy"
    return "ssb-csv"


def parse(path: Path, fmt: Format | None = None, progress: Progress = no_progress) -> list[PopulationFigures]:
    from fagloft.organizations.importers import population_jsonstat, population_ssb_csv, population_tidy

    fmt = fmt or detect_format(path)
    parser = {"tidy": population_tidy, "ssb-csv": population_ssb_csv, "jsonstat": population_jsonstat}[fmt]
    return parser.parse(path, progress).figures()
