"""Further education: the window in Norway's time, the 2031 priority at its transition dates,
admission within places, completion into the competence register and the 2031 status."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.competence import queries as competence_queries
from fagloft.competence import requirements
from fagloft.competence.models import FurtherEducation, Position, Status
from fagloft.competence.tests.factories import give_education, make_employee
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree
from fagloft.programmes import rules, services
from fagloft.programmes.models import Enrolment, EnrolmentStatus, StudyPlaceAllocation
from fagloft.programmes.tests import factories as f

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=OSLO)


@pytest.fixture
def tree():
    return build_tree()


def _bachelor(service, user=None, started_on=datetime.date(2020, 1, 1), **extra):
    employee = make_employee(service, started_on=started_on, user=user, **extra)
    give_education(employee)
    return employee


# The window ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(2030, 1, 31, 23, 59, 59), False),
        (at(2030, 2, 1, 0, 0, 0), True),
        (at(2030, 4, 15, 23, 59, 59), True),
        (at(2030, 4, 16, 0, 0, 0), False),
    ],
)
def test_the_window_opens_and_closes_at_midnight_norwegian_time(moment, open_):
    window = f.open_window(2030)
    assert rules.is_open(window, moment) is open_
    # The same instants in UTC (summer time in April: UTC+2, winter in February: UTC+1).
    assert rules.is_open(window, moment.astimezone(datetime.UTC)) is open_


def test_an_application_after_the_deadline_in_oslo_is_refused_though_it_is_still_the_day_in_utc(tree):
    f.open_window(2030)
    allocation = f.make_allocation(2030)
    employee = _bachelor(tree.service_ab, user=tree.users["employee_ab"])
    # 22:30 UTC on 15 April is 00:30 on 16 April in Oslo (summer time).
    late = datetime.datetime(2030, 4, 15, 22, 30, tzinfo=datetime.UTC)
    with pytest.raises(Refused, match="Søknadsperioden"):
        services.apply(tree.users["employee_ab"], employee, allocation, now=late)
    just_in = datetime.datetime(2030, 4, 15, 21, 59, tzinfo=datetime.UTC)
    enrolment = services.apply(tree.users["employee_ab"], employee, allocation, now=just_in)
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert AuditEvent.objects.filter(object_type="programmes.enrolment", object_id=str(enrolment.pk)).exists()


def test_the_leader_applies_on_behalf_of_staff_and_a_colleague_cannot(tree):
    f.open_window(2030)
    allocation = f.make_allocation(2030)
    employee = _bachelor(tree.service_ab)
    enrolment = services.apply(tree.users["leader_ab"], employee, allocation, now=at(2030, 3, 1))
    assert enrolment.applied_by == tree.users["leader_ab"]
    other = _bachelor(tree.service_ab)
    with pytest.raises(PermissionDenied):
        services.apply(tree.users["employee_ab"], other, allocation, now=at(2030, 3, 1))
    with pytest.raises(PermissionDenied):
        services.apply(tree.users["leader_c"], other, allocation, now=at(2030, 3, 1))


def test_the_employer_confirms_with_a_date_not_before_the_application(tree):
    f.open_window(2030)
    allocation = f.make_allocation(2030)
    employee = _bachelor(tree.service_ab, user=tree.users["employee_ab"])
    enrolment = services.apply(tree.users["employee_ab"], employee, allocation, now=at(2030, 3, 1))
    with pytest.raises(PermissionDenied):
        services.confirm_employer(
            tree.users["employee_ab"], enrolment, confirmed_on=datetime.date(2030, 3, 2), expected_version=1
        )
    with pytest.raises(Refused):
        services.confirm_employer(
            tree.users["leader_ab"], enrolment, confirmed_on=datetime.date(2030, 2, 2), expected_version=1
        )
    services.confirm_employer(
        tree.users["leader_ab"], enrolment, confirmed_on=datetime.date(2030, 3, 2), expected_version=1
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    assert enrolment.employer_confirmed_on == datetime.date(2030, 3, 2)


# Priority at the 2031 transition dates ------------------------------------------------------


def _person(**changes: Any) -> requirements.Person:
    base: dict[str, Any] = dict(
        position=Position.CASE_WORKER,
        does_core_tasks=True,
        started_on=datetime.date(2020, 1, 1),
        ended_on=None,
        prior_experience_years=Decimal(0),
        courses=(requirements.Course("bachelor", True, 2015, True),),
        exemption_until=None,
    )
    base.update(changes)
    return requirements.Person(**base)


def test_priority_depends_on_whether_the_course_ends_before_the_requirements_apply(tree):
    rules_2031 = requirements.rules_in_force()
    assert rules_2031.applies_from == datetime.date(2031, 1, 1)
    person = _person()
    # A class ending in spring 2030 makes the person meet the bachelor route in time.
    early = f.make_allocation(2029)
    assert rules.priority_for(person, early, datetime.date(2029, 3, 1)).group == Enrolment.Priority.REQUIREMENT
    # A class ending in spring 2031 ends after 1 January 2031: the course no longer helps.
    late = f.make_allocation(2030)
    assert rules.priority_for(person, late, datetime.date(2030, 3, 1)).group == Enrolment.Priority.OTHER


def test_priority_around_the_documentation_date_of_1_january_2031(tree):
    allocation = f.make_allocation(2030)
    allocation.ends_on = datetime.date(2030, 12, 20)  # a one-semester class, ending before the date
    person = _person()
    assert rules.priority_for(person, allocation, datetime.date(2030, 12, 31)).group == Enrolment.Priority.REQUIREMENT
    # Documented "by 1 January 2031" includes that day (as in competence.requirements) ...
    assert rules.priority_for(person, allocation, datetime.date(2031, 1, 1)).group == Enrolment.Priority.REQUIREMENT
    # ... and from the day after, the bachelor route is closed: no further education helps in time.
    assert rules.priority_for(person, allocation, datetime.date(2031, 1, 2)).group == Enrolment.Priority.OTHER


def test_who_already_meets_or_has_no_core_tasks_is_not_prioritised(tree):
    allocation = f.make_allocation(2029)
    master = _person(courses=(requirements.Course("master", True, 2015, True),))
    assert rules.priority_for(master, allocation, datetime.date(2029, 3, 1)).group == Enrolment.Priority.OTHER
    office = _person(does_core_tasks=False)
    assert rules.priority_for(office, allocation, datetime.date(2029, 3, 1)).group == Enrolment.Priority.OTHER


def test_admission_in_priority_order_takes_the_2031_need_first_then_waitlists(tree):
    f.open_window(2029)
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, places=1, provider=provider)
    early_other = make_employee(tree.service_ab)
    give_education(early_other, level="master")  # meets already: group 2, though first to apply
    needs = _bachelor(tree.service_ab)
    first = f.make_enrolment(allocation, early_other, applied_at=at(2029, 2, 2))
    second = f.make_enrolment(allocation, needs, applied_at=at(2029, 4, 1))
    result = services.admit_in_priority_order(tree.users["competence_env"], allocation, now=at(2029, 5, 1))
    assert result == {"admitted": 1, "waitlisted": 1}
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == EnrolmentStatus.ADMITTED and second.priority == Enrolment.Priority.REQUIREMENT
    assert first.status == EnrolmentStatus.WAITLISTED and first.waitlist_position == 1


def test_an_unconfirmed_applicant_cannot_be_admitted_and_a_stranger_cannot_admit(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, provider=provider)
    enrolment = f.make_enrolment(allocation, _bachelor(tree.service_ab), status=EnrolmentStatus.APPLIED)
    with pytest.raises(Refused):
        services.admit(tree.users["competence_env"], enrolment)
    other = f.make_allocation(2029, institution="Et annet lærested")
    foreign = f.make_enrolment(other, _bachelor(tree.service_ab))
    with pytest.raises(PermissionDenied):
        services.admit(tree.users["competence_env"], foreign)
    with pytest.raises(PermissionDenied):
        services.admit(tree.users["advisor_x"], foreign)


def test_admission_never_exceeds_the_places(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, places=2, provider=provider)
    enrolments = [f.make_enrolment(allocation, _bachelor(tree.service_ab)) for _ in range(3)]
    services.admit(tree.users["competence_env"], enrolments[0])
    services.admit(tree.users["competence_env"], enrolments[1])
    with pytest.raises(Refused, match="fylt"):
        services.admit(tree.users["competence_env"], enrolments[2])
    allocation.refresh_from_db()
    assert allocation.admitted == 2
    assert Enrolment.objects.filter(allocation=allocation, status=EnrolmentStatus.ADMITTED).count() == 2


def test_withdrawing_an_admitted_student_frees_the_place(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, places=1, provider=provider)
    employee = _bachelor(tree.service_ab, user=tree.users["employee_ab"])
    enrolment = f.make_enrolment(allocation, employee)
    enrolment = services.admit(tree.users["competence_env"], enrolment)
    services.withdraw(tree.users["employee_ab"], enrolment, expected_version=enrolment.version)
    allocation.refresh_from_db()
    assert allocation.admitted == 0


# Completion into the register and the 2031 status --------------------------------------------


def test_admission_and_completion_update_the_register_and_the_2031_status_at_once(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, provider=provider)
    employee = _bachelor(tree.service_ab, started_on=datetime.date(2020, 1, 1))
    today = datetime.date(2029, 9, 1)

    def status():
        fresh = competence_queries.employees_with_courses().get(pk=employee.pk)
        return requirements.status_for(requirements.person_from(fresh), requirements.rules_in_force(), today)

    assert not status().will_meet_in_time
    enrolment = services.admit(tree.users["competence_env"], f.make_enrolment(allocation, employee))
    course = FurtherEducation.objects.get(employee=employee)
    assert course.status == Status.ONGOING and course.ects == Decimal(30)
    assert status().will_meet_in_time and not status().meets_now

    services.record_completion(
        tree.users["competence_env"], enrolment, ects_passed=Decimal(30), completed_on=datetime.date(2030, 6, 10)
    )
    course.refresh_from_db()
    assert course.status == Status.COMPLETED and course.year == 2030
    today = datetime.date(2030, 7, 1)
    assert status().meets_now and status().route == "bachelor"
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED and enrolment.ects_passed == Decimal(30)


def test_completion_with_no_credits_takes_the_course_out_of_the_requirements(tree):
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, provider=provider)
    employee = _bachelor(tree.service_ab)
    enrolment = services.admit(tree.users["competence_env"], f.make_enrolment(allocation, employee))
    services.record_completion(
        tree.users["competence_env"], enrolment, ects_passed=Decimal(0), completed_on=datetime.date(2030, 6, 10)
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.NOT_COMPLETED
    assert FurtherEducation.objects.get(employee=employee).ects == Decimal(0)
    with pytest.raises(Refused):
        services.record_completion(
            tree.users["competence_env"], enrolment, ects_passed=Decimal(31), completed_on=datetime.date(2030, 6, 10)
        )


def test_the_database_refuses_more_admitted_than_places(tree):
    from django.db import IntegrityError, transaction

    allocation = f.make_allocation(2029, places=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StudyPlaceAllocation.objects.filter(pk=allocation.pk).update(admitted=2)
