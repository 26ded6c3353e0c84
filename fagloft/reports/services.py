"""Writes to the tilstandsrapport. Each is a use case: the permission check, the change and its audit
rows in one transaction. The figures come from `sections.build`, never from the caller."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, roles_of
from fagloft.accounts.typing import Actor
from fagloft.accounts.use_cases import system_job, use_case
from fagloft.audit.concurrency import save_checked
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_update, snapshot
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries as org_queries
from fagloft.organizations import services as org_services
from fagloft.organizations.models import CouncilHandling, County, Municipality, Service
from fagloft.reports import sections as prefill
from fagloft.reports.labels import text
from fagloft.reports.models import AboutText, Batch, Comment, Report, Section, SectionKey, SectionVersion
from fagloft.reports.permissions import (
    COMMENT,
    EDIT,
    EDIT_ABOUT,
    GENERATE,
    MARK_READY,
    RECORD_HANDLING,
)


def _name(actor: Actor) -> str:
    if actor is None:
        return _("Fagløft")
    return actor.get_full_name() or actor.get_username()


def _title(form: str, year: int, unit: Any) -> str:
    if form == Report.Form.SHARED:
        return _("Tilstandsrapport %(year)s – felles del for %(unit)s") % {"year": year, "unit": unit}
    return _("Tilstandsrapport %(year)s – %(unit)s") % {"year": year, "unit": unit}


def _served(service: Service, year: int) -> list[Municipality]:
    day = min(timezone.localdate(), datetime.date(year, 12, 31))
    return [c.municipality for c in org_queries.coverages_of(service) if c.is_valid_on(day)]


def _new_report(
    actor: Actor,
    service: Service,
    year: int,
    form: str,
    municipality: Municipality | None,
    covers: list[Municipality],
    shared_part: Report | None = None,
    is_demo: bool = False,
) -> Report:
    clash = Report.objects.filter(service=service, year=year, form=form, municipality=municipality)
    if clash.exists():
        raise Refused(_("Det finnes allerede en slik rapport for %(year)s.") % {"year": year}, field="form")
    unit = municipality.name if municipality else service.name
    report = Report.objects.create(
        service=service,
        municipality=municipality,
        shared_part=shared_part,
        form=form,
        year=year,
        title=_title(form, year, unit),
        created_by=actor if getattr(actor, "pk", None) else None,
        is_demo=is_demo,
    )
    report.municipalities.set(covers)
    _write_drafts(report, prefill.build(report), only_untouched=False)
    record_create(actor, report)
    return report


def _language() -> str:
    language = (translation.get_language() or "nb")[:2]
    return language if language in ("nb", "nn", "en") else "nb"


def _write_drafts(report: Report, figures: dict[str, Any], only_untouched: bool) -> None:
    """Each section's first text from the figures, in the writer's language; a section somebody has
    edited is never overwritten."""
    drafts = prefill.drafts(report, figures)
    existing = {s.key: s for s in report.sections.all()}
    language = _language()
    for key, draft in drafts.items():
        section = existing.get(key)
        body = text(draft, language)
        if section is None:
            Section.objects.create(report=report, key=key, text=body)
        elif only_untouched and not section.edited and section.text != body:
            section.text = body
            section.save(update_fields=["text", "updated_at"])


@use_case(EDIT, on="service")
def create_report(
    actor: Actor,
    service: Service,
    *,
    year: int,
    form: str = Report.Form.MUNICIPALITY,
    municipality: Municipality | None = None,
    is_demo: bool = False,
) -> Report:
    """Start the year's report in one of Bufdir's three forms for a service serving several
    municipalities: one per municipality, one for the whole service, or a shared part with one part
    per municipality (created together)."""
    served = _served(service, year)
    if not served:
        raise Refused(_("Tjenesten dekker ingen kommuner i %(year)s.") % {"year": year}, field="year")
    if form == Report.Form.MUNICIPALITY:
        if municipality is None:
            if len(served) != 1:
                raise Refused(_("Velg kommunen rapporten gjelder."), field="municipality")
            municipality = served[0]
        if municipality not in served:
            raise Refused(_("Tjenesten dekker ikke %(name)s.") % {"name": municipality.name}, field="municipality")
        return _new_report(actor, service, year, form, municipality, [municipality], is_demo=is_demo)
    if form == Report.Form.SERVICE:
        return _new_report(actor, service, year, form, None, served, is_demo=is_demo)
    if form == Report.Form.SHARED:
        shared = _new_report(actor, service, year, form, None, served, is_demo=is_demo)
        for member in served:
            _new_report(actor, service, year, Report.Form.PART, member, [member], shared_part=shared, is_demo=is_demo)
        return shared
    raise Refused(_("Velg en av formene Bufdir tilbyr."), field="form")


@system_job
def create_draft(municipality: Municipality, year: int) -> Report | None:
    """The batch's step for one municipality: its report, unless the service already has one that
    covers it for the year. None when no service serves the municipality."""
    if Report.objects.filter(year=year, municipalities=municipality).exists():
        return None
    coverage = next(
        (c for c in org_queries.services_for(municipality) if c.is_valid_on(datetime.date(year, 12, 31))), None
    )
    if coverage is None:
        return None
    return _new_report(None, coverage.service, year, Report.Form.MUNICIPALITY, municipality, [municipality])


@use_case(EDIT, on="section")
def save_section(actor: Actor, section: Section, *, expected_version: Any, text: str) -> Section:
    report = section.report
    if report.is_locked:
        raise Refused(_("Rapporten er sendt til kommunestyret og kan ikke endres."), field="text")
    before = snapshot(section, ["text"])
    previous = section.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if previous == 0 and section.text:
        # The prefilled draft becomes version 1, so the first edit has something to be compared with.
        SectionVersion.objects.create(section=section, number=1, text=section.text, saved_by_name=_("Fagløft"))
        previous = 1
    section.text = text
    section.edited = True
    save_checked(section, expected_version, ["text", "edited"])
    SectionVersion.objects.create(
        section=section,
        number=previous + 1,
        text=text,
        saved_by=actor if getattr(actor, "pk", None) else None,
        saved_by_name=_name(actor),
    )
    record_update(actor, section, before)
    return section


@use_case(EDIT, on="report")
def freeze_figures(actor: Actor, report: Report, *, expected_version: Any, day: datetime.date) -> Report:
    """Read every figure as it stands on `day` and store it, so the document stops changing.
    Freezing again at another date replaces the figures; texts nobody edited follow them."""
    if report.is_locked:
        raise Refused(_("Rapporten er sendt til kommunestyret og kan ikke endres."), field="day")
    if day > timezone.localdate():
        raise Refused(_("Tallene kan ikke låses på en dato fram i tid."), field="day")
    before = snapshot(report, ["figures_date", "frozen_at"])
    report.figures = prefill.build(report, day)
    report.figures_date = day
    report.frozen_at = timezone.now()
    save_checked(report, expected_version, ["figures", "figures_date", "frozen_at"])
    _write_drafts(report, report.figures, only_untouched=True)
    record_update(actor, report, before, message=_("Tallene låst"))
    return report


@use_case(EDIT, on="report")
def unfreeze_figures(actor: Actor, report: Report, *, expected_version: Any) -> Report:
    if report.is_locked:
        raise Refused(_("Rapporten er sendt til kommunestyret og kan ikke endres."), field="version")
    before = snapshot(report, ["figures_date", "frozen_at"])
    report.figures, report.figures_date, report.frozen_at = {}, None, None
    save_checked(report, expected_version, ["figures", "figures_date", "frozen_at"])
    record_update(actor, report, before, message=_("Tallene låst opp"))
    return report


@use_case(COMMENT, on="report")
def add_comment(actor: Actor, report: Report, *, text: str, section_key: str = "") -> Comment:
    if section_key and section_key not in SectionKey.values and not section_key.startswith("themes."):
        raise Refused(_("Ukjent del av rapporten."), field="section_key")
    comment = Comment.objects.create(
        report=report,
        section_key=section_key,
        author=actor if getattr(actor, "pk", None) else None,
        author_name=_name(actor),
        text=text,
    )
    record_create(actor, comment)
    return comment


@use_case(MARK_READY, on="report")
def mark_ready(actor: Actor, report: Report, *, expected_version: Any) -> Report:
    """The report goes to the council: its figures must be frozen, and it is no longer edited."""
    if report.status != Report.Status.DRAFT:
        raise Refused(_("Rapporten er allerede klar for kommunestyret."), field="version")
    if not report.is_frozen:
        raise Refused(_("Lås tallene før rapporten sendes til kommunestyret."), field="version")
    before = snapshot(report, ["status", "ready_at"])
    report.status = Report.Status.READY
    report.ready_at = timezone.now()
    save_checked(report, expected_version, ["status", "ready_at"])
    record_update(actor, report, before, message=_("Klar for kommunestyret"))
    return report


@use_case(MARK_READY, on="report")
def reopen(actor: Actor, report: Report, *, expected_version: Any) -> Report:
    """Back to draft before the council has handled it (a correction)."""
    if report.status != Report.Status.READY:
        raise Refused(_("Bare en rapport som er klar for kommunestyret kan åpnes igjen."), field="version")
    before = snapshot(report, ["status", "ready_at"])
    report.status, report.ready_at = Report.Status.DRAFT, None
    save_checked(report, expected_version, ["status", "ready_at"])
    record_update(actor, report, before, message=_("Åpnet igjen"))
    return report


@use_case(RECORD_HANDLING, on="report")
def record_handling(
    actor: Actor, report: Report, *, expected_version: Any, document: Any = None, **values: Any
) -> list[CouncilHandling]:
    """The council handled the report: recorded for each municipality it covers (in organizations,
    where the assessment reads it), and the report is marked handled."""
    if report.status == Report.Status.DRAFT:
        raise Refused(_("Rapporten må være klar for kommunestyret før behandlingen registreres."), field="date")
    handlings = [
        org_services.record_council_handling(
            actor,
            municipality,
            kind=CouncilHandling.Kind.STATUS_REPORT,
            year=report.year,
            document=document,
            **values,
        )
        for municipality in report.municipalities.order_by("number")
    ]
    before = snapshot(report, ["status", "handled_at"])
    report.status = Report.Status.HANDLED
    report.handled_at = timezone.now()
    save_checked(report, expected_version, ["status", "handled_at"])
    record_update(actor, report, before, message=_("Behandlet i %(body)s") % {"body": values.get("body", "")})
    for part in report.parts.exclude(status=Report.Status.HANDLED):
        part.status, part.handled_at = Report.Status.HANDLED, report.handled_at
        part.save(update_fields=["status", "handled_at", "updated_at"])
    return handlings


@use_case(EDIT_ABOUT, on="service")
def save_about_text(actor: Actor, service: Service, *, expected_version: Any, text: str) -> AboutText:
    """The service's standard text about child welfare, reused in every year's report."""
    about, created = AboutText.objects.get_or_create(service=service, defaults={"text": text})
    if created:
        record_create(actor, about)
        return about
    before = snapshot(about, ["text"])
    about.text = text
    save_checked(about, expected_version, ["text"])
    record_update(actor, about, before)
    # Drafts nobody has edited take the new text.
    Section.objects.filter(
        report__service=service, report__status=Report.Status.DRAFT, key=SectionKey.ABOUT, edited=False
    ).update(text=text)
    return about


@use_case(GENERATE)
def start_batch(actor: Actor, *, county: County | None, year: int) -> Batch:
    """Drafts for every municipality of `county` (the nation when None), one task each."""
    from fagloft.reports import tasks

    if actor is not None:
        if county is None and not roles_of(actor) & GLOBAL_ROLES:
            raise PermissionDenied
        if county is not None:
            from fagloft.accounts.access import can

            if not can(actor, GENERATE, county):
                raise PermissionDenied
    municipalities = list(_batch_municipalities(county, year))
    batch = Batch.objects.create(
        county=county,
        year=year,
        total=len(municipalities),
        started_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, AuditEvent.Verb.CREATE, batch, {"year": [None, year], "total": [None, batch.total]})
    batch_id = batch.pk
    from django.db import transaction

    transaction.on_commit(lambda: tasks.enqueue_batch(batch_id, [m.pk for m in municipalities]))
    return batch


def _batch_municipalities(county: County | None, year: int) -> Any:
    day = min(timezone.localdate(), datetime.date(year, 12, 31))
    if county is not None:
        return org_queries.municipalities_in_county(county, day)
    return Municipality.objects.valid_on(day).order_by("number")


@system_job
def run_batch_step(batch_id: int, municipality_id: int) -> None:
    """One task: one municipality's draft; counts itself done (or failed) on the batch."""
    municipality = Municipality.objects.get(pk=municipality_id)
    try:
        create_draft(municipality, Batch.objects.values_list("year", flat=True).get(pk=batch_id))
    except Exception as error:  # noqa: BLE001 - one municipality's failure must not stop the county
        batch = Batch.objects.get(pk=batch_id)
        batch.errors = [*batch.errors, f"{municipality}: {error}"][-50:]
        batch.failed = F("failed") + 1
        batch.save(update_fields=["errors", "failed"])
        return
    Batch.objects.filter(pk=batch_id).update(done=F("done") + 1)
