"""A competence plan measure follows the programme that answers it: admitted / enrolled → «Pågår»,
completed → «Gjennomført», rejected → back to «Planlagt», withdrawn → «Avlyst»; audited by
competence; the measure page shows the enrolment and its state."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.competence import programme_measures
from fagloft.competence.models import MeasureKind, PlanMeasure
from fagloft.competence.tests.factories import make_employee, make_plan
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.programmes import rules, services
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db
S = PlanMeasure.State


@pytest.fixture
def tree():
    return build_tree()


def _measure(tree, kind=MeasureKind.FURTHER_EDUCATION):
    plan = make_plan(tree.service_ab)
    return PlanMeasure.objects.create(plan=plan, kind=kind, description="Videreutdanning for Kari", owner="Leder")


def _state(measure) -> str:
    measure.refresh_from_db()
    return measure.state


def test_the_rule_of_states():
    assert rules.measure_state_for([]) is None
    assert rules.measure_state_for(["applied", "admitted"]) == "ongoing"
    assert rules.measure_state_for(["completed", "withdrawn"]) == "done"
    assert rules.measure_state_for(["rejected"]) == "planned"
    assert rules.measure_state_for(["withdrawn", "not_completed"]) == "cancelled"


def test_admission_completion_and_withdrawal_move_the_measure(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2030, places=2, provider=provider)
    measure = _measure(tree)
    enrolment = f.make_enrolment(allocation, make_employee(tree.service_ab))
    enrolment.plan_measure = measure
    enrolment.save()
    services.admit(tree.users["competence_env"], enrolment)
    assert _state(measure) == S.ONGOING
    event = AuditEvent.objects.filter(object_type="competence.planmeasure", object_id=str(measure.pk)).latest("pk")
    assert event.changes["state"] == ["planned", "ongoing"] and "tatt opp" in event.message
    services.record_completion(
        tree.users["competence_env"], enrolment, ects_passed=Decimal(30), completed_on=datetime.date(2031, 6, 15)
    )
    assert _state(measure) == S.DONE
    # A second application for the same measure, withdrawn: the completed one still stands.
    other = f.make_enrolment(allocation, make_employee(tree.service_ab))
    other.plan_measure = measure
    other.save()
    services.withdraw(tree.users["leader_ab"], other, expected_version=other.version)
    assert _state(measure) == S.DONE


def test_rejection_returns_the_measure_to_planned_and_withdrawal_cancels_it(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2030, places=2, provider=provider)
    measure = _measure(tree)
    measure.state = S.ONGOING
    measure.save()
    enrolment = f.make_enrolment(allocation, make_employee(tree.service_ab))
    enrolment.plan_measure = measure
    enrolment.save()
    services.reject(tree.users["competence_env"], enrolment)
    assert _state(measure) == S.PLANNED
    again = f.make_enrolment(allocation, make_employee(tree.service_ab))
    again.plan_measure = measure
    again.save()
    enrolment.plan_measure = None
    enrolment.save()
    services.withdraw(tree.users["leader_ab"], again, expected_version=again.version)
    assert _state(measure) == S.CANCELLED


def test_a_round_moves_its_measure_from_commitment_to_completion(tree):
    measure = _measure(tree, MeasureKind.SERVICE_SUPPORT)
    cohort = f.make_round(tree, tree.county_x)
    participation = f.choose(cohort, tree.service_ab)
    staff = [make_employee(tree.service_ab) for _ in range(2)]
    services.enrol_staff(tree.users["leader_ab"], participation, staff, plan_measure=measure)
    assert _state(measure) == S.ONGOING  # enrolled staff hold their places
    services.sign_commitment(
        tree.users["leader_ab"], participation, signed_on=datetime.date.today(), expected_version=1
    )
    session = f.make_session(cohort, datetime.date(2026, 9, 1))
    services.record_attendance(tree.users["advisor_x"], session, list(cohort.enrolments.values_list("pk", flat=True)))
    services.complete_cohort(tree.users["advisor_x"], cohort, completed_on=datetime.date(2026, 12, 1))
    assert _state(measure) == S.DONE


def test_only_the_system_writes_the_measure_state_from_programmes(tree):
    measure = _measure(tree)
    with pytest.raises(PermissionDenied):
        programme_measures.follow_programme(tree.users["leader_ab"], measure=measure, state=S.DONE)
    with pytest.raises(ValueError):
        programme_measures.follow_programme(measure=measure, state="finished")
    assert programme_measures.follow_programme(measure=measure, state=S.ONGOING) is True
    assert programme_measures.follow_programme(measure=measure, state=S.ONGOING) is False


def test_the_measure_page_shows_the_enrolment_and_its_state(client, tree):
    allocation = f.make_allocation(2030, places=2)
    measure = _measure(tree)
    enrolment = f.make_enrolment(allocation, make_employee(tree.service_ab, "Kari", "Nordmann"))
    enrolment.plan_measure = measure
    enrolment.save()
    login(client, tree.users["leader_ab"])
    body = client.get(f"/kompetanse/planer/{measure.plan_id}/tiltak/{measure.pk}/").content.decode()
    assert f"/programmer/soknader/{enrolment.pk}/" in body and "Bekreftet av arbeidsgiver" in body
    page = client.get(f"/programmer/soknader/{enrolment.pk}/").content.decode()
    assert "Videreutdanning for Kari" in page and "Planlagt" in page
