"""`fagloft kostra validate FILE`: SSB's control rules on a KOSTRA 15F file, plus derived figures.

Exit codes: 0 no ERROR findings, 1 ERROR findings, 2 the file cannot be read as 15F XML.
Findings and control names come in the active language (settings.LANGUAGE_CODE), or the one
`--language nb|nn|en` names; the control program's bokmål wording is the source text.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from fagloft.kostra.models import ValidationRun
from fagloft.kostra.queries import district_labels
from fagloft.kostra.services import resolve_districts
from fagloft.kostra.validation.engine import MAX_PER_RULE, Report, validate_file
from fagloft.kostra.validation.rules import localize


class Command(BaseCommand):
    help = "Kontroller en KOSTRA 15F-fil (barnevern) med SSBs kontroller og vis nøkkeltall fra filen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--year", type=int, help="Rapporteringsår (standard: Avgiver/@Versjon i filen)")
        parser.add_argument(
            "--municipality", help="Kommunenummer (4 sifre) eller region (6 sifre); standard: Avgiver/@Kommunenummer"
        )
        parser.add_argument("--no-progress", action="store_true", help="Ikke vis fremdrift")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Språk for meldingene (standard: det aktive språket)",
        )
        parser.add_argument(
            "--all-findings",
            action="store_true",
            help=f"Vis alle funn (standard: de første {MAX_PER_RULE} per kontroll; alle telles)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = options.get("municipality")
        if municipality and not (municipality.isdigit() and len(municipality) in (4, 6)):
            raise CommandError("--municipality må være et kommunenummer med 4 sifre eller en region med 6 sifre.")
        bar = _ProgressBar(sys.stderr) if not options["no_progress"] and sys.stderr.isatty() else None
        try:
            report = validate_file(
                options["file"],
                year=options.get("year"),
                municipality=municipality,
                progress=bar,
                max_per_rule=None if options["all_findings"] else MAX_PER_RULE,
            )
        except FileNotFoundError as error:
            self.stderr.write(f"Finner ikke filen: {error.filename}")
            sys.exit(2)
        finally:
            if bar is not None:
                bar.close()
        with translation.override(options.get("language") or translation.get_language()):
            if options["format"] == "json":
                data = {**report.as_json(), "districts": districts_of(report)}
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
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


def districts_of(report: Report) -> dict[str, list[str]]:
    """The file's city districts as a stored run has them (`numbers`, "" for clients without one;
    `unmatched_names`) and as its page shows them (`labels`, in the active language); all empty
    for a file whose clients carry no district (every file outside Oslo), as on the page."""
    empty: dict[str, list[str]] = {"numbers": [], "unmatched_names": [], "labels": []}
    if not any(number or name for number, name in report.districts):
        return empty  # no database needed to check a file outside Oslo
    numbers, unmatched = resolve_districts(report.municipality or "", report.districts)
    # An unsaved run, so the labels are the page's own (`district_labels` reads only these fields).
    run = ValidationRun(
        municipality_number=report.municipality or "", district_numbers=numbers, unmatched_district_names=unmatched
    )
    labels = district_labels(run)
    if not labels:
        return empty
    return {"numbers": numbers, "unmatched_names": unmatched, "labels": labels}


def render_text(report: Report) -> str:
    """The report as text in the active language (findings translated once per template)."""
    summary = report.summary
    lines = [_("Fil: %(file)s") % {"file": report.file}]
    if not report.readable and report.error:
        lines.append(_("Kan ikke leses som KOSTRA 15F: %(error)s") % {"error": report.error})
    lines.append(
        _("Rapporteringsår: %(year)s  Kommune: %(municipality)s  Individer: %(children)s")
        % {
            "year": summary.get("year"),
            "municipality": summary.get("municipality"),
            "children": summary.get("children"),
        }
    )
    districts = districts_of(report)["labels"]
    if districts:
        lines.append(_("Bydeler i filen: %(districts)s") % {"districts": ", ".join(districts)})
    if summary.get("schema_validation") == "unavailable":
        lines.append(_("Merk: skjemavalidering (XSD) var ikke tilgjengelig; bare kontrollreglene er kjørt."))
    lines.append(
        _("Feil: %(errors)s  Advarsler: %(warnings)s")
        % {"errors": summary.get("errors"), "warnings": summary.get("warnings")}
    )
    if summary.get("findings_shown", 0) < summary.get("findings_total", 0):
        lines.append(
            _("Viser %(shown)s av %(total)s funn (--all-findings viser alle).")
            % {"shown": summary["findings_shown"], "total": summary["findings_total"]}
        )
    for finding in localize(report.findings):
        rule = finding["rule"] or "-"
        lines.append(f"  {finding['severity']:<7} {rule:<16} {finding['record']}: {finding['message']}")
    if report.indicators:
        lines.append(_("Nøkkeltall fra filen:"))
        for code, figure in report.indicators.items():
            fraction = f" ({figure['numerator']}/{figure['denominator']})" if figure["denominator"] is not None else ""
            lines.append(f"  {figure['name']}: {_format(figure['value'])}{fraction}  [{code}]")
    return "\n".join(lines)


def _format(value: Any) -> str:
    return "–" if value is None else f"{value:g}"
