"""`fagloft organising propose --county 56 --min-fte 5 --max-km 250 --detour 1.3 --format json`

Builds the instance from the tree (children, FTE from the staff register or estimated, points inside
the 2024 polygons, distances with the admin's corrections) and solves it; `--counties all` solves
every current county on its own, with a progress bar on stderr. Writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_noop

from fagloft.lib.progress import TqdmReporter
from fagloft.organising import model, queries
from fagloft.organizations.models import County


class Command(BaseCommand):
    help = "Propose how municipalities organise the child welfare service together (exact MILP)."

    def add_arguments(self, parser: CommandParser) -> None:
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--county", help="county number, e.g. 56")
        where.add_argument("--counties", choices=["all"], help="all current counties, one at a time")
        parser.add_argument("--min-fte", type=float, default=model.DEFAULT_MIN_FTE)
        parser.add_argument("--min-children", type=int, default=None, help="use children 0–17 as the minimum")
        parser.add_argument("--max-km", type=float, default=model.DEFAULT_MAX_KM)
        parser.add_argument("--detour", type=float, default=model.DEFAULT_DETOUR)
        parser.add_argument("--keep-cooperations", action="store_true")
        parser.add_argument("--fixed-host", action="append", default=[], metavar="NUMBER")
        parser.add_argument("--alone", action="append", default=[], metavar="NUMBER")
        parser.add_argument("--max-members", type=int, default=None)
        parser.add_argument("--cost-per-service", type=float, default=0.0)
        parser.add_argument("--fte-per-1000", type=float, default=None)
        parser.add_argument("--year", type=int, default=None, help="population year (default: newest)")
        parser.add_argument("--time-limit", type=float, default=30.0)
        parser.add_argument("--gap", type=float, default=model.OPTIMAL_GAP, help="relative MIP gap to stop at")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["detour"] < 1 or options["max_km"] <= 0:
            raise CommandError("--detour must be at least 1 and --max-km positive")
        rules = model.Rules(
            measure=model.MEASURE_CHILDREN if options["min_children"] is not None else model.MEASURE_FTE,
            min_fte=options["min_fte"],
            min_children=options["min_children"] or 0,
            max_km=options["max_km"],
            keep_cooperations=options["keep_cooperations"],
            fixed_hosts=frozenset(options["fixed_host"]),
            alone=frozenset(options["alone"]),
            max_members=options["max_members"],
            cost_per_service=options["cost_per_service"],
            time_limit=options["time_limit"],
            mip_rel_gap=options["gap"],
        )
        if options["county"]:
            county = County.objects.filter(number=options["county"]).first()
            if county is None:
                raise CommandError(f"no county numbered {options['county']}")
            counties = [county]
        else:
            counties = list(County.objects.valid_on().order_by("number"))
        reporter = TqdmReporter(enabled=len(counties) > 1)
        reporter.start("Fylker", len(counties))
        outputs = []
        for county in counties:
            inputs = queries.build_inputs(
                queries.county_municipalities(county),
                options["year"],
                detour=options["detour"],
                fte_per_1000=options["fte_per_1000"],
            )
            result, refusal = None, None
            missing = queries.missing_points(inputs)
            try:
                if missing:
                    raise model.Infeasible(
                        [
                            model.Reason(
                                "geometry", m.number, gettext_noop("%(name)s har ingen kartgrense."), {"name": m.name}
                            )
                            for m in missing
                        ]
                    )
                result = model.solve(inputs.instance, rules)
            except model.Infeasible as error:
                refusal = error
            payload = model.to_json(inputs.instance, rules, result, refusal)
            payload = {
                "county": county.number,
                "year": inputs.year,
                "detour": options["detour"],
                "fte_per_1000": inputs.fte_per_1000,
                **payload,
            }
            outputs.append(payload)
            reporter.advance(1)
        reporter.finish()
        if options["format"] == "json":
            document = outputs[0] if options["county"] else {"counties": outputs}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
            return
        for payload in outputs:
            self._text(payload)

    def _text(self, payload: dict[str, Any]) -> None:
        names = {m["number"]: m["name"] for m in payload["municipalities"]}
        self.stdout.write(f"Fylke {payload['county']} ({len(names)} kommuner, barn fra {payload['year']})")
        for reason in payload.get("infeasible", []):
            self.stdout.write(f"  Kan ikke oppfylles: {reason['message']}")
        for service in payload.get("services", []):
            members = ", ".join(names[n] for n in service["members"])
            self.stdout.write(
                f"  {names[service['host']]}: {members} — {service['fte']} årsverk, "
                f"{service['children_0_17']} barn, lengst {service['longest_km']} km"
            )
        if "objective" in payload:
            self.stdout.write(
                f"  Mål {payload['objective']:.0f}, grense {payload['bound']:.0f}, gap {payload['gap']:.4%}, "
                f"optimal: {'ja' if payload['optimal'] else 'nei'}, {payload['seconds']:.2f} s"
            )
