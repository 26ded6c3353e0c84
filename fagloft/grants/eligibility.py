"""Eligibility rules as code: one function per rule, each returning pass/fail and a Norwegian reason.

The rules come from the requirements for stimulus funds (seed 002 ch. 4, DOMAIN.md "Learning
networks and stimulus funds") and for further-education grants (DOMAIN.md "Further education").
They run live while the applicant writes (on unsaved form data) and again at submission, so
they take a plain `Candidate` rather than a saved application.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.competence import queries as competence_queries
from fagloft.grants.models import Application, BudgetLine, Call
from fagloft.lib import formatting
from fagloft.networks import queries as network_queries
from fagloft.networks.models import CompetenceEnvironment, DevelopmentProject, Network
from fagloft.organizations.models import Municipality


@dataclass
class Candidate:
    call: Call
    network: Network | None
    lead_municipality: Municipality | None
    participants: list[Municipality] = field(default_factory=list)
    partner: CompetenceEnvironment | None = None
    # (category, amount, student)
    budget_lines: list[tuple[str, decimal.Decimal, str]] = field(default_factory=list)
    # Student name -> their employee id in the competence register, where the employer picked it.
    employees: dict[str, int] = field(default_factory=dict)
    project: DevelopmentProject | None = None
    # Facts two rules both read (the network's adopted plan), looked up once per check.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def plan_adoption(self) -> tuple[bool, list[Municipality]]:
        """Whether the network adopted its plan, and which of `municipalities` have not: read once
        for the two rules that ask (`networks.queries.plan_adopted_by`)."""
        if "adoption" not in self.memo:
            self.memo["adoption"] = network_queries.plan_adopted_by(self.network, self.municipalities)
        adopted, missing = self.memo["adoption"]
        return adopted, list(missing)

    @property
    def municipalities(self) -> list[Municipality]:
        """The participants, always including the lead municipality."""
        found = {m.pk: m for m in self.participants}
        if self.lead_municipality is not None:
            found.setdefault(self.lead_municipality.pk, self.lead_municipality)
        return sorted(found.values(), key=lambda m: m.number)

    @property
    def requested(self) -> decimal.Decimal:
        return sum((amount for _c, amount, _s in self.budget_lines), decimal.Decimal(0))


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: str
    passed: bool
    reason: str
    # One line per person or item checked, shown under the rule (e.g. each student's register entry).
    details: tuple[str, ...] = ()


Rule = Callable[[Candidate], RuleResult]


def plan_adopted_by_network(candidate: Candidate) -> RuleResult:
    adopted, _missing = candidate.plan_adoption()
    if candidate.network is None:
        return _fail(
            "plan_adopted_by_network",
            _("Søknaden må komme fra et læringsnettverk med en vedtatt overordnet plan. Velg nettverk."),
        )
    if not adopted:
        return _fail(
            "plan_adopted_by_network",
            _("%(network)s har ikke registrert vedtak av en overordnet plan for kompetanse- og kvalitetsutvikling.")
            % {"network": candidate.network.name},
        )
    return _pass(
        "plan_adopted_by_network",
        _("Den overordnede planen er vedtatt i %(network)s.") % {"network": candidate.network.name},
    )


def project_chosen(candidate: Candidate) -> RuleResult:
    """Stimulus funds are for a development project of the network (chosen, or made from an idea)."""
    project = candidate.project
    if project is None:
        return _fail(
            "project_chosen",
            _("Velg utviklingsprosjektet søknaden gjelder, eller gjør en idé i nettverket til et prosjekt først."),
        )
    if candidate.network is not None and project.network_id != candidate.network.pk:
        return _fail(
            "project_chosen",
            _("Prosjektet «%(project)s» hører ikke til %(network)s.")
            % {"project": project.title, "network": candidate.network.name},
        )
    return _pass(
        "project_chosen", _("Søknaden gjelder utviklingsprosjektet «%(project)s».") % {"project": project.title}
    )


def plan_adopted_by_participants(candidate: Candidate) -> RuleResult:
    municipalities = candidate.municipalities
    if not municipalities:
        return _fail("plan_adopted_by_participants", _("Velg ansvarlig kommune og deltakende kommuner."))
    _adopted, missing = candidate.plan_adoption()
    if missing:
        names = ", ".join(m.name for m in missing)
        return _fail(
            "plan_adopted_by_participants",
            _("Disse deltakende kommunene har ikke vedtatt nettverkets overordnede plan: %(names)s.")
            % {"names": names},
        )
    return _pass("plan_adopted_by_participants", _("Alle deltakende kommuner har vedtatt den overordnede planen."))


def competence_environment_partner(candidate: Candidate) -> RuleResult:
    partner = candidate.partner
    foster_care = candidate.network is not None and candidate.network.strand == Network.Strand.FOSTER_CARE
    if partner is None:
        return _fail(
            "competence_environment_partner",
            _(
                "Prosjektet må gjennomføres sammen med et utdannings-, "
                "forsknings- eller kompetansemiljø. Velg kompetansemiljø."
            ),
        )
    if not partner.is_education_or_research and not foster_care:
        return _fail(
            "competence_environment_partner",
            _(
                "%(partner)s er ikke et utdannings-, forsknings- eller "
                "kompetansemiljø. Bufetat godtas bare i "
                "fosterhjemsprosjekter."
            )
            % {"partner": partner.name},
        )
    return _pass(
        "competence_environment_partner",
        _("Prosjektet gjennomføres sammen med %(partner)s.") % {"partner": partner.name},
    )


def budget_present(candidate: Candidate) -> RuleResult:
    if candidate.requested <= 0:
        return _fail("budget_present", _("Budsjettet må ha minst én linje med et beløp over 0 kr."))
    return _pass("budget_present", _("Det søkes om %(amount)s.") % {"amount": _kr(candidate.requested)})


def within_call_budget(candidate: Candidate) -> RuleResult:
    if candidate.requested > candidate.call.budget:
        return _fail(
            "within_call_budget",
            _("Det søkes om %(amount)s, mer enn hele rammen på %(budget)s.")
            % {"amount": _kr(candidate.requested), "budget": _kr(candidate.call.budget)},
        )
    return _pass("within_call_budget", _("Beløpet er innenfor utlysningens ramme."))


def students_named(candidate: Candidate) -> RuleResult:
    unnamed = [line for line in candidate.budget_lines if line[1] > 0 and not line[2].strip()]
    if unnamed or not candidate.budget_lines:
        return _fail("students_named", _("Hver budsjettlinje må gjelde en navngitt ansatt som tar videreutdanning."))
    return _pass("students_named", _("Alle budsjettlinjer gjelder navngitte ansatte."))


def max_per_student(candidate: Candidate) -> RuleResult:
    limit = candidate.call.max_per_student
    if limit is None:
        return _pass("max_per_student", _("Utlysningen har ikke noe tak per student."))
    per_student: dict[str, decimal.Decimal] = defaultdict(decimal.Decimal)
    for _category, amount, student in candidate.budget_lines:
        per_student[student.strip()] += amount
    over = sorted(name or "?" for name, amount in per_student.items() if amount > limit)
    if over:
        return _fail(
            "max_per_student",
            _("Det søkes om mer enn %(limit)s for: %(names)s.") % {"limit": _kr(limit), "names": ", ".join(over)},
        )
    return _pass("max_per_student", _("Ingen student har mer enn %(limit)s.") % {"limit": _kr(limit)})


def cost_kinds_allowed(candidate: Candidate) -> RuleResult:
    """Every budget line is of a kind the call covers (the call's `cost_kinds`)."""
    allowed = candidate.call.allowed_categories()
    labels = dict(BudgetLine.Category.choices)
    other = sorted({str(labels.get(c, c)) for c, _a, _s in candidate.budget_lines if c not in allowed})
    if other:
        return _fail(
            "cost_kinds_allowed",
            _("Utlysningen dekker ikke: %(kinds)s. Det kan søkes om: %(allowed)s.")
            % {"kinds": ", ".join(other), "allowed": ", ".join(str(labels[c]).lower() for c in allowed)},
        )
    return _pass("cost_kinds_allowed", _("Alle utgiftene er av en type utlysningen dekker."))


def students_in_competence_register(candidate: Candidate) -> RuleResult:
    """Each named student must be on the applicant service's staff with child welfare further
    education that is ongoing or planned for the call's year. Services with no register pass."""
    code = "students_in_competence_register"
    students = list(dict.fromkeys(s.strip() for _c, amount, s in candidate.budget_lines if amount > 0 and s.strip()))
    services = _applicant_services(candidate)
    # A picked register entry is checked by its id, a typed name by the name (the free-text fallback).
    keys = {name: candidate.employees.get(name, name) for name in students}
    status = competence_queries.further_education_status(
        list(services), list(keys.values()), candidate.call.deadline.year
    )
    if not status.has_register:
        return _pass(code, _("Ikke sjekket: søkeren har ikke noe kompetanseregister."))
    if not students:
        return _pass(code, _("Ingen navngitte ansatte å sjekke mot kompetanseregisteret."))
    found = {name: status.people[key] for name, key in keys.items()}
    details = tuple(_register_line(name, found[name], ", ".join(services.values())) for name in students)
    missing = [n for n in students if not found[n].in_register]
    without = [n for n in students if found[n].in_register and not found[n].has_further_education]
    if missing or without:
        parts = []
        if missing:
            parts.append(_("Finnes ikke i kompetanseregisteret: %(names)s.") % {"names": ", ".join(missing)})
        if without:
            parts.append(
                _("Har ingen pågående eller planlagt videreutdanning i barnevern i kompetanseregisteret: %(names)s.")
                % {"names": ", ".join(without)}
            )
        return _fail(code, " ".join(parts), details)
    return _pass(
        code,
        _("Alle navngitte ansatte har pågående eller planlagt videreutdanning i barnevern i kompetanseregisteret."),
        details,
    )


def _applicant_services(candidate: Candidate) -> dict[int, str]:
    """The register to check: the services serving the applying municipality, never anyone else's."""
    if candidate.lead_municipality is None:
        return {}
    return dict(competence_queries.services_serving(candidate.lead_municipality).values_list("pk", "name"))


def _register_line(name: str, match: competence_queries.RegisterMatch, services: str) -> str:
    if not match.in_register:
        return _(
            "%(name)s: finnes ikke i kompetanseregisteret til %(services)s. Sjekk at navnet er skrevet "
            "nøyaktig som i registeret, eller velg den ansatte fra registeret i budsjettlinjen"
        ) % {"name": name, "services": services}
    if not match.has_further_education:
        return _(
            "%(name)s: funnet i kompetanseregisteret, men uten pågående eller planlagt videreutdanning i barnevern"
        ) % {"name": name}
    courses = []
    for course in match.qualifying:
        ects = _credits(course.ects)
        template = (
            _("pågående videreutdanning %(programme)s (%(ects)s stp)")
            if course.ongoing
            else _("planlagt videreutdanning %(programme)s (%(ects)s stp, %(year)s)")
        )
        courses.append(template % {"programme": course.programme, "ects": ects, "year": course.year})
    return _("%(name)s: funnet i kompetanseregisteret: %(courses)s") % {"name": name, "courses": "; ".join(courses)}


RULES: dict[str, tuple[Any, Rule]] = {
    "plan_adopted_by_network": (
        gettext_lazy("Forankret i overordnet plan vedtatt i nettverket"),
        plan_adopted_by_network,
    ),
    "project_chosen": (gettext_lazy("Gjelder et utviklingsprosjekt i nettverket"), project_chosen),
    "plan_adopted_by_participants": (
        gettext_lazy("Planen er vedtatt i alle deltakende kommuner"),
        plan_adopted_by_participants,
    ),
    "competence_environment_partner": (
        gettext_lazy("Gjennomføres med et utdannings-, forsknings- eller kompetansemiljø"),
        competence_environment_partner,
    ),
    "budget_present": (gettext_lazy("Budsjett med beløp"), budget_present),
    "within_call_budget": (gettext_lazy("Innenfor utlysningens ramme"), within_call_budget),
    "students_named": (gettext_lazy("Gjelder navngitte ansatte i videreutdanning"), students_named),
    "max_per_student": (gettext_lazy("Innenfor taket per student"), max_per_student),
    "cost_kinds_allowed": (gettext_lazy("Utgifter utlysningen dekker"), cost_kinds_allowed),
    "students_in_competence_register": (
        gettext_lazy("Studentene er i kompetanseregisteret med videreutdanning"),
        students_in_competence_register,
    ),
}

DEFAULT_RULES: dict[str, list[str]] = {
    Call.Kind.DEVELOPMENT: [
        "project_chosen",
        "plan_adopted_by_network",
        "plan_adopted_by_participants",
        "competence_environment_partner",
        "budget_present",
        "within_call_budget",
    ],
    Call.Kind.FURTHER_EDUCATION: [
        "budget_present",
        "students_named",
        "students_in_competence_register",
        "cost_kinds_allowed",
        "max_per_student",
        "within_call_budget",
    ],
}


def rules_for(call: Call) -> list[str]:
    codes = [code for code in call.eligibility_rules or [] if code in RULES]
    return codes or DEFAULT_RULES[call.kind]


def check(candidate: Candidate) -> list[RuleResult]:
    return [RULES[code][1](candidate) for code in rules_for(candidate.call)]


def candidate_from(application: Application) -> Candidate:
    return Candidate(
        call=application.call,
        network=application.network,
        lead_municipality=application.lead_municipality,
        participants=list(application.participants.all()),
        partner=application.partner,
        budget_lines=[(line.category, line.amount, line.student) for line in application.budget_lines.all()],
        employees={
            line.student.strip(): line.employee_id for line in application.budget_lines.all() if line.employee_id
        },
        project=application.project,
    )


def several_municipalities_score(count: int) -> int:
    """The automatic criterion "projects with several municipalities are prioritised" (0–5)."""
    return 0 if count <= 1 else 3 if count == 2 else 5


def _pass(code: str, reason: str, details: tuple[str, ...] = ()) -> RuleResult:
    return RuleResult(code, str(RULES[code][0]), True, reason, details)


def _fail(code: str, reason: str, details: tuple[str, ...] = ()) -> RuleResult:
    return RuleResult(code, str(RULES[code][0]), False, reason, details)


def _kr(amount: decimal.Decimal) -> str:
    """Whole kroner in the active language («450 000 kr», «NOK 450,000»), through the formatting layer."""
    return formatting.money(amount)


def _credits(ects: Any) -> str:
    """Study points as people write them: «30», «7,5» (English «7.5»), never «30.0»."""
    points = decimal.Decimal(str(ects))
    return formatting.number(points, 0 if points == points.to_integral_value() else 1)
