"""Reads for pages, the API and other apps (grants reads plan adoption through this module)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from fagloft.accounts.access import Action, visible
from fagloft.networks.models import (
    ContactPerson,
    DevelopmentProject,
    Gathering,
    Idea,
    Network,
    NetworkMember,
    NetworkRole,
    OutcomeMeasure,
    OverallPlan,
    Participation,
    PlanAdoption,
)
from fagloft.networks.permissions import VIEW_NETWORK, own_coordinated_network_ids
from fagloft.organizations.models import Municipality


def networks_for(user: Any, action: Action) -> QuerySet[Network]:
    """The networks `user` may do `action` on. `visible()` filters by roles and scope; the
    coordinator narrowing (rule `OWN_NETWORKS_IF_NAMED`, which `can()` applies to one object)
    is applied here to the list, with the same helper."""
    queryset = visible(user, action, Network.objects.select_related("county", "county_advisor"))
    own = own_coordinated_network_ids(user)
    return queryset.filter(pk__in=own) if own is not None else queryset


def network_list(user: Any, action: Action) -> QuerySet[Network]:
    return (
        networks_for(user, action)
        .annotate(
            member_count=Count("members", distinct=True),
        )
        .order_by("county__number", "name")
    )


def members_of(network: Network) -> list[NetworkMember]:
    return list(network.members.select_related("municipality"))


def member_municipalities(network: Network) -> QuerySet[Municipality]:
    return Municipality.objects.filter(network_memberships__network=network).order_by("number")


def steering_group(network: Network) -> list[NetworkRole]:
    return list(network.roles.select_related("municipality", "environment", "user"))


# ---- contact persons -------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedContact:
    """What the other members may see of a contact person: only details consented to."""

    name: str
    role_title: str
    municipality: str
    email: str | None
    phone: str | None


def shared_contacts(network: Network) -> list[SharedContact]:
    contacts = ContactPerson.objects.filter(network=network).select_related("municipality")
    return [_shared(contact) for contact in contacts]


def _shared(contact: ContactPerson) -> SharedContact:
    consented = contact.consent_given_at is not None and contact.consent_withdrawn_at is None
    return SharedContact(
        name=contact.name,
        role_title=contact.role_title,
        municipality=contact.municipality.name if contact.municipality else "",
        email=contact.email if consented and contact.share_email and contact.email else None,
        phone=contact.phone if consented and contact.share_phone and contact.phone else None,
    )


# ---- overall plan and adoption ---------------------------------------------------------------


def current_plan(network: Network) -> OverallPlan | None:
    return network.plans.order_by("-revision").first()


@dataclass
class AdoptionStatus:
    """Where a plan revision stands: adopted by the network, and by which member municipalities."""

    plan: OverallPlan | None
    network_adoption: PlanAdoption | None = None
    by_municipality: dict[int, PlanAdoption] = field(default_factory=dict)
    members: list[Municipality] = field(default_factory=list)

    @property
    def adopted_by_network(self) -> bool:
        return self.network_adoption is not None

    @property
    def missing(self) -> list[Municipality]:
        return [m for m in self.members if m.pk not in self.by_municipality]

    @property
    def rows(self) -> list[tuple[Municipality, PlanAdoption | None]]:
        return [(m, self.by_municipality.get(m.pk)) for m in self.members]


def adoption_status(network: Network, plan: OverallPlan | None = None) -> AdoptionStatus:
    plan = plan or current_plan(network)
    status = AdoptionStatus(plan=plan, members=list(member_municipalities(network)))
    if plan is None:
        return status
    for adoption in plan.adoptions.select_related("municipality"):
        if adoption.municipality_id is None:
            status.network_adoption = adoption
        else:
            status.by_municipality[adoption.municipality_id] = adoption
    return status


def plan_adopted_by(network: Network | None, municipalities: Iterable[Municipality]) -> tuple[bool, list[Municipality]]:
    """For grants: is there a plan adopted by the network, and which of `municipalities` have not
    adopted that same plan? Looks at the newest plan revision adopted by the network."""
    if network is None:
        return False, list(municipalities)
    # The network's own adoption is the row without a municipality; `adoptions__isnull=False` in the
    # same filter keeps a plan with no adoption rows at all (the outer join's empty row) out.
    plan = (
        OverallPlan.objects.filter(network=network, adoptions__isnull=False, adoptions__municipality__isnull=True)
        .order_by("-revision")
        .first()
    )
    if plan is None:
        return False, list(municipalities)
    adopted = set(plan.adoptions.filter(municipality__isnull=False).values_list("municipality_id", flat=True))
    return True, [m for m in municipalities if m.pk not in adopted]


# ---- gatherings, ideas -----------------------------------------------------------------------


def gatherings_of(network: Network) -> QuerySet[Gathering]:
    return network.gatherings.order_by("starts_at")


def gatherings_with_detail() -> QuerySet[Gathering]:
    """Gatherings with what the detail page shows (agenda, documents, participants)."""
    return Gathering.objects.select_related("network__county").prefetch_related(
        "agenda_items__project",
        "documents",
        Prefetch("participations", queryset=Participation.objects.select_related("user")),
    )


def gatherings_for_feed(user: Any, network: Network | None = None) -> QuerySet[Gathering]:
    """The gatherings a person's feed holds: those of networks they may see, or one network."""
    networks = networks_for(user, VIEW_NETWORK)
    if network is not None:
        networks = networks.filter(pk=network.pk)
    return (
        Gathering.objects.filter(network__in=networks.values("pk"))
        .select_related("network")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )


def ideas_of(network: Network) -> QuerySet[Idea]:
    return (
        network.ideas.select_related("proposed_by", "project")
        .annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("priority", "-support_count", "-created_at")
    )


def projects_for(municipality: Municipality, year: int) -> QuerySet[Any]:
    """Development projects the municipality leads or takes part in that ran in `year`."""
    from django.db.models import Q

    from fagloft.networks.models import DevelopmentProject

    return (
        DevelopmentProject.objects.filter(Q(lead_municipality=municipality) | Q(participants=municipality))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__year__lte=year))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))
        .select_related("network")
        .distinct()
        .order_by("title")
    )


def projects_for_any(municipalities: Iterable[Any], year: int) -> QuerySet[Any]:
    """`projects_for` for several municipalities in one query (each project once): the
    tilstandsrapport of a whole service lists its municipalities' projects together."""
    from django.db.models import Q

    from fagloft.networks.models import DevelopmentProject

    ids = [getattr(m, "pk", m) for m in municipalities]
    return (
        DevelopmentProject.objects.filter(Q(lead_municipality__in=ids) | Q(participants__in=ids))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__year__lte=year))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))
        .select_related("network")
        .distinct()
        .order_by("title", "pk")
    )


# ---- the chain: needs, priorities, outcomes --------------------------------------------------


def _latest_needs(municipality_ids: Iterable[int]) -> list[Any]:
    """The needs of the municipalities' latest assessments (final, or else submitted), read from
    `assessments`."""
    from fagloft.assessments.queries import latest_final_needs

    ids = sorted(set(municipality_ids))
    return list(latest_final_needs(ids)) if ids else []


def members_needs(network: Network) -> list[Any]:
    """The member municipalities' needs from their latest assessments (for writing the plan)."""
    return _latest_needs(network.members.values_list("municipality_id", flat=True))


@dataclass
class ThemeNeeds:
    theme: Any  # an assessments Theme, or None for needs without a theme
    needs: list[Any]

    @property
    def services(self) -> int:
        return len({need.assessment.service_id for need in self.needs})


def needs_by_theme(needs: Iterable[Any]) -> list[ThemeNeeds]:
    """The needs grouped by theme, in the themes' order; needs without a theme last."""
    groups: dict[int | None, ThemeNeeds] = {}
    for need in needs:
        groups.setdefault(need.theme_id, ThemeNeeds(need.theme, [])).needs.append(need)
    return sorted(
        groups.values(),
        key=lambda g: (g.theme is None, getattr(g.theme, "sort_order", 0), getattr(g.theme, "code", "")),
    )


def priorities_of(plan: OverallPlan | None) -> list[Any]:
    if plan is None:
        return []
    return list(
        plan.priority_items.prefetch_related(
            Prefetch("needs", queryset=_need_queryset()),
        )
    )


def _need_queryset() -> QuerySet:
    from fagloft.assessments.models import Need

    # Without the assessment's signal snapshot: a JSON column decoded once per need, never shown here.
    return Need.objects.select_related("theme", "assessment__service").defer("assessment__signals_snapshot")


def project_municipality_ids(project: DevelopmentProject) -> list[int]:
    return sorted({project.lead_municipality_id, *project.participants.values_list("pk", flat=True)})


def candidate_needs(project: DevelopmentProject) -> list[Any]:
    """Needs the project may answer: those of the lead and participating municipalities' latest
    assessments."""
    return _latest_needs(project_municipality_ids(project))


def project_needs(project: DevelopmentProject) -> list[Any]:
    """The needs the project answers, with theme and service."""
    return list(
        _need_queryset()
        .filter(pk__in=project.needs.values("pk"))
        .order_by("assessment__service__name", "position", "pk")
    )


@dataclass
class OutcomeRow:
    """An outcome measure with the values since its baseline, read from `statistics`."""

    outcome: OutcomeMeasure
    name: str
    unit: str
    baseline: Decimal | None
    baseline_year: int
    target: Decimal | None
    target_year: int
    # [(year, value)] from the baseline year on, in year order; empty for an own measure.
    values: list[tuple[int, Decimal | None]] = field(default_factory=list)
    measured_for: str = ""

    @property
    def latest(self) -> tuple[int, Decimal | None] | None:
        known = [row for row in self.values if row[1] is not None]
        return known[-1] if known else None

    @property
    def progress(self) -> Decimal | None:
        """How far from the baseline toward the target the latest value has come (1 = reached)."""
        latest = self.latest
        if latest is None or latest[1] is None or self.baseline is None or self.target is None:
            return None
        if self.target == self.baseline:
            return None
        return ((latest[1] - self.baseline) / (self.target - self.baseline)).quantize(Decimal("0.01"))

    @property
    def reached(self) -> bool:
        return self.progress is not None and self.progress >= 1


def _unit_keys(outcome: OutcomeMeasure, project: DevelopmentProject, services_by_municipality: dict[int, int]) -> str:
    levels = (outcome.indicator.levels or []) if outcome.indicator else []
    lead = project.lead_municipality_id
    if "municipality" in levels or not levels:
        return f"m:{lead}"
    if "service" in levels and lead in services_by_municipality:
        return f"s:{services_by_municipality[lead]}"
    return f"m:{lead}"


def outcome_values(project: DevelopmentProject) -> list[OutcomeRow]:
    """Each outcome measure with the indicator's values since the baseline year: for the lead
    municipality (or its service, for an indicator kept per service) or, where the measure says
    so, the participating municipalities together (summed by the indicator's own rule). A fixed
    number of queries per distinct unit, however many years."""
    from fagloft.organizations.models import ServiceCoverage
    from fagloft.statistics.aggregation import aggregate
    from fagloft.statistics.queries import series_for_unit

    outcomes = list(project.outcomes.select_related("indicator"))
    if not outcomes:
        return []
    services_by_municipality = dict(
        ServiceCoverage.objects.valid_on()
        .filter(municipality_id=project.lead_municipality_id)
        .values_list("municipality_id", "service_id")
    )
    by_unit: dict[str, list[Any]] = {}
    together: list[Any] = []
    for outcome in outcomes:
        if outcome.indicator is None:
            continue
        if outcome.area == OutcomeMeasure.Area.PARTICIPANTS:
            together.append(outcome.indicator)
        else:
            by_unit.setdefault(_unit_keys(outcome, project, services_by_municipality), []).append(outcome.indicator)
    series: dict[tuple[str, int], dict[int, Decimal | None]] = {}
    for unit_key, indicators in by_unit.items():
        for indicator_id, points in series_for_unit(unit_key, indicators).items():
            series[(unit_key, indicator_id)] = {p.year: p.value for p in points if p.half == 0}
    if together:
        members = Municipality.objects.filter(pk__in=project_municipality_ids(project))
        for (indicator_id, year, half), agg in aggregate(together, members).items():
            if half == 0:
                series.setdefault(("participants", indicator_id), {})[year] = agg.value
    rows = []
    for outcome in outcomes:
        values: list[tuple[int, Decimal | None]] = []
        measured_for = str(outcome.get_area_display())
        if outcome.indicator is not None:
            key = (
                "participants"
                if outcome.area == OutcomeMeasure.Area.PARTICIPANTS
                else _unit_keys(outcome, project, services_by_municipality)
            )
            found = series.get((key, outcome.indicator.pk), {})
            values = [(year, found[year]) for year in sorted(found) if year >= outcome.baseline_year]
        rows.append(
            OutcomeRow(
                outcome=outcome,
                name=outcome.name,
                unit=outcome.unit or (outcome.indicator.unit_text if outcome.indicator else ""),
                baseline=outcome.baseline,
                baseline_year=outcome.baseline_year,
                target=outcome.target,
                target_year=outcome.target_year,
                values=values,
                measured_for=measured_for,
            )
        )
    return rows


def outcome_values_many(projects: Iterable[DevelopmentProject]) -> dict[int, list[OutcomeRow]]:
    """{project pk: outcome_values(project)} for many projects (a page of the API), with the same
    rows: one query for all their outcome measures, one for the lead municipalities' services and
    one for all the lead units' series. A measure for the participants together is summed over each
    project's own municipalities, so each project with such measures adds its own two queries."""
    from fagloft.organizations.models import ServiceCoverage
    from fagloft.statistics.aggregation import aggregate
    from fagloft.statistics.queries import series_for_units

    projects = list(projects)
    outcomes_of: dict[int, list[OutcomeMeasure]] = {p.pk: [] for p in projects}
    for outcome in OutcomeMeasure.objects.filter(project__in=[p.pk for p in projects]).select_related("indicator"):
        outcomes_of[outcome.project_id].append(outcome)
    with_outcomes = [p for p in projects if outcomes_of[p.pk]]
    if not with_outcomes:
        return {p.pk: [] for p in projects}
    services_by_municipality = dict(
        ServiceCoverage.objects.valid_on()
        .filter(municipality_id__in={p.lead_municipality_id for p in with_outcomes})
        .values_list("municipality_id", "service_id")
    )
    own_units: dict[str, list[Any]] = {}
    for project in with_outcomes:
        for outcome in outcomes_of[project.pk]:
            if outcome.indicator is not None and outcome.area != OutcomeMeasure.Area.PARTICIPANTS:
                key = _unit_keys(outcome, project, services_by_municipality)
                own_units.setdefault(key, []).append(outcome.indicator)
    indicators = {i.pk: i for items in own_units.values() for i in items}
    by_unit = series_for_units(own_units, indicators.values())
    result: dict[int, list[OutcomeRow]] = {p.pk: [] for p in projects}
    for project in with_outcomes:
        outcomes = outcomes_of[project.pk]
        series: dict[tuple[str, int], dict[int, Decimal | None]] = {}
        for outcome in outcomes:
            if outcome.indicator is None or outcome.area == OutcomeMeasure.Area.PARTICIPANTS:
                continue
            key = _unit_keys(outcome, project, services_by_municipality)
            points = by_unit.get(key, {}).get(outcome.indicator.pk, [])
            series[(key, outcome.indicator.pk)] = {p.year: p.value for p in points if p.half == 0}
        together = [
            o.indicator for o in outcomes if o.indicator is not None and o.area == OutcomeMeasure.Area.PARTICIPANTS
        ]
        if together:
            # As `project_municipality_ids`, from the participants a page has prefetched.
            ids = sorted({project.lead_municipality_id, *(m.pk for m in project.participants.all())})
            members = Municipality.objects.filter(pk__in=ids)
            for (indicator_id, year, half), agg in aggregate(together, members).items():
                if half == 0:
                    series.setdefault(("participants", indicator_id), {})[year] = agg.value
        for outcome in outcomes:
            values: list[tuple[int, Decimal | None]] = []
            if outcome.indicator is not None:
                key = (
                    "participants"
                    if outcome.area == OutcomeMeasure.Area.PARTICIPANTS
                    else _unit_keys(outcome, project, services_by_municipality)
                )
                found = series.get((key, outcome.indicator.pk), {})
                values = [(year, found[year]) for year in sorted(found) if year >= outcome.baseline_year]
            result[project.pk].append(
                OutcomeRow(
                    outcome=outcome,
                    name=outcome.name,
                    unit=outcome.unit or (outcome.indicator.unit_text if outcome.indicator else ""),
                    baseline=outcome.baseline,
                    baseline_year=outcome.baseline_year,
                    target=outcome.target,
                    target_year=outcome.target_year,
                    values=values,
                    measured_for=str(outcome.get_area_display()),
                )
            )
    return result


# ---- overall plan revisions for a service's competence plan ----------------------------------


def plans_for_municipalities(municipality_ids: Iterable[int]) -> QuerySet[OverallPlan]:
    """Every revision of the overall plans of networks the municipalities are members of."""
    return (
        OverallPlan.objects.filter(network__members__municipality_id__in=list(municipality_ids))
        .select_related("network")
        .distinct()
        .order_by("network__name", "-revision")
    )


@dataclass
class PlanStanding:
    """Whether one revision is adopted by its network and by each of some municipalities."""

    plan: OverallPlan
    network_adoption: PlanAdoption | None
    municipalities: list[tuple[Municipality, PlanAdoption | None]]
    newer_revision: int | None = None

    @property
    def adopted_by_network(self) -> bool:
        return self.network_adoption is not None


def plan_standing(plan: OverallPlan, municipality_ids: Iterable[int]) -> PlanStanding:
    """Where `plan` stands for the given municipalities (those of them that are members)."""
    adoptions = list(plan.adoptions.select_related("municipality"))
    by_municipality = {a.municipality_id: a for a in adoptions if a.municipality_id is not None}
    members = Municipality.objects.filter(
        pk__in=list(municipality_ids), network_memberships__network_id=plan.network_id
    ).order_by("number")
    newer = (
        plan.network.plans.filter(revision__gt=plan.revision)
        .order_by("-revision")
        .values_list("revision", flat=True)
        .first()
    )
    return PlanStanding(
        plan=plan,
        network_adoption=next((a for a in adoptions if a.municipality_id is None), None),
        municipalities=[(m, by_municipality.get(m.pk)) for m in members],
        newer_revision=newer,
    )
