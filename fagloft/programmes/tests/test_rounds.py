"""Tjenestestøtteprogrammet: choice, the whole-service commitment checked against the staff
register, attendance and completion; basic training suggestions; aggregates and the five-person
rule; the links to plan measures."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fagloft.competence.models import Certification, MeasureKind, PlanMeasure
from fagloft.competence.tests.factories import make_employee, make_plan
from fagloft.lib.links import related_links
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.programmes import queries, services
from fagloft.programmes.models import Attendance, Cohort, CohortService, EnrolmentStatus
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_tree()


def test_the_commitment_is_refused_until_every_active_employee_is_enrolled(tree):
    staff = [make_employee(tree.service_ab) for _ in range(3)]
    make_employee(tree.service_ab, ended_on=datetime.date(2021, 1, 1))  # left: not required
    cohort = services.create_round(
        tree.users["advisor_x"], tree.county_x, offer=f.offer("tjenestestotteprogrammet"), title="Runde", year=2026
    )
    participation = services.choose_service(tree.users["national"], cohort, tree.service_ab, reasons=["Høy risiko"])
    services.enrol_staff(tree.users["leader_ab"], participation, staff[:2])
    with pytest.raises(Refused, match="1 aktiv ansatt er ikke meldt på"):
        services.sign_commitment(
            tree.users["leader_ab"], participation, signed_on=datetime.date.today(), expected_version=1
        )
    services.enrol_staff(tree.users["leader_ab"], participation, staff[2:])
    with pytest.raises(PermissionDenied):
        services.sign_commitment(
            tree.users["leader_c"], participation, signed_on=datetime.date.today(), expected_version=1
        )
    services.sign_commitment(
        tree.users["leader_ab"], participation, signed_on=datetime.date.today(), expected_version=1
    )
    participation.refresh_from_db()
    assert participation.status == CohortService.Status.COMMITTED


def test_only_bufdir_and_the_county_choose_services_and_only_inside_the_county(tree):
    cohort = f.make_round(tree, tree.county_x)
    with pytest.raises(PermissionDenied):
        services.choose_service(tree.users["leader_ab"], cohort, tree.service_ab, reasons=[])
    with pytest.raises(PermissionDenied):
        services.choose_service(tree.users["advisor_y"], cohort, tree.service_ab, reasons=[])
    with pytest.raises(Refused):
        services.choose_service(tree.users["national"], cohort, tree.service_c, reasons=[])


def test_attendance_and_completion_per_person_and_service(tree):
    provider = f.provider_for(tree)
    cohort = f.make_round(tree, tree.county_x, provider=provider)
    cohort.min_attendance_percent = 60
    cohort.save()
    participation = f.choose(cohort, tree.service_ab)
    good, poor = make_employee(tree.service_ab), make_employee(tree.service_ab)
    services.enrol_staff(tree.users["leader_ab"], participation, [good, poor])
    services.sign_commitment(
        tree.users["leader_ab"], participation, signed_on=datetime.date.today(), expected_version=1
    )
    sessions = [f.make_session(cohort, datetime.date(2026, 9, day)) for day in (1, 8, 15, 22, 29)]
    enrolment = {e.employee_id: e for e in cohort.enrolments.all()}
    for index, session in enumerate(sessions):
        present = [enrolment[good.pk].pk] + ([enrolment[poor.pk].pk] if index < 2 else [])
        services.record_attendance(tree.users["competence_env"], session, present)
    assert Attendance.objects.filter(present=True).count() == 7
    with pytest.raises(PermissionDenied):
        services.record_attendance(tree.users["leader_c"], sessions[0], [])
    result = services.complete_cohort(tree.users["competence_env"], cohort, completed_on=datetime.date(2026, 12, 1))
    assert result == {"completed": 1, "not_completed": 1}
    participation.refresh_from_db()
    assert participation.status == CohortService.Status.COMPLETED


def test_a_certification_course_writes_the_certification_and_its_renewal(tree):
    offer = f.offer("tibir-pmto")
    offer.renewal_years = 2
    offer.save()
    cohort = services.create_cohort(
        tree.users["advisor_x"], tree.county_x, kind=Cohort.Kind.CERTIFICATION, offer=offer, title="PMTO", year=2026
    )
    person = make_employee(tree.service_ab)
    services.enrol_in_cohort(tree.users["leader_ab"], tree.service_ab, cohort, [person])
    session = f.make_session(cohort, datetime.date(2026, 5, 1))
    services.record_attendance(tree.users["advisor_x"], session, [cohort.enrolments.get().pk])
    services.complete_cohort(tree.users["advisor_x"], cohort, completed_on=datetime.date(2026, 6, 1))
    enrolment = cohort.enrolments.get()
    assert enrolment.certified_on == datetime.date(2026, 6, 1)
    assert enrolment.renewal_due_on == datetime.date(2028, 6, 1)
    assert Certification.objects.filter(employee=person, method="pmto", year=2026).exists()


def test_basic_training_suggests_staff_hired_in_the_last_twelve_months(tree):
    today = datetime.date.today()
    new = make_employee(tree.service_ab, started_on=today - datetime.timedelta(days=100))
    make_employee(tree.service_ab, started_on=today - datetime.timedelta(days=800))
    assert queries.suggested_new_staff(tree.service_ab, today) == [new]


def test_candidates_put_assessed_need_and_small_size_first_with_reasons(tree):
    rows = queries.candidates(tree.county_x)
    assert [r.service for r in rows] == [tree.service_ab]
    assert rows[0].reasons


def test_aggregates_hide_groups_under_five(tree):
    allocation = f.make_allocation(2029)
    for _ in range(3):
        f.make_enrolment(allocation, make_employee(tree.service_ab))
    progress = queries.progress([tree.service_ab.pk], with_requirements=False)
    assert progress.years[0].applied is None
    for _ in range(2):
        f.make_enrolment(allocation, make_employee(tree.service_ab))
    progress = queries.progress([tree.service_ab.pk], with_requirements=False)
    assert progress.years[0].applied == 5


def test_a_plan_measure_shows_its_enrolments_to_the_leader_only(tree):
    plan = make_plan(tree.service_ab)
    measure = PlanMeasure.objects.create(
        plan=plan, kind=MeasureKind.FURTHER_EDUCATION, description="Videreutdanning i barnets beste", owner="Leder"
    )
    f.open_window(2030)
    allocation = f.make_allocation(2030)
    employee = make_employee(tree.service_ab)
    now = datetime.datetime(2030, 3, 1, 12, tzinfo=datetime.UTC)
    enrolment = services.apply(tree.users["leader_ab"], employee, allocation, plan_measure=measure, now=now)
    assert [link.pk for link in related_links(measure, tree.users["leader_ab"])] == [enrolment.pk]
    assert related_links(measure, tree.users["advisor_x"]) == []
    assert enrolment.status == EnrolmentStatus.APPLIED


def _basic_training(tree):
    return services.create_cohort(
        tree.users["advisor_x"],
        tree.county_x,
        kind=Cohort.Kind.BASIC_TRAINING,
        offer=f.offer("basis"),
        title="Basis",
        year=2026,
    )


def test_the_round_page_links_the_leaders_own_services_to_enrol_staff(client, tree):
    cohort = _basic_training(tree)
    enrol = reverse("programmes:cohort-enrol", args=[cohort.pk, tree.service_ab.pk])
    login(client, tree.users["leader_ab"])
    assert f'href="{enrol}"' in client.get(reverse("programmes:cohort", args=[cohort.pk])).content.decode()
    person = make_employee(tree.service_ab)
    response = client.post(enrol, {"employees": [person.pk]})
    assert response.status_code == 302
    assert cohort.enrolments.get().employee == person
    # Not for the advisor, who leads no service, nor for a service outside the round's county.
    login(client, tree.users["advisor_x"])
    assert "meld-paa" not in client.get(reverse("programmes:cohort", args=[cohort.pk])).content.decode()
    login(client, tree.users["leader_c"])
    page = client.get(reverse("programmes:cohort", args=[cohort.pk]))
    assert page.status_code in (200, 404) and "meld-paa" not in page.content.decode()


def test_a_completed_round_takes_no_more_enrolments(tree):
    cohort = _basic_training(tree)
    services.complete_cohort(tree.users["advisor_x"], cohort, completed_on=datetime.date(2026, 6, 1))
    with pytest.raises(Refused, match="Runden er avsluttet"):
        services.enrol_in_cohort(tree.users["leader_ab"], tree.service_ab, cohort, [make_employee(tree.service_ab)])
