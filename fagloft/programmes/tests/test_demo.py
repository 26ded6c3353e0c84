"""The demo builds the classes, Alta's applications and a Tjenestestøtte round, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.competence import demo as competence_demo
from fagloft.networks import demo as networks_demo
from fagloft.organizations import demo as organizations_demo
from fagloft.programmes import demo
from fagloft.programmes.models import Cohort, Enrolment, EnrolmentStatus, StudyPlaceAllocation


@pytest.mark.django_db
def test_the_demo_builds_applications_and_a_round_once():
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    networks_demo.build(ctx)
    competence_demo.build(ctx)
    for _ in range(2):
        demo.build(ctx)
    assert StudyPlaceAllocation.objects.filter(is_demo=True).count() == 6
    alta = Enrolment.objects.filter(service=ctx.services[0], allocation__isnull=False)
    assert alta.count() == 4
    assert alta.filter(status=EnrolmentStatus.ADMITTED).count() == 2
    cohort = Cohort.objects.get(is_demo=True, kind=Cohort.Kind.SERVICE_SUPPORT)
    assert cohort.county == ctx.county and cohort.sessions.count() == 8
    assert cohort.services.get().service == ctx.services[0]
