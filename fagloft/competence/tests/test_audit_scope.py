"""The audit scope derived from SCOPE_PATHS (`fagloft.lib.models.Scoped`) files every competence
record where the hand-written `audit_scope` methods did: under its service's host municipality and
county (the service's own scope), also for a service that covers several municipalities."""

from __future__ import annotations

import pytest

from fagloft.competence.models import Certification, FrameworkArea
from fagloft.competence.tests.factories import (
    give_education,
    give_further_education,
    make_employee,
    make_plan,
    make_round,
    make_vacancy,
    rate,
)
from fagloft.lib.models import Scoped
from fagloft.organizations.tests.factories import build_tree

pytestmark = pytest.mark.django_db


def test_every_competence_record_is_filed_under_its_services_scope():
    tree = build_tree()
    service = tree.service_ab  # covers Alvik and Bergvik; hosted by Alvik
    expected = {"county_id": tree.county_x.pk, "municipality_id": tree.municipality_a.pk, "service_id": service.pk}
    assert service.audit_scope() == expected
    employee = make_employee(service)
    area = FrameworkArea.objects.first()
    assert area is not None
    mapping_round = make_round(service, areas=[area])
    plan = make_plan(service)
    measure = plan.measures.first()
    assert measure is not None
    records: list[Scoped] = [
        employee,
        give_education(employee),
        give_further_education(employee),
        Certification.objects.create(employee=employee, method="pmto", year=2020),
        make_vacancy(service, employee.started_on),
        mapping_round,
        rate(mapping_round, employee, area, 2),
        plan,
        measure,
    ]
    assert {type(r).__name__: r.audit_scope() for r in records} == {type(r).__name__: expected for r in records}
