"""Further-education grants and the 2031 requirement (issue 10, item 6): employees who need the course
to meet the competence requirement are marked and ranked first; the cost kinds and the ceiling per
student are rules of the call, checked on each budget line with a Norwegian message."""

from __future__ import annotations

import datetime
import decimal
import re

import pytest
import time_machine

from fagloft.competence.models import EducationLevel, Status
from fagloft.competence.tests.factories import give_education, give_further_education, make_employee
from fagloft.grants import queries, services
from fagloft.grants.models import Application, BudgetLine, Call
from fagloft.grants.tests.factories import make_application, make_assessment, make_call
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import login

D = decimal.Decimal
NOW = datetime.datetime(2026, 2, 10, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def staff(tree):
    """Alvik and Bergvik's service: Kari (bachelor, no further education: needs the course), Mona (a
    relevant master: meets the requirement), Siv (no relevant degree: a course alone is not enough),
    Per (bachelor, 30 ECTS done: meets it)."""
    with time_machine.travel(NOW, tick=False):
        kari = make_employee(tree.service_ab, "Kari", "Nordmann", does_core_tasks=True)
        give_education(kari, EducationLevel.BACHELOR)
        mona = make_employee(tree.service_ab, "Mona", "Berg", does_core_tasks=True)
        give_education(mona, EducationLevel.MASTER)
        siv = make_employee(tree.service_ab, "Siv", "Aas", does_core_tasks=True)
        give_education(siv, EducationLevel.BACHELOR, field="other")
        per = make_employee(
            tree.service_ab, "Per", "Hansen", does_core_tasks=True, started_on=datetime.date(2010, 1, 1)
        )
        give_education(per, EducationLevel.BACHELOR, year=2009)
        give_further_education(per, ects=30, year=2020, status=Status.COMPLETED)
        for person in (kari, mona, siv):
            give_further_education(person, ects=30, year=2027, status=Status.ONGOING)
        call = make_call(
            None,
            "Videreutdanning 2026",
            kind=Call.Kind.FURTHER_EDUCATION,
            max_per_student=100_000,
            opens_on=datetime.date(2026, 2, 1),
            deadline=datetime.date(2026, 4, 15),
        )
        yield tree, call, {"kari": kari, "mona": mona, "siv": siv, "per": per}


def test_those_who_need_the_course_for_2031_are_found(staff):
    tree, _call, people = staff
    with time_machine.travel(NOW, tick=False):
        needs = queries.requirement_needs(tree.municipality_a)
    assert needs[people["kari"].pk].needs_course
    assert not needs[people["mona"].pk].needs_course  # a master's degree meets it
    assert not needs[people["siv"].pk].needs_course  # without a relevant degree a course is not enough
    assert not needs[people["per"].pk].needs_course  # already meets it


def _application(tree, call, people, status=Application.Status.SUBMITTED) -> Application:
    application = make_application(call, tree.municipality_a, "Videreutdanning Alvik", amount=0, status=status)
    for name in ("mona", "per", "kari"):
        employee = people[name]
        BudgetLine.objects.create(
            application=application, category="substitutes", amount=50_000, student=employee.name, employee=employee
        )
    return application


def test_the_application_ranks_and_marks_those_who_need_it_first(client, staff):
    tree, call, people = staff
    application = _application(tree, call, people)
    with time_machine.travel(NOW, tick=False):
        rows = queries.students_ranked(application)
        assert [(r.line.student, r.needs_course) for r in rows] == [
            ("Kari Nordmann", True),
            ("Mona Berg", False),
            ("Per Hansen", False),
        ]
        login(client, tree.users["advisor_x"])
        page = client.get(f"/tilskudd/soknader/{application.pk}/vurdering/").content.decode()
    kari = page.index("Kari Nordmann")
    assert kari < page.index("Mona Berg")
    assert "Trenger videreutdanningen for kompetansekravet 2031" in page[kari : kari + 300]


def test_a_typed_name_is_matched_to_the_register_for_the_mark(staff):
    tree, call, people = staff
    application = make_application(call, tree.municipality_a, amount=0)
    BudgetLine.objects.create(application=application, category="travel", amount=5_000, student="Per Hansen")
    BudgetLine.objects.create(application=application, category="travel", amount=5_000, student="kari nordmann")
    with time_machine.travel(NOW, tick=False):
        rows = queries.students_ranked(application)
    assert [(r.line.student, r.needs_course) for r in rows] == [("kari nordmann", True), ("Per Hansen", False)]


def test_the_calls_ranking_lists_those_who_need_it_first_across_applications(client, staff):
    tree, call, people = staff
    # The better-scored application has no one who needs the course; Kari's comes first all the same.
    best = make_application(call, tree.municipality_b, "Bergvik", amount=0, status=Application.Status.SUBMITTED)
    BudgetLine.objects.create(application=best, category="travel", amount=9_000, student="Mona Berg")
    make_assessment(best, tree.users["advisor_x"], score=5)
    second = _application(tree, call, people)
    make_assessment(second, tree.users["advisor_x"], score=2)
    with time_machine.travel(NOW, tick=False):
        login(client, tree.users["advisor_x"])
        page = client.get(f"/tilskudd/utlysninger/{call.pk}/rangering/").content.decode()
    students = page.split("Studenter i prioritert rekkefølge", 2)[2]
    order = [name for name in ("Kari Nordmann", "Mona Berg", "Per Hansen") if name in students]
    assert order == ["Kari Nordmann", "Mona Berg", "Per Hansen"]
    assert students.index("Kari Nordmann") < students.index("Bergvik")


def test_the_picker_puts_those_who_need_it_first_and_marks_them(client, staff):
    tree, call, _people = staff
    with time_machine.travel(NOW, tick=False):
        application = services.start_application(
            tree.users["leader_ab"], call, lead_municipality=tree.municipality_a, title="Videreutdanning"
        )
        login(client, tree.users["leader_ab"])
        page = client.get(f"/tilskudd/soknader/{application.pk}/endre/").content.decode()
    picker = page.split('name="budget-0-employee"', 1)[1].split("</select>", 1)[0]
    options = [
        text for chunk in picker.split(">")[1:] if (text := chunk.split("<", 1)[0].strip()) and text != "---------"
    ]
    assert options[0].startswith("Kari Nordmann") and "trenger videreutdanning for kompetansekravet 2031" in options[0]
    assert not any("kompetansekravet" in option for option in options[1:])


def _save(tree, call, lines):
    leader = tree.users["leader_ab"]
    application = services.start_application(leader, call, lead_municipality=tree.municipality_a, title="V")
    return services.save_application(
        leader, application, expected_version=application.version, participants=[], budget_lines=lines
    )


def test_the_ceiling_per_student_is_allowed_and_one_krone_more_is_refused(staff):
    tree, call, _people = staff
    with time_machine.travel(NOW, tick=False):
        saved = _save(tree, call, [("substitutes", "", D(60_000), "Kari"), ("travel", "", D(40_000), "Kari")])
        assert queries.requested(saved) == D(100_000)
        with pytest.raises(Refused) as refused:
            _save(tree, call, [("substitutes", "", D(60_000), "Kari"), ("literature", "", D(40_001), "kari")])
    assert refused.value.messages == [
        "Budsjettlinje 2: kari får da 100\u00a0001\u00a0kr i alt, mer enn taket på 100\u00a0000\u00a0kr per student "
        "i denne utlysningen."
    ]


def test_a_cost_kind_the_call_does_not_cover_is_refused_by_name(staff):
    tree, call, _people = staff
    with time_machine.travel(NOW, tick=False), pytest.raises(Refused) as refused:
        _save(tree, call, [("substitutes", "", D(10_000), "Kari"), ("project_management", "", D(5_000), "Kari")])
    assert refused.value.messages == [
        "Budsjettlinje 2: Utlysningen dekker ikke «Prosjektledelse». Det kan søkes om: vikarutgifter, "
        "reise og opphold, litteratur."
    ]


def test_the_call_chooses_its_cost_kinds(staff):
    tree, call, _people = staff
    call.cost_kinds = ["substitutes"]
    call.save()
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(Refused, match="Utlysningen dekker ikke «Reise og opphold»"):
            _save(tree, call, [("travel", "", D(1_000), "Kari")])
        _save(tree, call, [("substitutes", "", D(1_000), "Kari")])


def test_the_form_shows_the_rules_at_the_line(client, staff):
    tree, call, people = staff
    with time_machine.travel(NOW, tick=False):
        application = services.start_application(
            tree.users["leader_ab"], call, lead_municipality=tree.municipality_a, title="Videreutdanning"
        )
        login(client, tree.users["leader_ab"])
        page = client.get(f"/tilskudd/soknader/{application.pk}/endre/").content.decode()
        categories = page.split('name="budget-0-category"', 1)[1].split("</select>", 1)[0]
        assert "Vikarutgifter" in categories and "Prosjektledelse" not in categories
        data = {
            "version": application.version,
            "title": "Videreutdanning",
            "budget-TOTAL_FORMS": "2",
            "budget-INITIAL_FORMS": "0",
            "budget-MIN_NUM_FORMS": "0",
            "budget-MAX_NUM_FORMS": "30",
            "budget-0-category": "substitutes",
            "budget-0-amount": "100000",
            "budget-0-student": "Kari Nordmann",
            "budget-0-employee": people["kari"].pk,
            "budget-1-category": "project_management",
            "budget-1-amount": "1000",
            "budget-1-student": "Mona Berg",
            "budget-1-employee": people["mona"].pk,
        }
        body = client.post(f"/tilskudd/soknader/{application.pk}/endre/", data).content.decode()
        assert "Utlysningen dekker ikke «Prosjektledelse»" in body
        data.update(
            {"budget-1-category": "travel", "budget-1-student": "Kari Nordmann", "budget-1-employee": people["kari"].pk}
        )
        body = client.post(f"/tilskudd/soknader/{application.pk}/endre/", data).content.decode()
        assert "Kari Nordmann får da 101\u00a0000\u00a0kr i alt" in body
    application.refresh_from_db()
    assert not application.budget_lines.exists()


def test_the_staff_picker_is_read_once_for_every_budget_line(client, staff):
    """Each budget line's picker used to query the whole staff list as it was drawn (16 queries on a
    draft with four lines); they now share one reading, and still offer the same people."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tree, call, people = staff

    def edit_page(lines: int) -> tuple[int, list[str]]:
        with time_machine.travel(NOW, tick=False):
            leader = tree.users["leader_ab"]
            application = services.start_application(leader, call, lead_municipality=tree.municipality_a, title="V")
            services.save_application(
                leader,
                application,
                expected_version=application.version,
                participants=[],
                budget_lines=[("substitutes", "", D(1000), "Kari Nordmann")] * lines,
            )
            login(client, leader)
            with CaptureQueriesContext(connection) as queries_made:
                page = client.get(f"/tilskudd/soknader/{application.pk}/endre/").content.decode()
        chunks = re.split(r'<select name="budget-\d+-employee"', page)[1:]
        pickers = [chunk.split("</select>", 1)[0] for chunk in chunks]
        return len(queries_made.captured_queries), pickers

    one, one_pickers = edit_page(1)
    five, five_pickers = edit_page(5)
    assert five == one
    assert len(five_pickers) == 5 + 3  # the lines and the three empty ones
    names = [person.name for person in people.values()]
    for picker in five_pickers:
        assert all(name in picker for name in names)
