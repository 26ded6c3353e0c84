"""`fagloft economy pool --municipalities 5601,5603,5605 --key children --year 2026 --runs 100000 --seed 1
--format json`

Simulates the members jointly (the same draws), pools their cost and splits it by the key, and
prints each member's inputs and risk standalone and pooled, and the pool as a whole. Writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fagloft.economy import queries
from fagloft.economy import simulation as sim
from fagloft.economy.management.commands._common import add_common, check_runs, kroner, municipality
from fagloft.lib.progress import TqdmReporter


class Command(BaseCommand):
    help = "Simulate the pooled cost risk of a cooperation of municipalities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", required=True, help="comma-separated numbers, e.g. 5601,5603")
        parser.add_argument("--key", choices=list(sim.KEYS), default=sim.CHILDREN, help="how the pooled cost is split")
        add_common(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        check_runs(options)
        numbers = [n for n in options["municipalities"].split(",") if n.strip()]
        if len(set(numbers)) != len(numbers) or not numbers:
            raise CommandError("--municipalities must list distinct numbers")
        units = [municipality(n) for n in numbers]
        models = [queries.cost_model(u, options["year"]) for u in units]
        members = queries.pool_members(models, options["years"])
        reporter = TqdmReporter(enabled=not options["no_progress"])
        reporter.start("Simulerer", options["runs"])
        result = sim.pool(
            members, key=options["key"], runs=options["runs"], seed=options["seed"], progress=reporter.advance
        )
        reporter.finish()
        by_id = {u.pk: u for u in units}
        data: dict[str, Any] = {
            "year": options["year"],
            "key": options["key"],
            "runs": options["runs"],
            "seed": options["seed"],
            "members": {},
            "total": result.total.as_dict(),
        }
        for member, model, unit_input in zip(result.members, models, members, strict=True):
            unit = by_id[member.key]
            data["members"][unit.number] = {
                "name": unit.name,
                "children_0_17": model.children,
                "population": model.population,
                "inputs": unit_input.model.as_dict(),
                **member.as_dict(),
            }
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Samarbeid {', '.join(numbers)} {options['year']}, nøkkel {options['key']}, {options['runs']} simuleringer"
        )
        for number, member in data["members"].items():
            alone, pooled = member["standalone"], member["pooled"]
            self.stdout.write(
                f"  {number} {member['name']:<20} andel {100 * member['share']:5.1f} %  snitt {kroner(alone['mean'])}"
                f"  P99 alene {kroner(alone['p99'])}  i samarbeid {kroner(pooled['p99'])}"
                f"  ES99 alene {kroner(alone['es99'])}  i samarbeid {kroner(pooled['es99'])}"
            )
        total = data["total"]
        self.stdout.write(
            f"  Samlet: snitt {kroner(total['mean'])}  P99 {kroner(total['p99'])}  ES99 {kroner(total['es99'])}"
        )
