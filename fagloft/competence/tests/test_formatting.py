"""One formatting layer (issue 9, item 13): the staff page shows percentages and dates the way
the language writes them, never Django's raw «80.00» or «1.2.2019»; no developer note reaches users."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from fagloft.competence.models import FurtherEducation, ects_text
from fagloft.competence.tests.factories import give_further_education, make_employee
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "share", "day"),
    [("nb", "80\u00a0%", "01.02.2019"), ("en", "80%", "01/02/2019")],
)
def test_the_staff_page_formats_shares_and_dates_for_the_language(client, tree, language, share, day):
    make_employee(tree.service_ab, "Kari", "Nordmann", started_on=datetime.date(2019, 2, 1), fte_percent=Decimal(80))
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/ansatte/").content.decode()
    assert share in html and day in html
    assert "1.2.2019" not in html and "80.00" not in html


def test_credits_are_whole_when_whole():
    assert ects_text(Decimal("30.0")) == "30\u00a0sp"
    assert ects_text(Decimal("7.5")) == "7,5\u00a0sp"


def test_a_further_education_reads_30_sp_not_30_0(tree):
    employee = make_employee(tree.service_ab, "Kari", "Nordmann")
    give_further_education(employee)
    course = FurtherEducation.objects.get(employee=employee)
    course.ects = Decimal("30.0")
    assert "30\u00a0sp" in str(course) and "30.0" not in str(course)


def test_the_requirements_page_has_no_note_for_developers(client, tree):
    login(client, tree.users["leader_ab"])
    html = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/kompetansekrav/").content.decode()
    assert "administrator kan rette" not in html
