"""The app's long tables are written in Python (`programmes.tables`): the same markup as the
template loops they replaced, in every language."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from fagloft.accounts.access import Permitted
from fagloft.competence.models import Employee
from fagloft.organizations.models import Service
from fagloft.programmes.models import Enrolment, EnrolmentStatus
from fagloft.programmes.tables import applicant_rows

# The loop of `allocation_detail.html` before it was written in Python.
APPLICANTS = Template(
    "{% load i18n fagloft_format %}"
    """{% for e, permitted in rows %}<tr>
        <td><a class="ds-link" href="{% url 'programmes:enrolment' e.pk %}">{{ e.employee }}</a></td><td>{{ e.service.name }}</td>
        <td>{% if e.priority == 1 %}<span class="ds-tag" data-color="info">{% translate "Krav 2031" %}</span>{% else %}{% translate "Øvrige" %}{% endif %}</td>
        <td>{{ e.applied_at|tidspunkt }}</td><td>{% if e.employer_confirmed_on %}{{ e.employer_confirmed_on|dato }}{% else %}{% translate "Ikke bekreftet" %}{% endif %}</td>
        <td>{{ e.get_status_display }}{% if e.waitlist_position %} ({{ e.waitlist_position }}){% endif %}{% if permitted.admit and e.status in "confirmed waitlisted applied" %} <a class="ds-link" href="{% url 'programmes:decide' e.pk %}">{% translate "Opptak" %}<span class="fl-sr-only"> {{ e.employee }}</span></a>{% endif %}</td></tr>
      {% endfor %}"""  # noqa: E501
)


def _enrolments() -> list[tuple[Enrolment, bool]]:
    service = Service(pk=3, name="Barnevern <Nord> & Co")
    applied = datetime.datetime(2030, 3, 1, 9, 5, tzinfo=ZoneInfo("UTC"))
    rows = []
    for n, status in enumerate(EnrolmentStatus.values):
        enrolment = Enrolment(
            pk=10 + n,
            employee=Employee(pk=20 + n, first_name=f"Ola {n}", last_name="O'Brien <b>"),
            service=service,
            status=status,
            priority=Enrolment.Priority.REQUIREMENT if n % 2 else Enrolment.Priority.OTHER,
            applied_at=applied + datetime.timedelta(days=n) if n != 3 else None,
            employer_confirmed_on=datetime.date(2030, 3, 10) if n % 3 else None,
            waitlist_position=n if status == EnrolmentStatus.WAITLISTED else None,
        )
        rows.append((enrolment, True))
        rows.append((enrolment, False))
    return rows


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_applicant_rows_are_the_template_loops_markup(language):
    rows = _enrolments()
    with translation.override(language):
        expected = APPLICANTS.render(Context({"rows": [(e, Permitted(admit=may)) for e, may in rows]}))
        written = str(applicant_rows(rows))
    assert written == expected
    assert "&lt;b&gt;" in written
    assert "/opptak/" in written


def test_no_applicants_write_no_rows():
    assert str(applicant_rows([])) == ""
