"""`fagloft kostra validate FILE`: SSB's control rules on a KOSTRA 15F file, plus derived figures.

Exit codes: 0 no ERROR findings, 1 ERROR findings, 2 the file cannot be read as 15F XML.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fagloft.kostra.validation.engine import MAX_PER_RULE, Report, validate_file


class Command(BaseCommand):
    help = "Kontroller en KOSTRA 15F-fil (barnevern) med SSBs kontroller og vis nøkkeltall fra filen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--year", type=int, help="Rapporteringsår (standard: Avgiver/@Versjon i filen)")
        parser.add_argument("--municipality", help="Kommunenummer (4 sifre) eller region (6 sifre); "
                                                   "standard: Avgiver/@Kommunenummer")
        parser.add_argument("--no-progress", action="store_true", help="Ikke vis fremdrift")
        parser.add_argument("--all-findings", action="store_true",
                            help=f"Vis alle funn (standard: de første {MAX_PER_RULE} per kontroll; alle telles)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = options.get("municipality")
        if municipality and not (municipality.isdigit() and len(municipality) in (4, 6)):
            raise CommandError("--municipality må være et kommunenummer med 4 sifre eller en region med 6 sifre.")
        bar = _ProgressBar(sys.stderr) if not options["no_progress"] and sys.stderr.isatty() else None
        try:
            report = validate_file(options["file"], year=options.get("year"), municipality=municipality,
                                   progress=bar, max_per_rule=None if options["all_findings"] else MAX_PER_RULE)
        except FileNotFoundError as error:
            self.stderr.write(f"Finner ikke filen: {error.filename}")
            sys.exit(2)
        finally:
            if bar is not None:
                bar.close()
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report))
        sys.exit(report.exit_code)


class _ProgressBar:
    """A progress bar on stderr (tqdm), in bytes of the file read."""

    def __init__(self, stream: Any) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=0, unit="B", unit_scale=True, file=stream, desc="Kontrollerer", leave=False)

    def __call__(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def render_text(report: Report) -> str:
    summary = report.summary
    lines = [f"Fil: {report.file}"]
    if not report.readable and report.error:
        lines.append(f"Kan ikke leses som KOSTRA 15F: {report.error}")
    lines.append(f"Rapporteringsår: {summary.get('year')}  Kommune: {summary.get('municipality')}  "
                 f"Individer: {summary.get('children')}")
    if summary.get("schema_validation") == "unavailable":
        lines.append("Merk: skjemavalidering (XSD) var ikke tilgjengelig; bare kontrollreglene er kjørt.")
    lines.append(f"Feil: {summary.get('errors')}  Advarsler: {summary.get('warnings')}")
    if summary.get("findings_shown", 0) < summary.get("findings_total", 0):
        lines.append(f"Viser {summary['findings_shown']} av {summary['findings_total']} funn (--all-findings viser alle).")
    for finding in report.findings:
        rule = finding["rule"] or "-"
        lines.append(f"  {finding['severity']:<7} {rule:<16} {finding['record']}: {finding['message']}")
    if report.indicators:
        lines.append("Nøkkeltall fra filen:")
        for code, figure in report.indicators.items():
            fraction = f" ({figure['numerator']}/{figure['denominator']})" if figure["denominator"] is not None else ""
            lines.append(f"  {figure['name']}: {_format(figure['value'])}{fraction}  [{code}]")
    return "\n".join(lines)


def _format(value: Any) -> str:
    return "–" if value is None else f"{value:g}"
