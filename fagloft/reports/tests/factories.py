"""Builders for the reports' tests: a tree with figures in every app the report reads."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from fagloft.assessments.models import Assessment, Need
from fagloft.assessments.tests.factories import make_assessment
from fagloft.competence.models import CompetencePlan, PlanMeasure
from fagloft.competence.tests.factories import make_employee, make_vacancy
from fagloft.organizations.models import CooperationAgreement
from fagloft.organizations.tests.factories import make_population
from fagloft.reports.models import Report
from fagloft.statistics.tests.factories import indicator, make_value

YEAR = 2025
DEADLINE = "kostra-undersokelser-innen-frist"
FAMILY = "kostra-plasseringer-fosterhjem-familie"


def fill(tree: Any, year: int = YEAR) -> dict[str, Any]:
    """Five years of two indicators for municipality A, the county and the nation; a final
    assessment with risk and needs; staff, a vacancy, a competence plan and an agreement."""
    deadline = indicator(DEADLINE)
    family = indicator(FAMILY)
    for offset in range(6):
        y = year - 5 + offset
        make_value(
            deadline, y, 70 + offset * 3, numerator=70 + offset * 3, denominator=100, municipality=tree.municipality_a
        )
        make_value(deadline, y, 60 + offset, numerator=6, denominator=10, municipality=tree.municipality_b)
        make_value(deadline, y, 80, is_national=True)
        make_value(deadline, y, 75, county=tree.county_x)
        make_value(family, y, 30 + offset, numerator=3, denominator=10, municipality=tree.municipality_a)
        make_value(family, y, 40, is_national=True)
    for m in (tree.municipality_a, tree.municipality_b):
        make_population(m, year, total=10000, children=2400)
    assessment = make_assessment(tree.service_ab, year=year, status=Assessment.Status.FINAL)
    assessment.risk_level = "high"
    assessment.conclusion = "Tjenesten har for lav kapasitet."
    assessment.leadership_commitment = "Kommunen styrker bemanningen med to stillinger."
    assessment.save()
    entries = {e.theme.code: e for e in assessment.entries.select_related("theme")}
    capacity = entries["capacity"]
    capacity.likelihood, capacity.consequence, capacity.own_judgement = 5, 4, "Høy turnover."
    capacity.save()
    cooperation = entries["cooperation"]
    cooperation.likelihood, cooperation.consequence = 2, 2
    cooperation.status_today = "Fast samarbeidsmøte med skolene hver måned."
    cooperation.answers = ["Godt samarbeid med helsestasjonen, svakere med NAV."]
    cooperation.save()
    Need.objects.create(assessment=assessment, kind=Need.Kind.CAPACITY, description="To nye saksbehandlere")
    for _n in range(4):
        make_employee(tree.service_ab, fte_percent=Decimal(100), started_on=datetime.date(2020, 1, 1))
    make_vacancy(tree.service_ab, vacant_from=datetime.date(year, 3, 1))
    plan = CompetencePlan.objects.create(
        service=tree.service_ab, title="Kompetanseplan", start_year=year, end_year=year + 1
    )
    PlanMeasure.objects.create(plan=plan, kind="course", description="Kurs i samtaler med barn", owner="Leder")
    agreement = CooperationAgreement.objects.create(title="Felles barnevernvakt Nord", kind="out_of_hours")
    agreement.parties.set([tree.municipality_a, tree.municipality_b])
    return {"deadline": deadline, "family": family, "assessment": assessment}


def make_report(tree: Any, year: int = YEAR, **extra: Any) -> Report:
    from fagloft.reports.services import create_report

    extra.setdefault("municipality", tree.municipality_a)
    return create_report(None, tree.service_ab, year=year, **extra)
