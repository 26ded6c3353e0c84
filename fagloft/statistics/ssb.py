"""Reading exports from SSB's statistics bank (Statistikkbanken): CSV, JSON-stat2 and plain JSON.

The CSV is SSB's "semicolon separated with heading" export: an optional title line, then a header
such as `"region";"statistikkvariabel";"år";"12870: ..."` and rows like
`"5403 Alta";"Andel ...";"2023";"81,5"`. The wide form, with one column per year, is read too.
SSB marks missing figures with `.`, `..`, `...` or `:` (these rows are skipped) and zero with `-`.

Every problem raises `SsbFileError` naming the file, the line (or observation) and the field, and
nothing is written: the caller saves only after the whole file has been read and resolved.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fagloft.statistics import bounds

MISSING = {"", ".", "..", "...", ":"}
NATION = {"0", "eak", "hele landet", "landet", "norge", "i alt"}
SKIPPED_PREFIXES = ("eka", "eakuo", "landet uten oslo", "kostragruppe")
REGION_COLUMNS = ("region", "kommune", "fylke", "kommunenummer", "fylkesnummer", "kommuneregion")
TIME_COLUMNS = ("år", "aar", "tid", "year", "halvår", "periode")
VARIABLE_COLUMNS = ("statistikkvariabel", "contentscode", "variabel")
NUMERATOR_COLUMNS = ("teller", "numerator")
DENOMINATOR_COLUMNS = ("nevner", "denominator")


class SsbFileError(Exception):
    """Bad input. `str(error)` is a Norwegian message naming the file, the place and the field."""

    def __init__(
        self,
        file: str | Path,
        problem: str,
        *,
        line: int | None = None,
        place: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.problem, self.line, self.field = Path(file).name, problem, line, field
        parts = [self.file]
        if line is not None:
            parts.append(f"linje {line}")
        if place:
            parts.append(place)
        if field:
            parts.append(f"felt «{field}»")
        super().__init__(f"{', '.join(parts)}: {problem}")


@dataclass(frozen=True)
class Region:
    kind: str  # "municipality", "county", "nation" or "skip" (KOSTRA groups: computed here instead)
    number: str = ""


@dataclass(frozen=True)
class Row:
    place: str  # "linje 4", "observasjon 12" or "element 3", for messages
    line: int | None
    region: Region
    year: int
    half: int
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def read(path: Path, variable: str | None = None) -> list[Row]:
    """The file's rows, whatever the format. Rows with a missing figure are left out."""
    text = _text(path)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise SsbFileError(path, f"ugyldig JSON ({error.msg})", line=error.lineno) from None
        if isinstance(data, dict) and data.get("class") == "dataset":
            return _jsonstat(path, stripped, variable)
        return _plain_json(path, data)
    return _csv(path, text, variable)


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SsbFileError(path, f"filen kan ikke leses ({error.strerror or error})") from None
    if not raw.strip():
        raise SsbFileError(path, "filen er tom")
    if b"\x00" in raw[:4096]:
        raise SsbFileError(path, "filen er ikke en tekstfil (CSV eller JSON)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # SSB's older exports are Windows-1252


def parse_region(text: str, path: Path, line: int | None, place: str | None, field: str) -> Region:
    label = str(text).strip().strip('"')
    lowered = label.casefold()
    if lowered.startswith(SKIPPED_PREFIXES):
        return Region("skip")
    code = re.sub(r"^[kf]-", "", lowered.split(" ")[0])
    if lowered in NATION or code in NATION or lowered.startswith(("0 ", "eak ")):
        return Region("nation")
    if re.fullmatch(r"\d{4}", code):
        return Region("municipality", code)
    if re.fullmatch(r"\d{2}", code):
        return Region("county", code)
    raise SsbFileError(
        path,
        f"«{label}» er ikke et kommunenummer, fylkesnummer eller «Hele landet»",
        line=line,
        place=place,
        field=field,
    )


def parse_period(text: Any, path: Path, line: int | None, place: str | None, field: str) -> tuple[int, int]:
    label = str(text).strip()
    match = re.fullmatch(r"(\d{4})(?:\s*[Hh-]\s*([12]))?", label)
    if not match or not 1990 <= int(match.group(1)) <= 2100:
        raise SsbFileError(
            path, f"«{label}» er ikke et år (for eksempel 2023 eller 2023H1)", line=line, place=place, field=field
        )
    return int(match.group(1)), int(match.group(2) or 0)


def parse_number(text: Any, path: Path, line: int | None, place: str | None, field: str) -> Decimal | None:
    number = _number(text, path, line, place, field)
    if number is not None:
        # A figure the value column cannot hold (a 26-digit number) would be stored by SQLite and
        # then break every page that reads it: refuse it here, naming file, line and field.
        problem = bounds.number_problem(number)
        if problem:
            raise SsbFileError(path, problem, line=line, place=place, field=field)
    return number


def _number(text: Any, path: Path, line: int | None, place: str | None, field: str) -> Decimal | None:
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        number = Decimal(str(text))
        if not number.is_finite():
            raise SsbFileError(path, f"«{text}» er ikke et tall", line=line, place=place, field=field)
        return number
    label = str(text).strip()
    if label in MISSING:
        return None
    if label == "-":
        return Decimal(0)
    cleaned = label.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise SsbFileError(path, f"«{label}» er ikke et tall", line=line, place=place, field=field) from None
    if not number.is_finite():
        raise SsbFileError(path, f"«{label}» er ikke et tall", line=line, place=place, field=field)
    return number


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.casefold().strip() for h in header]
    for index, name in enumerate(lowered):
        if name in names or any(name.startswith(n + " ") for n in names):
            return index
    return None


def _csv(path: Path, text: str, variable: str | None) -> list[Row]:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.count(";") >= 1), None)
    if start is None:
        raise SsbFileError(path, "fant ingen semikolonseparert overskriftslinje (SSB-eksport «CSV med overskrift»)")
    records = list(csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=";"))
    header = [h.strip() for h in records[0]]
    region_at = _find(header, REGION_COLUMNS)
    if region_at is None:
        raise SsbFileError(path, f"mangler kolonnen «region» (fant {', '.join(header)})", line=start + 1)
    time_at = _find(header, TIME_COLUMNS)
    body = [(start + 1 + offset, record) for offset, record in enumerate(records[1:], start=1) if any(record)]
    if time_at is None:
        return _wide_csv(path, header, region_at, body, variable, start + 1)
    return _long_csv(path, header, region_at, time_at, body, variable)


def _long_csv(
    path: Path, header: list[str], region_at: int, time_at: int, body: list[tuple[int, list[str]]], variable: str | None
) -> list[Row]:
    variable_at = _find(header, VARIABLE_COLUMNS)
    numerator_at, denominator_at = _find(header, NUMERATOR_COLUMNS), _find(header, DENOMINATOR_COLUMNS)
    named = {region_at, time_at, variable_at, numerator_at, denominator_at} - {None}
    value_at = _find(header, ("verdi", "value")) or max(i for i in range(len(header)) if i not in named)
    if variable_at is not None:
        body = _one_variable(path, body, variable_at, variable, header[variable_at])
    rows = []
    for line, record in body:
        if len(record) != len(header):
            raise SsbFileError(path, f"har {len(record)} felt, men overskriften har {len(header)}", line=line)
        region = parse_region(record[region_at], path, line, None, header[region_at])
        year, half = parse_period(record[time_at], path, line, None, header[time_at])
        value, numerator, denominator = (
            None if at is None else parse_number(record[at], path, line, None, header[at])
            for at in (value_at, numerator_at, denominator_at)
        )
        if value is not None and region.kind != "skip":
            rows.append(Row(f"linje {line}", line, region, year, half, value, numerator, denominator))
    return rows


def _one_variable(
    path: Path, body: list[tuple[int, list[str]]], at: int, wanted: str | None, field: str
) -> list[tuple[int, list[str]]]:
    found = sorted({record[at].strip() for _, record in body if len(record) > at})
    if wanted is None:
        if len(found) > 1:
            raise SsbFileError(
                path,
                f"filen har flere statistikkvariabler; velg én med --variable ({'; '.join(found[:5])})",
                field=field,
            )
        return body
    chosen = [
        (line, record)
        for line, record in body
        if len(record) > at and record[at].strip().casefold() == wanted.casefold()
    ]
    if not chosen:
        raise SsbFileError(
            path, f"fant ikke statistikkvariabelen «{wanted}» (fant {'; '.join(found[:5])})", field=field
        )
    return chosen


def _wide_csv(
    path: Path,
    header: list[str],
    region_at: int,
    body: list[tuple[int, list[str]]],
    variable: str | None,
    header_line: int,
) -> list[Row]:
    periods = {}
    for index, name in enumerate(header):
        match = re.search(r"(\d{4}(?:H[12])?)\s*$", name)
        if index != region_at and match:
            periods[index] = parse_period(match.group(1), path, header_line, None, name)
    if not periods:
        raise SsbFileError(path, "mangler kolonnen «år» (eller én kolonne per år)", line=header_line)
    rows = []
    for line, record in body:
        if len(record) != len(header):
            raise SsbFileError(path, f"har {len(record)} felt, men overskriften har {len(header)}", line=line)
        region = parse_region(record[region_at], path, line, None, header[region_at])
        for index, (year, half) in periods.items():
            value = parse_number(record[index], path, line, None, header[index])
            if value is not None and region.kind != "skip":
                rows.append(Row(f"linje {line}", line, region, year, half, value))
    return rows


def _jsonstat(path: Path, text: str, variable: str | None) -> list[Row]:
    from pyjstat import pyjstat

    try:
        dataset = pyjstat.Dataset.read(text)
        frame = dataset.write("dataframe", naming="id")
    except Exception as error:  # noqa: BLE001 - pyjstat raises many kinds on malformed input
        raise SsbFileError(path, f"er ikke gyldig JSON-stat 2.0 ({error.__class__.__name__}: {error})") from None
    roles = dataset.get("role") or {}
    dimensions = list(dataset.get("id") or [])
    region_dim = _role(roles, "geo", dimensions, REGION_COLUMNS)
    time_dim = _role(roles, "time", dimensions, TIME_COLUMNS)
    if region_dim is None or time_dim is None:
        raise SsbFileError(path, f"fant ikke dimensjonene for region og tid (fant {', '.join(dimensions)})")
    metric_dim = _role(roles, "metric", dimensions, VARIABLE_COLUMNS)
    records = frame.to_dict("records")
    if metric_dim is not None:
        records = _one_metric(path, records, metric_dim, variable, dataset)
    rows = []
    for number, record in enumerate(records, start=1):
        place = f"observasjon {number}"
        region = parse_region(record[region_dim], path, None, place, region_dim)
        year, half = parse_period(record[time_dim], path, None, place, time_dim)
        value = record.get("value")
        value = None if value is None or value != value else value  # NaN: a missing figure
        number_value = parse_number(value, path, None, place, "value")
        if number_value is not None and region.kind != "skip":
            rows.append(Row(place, None, region, year, half, number_value))
    return rows


def _role(roles: dict[str, Any], role: str, dimensions: list[str], names: tuple[str, ...]) -> str | None:
    if roles.get(role):
        return roles[role][0]
    return next((d for d in dimensions if d.casefold() in names), None)


def _one_metric(
    path: Path, records: list[dict[str, Any]], dimension: str, wanted: str | None, dataset: Any
) -> list[dict[str, Any]]:
    codes = sorted({str(r[dimension]) for r in records})
    labels = ((dataset.get("dimension") or {}).get(dimension) or {}).get("category", {}).get("label", {}) or {}
    if wanted is None:
        if len(codes) > 1:
            raise SsbFileError(
                path,
                f"filen har flere statistikkvariabler; velg én med --variable ({'; '.join(codes[:5])})",
                field=dimension,
            )
        return records
    matches = {c for c in codes if wanted.casefold() in (c.casefold(), str(labels.get(c, "")).casefold())}
    if not matches:
        raise SsbFileError(
            path, f"fant ikke statistikkvariabelen «{wanted}» (fant {'; '.join(codes[:5])})", field=dimension
        )
    return [r for r in records if str(r[dimension]) in matches]


def _plain_json(path: Path, data: Any) -> list[Row]:
    items = data.get("verdier", data.get("values")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise SsbFileError(path, "JSON må være en liste av verdier, eller et objekt med listen «verdier»")
    rows = []
    for number, item in enumerate(items, start=1):
        place = f"element {number}"
        if not isinstance(item, dict):
            raise SsbFileError(path, "hvert element må være et objekt", place=place)
        rows.extend(_plain_item(path, item, place))
    return rows


def _plain_item(path: Path, item: dict[str, Any], place: str) -> list[Row]:
    def get(*names: str) -> tuple[str, Any]:
        for name in names:
            if name in item:
                return name, item[name]
        return names[0], None

    region_field, region_text = get("region", "kommunenummer", "fylkesnummer")
    year_field, year_text = get("år", "year", "aar")
    if region_text is None or year_text is None:
        missing = region_field if region_text is None else year_field
        raise SsbFileError(path, "feltet mangler", place=place, field=missing)
    region = parse_region(str(region_text), path, None, place, region_field)
    year, half = parse_period(year_text, path, None, place, year_field)
    half_field, half_text = get("halvår", "half")
    if half_text is not None:
        if str(half_text) not in ("0", "1", "2"):
            raise SsbFileError(path, f"«{half_text}» må være 0, 1 eller 2", place=place, field=half_field)
        half = int(half_text)
    values = [
        parse_number(get(*names)[1], path, None, place, get(*names)[0])
        for names in (("verdi", "value"), ("teller", "numerator"), ("nevner", "denominator"))
    ]
    if values[0] is None or region.kind == "skip":
        return []
    return [Row(place, None, region, year, half, *values)]
