"""Writes of the kostra app: start a validation run, store its figures, purge old reports.

The uploaded file goes to a private temp file that is deleted as soon as the validation has run
(also when it fails). Nothing from the file except the report and the figures reaches the
database, and nothing from it is logged. The validation itself is the task in `tasks.py`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.permissions import STORE_FIGURES, UPLOAD
from fagloft.lib.refusals import Refused
from fagloft.lib.safexml import default_max_bytes
from fagloft.organizations.models import District, Municipality, Service, ServiceCoverage


class UploadRefused(Refused):
    """The upload cannot be validated (too large, empty). The message is Norwegian."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, field="file")


class StoreRefused(Refused):
    """The run's figures cannot be stored as the service's (no figures, another municipality,
    errors not confirmed)."""


def _save_upload_to_temp(chunks: Iterable[bytes], max_bytes: int | None = None) -> str:
    """Copy an upload to a private temp file, refusing it as soon as it passes the size limit."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    handle, path = tempfile.mkstemp(prefix="kostra-", suffix=".xml")  # mode 0600
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                written += len(chunk)
                if written > limit:
                    raise UploadRefused(
                        _("Filen er for stor. Største tillatte størrelse er %(limit)s MB.")
                        % {"limit": f"{limit / 1_000_000:.0f}"}
                    )
                out.write(chunk)
        if written == 0:
            raise UploadRefused(_("Filen er tom."))
    except BaseException:
        remove_file(path)
        raise
    return path


@not_a_use_case  # deletes the temp file, writes nothing to the database; the task needs it too
def remove_file(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


@use_case(UPLOAD, on="service")
def start_run(actor: Any, service: Service, upload: Any, year: int | None = None) -> ValidationRun:
    """Create the run and hand the file to the validation task (immediate in demo and tests)."""
    from fagloft.kostra.tasks import validate_upload

    path = _save_upload_to_temp(upload.chunks())
    try:
        run = ValidationRun.objects.create(
            service=service,
            uploaded_by=actor,
            file_name=os.path.basename(upload.name or "")[:200],
            file_size=os.path.getsize(path),
            year=year,
        )
        record_create(actor, run, message="KOSTRA 15F-fil lastet opp for kontroll")
        # Inside the use case's transaction: with the database worker the task row commits with the run.
        validate_upload.enqueue(run.pk, path, year)
    except BaseException:
        remove_file(path)
        raise
    return run


def _coverages_by_number(service: Service, year: int | None) -> dict[str, list[ServiceCoverage]]:
    """{municipality number: the service's coverages it falls under} for a file of `year`: the
    coverages in or after that year, under the municipality's number and every earlier number it had
    (a service covering Alta 5601 may store a 2020 file numbered 5403: the successor links say it is
    Alta)."""
    coverages = service.coverages.select_related("municipality", "district")
    if year:
        coverages = coverages.filter(Q(valid_to__isnull=True) | Q(valid_to__year__gte=year))
    found: dict[str, list[ServiceCoverage]] = {}
    for coverage in coverages:
        municipalities = {coverage.municipality_id}
        frontier = set(municipalities)
        while frontier:  # renumbering is a short chain; the loop ends when no earlier number is new
            earlier = set(Municipality.objects.filter(successors__in=frontier).values_list("pk", flat=True))
            frontier = earlier - municipalities
            municipalities |= frontier
        for number in Municipality.objects.filter(pk__in=municipalities).values_list("number", flat=True):
            found.setdefault(number, []).append(coverage)
    return found


@not_a_use_case
def covered_numbers(service: Service, year: int | None) -> set[str]:
    """The municipality numbers a file of `year` may carry to count as this service's: the
    municipalities it covers in or after that year, and every earlier number they had."""
    return set(_coverages_by_number(service, year))


def _name_key(name: str) -> str:
    # Case systems write «Gamle Oslo», «GAMLE OSLO» or «Bydel Gamle Oslo»: all the same district.
    key = " ".join(name.split()).casefold()
    return key.removeprefix("bydel ").strip()


@not_a_use_case
def resolve_districts(municipality_number: str, districts: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The district numbers of a file's clients and the names that match no district.

    `districts` are the (Bydelsnummer, Bydelsnavn) pairs the file's clients carry. A client's
    number decides; a client with a name only is matched on the name against the districts of the
    file's municipality (Testfil_03's «Gamle Oslo» is 01); a client with neither counts as "", no
    district. A name that matches no district is returned apart, so storing can name it.
    """
    by_name = {
        _name_key(name): number
        for number, name in District.objects.filter(municipality__number=municipality_number).values_list(
            "number", "name"
        )
    }
    numbers: set[str] = set()
    unmatched: set[str] = set()
    for number, name in districts:
        if number:
            numbers.add(number)
        elif not name:
            numbers.add("")
        elif _name_key(name) in by_name:
            numbers.add(by_name[_name_key(name)])
        else:
            unmatched.add(name)
    return sorted(numbers), sorted(unmatched)


@use_case(STORE_FIGURES, on="run")
def store_figures(actor: Any, run: ValidationRun, *, acknowledged_errors: int | None = None) -> int:
    """Store the run's figures as the service's indicator values for the run's year (audited).

    Refused when the file is for a municipality (or district) the service does not cover, and when the file
    has errors that the caller has not confirmed by naming their number (`acknowledged_errors`):
    figures from a file with errors may be wrong, and once stored the county and Bufdir read them.
    """
    from fagloft.statistics.publishing import NewValue, record_values

    if not run.readable or run.status != ValidationRun.Status.DONE or not run.indicators or not run.year:
        raise StoreRefused(_("Denne kontrollen har ingen nøkkeltall som kan lagres."))
    refusal = not_covered(run)
    if refusal:
        raise StoreRefused(refusal)
    if run.error_count and acknowledged_errors != run.error_count:
        raise StoreRefused(
            ngettext(
                "Filen har %(count)s feil. Bekreft at du vil lagre tallene likevel.",
                "Filen har %(count)s feil. Bekreft at du vil lagre tallene likevel.",
                run.error_count,
            )
            % {"count": run.error_count},
            field="confirm",
        )
    values = [
        NewValue(
            indicator_code=code,
            year=run.year,
            value=figure.get("value"),
            service_id=run.service_id,
            numerator=figure.get("numerator"),
            denominator=figure.get("denominator"),
            is_preliminary=True,
        )
        for code, figure in run.indicators.items()
        if figure.get("value") is not None
    ]
    written = record_values(
        actor, values, source="kostra_15f", source_detail=f"Egen KOSTRA 15F-fil {run.file_name} ({run.year})"
    )
    run.stored_at, run.stored_year = timezone.now(), run.year
    run.save(update_fields=["stored_at", "stored_year"])
    record(
        actor,
        AuditEvent.Verb.UPDATE,
        run,
        {"nøkkeltall lagret for år": [None, run.year]},
        message=f"{written} nøkkeltall fra KOSTRA 15F lagret for {run.year}"
        + (f", med {run.error_count} feil i filen" if run.error_count else ""),
    )
    return written


@not_a_use_case
def not_covered(run: ValidationRun) -> str:
    """Why the run's file is not the service's (a Norwegian sentence), or "" when it is.

    The file's municipality must be one the service covers (under its number then or now). When the
    service covers only some districts of it (Oslo's districts have a service each), every client
    in the file must belong to one of those districts; a whole-municipality coverage takes any."""
    number = run.municipality_number
    if not number or number == "0000":
        return _("Filen oppgir ikke hvilken kommune den gjelder, så tallene kan ikke lagres som tjenestens tall.")
    coverages = _coverages_by_number(run.service, run.year).get(number)
    if not coverages:
        known = Municipality.objects.filter(number=number).first()
        return _(
            "Filen gjelder kommune %(number)s%(name)s, som ikke er en av kommunene %(service)s dekker. Tallene "
            "kan ikke lagres som tjenestens tall."
        ) % {"number": number, "name": f" {known.name}" if known else "", "service": run.service.name}
    if any(coverage.district_id is None for coverage in coverages):
        return ""
    covered = {c.district.number: c.district for c in coverages if c.district is not None}
    outside = [n for n in run.district_numbers if n not in covered]
    if not outside and not run.unmatched_district_names:
        return ""
    municipality = coverages[0].municipality
    names = dict(municipality.districts.values_list("number", "name"))
    found = [
        _("bydel %(number)s %(name)s") % {"number": n, "name": names[n]}
        if n in names
        else _("bydel %(number)s (ukjent bydelsnummer)") % {"number": n}
        for n in outside
        if n
    ]
    found += [_("ukjent bydel «%(name)s»") % {"name": name} for name in run.unmatched_district_names]
    if "" in outside:
        found.append(_("barn uten oppgitt bydel"))
    return _(
        "Filen har barn som %(service)s ikke dekker: %(found)s. Tjenesten dekker bare %(covered)s i "
        "%(municipality)s, så tallene kan ikke lagres som tjenestens tall."
    ) % {
        "service": run.service.name,
        "found": ", ".join(found),
        "covered": ", ".join(
            _("bydel %(number)s %(name)s") % {"number": d.number, "name": d.name}
            for d in sorted(covered.values(), key=lambda d: d.number)
        ),
        "municipality": municipality.name,
    }


@system_job
def purge_expired(now: Any = None) -> int:
    """Delete reports older than the retention period. Returns how many were deleted."""
    deleted, _count = ValidationRun.expired(now).delete()
    return deleted
