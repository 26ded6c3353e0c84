"""Small comma-separated files: municipality lists, the 2020–2024 crosswalk and the history file."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fagloft.lib.importing import ImportProblem, read_text


def rows(path: Path, required: tuple[str, ...], delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row, after checking the header has the required columns."""
    reader = csv.DictReader(io.StringIO(read_text(path)), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportProblem(path, f"mangler kolonnen «{missing[0]}» (fant {', '.join(header) or 'ingen'})", line=1)
    reader.fieldnames = header
    try:
        for row in reader:
            if None in row or any(row.get(name) is None for name in required):
                raise ImportProblem(path, "feil antall kolonner", line=reader.line_num)
            yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}
    except csv.Error as error:
        raise ImportProblem(path, f"ugyldig CSV ({error})", line=reader.line_num) from None


def digits(path: Path, line: int, field: str, value: str, width: int) -> str:
    if not value.isdigit() or len(value) > width:
        raise ImportProblem(path, f"«{value}» er ikke et gyldig nummer", line=line, field=field)
    return value.zfill(width)


def date_or_none(path: Path, line: int, field: str, value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ImportProblem(path, f"«{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD", line=line, field=field) from None


@dataclass(frozen=True)
class ListedMunicipality:
    number: str
    name: str
    county_number: str
    county_name: str


def municipality_list(path: Path) -> dict[str, ListedMunicipality]:
    """`kommuner-YYYY.csv`: kommunenummer,kommunenavn,fylkesnummer,fylkesnavn."""
    found: dict[str, ListedMunicipality] = {}
    for line, row in rows(path, ("kommunenummer", "kommunenavn", "fylkesnummer", "fylkesnavn")):
        number = digits(path, line, "kommunenummer", row["kommunenummer"], 4)
        county = digits(path, line, "fylkesnummer", row["fylkesnummer"], 2)
        found[number] = ListedMunicipality(number, row["kommunenavn"], county, row["fylkesnavn"])
    return found


@dataclass(frozen=True)
class Succession:
    line: int
    old_number: str
    new_number: str
    change: str


def crosswalk(path: Path) -> list[Succession]:
    """`kommunenummer-2020-2024.csv`: which number(s) each 2020 municipality has in 2024."""
    required = ("kommunenummer_2020", "kommunenummer_2024", "change")
    found = []
    for line, row in rows(path, required):
        old = digits(path, line, "kommunenummer_2020", row["kommunenummer_2020"], 4)
        new = digits(path, line, "kommunenummer_2024", row["kommunenummer_2024"], 4)
        found.append(Succession(line, old, new, row["change"]))
    if not found:
        raise ImportProblem(path, "filen har ingen rader")
    return found


@dataclass(frozen=True)
class HistoricalUnit:
    line: int
    level: str  # "county" or "municipality"
    number: str
    name: str
    county_number: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successors: tuple[str, ...]


def history(path: Path) -> list[HistoricalUnit]:
    """A reference file of former units: nivå,nummer,navn,fylkesnummer,gyldig_fra,gyldig_til,etterfolgere."""
    required = ("nivå", "nummer", "navn", "fylkesnummer", "gyldig_fra", "gyldig_til", "etterfolgere")
    found = []
    for line, row in rows(path, required):
        level = {"fylke": "county", "kommune": "municipality"}.get(row["nivå"])
        if level is None:
            raise ImportProblem(path, f"«{row['nivå']}» må være «fylke» eller «kommune»", line=line, field="nivå")
        width = 2 if level == "county" else 4
        successors = tuple(
            digits(path, line, "etterfolgere", s.strip(), 4) for s in row["etterfolgere"].split() if s.strip()
        )
        found.append(
            HistoricalUnit(
                line,
                level,
                digits(path, line, "nummer", row["nummer"], width),
                row["navn"],
                digits(path, line, "fylkesnummer", row["fylkesnummer"], 2),
                date_or_none(path, line, "gyldig_fra", row["gyldig_fra"]),
                date_or_none(path, line, "gyldig_til", row["gyldig_til"]),
                successors,
            )
        )
    return found
