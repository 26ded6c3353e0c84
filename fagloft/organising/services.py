"""Writes: make a proposal (a task solves it), turn a proposed service into a draft agreement, and
correct a distance. Each is a use case with its audit rows in the same transaction."""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop

from fagloft.accounts.use_cases import not_a_use_case, system_job, use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_create, record_delete, record_update, snapshot
from fagloft.lib import jobs
from fagloft.lib.progress import Reporter
from fagloft.lib.refusals import Refused
from fagloft.organising import model, queries
from fagloft.organising.models import DistanceOverride, Proposal, ProposedService
from fagloft.organising.permissions import DRAFT_AGREEMENT, EDIT_DISTANCES, PROPOSE
from fagloft.organizations.models import County, Municipality

JOB_KIND = "organising"
# Simulation runs per municipality for the cost-risk columns: enough for a stable P99 on a page.
RISK_RUNS = 2000
logger = logging.getLogger(__name__)
DEFAULT_TASKS = _lazy(
    "Alle oppgaver barneverntjenesten har etter barnevernsloven, delegert til vertskommunen (kommuneloven § 20-2)."
)


class ProposalJob(jobs.Job):
    SUBFOLDER = JOB_KIND


def _new_job(proposal: Proposal, user: Any) -> ProposalJob:
    job = ProposalJob(
        uuid.uuid4().hex,
        JOB_KIND,
        "",
        {"proposal": proposal.pk},
        getattr(user, "pk", None),
        timezone.now().isoformat(),
    )
    job.save()
    return job


@not_a_use_case
def load_job(job_id: str) -> ProposalJob | None:
    return ProposalJob.load(job_id) if job_id else None


@not_a_use_case
def clean_rules(values: dict[str, Any], county: County) -> dict[str, Any]:
    """The rules as stored: known keys, numbers in range, municipality numbers inside the county."""
    rules = model.Rules.from_dict(values)
    numbers = set(queries.municipalities_in_county(county).values_list("number", flat=True))
    for name in ("fixed_hosts", "alone"):
        unknown = sorted(set(getattr(rules, name)) - numbers)
        if unknown:
            raise Refused(
                _("Kommunenummer %(numbers)s hører ikke til %(county)s.")
                % {"numbers": ", ".join(unknown), "county": county.name},
                field=name,
            )
    stored = rules.as_dict()
    stored["detour"] = float(values.get("detour", model.DEFAULT_DETOUR))
    if values.get("fte_per_1000") not in (None, ""):
        stored["fte_per_1000"] = float(values["fte_per_1000"])
    if not 1.0 <= stored["detour"] <= 3.0:
        raise Refused(_("Omveisfaktoren må være mellom 1 og 3."), field="detour")
    return stored


@use_case(PROPOSE, on="county")
def start_proposal(
    actor: Any, county: County, *, title: str, rules: dict[str, Any], year: int | None = None, is_demo: bool = False
) -> Proposal:
    """Save the proposal and hand it to a task (at once with the immediate backend; a worker in
    production), which solves it and stores the services."""
    from fagloft.organising.tasks import solve_proposal_task
    from fagloft.organizations.queries import latest_population_year

    stored = clean_rules(rules, county)
    year = year or latest_population_year()
    if year is None:
        raise Refused(_("Det finnes ingen befolkningstall ennå; importer befolkning først."), field="year")
    proposal = Proposal.objects.create(
        county=county,
        title=title.strip() or _("Forslag"),
        year=year,
        rules=stored,
        created_by=actor if getattr(actor, "pk", None) else None,
        is_demo=is_demo,
    )
    job = _new_job(proposal, actor)
    proposal.job_id = job.id
    proposal.save(update_fields=["job_id"])
    record_create(actor, proposal)
    solve_proposal_task.enqueue(proposal.pk)
    return proposal


@system_job
def solve_proposal(proposal_id: int, reporter: Reporter | None = None) -> Proposal:
    """Build the county's instance, solve it, and store the services and their effect."""
    proposal = Proposal.objects.select_related("county").get(pk=proposal_id)
    job = load_job(proposal.job_id)
    reporter = reporter or (jobs.JobReporter(job) if job else Reporter())
    if job:
        job.status = jobs.RUNNING
        job.save()
    proposal.status = Proposal.Status.RUNNING
    proposal.save(update_fields=["status", "updated_at"])
    try:
        # A savepoint: a failure leaves no half-stored services behind, only the failed status.
        with transaction.atomic():
            result = _solve(proposal, reporter)
    except Exception as error:
        logger.exception("organising proposal %s failed", proposal.pk)
        proposal.status = Proposal.Status.FAILED
        proposal.reasons = [{"rule": "error", "municipality": "", "message": _("Beregningen feilet.")}]
        proposal.save(update_fields=["status", "reasons", "updated_at"])
        if job:
            job.status, job.message = jobs.FAILED, str(error)[:500]
            job.save()
        return proposal
    if job:
        job.status = jobs.DONE
        job.message = proposal.get_status_display()
        job.save()
    record(None, AuditEvent.Verb.UPDATE, proposal, {"status": [None, proposal.status]}, message=_("Beregnet"))
    return result


def _solve(proposal: Proposal, reporter: Reporter) -> Proposal:
    stored = dict(proposal.rules)
    rules = model.Rules.from_dict(stored)
    reporter.start(_("Henter tall"), 3)
    municipalities = queries.county_municipalities(proposal.county)
    inputs = queries.build_inputs(
        municipalities,
        proposal.year,
        detour=float(stored.get("detour", model.DEFAULT_DETOUR)),
        fte_per_1000=stored.get("fte_per_1000"),
    )
    reporter.advance(1)
    instance = inputs.instance
    refusal: model.Infeasible | None = None
    result: model.Result | None = None
    missing = queries.missing_points(inputs)
    if missing:
        refusal = model.Infeasible(
            [
                model.Reason(
                    "geometry",
                    m.number,
                    gettext_noop("%(name)s har ingen kartgrense, så avstanden er ukjent."),
                    {"name": m.name},
                )
                for m in missing
            ]
        )
    else:
        try:
            result = model.solve(instance, rules)
        except model.Infeasible as error:
            refusal = error
    reporter.advance(1)
    payload = model.to_json(instance, rules, result, refusal)
    payload["fte_per_1000"] = inputs.fte_per_1000
    payload["fte_rate_source"] = inputs.fte_rate_source
    proposal.inputs = {k: payload[k] for k in ("municipalities", "distance_km", "fte_per_1000", "fte_rate_source")}
    proposal.services.all().delete()
    if result is None:
        proposal.status = Proposal.Status.INFEASIBLE
        proposal.reasons = payload.get("infeasible", [])
    else:
        proposal.status = Proposal.Status.DONE
        proposal.reasons = []
        proposal.objective, proposal.bound, proposal.gap = result.objective, result.bound, result.gap
        proposal.optimal, proposal.seconds = result.optimal, result.seconds
        _store_services(proposal, inputs, result)
    reporter.advance(1)
    reporter.finish()
    proposal.save()
    return proposal


def _store_services(proposal: Proposal, inputs: queries.Inputs, result: model.Result) -> None:
    picture_flags = _flags_today(inputs)
    limit = queries.small_service_limit()
    by_id = {m.pk: m for m in inputs.municipalities}
    units = inputs.instance.units
    for plan in result.services:
        members = [by_id[units[i].id] for i in plan.members]
        fte = sum(units[i].fte for i in plan.members)
        service = ProposedService.objects.create(
            proposal=proposal,
            host=by_id[units[plan.host].id],
            fte=Decimal(str(round(fte, 2))),
            fte_estimated=any(units[i].fte_estimated for i in plan.members),
            children=sum(units[i].children for i in plan.members),
            longest_km=Decimal(str(max(inputs.instance.distance[plan.host][i] for i in plan.members))),
            effect=queries.service_effect(members, fte, picture_flags, limit, proposal.year, runs=RISK_RUNS),
        )
        service.members.set(members)


def _flags_today(inputs: queries.Inputs) -> dict[int, dict[str, Any]]:
    services = {s.pk: s for s in inputs.service_of.values()}
    assessments = queries._latest_assessments(services.values())
    limit = queries.small_service_limit()
    flags = {}
    for municipality in inputs.municipalities:
        service = inputs.service_of.get(municipality.pk)
        fte = inputs.service_fte.get(service.pk) if service else None
        flags[municipality.pk] = {
            "small": fte is not None and fte < limit,
            "vulnerable": queries._vulnerability_fired(assessments.get(service.pk) if service else None),
        }
    return flags


@use_case(DRAFT_AGREEMENT, on="proposal")
def draft_agreement(
    actor: Any,
    proposal: Proposal,
    *,
    service: ProposedService,
    tasks_delegated: str = "",
    cost_sharing_key: str = "children",
    governance: str = "",
    notice_months: int | None = 12,
    title: str = "",
) -> Any:
    """Turn one proposed service into a draft host-municipality agreement in organizations."""
    from fagloft.organizations.services import create_agreement_draft

    if service.proposal_id != proposal.pk:
        raise Refused(_("Tjenesten hører ikke til dette forslaget."), field="service")
    if service.agreement_id:
        raise Refused(_("Det er allerede laget et avtaleutkast for denne tjenesten."), field="service")
    members = list(service.members.order_by("name"))
    if len(members) < 2:
        raise Refused(_("En tjeneste med én kommune trenger ingen samarbeidsavtale."), field="service")
    agreement = create_agreement_draft(
        actor,
        parties=members,
        host=service.host,
        title=title
        or _("Vertskommunesamarbeid om barneverntjeneste med %(host)s som vertskommune") % {"host": service.host.name},
        description=_("Utkast fra organiseringsforslaget «%(proposal)s».") % {"proposal": proposal.title},
        tasks_delegated=tasks_delegated or str(DEFAULT_TASKS),
        cost_sharing_key=cost_sharing_key,
        governance=governance
        or _("Samarbeidsutvalg med én representant fra hver kommune; vertskommunen rapporterer årlig."),
        notice_months=notice_months,
    )
    before = snapshot(service, ["agreement"])
    service.agreement = agreement
    service.save(update_fields=["agreement"])
    record_update(actor, service, before, message=_("Avtaleutkast laget"))
    return agreement


@use_case(EDIT_DISTANCES)
def save_distance(
    actor: Any, *, first: Municipality, second: Municipality, km: Decimal, note: str = ""
) -> DistanceOverride:
    """Set the real distance between two municipalities (either order; stored once per pair)."""
    if first.pk == second.pk:
        raise Refused(_("Velg to forskjellige kommuner."), field="second")
    if first.pk > second.pk:
        first, second = second, first
    existing = DistanceOverride.objects.filter(first=first, second=second).first()
    if existing:
        before = snapshot(existing)
        existing.km, existing.note = km, note
        existing.full_clean()
        existing.save()
        record_update(actor, existing, before)
        return existing
    override = DistanceOverride(first=first, second=second, km=km, note=note)
    override.full_clean()
    override.save()
    record_create(actor, override)
    return override


@use_case(EDIT_DISTANCES, on="override")
def delete_distance(actor: Any, override: DistanceOverride) -> None:
    record_delete(actor, override)
    override.delete()
