"""Further-education grants checked against the competence register (issue 5, DOMAIN.md "Further education")."""

from __future__ import annotations

import datetime
import decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.competence import queries as competence_queries
from fagloft.competence.models import Programme, Status
from fagloft.competence.tests.factories import give_further_education, make_employee
from fagloft.grants import eligibility
from fagloft.grants.eligibility import Candidate
from fagloft.grants.models import Application, Call
from fagloft.grants.tests.factories import make_application, make_call
from fagloft.organizations.tests.factories import login

D = decimal.Decimal
NOW = datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)
RULE = "students_in_competence_register"


@pytest.fixture
def world(tree):
    """Alvik's service has a register: Kari studies law (ongoing), Per only has an old course."""
    with time_machine.travel(NOW, tick=False):
        call = make_call(
            None,
            "Videreutdanning 2026",
            kind=Call.Kind.FURTHER_EDUCATION,
            max_per_student=100_000,
            deadline=datetime.date(2026, 11, 1),
        )
        kari = make_employee(tree.service_ab, "Kari", "Nordmann")
        give_further_education(kari, ects=30, year=2027, status=Status.ONGOING, programme=Programme.LAW)
        per = make_employee(tree.service_ab, "Per", "Hansen")
        give_further_education(per, ects=30, year=2019, status=Status.COMPLETED)
        yield tree, call


def _check(call: Call, municipality, *students: str) -> eligibility.RuleResult:
    lines = [("substitutes", D(10_000), name) for name in students]
    return eligibility.students_in_competence_register(
        Candidate(call=call, network=None, lead_municipality=municipality, budget_lines=lines)
    )


def test_a_student_with_ongoing_further_education_in_the_register_passes(world):
    tree, call = world
    result = _check(call, tree.municipality_a, "Kari Nordmann")
    assert result.passed
    expected = "Kari Nordmann: funnet i kompetanseregisteret: pågående videreutdanning Juss i barnevernfaglig arbeid"
    assert result.details == (f"{expected} (30 stp)",)


def test_further_education_planned_to_finish_in_the_calls_year_also_passes(world):
    tree, call = world
    ola = make_employee(tree.service_ab, "Ola", "Berg")
    give_further_education(ola, ects=15, year=2026, status=Status.COMPLETED, programme=Programme.SUPERVISION)
    result = _check(call, tree.municipality_b, "ola berg")  # Bergvik is served by the same service
    assert result.passed and "planlagt videreutdanning Veiledning (15 stp, 2026)" in result.details[0]


def test_a_student_in_the_register_without_further_education_fails_with_the_reason(world):
    tree, call = world
    result = _check(call, tree.municipality_a, "Kari Nordmann", "Per Hansen")
    assert not result.passed
    assert "Har ingen pågående eller planlagt videreutdanning" in result.reason and "Per Hansen" in result.reason
    assert "Kari Nordmann" not in result.reason


def test_a_student_not_in_the_register_fails_naming_the_person(world):
    tree, call = world
    result = _check(call, tree.municipality_a, "Lise Olsen")
    assert not result.passed
    assert result.reason == "Finnes ikke i kompetanseregisteret: Lise Olsen."
    assert "Alvik og Bergvik barneverntjeneste" in result.details[0]


def test_a_person_who_has_left_the_service_is_not_found(world):
    tree, call = world
    gone = make_employee(tree.service_ab, "Siri", "Lie", ended_on=datetime.date(2026, 6, 30))
    give_further_education(gone, status=Status.ONGOING, year=2027)
    assert not _check(call, tree.municipality_a, "Siri Lie").passed


def test_a_service_without_a_register_passes_with_a_note(world):
    tree, call = world
    result = _check(call, tree.municipality_c, "Kari Nordmann")
    assert result.passed
    assert result.reason.startswith("Ikke sjekket") and "kompetanseregister" in result.reason
    assert result.details == ()


def test_the_check_never_shows_one_services_staff_to_another_applicant(world):
    tree, call = world
    # Utenforvik's service has its own register, without Kari: Alvik's Kari must not be found there.
    make_employee(tree.service_c, "Anne", "Utenfor")
    result = _check(call, tree.municipality_c, "Kari Nordmann")
    assert not result.passed
    assert "Juss" not in " ".join(result.details) and "Alvik" not in " ".join(result.details)
    assert "finnes ikke i kompetanseregisteret" in result.details[0]


def test_the_query_function_only_searches_the_given_services(world):
    tree, _call = world
    status = competence_queries.further_education_status([tree.service_c.pk], ["Kari Nordmann"], 2026)
    assert not status.has_register and not status.people["Kari Nordmann"].in_register
    kari_id = (
        competence_queries.further_education_status([tree.service_ab.pk], ["Kari Nordmann"], 2026)
        .people["Kari Nordmann"]
        .employee_id
    )
    assert kari_id is not None
    by_id = competence_queries.further_education_status([tree.service_c.pk], [kari_id], 2026)
    assert not by_id.people[kari_id].in_register
    assert (
        competence_queries.further_education_status([tree.service_ab.pk], [kari_id], 2026)
        .people[kari_id]
        .has_further_education
    )


def test_the_query_count_of_the_check_does_not_grow_with_the_number_of_students(world):
    tree, call = world
    for number in range(10):
        give_further_education(make_employee(tree.service_ab, f"Student{number}", "Test"), status=Status.ONGOING)

    def count(students: list[str]) -> int:
        with CaptureQueriesContext(connection) as queries:
            _check(call, tree.municipality_a, *students)
        return len(queries)

    assert count(["Kari Nordmann"]) == count([f"Student{n} Test" for n in range(10)] + ["Kari Nordmann", "Ukjent"])


def test_further_education_calls_check_the_register_by_default_and_at_submission(world):
    from fagloft.grants import services
    from fagloft.lib.refusals import Refused

    tree, call = world
    assert RULE in eligibility.rules_for(call)
    assert RULE not in eligibility.rules_for(make_call(tree.county_x))
    leader = tree.users["leader_ab"]
    with time_machine.travel(NOW, tick=False):
        application = services.start_application(
            leader, call, lead_municipality=tree.municipality_a, title="Vikar for videreutdanning"
        )
        services.save_application(
            leader,
            application,
            expected_version=application.version,
            participants=[],
            budget_lines=[("substitutes", "Vikar", 50_000, "Per Hansen")],
        )
        with pytest.raises(Refused, match="Per Hansen"):
            services.submit_application(leader, application)
        application.refresh_from_db()
        services.save_application(
            leader,
            application,
            expected_version=application.version,
            participants=[],
            budget_lines=[("substitutes", "Vikar", 50_000, "Kari Nordmann")],
        )
        services.submit_application(leader, application)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def _form(application: Application, student: str) -> dict:
    return {
        "version": application.version,
        "title": application.title,
        "co_financing": "0",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "30",
        "budget-0-category": "substitutes",
        "budget-0-amount": "40000",
        "budget-0-student": student,
    }


def test_the_live_check_shows_each_students_register_entry(client, world):
    tree, call = world
    application = make_application(call, tree.municipality_a, amount=0)
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        found = client.post(
            f"/tilskudd/soknader/{application.pk}/vilkar/", _form(application, "Kari Nordmann"), HTTP_HX_REQUEST="true"
        ).content.decode()
        missing = client.post(
            f"/tilskudd/soknader/{application.pk}/vilkar/", _form(application, "Lise Olsen"), HTTP_HX_REQUEST="true"
        ).content.decode()
    assert "funnet i kompetanseregisteret: pågående videreutdanning Juss i barnevernfaglig arbeid (30 stp)" in found
    assert "Lise Olsen: finnes ikke i kompetanseregisteret" in missing and "Ikke oppfylt" in missing


def test_the_application_page_shows_the_register_check_per_student(client, world):
    tree, call = world
    application = make_application(call, tree.municipality_a, amount=0)
    application.budget_lines.create(category="substitutes", amount=D(40_000), student="Kari Nordmann")
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        body = client.get(f"/tilskudd/soknader/{application.pk}/").content.decode()
    assert "Kari Nordmann: funnet i kompetanseregisteret: pågående videreutdanning" in body


def _picked(application: Application, employee_id: int | str, student: str = "") -> dict:
    return {**_form(application, student), "budget-0-employee": str(employee_id)}


def test_the_service_leader_picks_the_student_from_the_register_and_the_link_is_saved(client, world):
    tree, call = world
    kari = tree.service_ab.employees.get(first_name="Kari")
    application = make_application(call, tree.municipality_a, amount=0)
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/tilskudd/soknader/{application.pk}/endre/").content.decode()
        live = client.post(f"/tilskudd/soknader/{application.pk}/vilkar/", _picked(application, kari.pk)).content
        response = client.post(f"/tilskudd/soknader/{application.pk}/endre/", _picked(application, kari.pk))
    assert "Ansatt i kompetanseregisteret" in page and f'value="{kari.pk}"' in page
    assert "Kari Nordmann: funnet i kompetanseregisteret: pågående videreutdanning" in live.decode()
    assert response.status_code == 302
    line = application.budget_lines.get()
    assert (line.employee_id, line.student) == (kari.pk, "Kari Nordmann")


def test_a_picked_register_entry_is_checked_by_its_record_not_the_typed_name(world):
    tree, call = world
    kari = tree.service_ab.employees.get(first_name="Kari")
    candidate = Candidate(
        call=call,
        network=None,
        lead_municipality=tree.municipality_a,
        budget_lines=[("substitutes", D(10_000), "Kari N.")],
        employees={"Kari N.": kari.pk},
    )
    result = eligibility.students_in_competence_register(candidate)
    assert result.passed and result.details[0].startswith("Kari N.: funnet i kompetanseregisteret")


def test_another_services_employee_cannot_be_picked(client, world):
    tree, call = world
    outsider = make_employee(tree.service_c, "Anne", "Utenfor")
    give_further_education(outsider, status=Status.ONGOING, year=2027)
    application = make_application(call, tree.municipality_a, amount=0)
    login(client, tree.users["leader_ab"])
    with time_machine.travel(NOW, tick=False):
        response = client.post(f"/tilskudd/soknader/{application.pk}/endre/", _picked(application, outsider.pk))
    body = response.content.decode()
    assert response.status_code == 200 and "Anne Utenfor" not in body
    assert not application.budget_lines.exists()
    # Even a stored link to another service's record is not found in the applicant's register.
    candidate = Candidate(
        call=call,
        network=None,
        lead_municipality=tree.municipality_a,
        budget_lines=[("substitutes", D(10_000), "Anne")],
        employees={"Anne": outsider.pk},
    )
    assert not eligibility.students_in_competence_register(candidate).passed


def test_applicants_who_may_not_see_the_staff_register_get_no_list_of_names(client, world):
    tree, call = world
    application = make_application(call, tree.municipality_a, amount=0)
    login(client, tree.users["admin"])
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/tilskudd/soknader/{application.pk}/endre/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ansatt i kompetanseregisteret" not in body and "Per Hansen" not in body
