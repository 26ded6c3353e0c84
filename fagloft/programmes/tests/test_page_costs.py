"""What keeps the app's pages fast on national data: the provider's reach written on foreign keys
(the same rows as through the environments' people), pages whose queries do not grow with their
rows, and the candidate list's figures from the competence cache that any change refreshes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fagloft.accounts.access import checks_for
from fagloft.competence.models import Certification
from fagloft.networks.tests.factories import make_environment
from fagloft.organizations.tests.factories import login
from fagloft.programmes import coverage, queries
from fagloft.programmes.models import (
    Attendance,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Offer,
    Session,
    StudyPlaceAllocation,
)
from fagloft.programmes.permissions import _PROVIDER_PATHS, _provides, provider_rule
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db

MODELS = [Offer, StudyPlaceAllocation, Cohort, Session, Enrolment, Attendance]


def _count(client: Any, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.content.decode()


@pytest.fixture
def provided(tree):
    """The environment's own class, cohort and offer, another environment's, and ones without a
    provider, each with an applicant or participant and attendance."""
    own = f.provider_for(tree)
    other = make_environment("RBUP Sør")
    own_offer = f.offer("vu-eget")
    own_offer.provider = own
    own_offer.save()
    allocations = [
        f.make_allocation(2030, provider=own),
        f.make_allocation(2030, provider=other, institution="Høgskolen i Sør"),
        f.make_allocation(2031, provider=None, institution="Ingen"),
        f.make_allocation(2031, provider=None, institution="Eget tilbud", code="vu-eget"),
    ]
    cohorts = [
        f.make_round(tree, tree.county_x, "Egen runde", provider=own),
        f.make_round(tree, tree.county_x, "Annen runde", provider=other),
    ]
    for n, allocation in enumerate(allocations):
        f.make_enrolment(allocation, f.make_employee(tree.service_ab, f"Søker{n}", "Nord"))
    for n, cohort in enumerate(cohorts):
        session = f.make_session(cohort, datetime.date(2026, 9, 1 + n))
        enrolment = Enrolment.objects.create(
            employee=f.make_employee(tree.service_ab, f"Deltaker{n}", "Nord"),
            service=tree.service_ab,
            offer=cohort.offer,
            cohort=cohort,
            year=cohort.year,
            status=EnrolmentStatus.ENROLLED,
        )
        Attendance.objects.create(session=session, enrolment=enrolment, present=True)
    return tree


def _through_people(user: Any, model: Any) -> set[int]:
    """The provider's rows as the rule first wrote them: joined through the people of each path."""
    condition = Q()
    for path in _PROVIDER_PATHS[model._meta.model_name]:
        condition |= Q(**{f"{path}__people": user})
    return set(model.objects.filter(condition).values_list("pk", flat=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_provider_reaches_the_same_rows_as_through_the_people(provided, model):
    user = provided.users["competence_env"]
    expected = _through_people(user, model)
    assert expected, "the fixture gives the provider rows of every model"
    assert expected != set(model.objects.values_list("pk", flat=True)), "and rows of others"
    assert set(provider_rule(user, model.objects.all()).values_list("pk", flat=True)) == expected
    rows = list(model.objects.all())
    alone = {row.pk for row in rows if _provides(user, row)}
    with checks_for(user, rows):
        together = {row.pk for row in rows if _provides(user, row)}
    assert alone == together == expected


def test_other_roles_are_no_provider(provided):
    for reader in ("admin", "leader_ab", "employee_ab"):
        user = provided.users[reader]
        assert not provider_rule(user, Enrolment.objects.all()).exists()
        with checks_for(user, list(Enrolment.objects.all())):
            assert not any(_provides(user, e) for e in Enrolment.objects.all())


def test_the_provider_opens_its_own_applications_only(client, provided):
    user = provided.users["competence_env"]
    login(client, user)
    own = _through_people(user, Enrolment)
    for enrolment in Enrolment.objects.all():
        response = client.get(f"/programmer/soknader/{enrolment.pk}/")
        assert response.status_code == (200 if enrolment.pk in own else 404), enrolment


def _classes(offer: Offer, provider: Any, count: int, start: int) -> None:
    for n in range(count):
        f.make_allocation(2030 + (start + n) % 3, provider=provider, institution=f"Lærested {start + n}")
    for year in (2030, 2031, 2032):
        f.open_window(year)


@pytest.mark.parametrize("reader", ["admin", "competence_env", "employee_ab"])
def test_the_offer_page_costs_the_same_for_three_times_the_classes(client, tree, reader):
    provider = f.provider_for(tree)
    offer = f.offer()
    _classes(offer, provider, 2, 0)
    login(client, tree.users[reader])
    url = f"/programmer/tilbud/{offer.pk}/"
    few, _page = _count(client, url)
    _classes(offer, provider, 4, 2)
    many, page = _count(client, url)
    assert page.count("Lærested ") >= 6
    # The provider (and the administrator) open their classes.
    links = page.count('href="/programmer/studieplasser/')
    assert links == (0 if reader == "employee_ab" else 6)
    assert many == few


def _participations(tree: Any, cohort: Cohort, count: int) -> None:
    from fagloft.organizations.models import Service

    for n in range(count):
        service = Service.objects.create(name=f"Tjeneste {cohort.pk}-{n}", host_municipality=tree.municipality_a)
        f.choose(cohort, service)


def test_the_cohort_page_costs_the_same_for_three_times_the_services(client, tree):
    cohort = f.make_round(tree, tree.county_x)
    f.choose(cohort, tree.service_ab)
    _participations(tree, cohort, 2)
    login(client, tree.users["leader_ab"])
    url = f"/programmer/runder/{cohort.pk}/"
    few, page = _count(client, url)
    _participations(tree, cohort, 4)
    many, page = _count(client, url)
    assert page.count("Tjeneste ") >= 6
    # The leader's own service, and only that one, is offered the commitment.
    assert page.count('href="/programmer/deltakelse/') == 1
    assert many == few


def test_the_candidates_follow_the_staff_at_once(tree):
    cohort = f.make_round(tree, tree.county_x)

    def headcount() -> int:
        found = [c for c in queries.candidates(tree.county_x, cohort) if c.service.pk == tree.service_ab.pk]
        return found[0].headcount

    before = headcount()
    assert headcount() == before  # from the cache
    f.make_employee(tree.service_ab, "Ny", "Ansatt")
    assert headcount() == before + 1


def test_the_aggregates_count_the_same_people_as_the_named_list(tree):
    offer = f.offer("tibir-pmto")
    offer.renewal_years = 2
    offer.save()
    today = timezone.localdate()
    for n, service in enumerate([tree.service_ab, tree.service_ab, tree.service_c]):
        employee = f.make_employee(service, f"Pmto{n}", "Terapeut")
        Certification.objects.create(employee=employee, method="pmto", year=today.year - n)
        Certification.objects.create(employee=employee, method="pmto", year=today.year - 5)
    named = coverage.certified_people(offer, None, today, 12)
    counted = coverage.certified_people(offer, None, today, 12, names=False)
    assert len(named) == 3

    def facts(people: list[coverage.Person]) -> list[tuple[Any, ...]]:
        return sorted((p.service_id, p.certified_year, p.renewal_due_on, p.expiring, p.expired) for p in people)

    assert facts(named) == facts(counted)
    assert all(p.employee is None for p in counted)
    assert all(p.employee is not None and p.employee.service_id == p.service_id for p in named)
