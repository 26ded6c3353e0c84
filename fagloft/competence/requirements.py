"""The competence requirements (kompetansekrav) as plain rules.

The dates and thresholds come from `RequirementRule` (data an admin can correct); the functions
here take plain facts, so they are cheap for a whole country and easy to test at every date.

From `applies_from` (1 January 2031) staff doing core tasks, and leaders and deputy leaders, must
have EITHER a relevant master's degree, OR a relevant bachelor's degree plus, documented by
`documented_by`, at least `min_experience_years` of child welfare experience and at least
`min_further_ects` of completed relevant further education.

We only know the year an education ends; an education is taken to end on 30 June of that year
(the end of the spring semester), which is when ongoing ones are expected to count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fagloft.competence.models import (
    LEADER_POSITIONS,
    RELEVANT_FIELDS,
    RELEVANT_PROGRAMMES,
    EducationLevel,
    RequirementRule,
    Status,
)

DAYS_PER_YEAR = Decimal("365.25")


@dataclass(frozen=True)
class Rules:
    applies_from: datetime.date
    documented_by: datetime.date
    min_experience_years: Decimal
    min_further_ects: Decimal


@dataclass(frozen=True)
class Course:
    """An education or further education, reduced to what the rules need."""

    level: str  # bachelor, master, other, or "further" for further education
    relevant: bool
    year: int
    completed: bool
    ects: Decimal = Decimal(0)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.year, 6, 30)


@dataclass(frozen=True)
class Person:
    position: str
    does_core_tasks: bool
    started_on: datetime.date
    ended_on: datetime.date | None
    prior_experience_years: Decimal
    courses: tuple[Course, ...] = ()
    exemption_until: datetime.date | None = None


@dataclass
class RequirementStatus:
    applies: bool
    meets_now: bool = False
    route: str = ""  # "master" or "bachelor" when met (now or projected)
    met_on: datetime.date | None = None  # projected, given ongoing education and staying employed
    deadline: datetime.date | None = None
    missing: list[str] = field(default_factory=list)
    exempt: bool = False

    @property
    def will_meet_in_time(self) -> bool:
        return self.met_on is not None and self.deadline is not None and self.met_on <= self.deadline


def rules_in_force() -> Rules:
    row = RequirementRule.objects.order_by("-decided_on", "-pk").first()
    if row is None:  # the data migration creates one; this keeps a bare test database working
        return Rules(datetime.date(2031, 1, 1), datetime.date(2031, 1, 1), Decimal(4), Decimal(30))
    return Rules(row.applies_from, row.documented_by, row.min_experience_years, row.min_further_ects)


def person_from(employee) -> Person:
    courses = [
        Course(e.level, e.field in RELEVANT_FIELDS, e.year, e.status == Status.COMPLETED)
        for e in employee.educations.all()
    ] + [
        Course("further", f.programme in RELEVANT_PROGRAMMES, f.year, f.status == Status.COMPLETED, f.ects)
        for f in employee.further_educations.all()
    ]
    return Person(
        employee.position,
        employee.does_core_tasks,
        employee.started_on,
        employee.ended_on,
        employee.prior_experience_years,
        tuple(courses),
        employee.exemption_until,
    )


def applies_to(person: Person) -> bool:
    return person.does_core_tasks or person.position in LEADER_POSITIONS


def experience_on(person: Person, day: datetime.date) -> Decimal:
    """Years of child welfare experience on `day`, assuming the person stays employed until then."""
    end = min(day, person.ended_on) if person.ended_on else day
    days = max((end - person.started_on).days, 0)
    return person.prior_experience_years + Decimal(days) / DAYS_PER_YEAR


def _done_on(course: Course, today: datetime.date) -> datetime.date:
    """When a course counts: a completed one at the end of its year's spring semester (or today, if
    it was completed earlier this year), an ongoing one when it is expected to end (never before today)."""
    return min(course.ends_on, today) if course.completed else max(course.ends_on, today)


def _experience_reached_on(person: Person, years: Decimal) -> datetime.date:
    # Prior experience beyond the threshold was reached before the person started here.
    missing = years - person.prior_experience_years
    return person.started_on + datetime.timedelta(
        days=int((missing * DAYS_PER_YEAR).to_integral_value("ROUND_CEILING"))
    )


def _ects_reached_on(further: Sequence[Course], ects: Decimal, today: datetime.date) -> datetime.date | None:
    total = Decimal(0)
    for course in sorted(further, key=lambda c: _done_on(c, today)):
        total += course.ects
        if total >= ects:
            return _done_on(course, today)
    return None


def _master_on(person: Person, today: datetime.date) -> datetime.date | None:
    dates = [_done_on(c, today) for c in person.courses if c.level == EducationLevel.MASTER and c.relevant]
    return min(dates, default=None)


def _bachelor_route_on(person: Person, rules: Rules, today: datetime.date) -> datetime.date | None:
    bachelors = [_done_on(c, today) for c in person.courses if c.level == EducationLevel.BACHELOR and c.relevant]
    if not bachelors:
        return None
    further = [c for c in person.courses if c.level == "further" and c.relevant]
    ects_on = _ects_reached_on(further, rules.min_further_ects, today)
    if ects_on is None:
        return None
    met = max(min(bachelors), ects_on, _experience_reached_on(person, rules.min_experience_years))
    # The bachelor route is a transition rule: everything must be documented by the deadline.
    return met if met <= rules.documented_by else None


def status_for(person: Person, rules: Rules, today: datetime.date, explain: bool = True) -> RequirementStatus:
    """Whether the requirements apply and are met; with `explain`, also what is missing in words."""
    if not applies_to(person):
        return RequirementStatus(applies=False)
    status = RequirementStatus(applies=True, deadline=rules.applies_from)
    status.exempt = person.exemption_until is not None and person.exemption_until >= today
    master_on = _master_on(person, today)
    bachelor_on = _bachelor_route_on(person, rules, today)
    candidates = [(d, r) for d, r in ((master_on, "master"), (bachelor_on, "bachelor")) if d is not None]
    if candidates:
        status.met_on, status.route = min(candidates)
        status.meets_now = status.met_on <= today
    if not status.meets_now:
        if explain:
            status.missing = _missing(person, rules, today)
        if bachelor_on is None and master_on is None and _has_relevant_bachelor(person):
            status.deadline = rules.documented_by
    return status


def _has_relevant_bachelor(person: Person) -> bool:
    return any(c.level == EducationLevel.BACHELOR and c.relevant for c in person.courses)


def _missing(person: Person, rules: Rules, today: datetime.date) -> list[str]:
    """What is still missing, in words the leader can act on."""
    deadline = date_format(rules.documented_by, "j. F Y")
    if any(c.level == EducationLevel.MASTER and c.relevant and not c.completed for c in person.courses):
        master = next(c for c in person.courses if c.level == EducationLevel.MASTER and c.relevant)
        return [_("Relevant mastergrad pågår (ventet fullført %(year)s)") % {"year": master.year}]
    if not _has_relevant_bachelor(person):
        return [_("Mangler relevant bachelor- eller mastergrad")]
    missing: list[str] = []
    experience = experience_on(person, rules.documented_by)
    if experience < rules.min_experience_years:
        missing.append(
            _("Mangler %(years)s år barnevernserfaring innen %(date)s")
            % {"years": _one_decimal(rules.min_experience_years - experience), "date": deadline}
        )
    elif experience_on(person, today) < rules.min_experience_years:
        reached = _experience_reached_on(person, rules.min_experience_years)
        missing.append(
            _("Har %(years)s års barnevernserfaring fra %(date)s")
            % {"years": _one_decimal(rules.min_experience_years), "date": date_format(reached, "j. F Y")}
        )
    done = _ects_done_by(person, rules.documented_by, today, include_ongoing=False)
    planned = _ects_done_by(person, rules.documented_by, today, include_ongoing=True)
    if done < rules.min_further_ects:
        text = _("Mangler %(ects)s studiepoeng relevant videreutdanning innen %(date)s") % {
            "ects": _one_decimal(rules.min_further_ects - done),
            "date": deadline,
        }
        if planned > done:
            text += " " + _("(%(ects)s studiepoeng pågår)") % {"ects": _one_decimal(planned - done)}
        missing.append(text)
    if not missing and today > rules.documented_by:
        missing.append(_("Erfaring og videreutdanning ble ikke dokumentert innen %(date)s") % {"date": deadline})
    return missing


def _ects_done_by(person: Person, by: datetime.date, today: datetime.date, include_ongoing: bool) -> Decimal:
    return sum(
        (
            c.ects
            for c in person.courses
            if c.level == "further" and c.relevant and (c.completed or include_ongoing) and _done_on(c, today) <= by
        ),
        Decimal(0),
    )


def _one_decimal(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'))}".replace(".", ",").removesuffix(",0")


def evaluation_days(rules: Rules, today: datetime.date) -> list[tuple[int, datetime.date]]:
    """The days the yearly share is measured on: each year's last day up to the year before the
    requirements apply, then the day they apply."""
    days = [(year, datetime.date(year, 12, 31)) for year in range(today.year, rules.applies_from.year)]
    if rules.applies_from >= today:
        days.append((rules.applies_from.year, rules.applies_from))
    return days


def share_by_year(
    people: Iterable[Person], rules: Rules, today: datetime.date, statuses: list[RequirementStatus] | None = None
) -> list[dict]:
    """For each year up to when the requirements apply: how many of those they apply to will meet
    them, given education in progress (and assuming everyone stays)."""
    if statuses is None:
        statuses = [status_for(p, rules, today, explain=False) for p in people]
    applicable = [s for s in statuses if s.applies]
    rows = []
    for year, day in evaluation_days(rules, today):
        met = sum(1 for s in applicable if s.met_on is not None and s.met_on <= day)
        share = Decimal(met * 100) / len(applicable) if applicable else None
        rows.append({"year": year, "day": day, "met": met, "total": len(applicable), "share": share})
    return rows
