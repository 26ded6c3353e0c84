"""The employer grant per admitted student: a line links a further-education application to the
student's enrolment in programmes, within the year's ceiling per student (Bufdir's data), only for
the applying services' admitted students, shown on the enrolment's page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.competence.tests.factories import make_employee
from fagloft.grants import employer_grants, services
from fagloft.grants.models import Application, Call, EmployerGrantLine
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.lib.links import related_links
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.programmes.models import EnrolmentStatus, GrantCeiling
from fagloft.programmes.tests import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    tree = build_tree()
    call = make_call(tree.county_x, "Tilskudd til videreutdanning", kind=Call.Kind.FURTHER_EDUCATION)
    application = make_application(call, tree.municipality_a, "Videreutdanning Alvik", amount=0)
    GrantCeiling.objects.update_or_create(year=2030, defaults={"amount": Decimal(100_000), "confirmed": True})
    allocation = pf.make_allocation(2030, places=5)
    kari = make_employee(tree.service_ab, "Kari", "Nordmann")
    admitted = pf.make_enrolment(allocation, kari, status=EnrolmentStatus.ADMITTED)
    return tree, application, admitted, allocation


def _line(tree, application, enrolment, **amounts):
    return employer_grants.save_line(tree.users["leader_ab"], application, enrolment=enrolment, **amounts)


def test_the_leader_adds_an_admitted_student_within_the_ceiling_and_it_is_audited(setup):
    tree, application, admitted, _allocation = setup
    line = _line(
        tree, application, admitted, substitutes=Decimal(60_000), travel=Decimal(30_000), literature=Decimal(10_000)
    )
    assert line.total == Decimal(100_000)  # the ceiling itself is allowed
    event = AuditEvent.objects.filter(object_type="grants.application", object_id=str(application.pk)).latest("pk")
    assert "employer_grant_line" in event.changes
    # Changing the same student's line replaces it (one line per student per application).
    _line(tree, application, admitted, substitutes=Decimal(50_000))
    assert EmployerGrantLine.objects.get().total == Decimal(50_000)
    # The decision's bound counts the lines as applied for.
    assert services._requested_amount(application) == Decimal(50_000)


def test_a_line_over_the_years_ceiling_is_refused(setup):
    tree, application, admitted, _allocation = setup
    with pytest.raises(Refused, match="mer enn taket på 100"):
        _line(tree, application, admitted, substitutes=Decimal(90_000), literature=Decimal(10_001))
    assert not EmployerGrantLine.objects.exists()


def test_the_ceiling_counts_the_students_other_applications_in_the_same_year(setup):
    tree, application, admitted, _allocation = setup
    other = make_application(application.call, tree.municipality_a, "Andre søknad", amount=0)
    _line(tree, other, admitted, substitutes=Decimal(70_000))
    with pytest.raises(Refused, match="taket"):
        _line(tree, application, admitted, substitutes=Decimal(40_000))
    # A refused application does not count.
    Application.objects.filter(pk=other.pk).update(status=Application.Status.REFUSED)
    assert _line(tree, application, admitted, substitutes=Decimal(40_000)).total == Decimal(40_000)


def test_no_ceiling_for_the_year_refuses(setup):
    tree, application, admitted, _allocation = setup
    GrantCeiling.objects.filter(year=2030).update(amount=None)
    with pytest.raises(Refused, match="ikke satt noe tak"):
        _line(tree, application, admitted, travel=Decimal(1_000))


def test_a_student_not_admitted_or_of_another_service_is_refused(setup):
    tree, application, _admitted, allocation = setup
    applicant = pf.make_enrolment(allocation, make_employee(tree.service_ab), status=EnrolmentStatus.CONFIRMED)
    with pytest.raises(Refused, match="ikke tatt opp") as error:
        _line(tree, application, applicant, travel=Decimal(1_000))
    assert error.value.field == "enrolment"
    outside = pf.make_enrolment(allocation, make_employee(tree.service_c), status=EnrolmentStatus.ADMITTED)
    with pytest.raises(Refused) as error:
        employer_grants.save_line(None, application, enrolment=outside, travel=Decimal(1_000))
    assert error.value.field == "enrolment"
    assert not EmployerGrantLine.objects.exists()


def test_only_the_applicant_may_add_or_remove_lines(setup):
    tree, application, admitted, _allocation = setup
    for outsider in ("leader_c", "national", "employee_ab", "advisor_x"):
        with pytest.raises(PermissionDenied):
            employer_grants.save_line(tree.users[outsider], application, enrolment=admitted, travel=Decimal(1))
    line = _line(tree, application, admitted, travel=Decimal(1_000))
    with pytest.raises(PermissionDenied):
        employer_grants.remove_line(tree.users["leader_c"], application, line=line)
    employer_grants.remove_line(tree.users["leader_ab"], application, line=line)
    assert not EmployerGrantLine.objects.exists()


def test_a_submitted_application_or_a_development_call_takes_no_lines(setup):
    tree, application, admitted, _allocation = setup
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SUBMITTED)
    application.refresh_from_db()
    with pytest.raises(Refused, match="sendt inn"):
        employer_grants.save_line(None, application, enrolment=admitted, travel=Decimal(1_000))
    development = make_application(make_call(tree.county_x), tree.municipality_a, amount=0)
    with pytest.raises(Refused, match="videreutdanning"):
        employer_grants.save_line(None, development, enrolment=admitted, travel=Decimal(1_000))


def test_the_page_adds_a_line_and_keeps_the_input_on_error(client, setup):
    tree, application, admitted, _allocation = setup
    login(client, tree.users["leader_ab"])
    url = f"/tilskudd/soknader/{application.pk}/studenter/"
    page = client.get(url)
    assert page.status_code == 200 and "Kari" in page.content.decode()
    over = client.post(url, {"enrolment": admitted.pk, "substitutes": "100001", "travel": "0", "literature": "0"})
    assert over.status_code == 200
    body = over.content.decode()
    assert "taket" in body and 'value="100001"' in body
    saved = client.post(url, {"enrolment": admitted.pk, "substitutes": "20000", "travel": "5000", "literature": "0"})
    assert saved.status_code == 302
    assert EmployerGrantLine.objects.get().total == Decimal(25_000)
    # The municipal leader sees the application's lines (the application names its students, as
    # its budget lines do) but gets no person-level enrolments to pick from.
    login(client, tree.users["municipal_leader_a"])
    assert "Ingen ansatte i søkertjenestene" in client.get(url).content.decode()
    # Another county's leader may not open the page.
    login(client, tree.users["leader_c"])
    assert client.get(url).status_code in (403, 404)


def test_the_enrolment_page_links_to_the_grant_application(client, setup):
    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(20_000))
    links = related_links(admitted, tree.users["leader_ab"], "related")
    assert [link.pk for link in links if link.model == "grants.application"] == [application.pk]
    assert related_links(admitted, tree.users["leader_c"], "related") == []
    login(client, tree.users["leader_ab"])
    page = client.get(f"/programmer/soknader/{admitted.pk}/").content.decode()
    assert application.title in page and "Tilskudd til arbeidsgiver" in page


def test_the_partial_on_the_application_page_lists_the_lines(setup, rf):
    from django.template import Context, Template

    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(20_000))
    request = rf.get("/")
    request.user = tree.users["leader_ab"]
    html = Template('{% include "grants/_employer_grants.html" %}').render(
        Context({"application": application, "request": request})
    )
    # The template gets its data itself: the view's context needs only the application.
    assert "Kari Nordmann" in html and "/studenter/" in html


def test_submitting_names_a_student_who_has_lost_the_place_since_the_line_was_added(setup):
    import datetime

    from django.utils import timezone

    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(40_000))
    when = timezone.make_aware(datetime.datetime(2026, 9, 1, 12))
    admitted.status = EnrolmentStatus.WITHDRAWN
    admitted.save(update_fields=["status"])
    refusal = services.submission_refusal(application, when)
    assert refusal is not None and any("Kari Nordmann" in str(message) for message in refusal.messages)


def test_the_requested_amount_shown_to_assessors_counts_the_student_lines(setup):
    from fagloft.grants import queries

    tree, application, admitted, _allocation = setup
    before = queries.requested(queries.application_detail().get(pk=application.pk))
    _line(tree, application, admitted, substitutes=Decimal(40_000), literature=Decimal(5_000))
    assert queries.requested(queries.application_detail().get(pk=application.pk)) == before + Decimal(45_000)


def test_assessors_see_the_amount_per_student_but_not_who_the_student_is(setup, rf):
    from django.template import Context, Template

    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(40_000))
    template = Template('{% include "grants/_employer_grants.html" %}')

    def render(user):
        request = rf.get("/")
        request.user = user
        return template.render(Context({"application": application, "request": request}))

    assert "Kari Nordmann" in render(tree.users["leader_ab"])
    advisor = render(tree.users["advisor_x"])
    assert "Kari Nordmann" not in advisor and "Student 1" in advisor and "40" in advisor


def test_the_api_reports_the_same_requested_amount_as_the_pages(client, setup):
    from fagloft.grants import queries

    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(40_000))
    login(client, tree.users["leader_ab"])
    data = client.get(f"/api/v1/applications/{application.pk}/").json()
    assert Decimal(data["requested"]) == queries.requested(queries.application_detail().get(pk=application.pk))
    listed = {row["id"]: row for row in client.get("/api/v1/applications/").json()["results"]}
    assert Decimal(listed[application.pk]["requested"]) == Decimal(data["requested"])


def test_the_ceiling_cannot_be_lowered_below_what_a_student_already_has(setup):
    from fagloft.programmes import services as programme_services

    tree, application, admitted, _allocation = setup
    # 60 000 in two applications for the same student: the ceiling may go down to that, not below.
    other = make_application(application.call, tree.municipality_a, "Andre søknad", amount=0)
    _line(tree, application, admitted, substitutes=Decimal(40_000))
    _line(tree, other, admitted, travel=Decimal(20_000))
    ceiling = GrantCeiling.objects.get(year=2030)
    bufdir = tree.users["national"]
    with pytest.raises(Refused, match="60\u00a0000\u00a0kr for én student for 2030") as error:
        programme_services.save_grant_ceiling(bufdir, ceiling, {"amount": Decimal(59_999)}, ceiling.version)
    assert error.value.field == "amount"
    with pytest.raises(Refused, match="kan ikke settes lavere"):
        programme_services.save_grant_ceiling(bufdir, ceiling, {"amount": None}, ceiling.version)
    with pytest.raises(Refused, match="året kan ikke endres") as error:
        programme_services.save_grant_ceiling(bufdir, ceiling, {"year": 2031}, ceiling.version)
    assert error.value.field == "year"
    assert GrantCeiling.objects.get(pk=ceiling.pk).amount == Decimal(100_000)
    assert programme_services.save_grant_ceiling(bufdir, ceiling, {"amount": Decimal(60_000)}, ceiling.version)
    # A refused application no longer draws from the ceiling.
    Application.objects.filter(pk=other.pk).update(status=Application.Status.REFUSED)
    ceiling.refresh_from_db()
    saved = programme_services.save_grant_ceiling(bufdir, ceiling, {"amount": Decimal(40_000)}, ceiling.version)
    assert saved.amount == Decimal(40_000)


def test_the_ceiling_page_names_the_amount_already_granted_and_keeps_the_input(client, setup):
    tree, application, admitted, _allocation = setup
    _line(tree, application, admitted, substitutes=Decimal(45_000))
    ceiling = GrantCeiling.objects.get(year=2030)
    login(client, tree.users["national"])
    url = f"/programmer/tilskuddstak/{ceiling.pk}/endre/"
    form = {"year": 2030, "amount": "30000", "confirmed": "on", "version": ceiling.version}
    page = client.post(url, form)
    body = page.content.decode()
    assert page.status_code == 200 and "45\u00a0000\u00a0kr for én student" in body and 'value="30000"' in body
    assert GrantCeiling.objects.get(pk=ceiling.pk).amount == Decimal(100_000)
    assert client.post(url, {**form, "amount": "45000"}).status_code == 302
    assert GrantCeiling.objects.get(pk=ceiling.pk).amount == Decimal(45_000)
