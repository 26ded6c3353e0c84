"""SSB JSON-stat2 datasets of table 07459 (dimensions Region, Alder, Tid; maybe Kjonn, ContentsCode).

Values are in row-major order over the dimensions in `id` (the last one varies fastest), as a
list or as a sparse object keyed by position. Other dimensions than Region, Alder and Tid (sex)
are added up. Regions that are not municipalities (four digits, optionally «K-» first) are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fagloft.lib.importing import ImportProblem, Progress, read_text
from fagloft.organizations.importers.population import Tally

REGION = re.compile(r"^(?:K-)?(\d{4})$")
AGE = re.compile(r"^(\d+)")
STEP = 5000


def parse(path: Path, progress: Progress) -> Tally:
    data = _load(path)
    ids, sizes = data["id"], data["size"]
    names = {name.lower(): name for name in ids}
    for wanted in ("region", "alder", "tid"):
        if wanted not in names:
            raise ImportProblem(
                path, f"mangler dimensjonen «{wanted.capitalize()}» (fant {', '.join(ids)})", field="id"
            )
    codes = [_codes(path, data["dimension"], name, size) for name, size in zip(ids, sizes, strict=True)]
    if "contentscode" in names and sizes[ids.index(names["contentscode"])] > 1:
        raise ImportProblem(
            path, "datasettet har flere statistikkvariabler; hent bare «Personer»", field="ContentsCode"
        )
    position = {key: ids.index(name) for key, name in names.items()}
    tally = Tally(path, "Region", add_up=True)
    for count, (flat, value) in enumerate(_values(path, data["value"], sizes), start=1):
        _add(path, tally, _unflatten(flat, sizes), codes, position, value, data["dimension"])
        if count % STEP == 0:
            progress(STEP)
    return tally


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise ImportProblem(path, f"ugyldig JSON ({error.msg})", line=error.lineno) from None
    if isinstance(data, dict) and data.get("class") == "dataset" and "id" in data:
        pass
    else:
        raise ImportProblem(path, "filen er ikke et JSON-stat2-datasett (mangler «class»: «dataset»)", field="class")
    ids, sizes = data.get("id"), data.get("size")
    if not (
        isinstance(ids, list)
        and isinstance(sizes, list)
        and len(ids) == len(sizes)
        and isinstance(data.get("dimension"), dict)
        and "value" in data
    ):
        raise ImportProblem(path, "«id», «size», «dimension» og «value» må finnes og passe sammen", field="id")
    return data


def _codes(path: Path, dimensions: dict[str, Any], name: str, size: int) -> list[str]:
    index = ((dimensions.get(name) or {}).get("category") or {}).get("index")
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = [code for code, _pos in sorted(index.items(), key=lambda item: item[1])]
    else:
        label = ((dimensions.get(name) or {}).get("category") or {}).get("label") or {}
        codes = list(label)
    if len(codes) != size:
        raise ImportProblem(
            path, f"dimensjonen har {len(codes)} kategorier, men «size» sier {size}", field=f"dimension.{name}"
        )
    return codes


def _values(path: Path, values: Any, sizes: list[int]) -> list[tuple[int, Any]]:
    expected = 1
    for size in sizes:
        expected *= size
    if isinstance(values, dict):
        return sorted((int(key), value) for key, value in values.items())
    if not isinstance(values, list) or len(values) != expected:
        raise ImportProblem(path, f"«value» skal ha {expected} tall", field="value")
    return list(enumerate(values))


def _unflatten(flat: int, sizes: list[int]) -> list[int]:
    positions = []
    for size in reversed(sizes):
        positions.append(flat % size)
        flat //= size
    return positions[::-1]


def _add(
    path: Path,
    tally: Tally,
    positions: list[int],
    codes: list[list[str]],
    position: dict[str, int],
    value: Any,
    dimensions: dict[str, Any],
) -> None:
    if value is None:
        return  # SSB leaves cells empty where the figure is missing
    region = REGION.match(codes[position["region"]][positions[position["region"]]])
    if not region:
        return  # the whole country or a county
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0 or value != int(value):
        raise ImportProblem(path, f"«{value}» er ikke et heltall", field="value")
    year_code = codes[position["tid"]][positions[position["tid"]]]
    if not year_code.isdigit():
        raise ImportProblem(path, f"«{year_code}» er ikke et år", field="Tid")
    age_code = codes[position["alder"]][positions[position["alder"]]]
    age_match = AGE.match(age_code)
    tally.add(region.group(1), int(year_code), int(age_match.group(1)) if age_match else None, int(value), None)
