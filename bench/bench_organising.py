"""Organising: the MILP on real data, against the budget (DESIGN.md, budgets).

- Finnmark (56, 18 municipalities in 2024) solved to proven optimality in at most 2 s;
- all 357 municipalities, county by county, within 2 % of the solver's proven bound in at most 60 s.

Inputs come straight from `../shared/data` (no database): the 2024 polygons (a point inside each by
`representative_point()`), children 0–17 from SSB 07459 for the newest year in the file (2020
borders, carried to 2024 numbers by `geo/kommunenummer-2020-2024.csv`), and FTE estimated from the
children at the national rate (no staff register here, so every FTE is marked estimated). Ålesund's
2020 figure is split between Ålesund (1508) and Haram (1580) by polygon area, the only split in the
table. Default rules: at least 5 FTE, at most 250 km, detour 1.3.
Run: `python -m bench organising` or `python -m bench.bench_organising [--min-fte 5 --max-km 250]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

FINNMARK_BUDGET = 2.0
NATION_BUDGET = 60.0
NATION_GAP = 0.02


def _data_dir() -> Path:
    from fagloft.lib.shared_data import shared_data_dir

    found = shared_data_dir()
    if found is None:
        raise SystemExit("../shared/data was not found (fagloft.lib.shared_data.shared_data_dir())")
    return found


def load_instance(detour: float = 1.3):  # type: ignore[no-untyped-def]
    from shapely.geometry import shape

    from fagloft.organising import model

    data = _data_dir()
    features = json.loads((data / "geo" / "kommuner-2024.geojson").read_text(encoding="utf-8"))["features"]
    polygons = {f["properties"]["kommunenummer"]: shape(f["geometry"]) for f in features}
    with (data / "geo" / "kommuner-2024.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (data / "geo" / "kommunenummer-2020-2024.csv").open(encoding="utf-8") as handle:
        mapping = list(csv.DictReader(handle))
    children_2020: dict[str, int] = defaultdict(int)
    newest = 0
    with (data / "befolkning" / "befolkning-kommune-alder-b2020.csv").open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    newest = max(int(r["aar"]) for r in records)
    for record in records:
        if int(record["aar"]) == newest and record["alder"].isdigit() and int(record["alder"]) <= 17:
            children_2020[record["kommunenummer"]] += int(record["antall"])
    targets: dict[str, list[str]] = defaultdict(list)
    for row in mapping:
        targets[row["kommunenummer_2020"]].append(row["kommunenummer_2024"])
    children: dict[str, float] = defaultdict(float)
    for old, news in targets.items():
        areas = [polygons[n].area if n in polygons else 0.0 for n in news]
        total_area = sum(areas) or 1.0
        for number, area in zip(news, areas, strict=True):
            children[number] += children_2020.get(old, 0) * (area / total_area if len(news) > 1 else 1.0)
    units = []
    for i, row in enumerate(rows):
        number = row["kommunenummer"]
        point = polygons[number].representative_point()
        kids = round(children.get(number, 0))
        units.append(
            model.Unit(
                i,
                number,
                row["kommunenavn"],
                row["fylkesnummer"],
                kids,
                model.estimated_fte(kids),
                True,
                point.x,
                point.y,
            )
        )
    return model.Instance(units, model.distance_matrix(units, detour)), newest


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench_organising")
    parser.add_argument("--min-fte", type=float, default=5.0)
    parser.add_argument("--max-km", type=float, default=250.0)
    parser.add_argument("--detour", type=float, default=1.3)
    args = parser.parse_args(argv)
    from fagloft.organising import model

    loaded = time.perf_counter()
    instance, year = load_instance(args.detour)
    print(f"Inndata: {len(instance.units)} kommuner, barn 0–17 fra {year}, {time.perf_counter() - loaded:.2f} s")

    finnmark = instance.subset([i for i, u in enumerate(instance.units) if u.county == "56"])
    started = time.perf_counter()
    result = model.solve(finnmark, model.Rules(min_fte=args.min_fte, max_km=args.max_km, mip_rel_gap=0.0))
    seconds = time.perf_counter() - started
    ok_f = result.optimal and seconds <= FINNMARK_BUDGET
    print(
        f"Finnmark: {len(finnmark.units)} kommuner, {len(result.services)} tjenester, "
        f"mål {result.objective:,.0f}, grense {result.bound:,.0f}, gap {result.gap:.4%}, "
        f"bevist optimal {result.optimal}, {seconds:.2f} s (budsjett {FINNMARK_BUDGET} s) "
        f"{'OK' if ok_f else 'OVER'}"
    )

    started = time.perf_counter()
    nation_rules = model.Rules(
        min_fte=args.min_fte, max_km=args.max_km, mip_rel_gap=NATION_GAP / 2, time_limit=NATION_BUDGET / 15
    )
    merged, parts = model.solve_by_county(instance, nation_rules)
    seconds = time.perf_counter() - started
    for county, part in parts:
        if isinstance(part, model.Infeasible):
            print(f"  fylke {county}: ikke løsbart: {part.reasons[0].message}")
        else:
            print(f"  fylke {county}: {len(part.services)} tjenester, gap {part.gap:.3%}, {part.seconds:.2f} s")
    solved = all(not isinstance(p, model.Infeasible) for _, p in parts)
    ok_n = solved and merged.gap <= NATION_GAP and seconds <= NATION_BUDGET
    print(
        f"Landet: {len(instance.units)} kommuner i {len(parts)} fylker, {len(merged.services)} tjenester, "
        f"gap til grensen {merged.gap:.3%} (budsjett {NATION_GAP:.0%}), {seconds:.2f} s "
        f"(budsjett {NATION_BUDGET:.0f} s) {'OK' if ok_n else 'OVER'}"
    )
    if not (ok_f and ok_n):
        sys.exit(1)


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagloft.settings")
    import django

    django.setup()
    main(sys.argv[1:])
