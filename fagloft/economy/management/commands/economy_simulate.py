"""`fagloft economy simulate --municipality 5601 --year 2026 --runs 100000 --seed 1 --format json`

Simulates the municipality's yearly cost of measures from its cost model (stored, or derived from
statistics and the national rates) and prints the inputs per kind, the analytic `expected_cost`
and the simulated mean, p50, p90, p99 and es99. Writes nothing unless `--store` is given.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fagloft.economy import queries
from fagloft.economy import simulation as sim
from fagloft.economy.management.commands._common import add_common, check_runs, kroner, municipality
from fagloft.economy.models import Scenario
from fagloft.lib.progress import TqdmReporter


class Command(BaseCommand):
    help = "Simulate a municipality's cost risk for child welfare measures (Monte Carlo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="municipality number, e.g. 5601")
        parser.add_argument("--scenario", default=None, help="code of a scenario preset")
        parser.add_argument("--store", action="store_true", help="store the run as the system")
        add_common(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        check_runs(options)
        unit = municipality(options["municipality"])
        scenario = None
        if options["scenario"]:
            scenario = Scenario.objects.filter(code=options["scenario"]).first()
            if scenario is None:
                raise CommandError(f"no scenario {options['scenario']}")
        model = queries.cost_model(unit, options["year"])
        inputs = queries.model_input(model, scenario, options["years"])
        reporter = TqdmReporter(enabled=not options["no_progress"])
        reporter.start("Simulerer", options["runs"])
        result = sim.simulate(inputs, runs=options["runs"], seed=options["seed"], progress=reporter.advance)
        reporter.finish()
        data = {
            "municipality": {"number": unit.number, "name": unit.name},
            "year": options["year"],
            "scenario": scenario.code if scenario else None,
            "model": model.as_dict(),
            **result.as_dict(),
        }
        if options["store"]:
            from fagloft.economy.services import start_simulation

            run = start_simulation(
                None,
                unit,
                year=options["year"],
                runs=options["runs"],
                seed=options["seed"],
                scenario=scenario,
                years=options["years"],
            )
            data["stored_run"] = run.pk
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{unit.name} ({unit.number}) {options['year']}, {options['runs']} simuleringer, seed {options['seed']}"
        )
        for kind in data["inputs"]["kinds"]:
            count = kind["new_placements"]
            self.stdout.write(
                f"  {kind['kind']:<28} ved start {kind['carried_over']:>4}"
                f"  nye {count['mean']:>7.2f} ({count['distribution']})"
                f"  varighet {kind['mean_duration_months']:>5.1f} mnd  sats {kroner(kind['monthly_rate'])}"
            )
        for name in ("expected_cost", "mean", "p50", "p90", "p99", "es99"):
            self.stdout.write(f"  {name:<14} {kroner(data[name])}")
        if data.get("prob_over_budget") is not None:
            self.stdout.write(f"  over budsjett  {100 * data['prob_over_budget']:.1f} %")
