"""Kartverket-style GeoJSON FeatureCollections of counties or municipalities.

Two property layouts occur in the real files: 2024 has string numbers with `kommunenavn` /
`fylkesnavn`; 2020 has integer numbers (`301` for Oslo) with `navn`. Numbers are zero-padded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fagloft.lib.importing import ImportProblem, read_text
from fagloft.lib.svgmap import bbox

Level = Literal["county", "municipality"]
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
NAME_KEYS = {"county": ("fylkesnavn", "navn", "name"), "municipality": ("kommunenavn", "navn", "name")}
NUMBER_KEY = {"county": "fylkesnummer", "municipality": "kommunenummer"}
WIDTH = {"county": 2, "municipality": 4}


@dataclass(frozen=True)
class GeoFeature:
    index: int  # 1-based position in the file, used in messages
    number: str
    name: str
    geometry: dict[str, Any]
    bbox: list[float]


@dataclass(frozen=True)
class GeoFile:
    path: Path
    level: Level
    year: int
    features: list[GeoFeature]


def year_from_name(path: Path) -> int | None:
    match = re.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", path.name)
    return int(match.group(1)) if match else None


def parse(path: Path, year: int | None = None, level: Level | None = None) -> GeoFile:
    data = _load(path)
    features = data.get("features")
    if data.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise ImportProblem(path, "filen er ikke en GeoJSON FeatureCollection", field="type")
    if not features:
        raise ImportProblem(path, "filen inneholder ingen objekter (features)", field="features")
    year = year or year_from_name(path)
    if year is None:
        raise ImportProblem(path, "fant ikke året i filnavnet; oppgi kartåret (--year)")
    level = level or _detect_level(path, features[0])
    parsed = [_feature(path, index, feature, level) for index, feature in enumerate(features, start=1)]
    _refuse_duplicates(path, parsed, level)
    return GeoFile(path, level, year, parsed)


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise ImportProblem(path, f"ugyldig JSON ({error.msg})", line=error.lineno) from None
    if not isinstance(data, dict):
        raise ImportProblem(path, "filen er ikke en GeoJSON FeatureCollection", field="type")
    return data


def _detect_level(path: Path, first: Any) -> Level:
    properties = first.get("properties") if isinstance(first, dict) else None
    properties = properties if isinstance(properties, dict) else {}
    if "kommunenummer" in properties:
        return "municipality"
    if "fylkesnummer" in properties:
        return "county"
    raise ImportProblem(
        path, "fant verken «kommunenummer» eller «fylkesnummer»; oppgi --level", feature=1, field="properties"
    )


def _feature(path: Path, index: int, feature: Any, level: Level) -> GeoFeature:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ImportProblem(path, "objektet er ikke en GeoJSON Feature", feature=index, field="type")
    properties = feature.get("properties") or {}
    number = _number(path, index, properties.get(NUMBER_KEY[level]), level)
    name = next((str(properties[k]).strip() for k in NAME_KEYS[level] if properties.get(k)), "")
    if not name:
        raise ImportProblem(path, "navn mangler", feature=index, field=NAME_KEYS[level][0])
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(geometry, dict) or kind not in GEOMETRY_TYPES:
        raise ImportProblem(
            path,
            f"geometritypen {kind or 'mangler'} støttes ikke (må være Polygon eller MultiPolygon)",
            feature=index,
            field="geometry",
        )
    box = _box(path, index, geometry)
    _check_shape(path, index, geometry)
    return GeoFeature(index, number, name, geometry, box)


# Mainland Norway with a margin (Lindesnes 57.98° N, Kinnarodden 71.13° N, 4.6° E to 31.2° E): a
# border outside it is in the wrong projection or the wrong file.
NORWAY_EXTENT = (4.0, 57.5, 31.8, 71.5)


def _check_shape(path: Path, index: int, geometry: dict[str, Any]) -> None:
    """Valid, non-empty polygons inside Norway, before anything is written (shapely)."""
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as error:
        raise ImportProblem(
            path,
            f"geometrien kan ikke leses som {geometry.get('type')}: hver ring må ha minst fire punkter og slutte der "
            f"den begynte ({str(error)[:120]})",
            feature=index,
            field="geometry",
        ) from None
    if geom.is_empty or geom.area <= 0:
        raise ImportProblem(path, "geometrien er tom eller har intet areal", feature=index, field="geometry")
    if not geom.is_valid:
        # Published borders are simplified and often touch themselves at a point or two; that is
        # harmless for maps. A border whose repair changes its area noticeably is not.
        from shapely.validation import make_valid

        repaired = make_valid(geom)
        polygonal = repaired.area if repaired.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection") else 0.0
        if polygonal <= 0 or abs(polygonal - geom.area) > 0.01 * polygonal:
            raise ImportProblem(
                path, f"geometrien er ugyldig: {explain_validity(geom)[:160]}", feature=index, field="geometry"
            )
    west, south, east, north = geom.bounds
    if west < NORWAY_EXTENT[0] or south < NORWAY_EXTENT[1] or east > NORWAY_EXTENT[2] or north > NORWAY_EXTENT[3]:
        raise ImportProblem(
            path,
            f"geometrien ligger utenfor Norge ({west:.2f}–{east:.2f}° Ø, {south:.2f}–{north:.2f}° N)",
            feature=index,
            field="geometry",
        )


def _box(path: Path, index: int, geometry: dict[str, Any]) -> list[float]:
    try:
        box = bbox(geometry)
    except (TypeError, ValueError):
        raise ImportProblem(path, "koordinatene er ikke tallpar", feature=index, field="geometry") from None
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in box):
        raise ImportProblem(path, "koordinatene er ikke tall", feature=index, field="geometry")
    if not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise ImportProblem(
            path,
            "koordinatene er ikke lengde- og breddegrader (WGS84); konverter filen først",
            feature=index,
            field="geometry",
        )
    if box[2] <= box[0] or box[3] <= box[1]:
        raise ImportProblem(path, "geometrien har ingen utstrekning", feature=index, field="geometry")
    return box


def _number(path: Path, index: int, raw: Any, level: Level) -> str:
    field = NUMBER_KEY[level]
    if raw is None or str(raw).strip() == "":
        raise ImportProblem(path, "nummer mangler", feature=index, field=field)
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit() or len(text) > WIDTH[level]:
        raise ImportProblem(path, f"«{raw}» er ikke et gyldig {_level_word(level)}nummer", feature=index, field=field)
    return text.zfill(WIDTH[level])


def _level_word(level: Level) -> str:
    return "fylkes" if level == "county" else "kommune"


def _refuse_duplicates(path: Path, features: list[GeoFeature], level: Level) -> None:
    seen: dict[str, int] = {}
    for feature in features:
        if feature.number in seen:
            raise ImportProblem(
                path,
                f"nummer {feature.number} står også i objekt {seen[feature.number]}",
                feature=feature.index,
                field=NUMBER_KEY[level],
            )
        seen[feature.number] = feature.index
