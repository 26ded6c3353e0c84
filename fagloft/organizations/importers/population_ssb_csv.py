"""SSB statistics-bank CSV exports of table 07459 (semicolon-separated, quoted).

SSB writes a title line and a blank line before the header; the header names the columns
«region», optionally «kjønn» and «statistikkvariabel», «alder», «år» and the value column last.
Regions look like «3001 Halden» or «K-3001 Halden»; ages like «0 år», «017 år» or «105 år eller
eldre». Rows for the whole country or counties (codes that are not four digits) are skipped.
Rows split by sex are added up. SSB's «wide» layout, with one value column per year
(«Personer 2023», «Personer 2024») instead of an «år» column, is read too. Cells SSB marks as
missing («.», «..», «...», «:») are skipped; «-» means zero.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from fagloft.lib.importing import ImportProblem, Progress, parse_int, read_text
from fagloft.organizations.importers.population import Tally

REGION = re.compile(r"^(?:K-)?(\d+)\b")
AGE = re.compile(r"^(\d+)")
WIDE_YEAR = re.compile(r"(?:^|\s)((?:19|20)\d{2})$")
MISSING = {".", "..", "...", ":"}
STEP = 5000


@dataclass(frozen=True)
class Layout:
    """Where things are: named columns, and the value columns with the year each holds (None: the
    row's «år» column; SSB's wide layout puts one year in each value column, «Personer 2024»)."""

    header: list[str]
    columns: dict[str, int]
    values: list[tuple[int, int | None]]


def parse(path: Path, progress: Progress) -> Tally:
    try:
        return _parse(path, progress)
    except csv.Error as error:
        raise ImportProblem(path, f"ugyldig CSV ({error})") from None


def _parse(path: Path, progress: Progress) -> Tally:
    lines = read_text(path).splitlines()
    header_at = _header_line(path, lines)
    delimiter = ";" if ";" in lines[header_at] else ","
    reader = csv.reader(io.StringIO("\n".join(lines[header_at:])), delimiter=delimiter)
    layout = _layout(path, [cell.strip().lower() for cell in next(reader)], header_at + 1)
    tally = Tally(path, layout.header[layout.columns["region"]], add_up=True)
    variables: set[str] = set()
    for offset, cells in enumerate(reader, start=header_at + 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(layout.header):
            raise ImportProblem(path, f"har {len(cells)} kolonner, overskriften har {len(layout.header)}", line=offset)
        if "statistikkvariabel" in layout.columns:
            variables.add(cells[layout.columns["statistikkvariabel"]])
            if len(variables) > 1:
                raise ImportProblem(
                    path,
                    "filen har flere statistikkvariabler; eksporter bare «Personer»",
                    line=offset,
                    field="statistikkvariabel",
                )
        _row(path, offset, cells, layout, tally)
        if offset % STEP == 0:
            progress(STEP)
    return tally


def _header_line(path: Path, lines: list[str]) -> int:
    for index, line in enumerate(lines[:20]):
        if line.strip().strip('"').lower().startswith("region"):
            return index
    raise ImportProblem(
        path,
        "fant ikke overskriftsraden med kolonnen «region»: forventet en SSB-eksport av tabell "
        "07459, eller kolonnene aar,kommunenummer,alder,antall",
        line=1,
    )


def _layout(path: Path, header: list[str], line: int) -> Layout:
    wide = [
        (index, int(match.group(1)))
        for index, name in enumerate(header)
        if (match := WIDE_YEAR.search(name)) and index > 0
    ]
    named = header[:-1] if not wide else [name for index, name in enumerate(header) if index < wide[0][0]]
    columns = {{"år": "year", "tid": "year", "aar": "year"}.get(name, name): index for index, name in enumerate(named)}
    required = ("region", "alder") if wide else ("region", "alder", "year")
    for name in required:
        if name not in columns:
            word = "år" if name == "year" else name
            raise ImportProblem(path, f"mangler kolonnen «{word}» (fant {', '.join(header)})", line=line)
    values: list[tuple[int, int | None]] = list(wide) if wide else [(len(header) - 1, None)]
    return Layout(header, columns, values)


def _row(path: Path, line: int, cells: list[str], layout: Layout, tally: Tally) -> None:
    region_at = layout.columns["region"]
    match = REGION.match(cells[region_at].strip())
    if not match:
        raise ImportProblem(
            path,
            f"«{cells[region_at].strip()}» begynner ikke med et regionnummer",
            line=line,
            field=layout.header[region_at],
        )
    if len(match.group(1)) != 4:
        return  # the whole country or a county: not a municipality
    age = _age(path, line, cells[layout.columns["alder"]].strip())
    for index, fixed_year in layout.values:
        raw = cells[index].strip()
        if raw in MISSING:
            continue
        count = 0 if raw == "-" else parse_int(raw, path, layout.header[index], line=line)
        year = fixed_year or parse_int(
            cells[layout.columns["year"]], path, layout.header[layout.columns["year"]], line=line
        )
        tally.add(match.group(1), year, age, count, line)


def _age(path: Path, line: int, value: str) -> int | None:
    match = AGE.match(value)
    if match:
        return int(match.group(1))
    if value.lower() in {"i alt", "alle aldre", "total", "totalt"}:
        return None
    raise ImportProblem(path, f"«{value}» er ikke en alder", line=line, field="alder")
