"""The tidy population CSV: aar,kommunenummer,alder,antall, with alder 0..17 or «total»."""

from __future__ import annotations

from pathlib import Path

from fagloft.lib.importing import ImportProblem, Progress, parse_int
from fagloft.organizations.importers.csvfiles import digits, rows
from fagloft.organizations.importers.population import Tally

COLUMNS = ("aar", "kommunenummer", "alder", "antall")
STEP = 5000


def parse(path: Path, progress: Progress) -> Tally:
    tally = Tally(path, "kommunenummer", add_up=False, require_total=True)
    for count, (line, row) in enumerate(rows(path, COLUMNS), start=1):
        year = parse_int(row["aar"], path, "aar", line=line)
        if not 1800 <= year <= 2200:
            raise ImportProblem(path, f"{year} er ikke et gyldig år", line=line, field="aar")
        number = digits(path, line, "kommunenummer", row["kommunenummer"], 4)
        age = _age(path, line, row["alder"])
        tally.add(number, year, age, parse_int(row["antall"], path, "antall", line=line), line)
        if count % STEP == 0:
            progress(STEP)
    return tally


def _age(path: Path, line: int, value: str) -> int | None:
    if value.lower() == "total":
        return None
    age = parse_int(value, path, "alder", line=line)
    if age > 17:
        raise ImportProblem(
            path, f"alder {age} er utenfor 0–17 (bruk «total» for alle aldre)", line=line, field="alder"
        )
    return age
