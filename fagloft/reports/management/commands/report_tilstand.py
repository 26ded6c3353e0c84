"""`fagloft report tilstand`: the tilstandsrapport as Word or PDF, in bokmål or nynorsk.

    fagloft report tilstand --municipality 5601 --year 2025 --format docx --language nb -o FILE
    fagloft report tilstand --county 56 --year 2025 --format pdf --out-dir DIR

Uses the report recorded for the municipality and year (its own, its part of a shared report, or
the whole service's). Where there is none, a draft is made from Fagløft's figures for the document
only and not kept, unless `--save` (then it is stored like the batch's drafts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from fagloft.lib.progress import TqdmReporter
from fagloft.organizations import queries as org_queries
from fagloft.organizations.models import County, Municipality
from fagloft.reports import documents
from fagloft.reports.models import Report
from fagloft.reports.services import create_draft


class _Rollback(Exception):
    pass


def report_for(municipality: Municipality, year: int) -> Report | None:
    found = Report.objects.filter(year=year, municipalities=municipality).exclude(form=Report.Form.SHARED)
    return found.order_by("form", "-pk").first()


def render_for(municipality: Municipality, year: int, fmt: str, language: str, save: bool) -> bytes | None:
    report = report_for(municipality, year)
    if report is not None:
        return documents.render(report, fmt, language)
    data: bytes | None = None
    try:
        with transaction.atomic():
            report = create_draft(municipality, year)
            data = documents.render(report, fmt, language) if report is not None else None
            if not save:
                raise _Rollback
    except _Rollback:
        pass
    return data


class Command(BaseCommand):
    help = "Write the tilstandsrapport of a municipality (or of every municipality of a county) as docx or pdf."

    def add_arguments(self, parser: Any) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--municipality", help="municipality number, e.g. 5601")
        target.add_argument("--county", help="county number, e.g. 56")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", choices=sorted(documents.FORMATS), default="docx")
        parser.add_argument("--language", choices=documents.LANGUAGES, default="nb")
        parser.add_argument("-o", "--output", help="file to write (one municipality)")
        parser.add_argument("--out-dir", help="folder to write one file per municipality into")
        parser.add_argument(
            "--save", action="store_true", help="keep the drafts made for municipalities without a report"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        year, fmt, language = options["year"], options["fmt"], options["language"]
        if options["municipality"]:
            municipality = Municipality.objects.filter(number=options["municipality"]).first()
            if municipality is None:
                raise CommandError(_("Fant ingen kommune med nummer %(number)s.") % {"number": options["municipality"]})
            data = render_for(municipality, year, fmt, language, options["save"])
            if data is None:
                raise CommandError(
                    _("%(municipality)s har ingen barneverntjeneste i %(year)s.")
                    % {"municipality": municipality, "year": year}
                )
            target = Path(options["output"] or f"tilstandsrapport-{municipality.number}-{year}-{language}.{fmt}")
            target.write_bytes(data)
            self.stdout.write(f"{target} ({len(data)} bytes)")
            return
        county = County.objects.filter(number=options["county"]).first()
        if county is None:
            raise CommandError(_("Fant ikke fylke %(number)s.") % {"number": options["county"]})
        out_dir = Path(options["out_dir"] or ".")
        out_dir.mkdir(parents=True, exist_ok=True)
        municipalities = list(org_queries.municipalities_in_county(county))
        reporter = TqdmReporter(enabled=not options["no_progress"])
        reporter.start(f"{county.name} {year}", len(municipalities))
        written, skipped = 0, []
        for municipality in municipalities:
            data = render_for(municipality, year, fmt, language, options["save"])
            if data is None:
                skipped.append(municipality.name)
            else:
                (out_dir / f"tilstandsrapport-{municipality.number}-{year}-{language}.{fmt}").write_bytes(data)
                written += 1
            reporter.advance()
        reporter.finish()
        self.stdout.write(_("%(count)s rapporter skrevet til %(folder)s") % {"count": written, "folder": out_dir})
        if skipped:
            self.stdout.write(
                _("Uten barneverntjeneste i %(year)s: %(names)s") % {"year": year, "names": ", ".join(skipped)}
            )
