"""Demo staff for the demo services: plausible Norwegian (and Sami) names, all marked `is_demo`,
with educations, further education and certifications; a mapping round with answers in Alta; a
competence plan; and the figures published to statistics.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from fagloft.competence import publishing, queries
from fagloft.competence import services as competence_services
from fagloft.competence.models import (
    Certification,
    CompetencePlan,
    Education,
    Employee,
    FrameworkArea,
    FurtherEducation,
    MappingAnswer,
    MappingRound,
    PlanMeasure,
    Vacancy,
)

FIRST = [
    "Kari",
    "Ingrid",
    "Marte",
    "Sara",
    "Áile",
    "Máret",
    "Anne",
    "Nils",
    "Jon",
    "Ola",
    "Per",
    "Siri",
    "Hanne",
    "Elle",
    "Kristin",
    "Mats",
    "Tor",
    "Line",
    "Sofie",
    "Jonas",
    "Ánte",
    "Ida",
    "Hilde",
    "Rune",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Eira",
    "Somby",
    "Hætta",
    "Berg",
    "Pedersen",
    "Nilsen",
    "Utsi",
    "Bær",
    "Karlsen",
    "Jensen",
    "Andersen",
    "Mathisen",
    "Turi",
    "Larsen",
    "Isaksen",
]
INSTITUTIONS = [
    "UiT Norges arktiske universitet",
    "Nord universitet",
    "OsloMet",
    "Sámi allaskuvla",
    "Høgskulen på Vestlandet",
]


# The chain (issue 10): Alta's plan builds on the network's adopted overall plan and gets measures
# made from the 2024 assessment's needs (`ctx.extra["alta_needs_2024"]`).
DEPENDS_ON = ["organizations", "assessments", "networks"]


def build(ctx: Any) -> None:
    rng = ctx.rng
    employee_user = ctx.users.get("ansatt.alta")
    leader_user = ctx.users.get("leder.alta")
    for index, service in enumerate(ctx.services):
        if Employee.objects.filter(service=service).exists():
            continue
        size = 14 if index == 0 else rng.randint(3, 9)
        staff = [_employee(rng, service, ctx.year, position="leader" if n == 0 else None) for n in range(size)]
        if index == 0:
            _link(staff[0], leader_user)
            _link(staff[1], employee_user)
            _mapping_round(rng, service, staff, ctx.year)
            _plan(service, ctx.year, ctx)
        if rng.random() < 0.6:
            Vacancy.objects.create(
                service=service,
                vacant_from=datetime.date(ctx.year, rng.randint(1, 5), 1),
                fte_percent=Decimal(100),
                is_demo=True,
            )
    ctx.log(f"competence: {Employee.objects.filter(is_demo=True).count()} demo employees")
    # Every year with data, as the nightly job does, so the assessments read no stale figures.
    publishing.publish_all_years(None, datetime.date.today())


def _link(employee: Employee, user: Any) -> None:
    if user is not None:
        employee.user = user
        employee.first_name, employee.last_name = (
            user.first_name or employee.first_name,
            user.last_name or employee.last_name,
        )
        employee.save()


def _employee(rng: Any, service: Any, year: int, position: str | None = None) -> Employee:
    started = datetime.date(rng.randint(year - 15, year), rng.randint(1, 12), 1)
    ended = datetime.date(year - 1, rng.randint(1, 12), 28) if rng.random() < 0.12 and started.year < year - 1 else None
    employee = Employee.objects.create(
        service=service,
        first_name=rng.choice(FIRST),
        last_name=rng.choice(LAST),
        started_on=started,
        ended_on=ended,
        position=position or rng.choice(["case_worker"] * 6 + ["deputy_leader", "other"]),
        fte_percent=Decimal(rng.choice([100, 100, 100, 80, 60])),
        prior_experience_years=Decimal(rng.randint(0, 6)),
        sami_competence=rng.random() < 0.25,
        languages=rng.choice(["", "", "nordsamisk", "engelsk", "russisk"]),
        is_demo=True,
    )
    employee.does_core_tasks = employee.position != "other"
    employee.save(update_fields=["does_core_tasks"])
    level = "master" if rng.random() < 0.15 else "bachelor"
    Education.objects.create(
        employee=employee,
        level=level,
        field=rng.choice(["child_welfare", "child_welfare", "social_work", "social_education", "other"]),
        year=started.year - rng.randint(0, 4),
        institution=rng.choice(INSTITUTIONS),
    )
    if rng.random() < 0.45:
        fe_year = rng.randint(2018, year + 1)
        FurtherEducation.objects.create(
            employee=employee,
            programme=rng.choice(["relational", "best_interests", "law", "leadership", "supervision", "minority"]),
            ects=Decimal(30),
            year=fe_year,
            status="ongoing" if fe_year >= year else "completed",
            institution=rng.choice(INSTITUTIONS),
        )
    if rng.random() < 0.3:
        Certification.objects.create(
            employee=employee,
            method=rng.choice(["pmto", "icdp", "signs_of_safety", "circle_of_security"]),
            year=rng.randint(started.year, year),
        )
    return employee


def _mapping_round(rng: Any, service: Any, staff: list[Employee], year: int) -> None:
    areas = list(
        FrameworkArea.objects.filter(
            code__in=["investigation", "child-participation", "trauma", "law", "violence", "sami"]
        )
    )
    mapping_round = MappingRound.objects.create(
        service=service, title=f"Kartlegging våren {year} (demo)", opened_on=datetime.date(year, 2, 1), is_demo=True
    )
    mapping_round.areas.set(areas)
    for employee in staff[1:]:
        if employee.ended_on is not None:
            continue
        for area in areas:
            low = 1 if area.code in ("trauma", "violence") else 2
            MappingAnswer.objects.create(
                round=mapping_round,
                employee=employee,
                area=area,
                self_rating=rng.randint(low, low + 2),
                leader_rating=rng.randint(low, 3),
            )


def _plan(service: Any, year: int, ctx: Any = None) -> None:
    from fagloft.networks.models import OverallPlan

    adopted = (
        OverallPlan.objects.filter(
            network__members__municipality=service.host_municipality, adoptions__municipality__isnull=True
        )
        .order_by("-revision")
        .first()
    )
    plan = CompetencePlan.objects.create(
        service=service,
        title=f"Kompetanseplan {year}–{year + 1} (demo)",
        start_year=year,
        end_year=year + 1,
        is_demo=True,
        summary="Satser på traumebevisst praksis og videreutdanning før 2031.",
        network_plan=adopted,
    )
    needs = {n.pk for n in (getattr(ctx, "extra", {}) or {}).get("alta_needs_2024", [])} if ctx else set()
    _, gaps = queries.need_gaps(service)
    chosen = [g for g in gaps if g.need_id in needs and g.kind in ("course", "supervision", "network_activity")]
    if chosen:
        competence_services.measures_from_gaps(None, plan, chosen, "Barnevernleder", datetime.date(year, 12, 31))
    PlanMeasure.objects.create(
        plan=plan,
        kind="course",
        description="Kurs i traumebevisst praksis (RVTS Nord)",
        area=FrameworkArea.objects.get(code="trauma"),
        owner="Barnevernleder",
        cost=Decimal(40000),
        due_on=datetime.date(year, 11, 30),
    )
    PlanMeasure.objects.create(
        plan=plan,
        kind="further_education",
        owner="Barnevernleder",
        description="To ansatte søker videreutdanning i barnets beste (30 sp)",
        cost=Decimal(200000),
        due_on=datetime.date(year + 1, 6, 30),
        state="ongoing",
    )
    PlanMeasure.objects.create(
        plan=plan,
        kind="service_support",
        owner="Kommunalsjef",
        description="Delta i Tjenestestøtteprogrammet med hele tjenesten",
        due_on=datetime.date(year + 1, 3, 31),
    )
