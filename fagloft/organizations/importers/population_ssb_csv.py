"""SSB statistics-bank CSV exports of table 07459 (semicolon-separated, quoted).

SSB writes a title line and a blank line before the header; the header names the columns
«region», optionally «kjønn» and «statistikkvariabel», «alder», «år» and the value column last.
Regions look like «3001 Halden» or «K-3001 Halden»; ages like «0 år», «017 år» or «105 år eller
eldre». Rows for the whole country or counties (codes that are not four digits) are skipped.
Rows split by sex are added up. Cells SSB marks as missing («.», «..», «...», «:») are skipped;
«-» means zero.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from fagloft.organizations.importers.errors import ImportError_, Progress, parse_int, read_text
from fagloft.organizations.importers.population import Tally

REGION = re.compile(r"^(?:K-)?(\d+)\b")
AGE = re.compile(r"^(\d+)")
MISSING = {".", "..", "...", ":"}
STEP = 5000


def parse(path: Path, progress: Progress) -> Tally:
    lines = read_text(path).splitlines()
    header_at = _header_line(path, lines)
    delimiter = ";" if ";" in lines[header_at] else ","
    reader = csv.reader(io.StringIO("\n".join(lines[header_at:])), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader)]
    columns = _columns(path, header, header_at + 1)
    tally = Tally(path, header[columns["region"]], add_up=True)
    variables: set[str] = set()
    for offset, cells in enumerate(reader, start=header_at + 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ImportError_(path, f"har {len(cells)} kolonner, overskriften har {len(header)}", line=offset)
        if "statistikkvariabel" in columns:
            variables.add(cells[columns["statistikkvariabel"]])
            if len(variables) > 1:
                raise ImportError_(path, "filen har flere statistikkvariabler; eksporter bare «Personer»",
                                   line=offset, field="statistikkvariabel")
        _row(path, offset, cells, columns, header, tally)
        if offset % STEP == 0:
            progress(STEP)
    return tally


def _header_line(path: Path, lines: list[str]) -> int:
    for index, line in enumerate(lines[:20]):
        if line.strip().strip('"').lower().startswith("region"):
            return index
    raise ImportError_(path, "fant ikke overskriftsraden med kolonnen «region»: forventet en SSB-eksport av tabell "
                       "07459, eller kolonnene aar,kommunenummer,alder,antall", line=1)


def _columns(path: Path, header: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header[:-1]):
        key = {"år": "year", "tid": "year", "aar": "year"}.get(name, name)
        columns[key] = index
    for required in ("region", "alder", "year"):
        if required not in columns:
            word = "år" if required == "year" else required
            raise ImportError_(path, f"mangler kolonnen «{word}» (fant {', '.join(header)})", line=line)
    columns["value"] = len(header) - 1
    return columns


def _row(path: Path, line: int, cells: list[str], columns: dict[str, int], header: list[str], tally: Tally) -> None:
    region = cells[columns["region"]].strip()
    match = REGION.match(region)
    if not match:
        raise ImportError_(path, f"«{region}» begynner ikke med et regionnummer", line=line, field=header[0])
    if len(match.group(1)) != 4:
        return  # the whole country or a county: not a municipality
    raw = cells[columns["value"]].strip()
    if raw in MISSING:
        return
    count = 0 if raw == "-" else parse_int(raw, path, header[columns["value"]], line=line)
    year = parse_int(cells[columns["year"]], path, header[columns["year"]], line=line)
    tally.add(match.group(1), year, _age(path, line, cells[columns["alder"]].strip()), count, line)


def _age(path: Path, line: int, value: str) -> int | None:
    match = AGE.match(value)
    if match:
        return int(match.group(1))
    if value.lower() in {"i alt", "alle aldre", "total", "totalt"}:
        return None
    raise ImportError_(path, f"«{value}» er ikke en alder", line=line, field="alder")
