"""The rules of application and admission as plain functions: the window in Norway's time, and the
priority for those who need the course to meet the 2031 requirements (`competence.requirements`)."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from fagloft.competence import requirements
from fagloft.competence.models import EducationLevel
from fagloft.programmes.models import ApplicationWindow, Enrolment, RequirementRoute, StudyPlaceAllocation

OSLO = ZoneInfo("Europe/Oslo")


def window_bounds(window: ApplicationWindow) -> tuple[datetime.datetime, datetime.datetime]:
    """From `opens_at` to the end of the minute of `closes_at` (a deadline «kl. 23.59» includes
    23:59:59), as aware datetimes; the second bound is the first instant the window is closed."""
    closes = window.closes_at.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return window.opens_at, closes


def is_open(window: ApplicationWindow | None, now: datetime.datetime) -> bool:
    if window is None:
        return False
    opens, closes = window_bounds(window)
    return opens <= now < closes


def oslo_day_bounds(opens_on: datetime.date, closes_on: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """A window given as days: 00:00 on the opening day to 23:59 on the closing day, Oslo time."""
    return (
        datetime.datetime.combine(opens_on, datetime.time(0, 0), tzinfo=OSLO),
        datetime.datetime.combine(closes_on, datetime.time(23, 59), tzinfo=OSLO),
    )


def window_text(window: ApplicationWindow) -> str:
    """«01.02.2030 kl. 00.00–15.04.2030 kl. 23.59» in Norwegian time."""
    from fagloft.lib.formatting import datetime_

    return f"{datetime_(window.opens_at.astimezone(OSLO))}–{datetime_(window.closes_at.astimezone(OSLO))}"


def window_for(year: int) -> ApplicationWindow | None:
    return ApplicationWindow.objects.filter(year=year).first()


def windows_for(years: Collection[int]) -> dict[int, ApplicationWindow]:
    """`window_for` of many years in one query (a year has at most one window)."""
    return {w.year: w for w in ApplicationWindow.objects.filter(year__in=set(years))} if years else {}


@dataclass(frozen=True)
class Priority:
    group: int
    reason: str


def _course_for(allocation: StudyPlaceAllocation) -> requirements.Course:
    offer = allocation.offer
    return requirements.Course(
        "further",
        offer.requirement_route == RequirementRoute.BACHELOR,
        allocation.ends_on.year,
        completed=False,
        ects=offer.ects or Decimal(0),
    )


def priority_for(
    person: requirements.Person,
    allocation: StudyPlaceAllocation,
    today: datetime.date,
    rules: requirements.Rules | None = None,
) -> Priority:
    """Group 1 when the person will not meet the 2031 requirements in time without this course and
    will with it (the course counts when its class ends: the spring semester of `ends_on`'s year,
    as in `competence.requirements`); group 2 otherwise."""
    rules = rules or requirements.rules_in_force()
    without = requirements.status_for(person, rules, today, explain=False)
    if not without.applies:
        return Priority(Enrolment.Priority.OTHER, _("Kompetansekravene gjelder ikke stillingen"))
    if without.will_meet_in_time or without.meets_now:
        return Priority(Enrolment.Priority.OTHER, _("Oppfyller kompetansekravene i tide uten dette studiet"))
    if allocation.offer.requirement_route != RequirementRoute.BACHELOR:
        return Priority(Enrolment.Priority.OTHER, _("Studiet teller ikke for kompetansekravene"))
    if today > rules.documented_by or allocation.ends_on > rules.documented_by:
        # The bachelor route is a transition rule: the course must be done by the documentation date.
        return Priority(Enrolment.Priority.OTHER, _("Studiet blir ikke ferdig tidsnok til å telle for kravene"))
    with_course = requirements.Person(
        person.position,
        person.does_core_tasks,
        person.started_on,
        person.ended_on,
        person.prior_experience_years,
        (*person.courses, _course_for(allocation)),
        person.exemption_until,
    )
    status = requirements.status_for(with_course, rules, today, explain=False)
    if status.will_meet_in_time:
        return Priority(
            Enrolment.Priority.REQUIREMENT, _("Trenger studiet for å oppfylle kompetansekravene innen fristen")
        )
    if not any(c.level == EducationLevel.BACHELOR and c.relevant for c in person.courses):
        return Priority(Enrolment.Priority.OTHER, _("Mangler relevant bachelorgrad, så studiet alene er ikke nok"))
    return Priority(Enrolment.Priority.OTHER, _("Studiet blir ikke ferdig tidsnok til å telle for kravene"))


# The competence plan measure answered by enrolments and round places: what their states imply.
_ONGOING = {"admitted", "enrolled", "committed"}
_DONE = {"completed"}
_PLANNED = {"applied", "confirmed", "waitlisted", "rejected", "candidate", "chosen"}


def measure_state_for(states: list[str]) -> str | None:
    """The plan measure's state from the states of the enrolments and round places linked to it:
    «Pågår» while anyone holds a place or the service has committed; «Gjennomført» when someone
    completed and no one is still under way; «Planlagt» while an application is open or was
    turned down (the measure still stands: apply again); «Avlyst» when everyone withdrew or did not
    complete. None when nothing is linked (the leader's own state stands)."""
    found = set(states)
    if not found:
        return None
    if found & _ONGOING:
        return "ongoing"
    if found & _DONE:
        return "done"
    if found & _PLANNED:
        return "planned"
    return "cancelled"
