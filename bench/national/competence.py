"""6,500 employees nationally with education, further education, certifications and languages.

Every service outside the benchmark county gets staff in bulk first, sized with the service (a
host-municipality service has more); then the competence demo staffs the benchmark county's
services (through the models' own saves, with a mapping round and a competence plan for the
benchmark service) and publishes the figures of every year to statistics, as the nightly job does
(once: publishing runs over every year since the earliest start, so it is the slow part). The
demo's staff is estimated (3–9 a service), so the country ends near `size.employees`, not exactly.
The benchmark employee also has a second, part-time position in the benchmark service.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from bench.national.context import run_demo

LANGUAGES = ["", "", "", "", "engelsk", "nordsamisk", "polsk", "arabisk", "somali", "tigrinja"]
FIELDS = ["child_welfare", "child_welfare", "child_welfare", "social_work", "social_education", "other_relevant"]
PROGRAMMES = ["relational", "best_interests", "law", "leadership", "supervision", "minority"]
DEMO_STAFF = 6  # the competence demo's staff per service, on average (3–9, 14 for the first)
METHODS = ["pmto", "icdp", "signs_of_safety", "circle_of_security", "dialogue_tools"]


def build(world: Any) -> int:
    from fagloft.competence.demo import FIRST, INSTITUTIONS, LAST
    from fagloft.competence.models import Certification, Education, Employee, FurtherEducation, Vacancy

    rng, year = world.rng, world.year
    bench_county = world.bench.county.pk
    open_services = [s for s in world.services if s.host_municipality.county_id != bench_county]
    missing = max(world.size.employees - DEMO_STAFF * len(world.bench.services) - 8, 0)
    weights = [3.0 if "omegn" in s.name else 1.0 for s in open_services]
    assigned = rng.choices(open_services, weights, k=missing) if open_services else []
    # Every service has a leader: the first employee of each.
    leaders: set[int] = set()
    rows = []
    for service in assigned:
        started = datetime.date(rng.randint(year - 15, year), rng.randint(1, 12), 1)
        ended = datetime.date(year, rng.randint(1, 12), 28) if rng.random() < 0.08 and started.year < year else None
        position = (
            "leader" if service.pk not in leaders else rng.choice(["case_worker"] * 8 + ["deputy_leader", "other"])
        )
        leaders.add(service.pk)
        rows.append(
            Employee(
                service=service,
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                started_on=started,
                ended_on=ended,
                position=position,
                does_core_tasks=position != "other",
                fte_percent=Decimal(rng.choice([100, 100, 100, 100, 80, 60, 50])),
                prior_experience_years=Decimal(rng.randint(0, 8)),
                sami_competence=rng.random() < 0.05,
                languages=rng.choice(LANGUAGES),
            )
        )
    employees = Employee.objects.bulk_create(rows, batch_size=1000)
    educations, further, certifications = [], [], []
    for employee in employees:
        level = "master" if rng.random() < 0.15 else ("other" if rng.random() < 0.04 else "bachelor")
        educations.append(
            Education(
                employee=employee,
                level=level,
                field=rng.choice(FIELDS),
                year=employee.started_on.year - rng.randint(0, 4),
                institution=rng.choice(INSTITUTIONS),
            )
        )
        if rng.random() < 0.4:
            fe_year = rng.randint(year - 8, year + 1)
            further.append(
                FurtherEducation(
                    employee=employee,
                    programme=rng.choice(PROGRAMMES),
                    ects=Decimal(30),
                    year=fe_year,
                    status="ongoing" if fe_year >= year else "completed",
                    institution=rng.choice(INSTITUTIONS),
                )
            )
        if rng.random() < 0.25:
            certifications.append(
                Certification(
                    employee=employee, method=rng.choice(METHODS), year=rng.randint(employee.started_on.year, year)
                )
            )
    Education.objects.bulk_create(educations, batch_size=1000)
    FurtherEducation.objects.bulk_create(further, batch_size=1000)
    Certification.objects.bulk_create(certifications, batch_size=1000)
    Vacancy.objects.bulk_create(
        [
            Vacancy(service=s, vacant_from=datetime.date(year, rng.randint(1, 12), 1), fte_percent=Decimal(100))
            for s in open_services
            if rng.random() < 0.3
        ]
    )
    run_demo("competence", world.bench)  # publishes every year's figures, the bulk staff's too
    _second_position(world)
    return Employee.objects.count()


def _second_position(world: Any) -> None:
    """A 20 % project position for `bench.employee` next to the demo's case-worker one. "My
    profile" (`competence:me`) lists a person's current employments, but sends one with a single
    employment straight to it, so with one the crawl never sees the page answer (a redirect). Made
    after the demo has published the figures, which therefore leave this 20 % out until the next
    nightly run."""
    from fagloft.competence import services
    from fagloft.competence.models import Employee, Position

    user, service = world.bench_users["employee"], world.bench.services[0]
    first = Employee.objects.filter(user=user, service=service).order_by("pk").first()
    if first is None or Employee.objects.filter(user=user).count() > 1:
        return
    services.create_employee(
        world.bench_users["service_leader"],
        service,
        {
            "user": user,
            "first_name": first.first_name,
            "last_name": first.last_name,
            "position": Position.OTHER,
            "does_core_tasks": False,
            "fte_percent": Decimal(20),
            "started_on": datetime.date(world.year, 1, 1),
            "ended_on": datetime.date(world.year + 2, 12, 31),
        },
    )
