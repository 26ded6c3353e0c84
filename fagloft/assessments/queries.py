"""Reads for pages, the API, attention items and other apps (reports)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from fagloft.accounts.access import visible
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import (
    AgreedAction,
    Assessment,
    DialogueMeeting,
    GuidanceEngagement,
    RiskBand,
    RiskLevel,
    SignalRule,
)
from fagloft.organizations.models import County, Municipality, Service, ServiceCoverage
from fagloft.organizations.queries import municipalities_in_county

RISK_ORDER: dict[str, int] = {RiskLevel.LOW: 1, RiskLevel.MODERATE: 2, RiskLevel.HIGH: 3}
# Fill colours for the map; the label beside each colour carries the same information in text.
RISK_COLOURS: dict[str, str] = {RiskLevel.LOW: "#4d9a5b", RiskLevel.MODERATE: "#e0b400", RiskLevel.HIGH: "#c6302c"}
# A municipality without an assessment: the map's fill and the legend's swatch come from here.
NO_ASSESSMENT_COLOUR = "#d5d9de"


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    """The assessments `user` may read: the service side (service leader, municipal leadership)
    at every stage, the county governor and Bufdir only once the leadership has forwarded them
    (`permissions.FORWARDED_OR_OWN`, the same rule `can()` applies to one assessment)."""
    base = Assessment.objects.select_related("service__host_municipality")
    own = visible(user, perms.READ_OWN_ASSESSMENT, Assessment.objects.all()).values("pk")
    shared = visible(
        user, perms.VIEW_ASSESSMENT, Assessment.objects.filter(status__in=perms.SHARED_WITH_COUNTY)
    ).values("pk")
    return base.filter(Q(pk__in=own) | Q(pk__in=shared))


def awaiting_leadership(user: Any) -> QuerySet[Assessment]:
    """Submitted assessments the municipal leadership `user` may forward or send back."""
    return visible(
        user,
        perms.REVIEW_ASSESSMENT,
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED).select_related("service"),
    )


def visible_meetings(user: Any) -> QuerySet[DialogueMeeting]:
    return visible(
        user, perms.VIEW_MEETINGS, DialogueMeeting.objects.select_related("municipality", "service", "county")
    )


def visible_engagements(user: Any) -> QuerySet[GuidanceEngagement]:
    return visible(user, perms.VIEW_GUIDANCE, GuidanceEngagement.objects.select_related("service"))


def risk_bands() -> list[RiskBand]:
    return list(RiskBand.objects.order_by("max_score"))


def band_for(score: int | None, bands: list[RiskBand]) -> str | None:
    """The risk level of a likelihood × consequence product; products above every band are high."""
    if score is None:
        return None
    for band in bands:
        if score <= band.max_score:
            return band.level
    return RiskLevel.HIGH


def latest_assessments(services: QuerySet[Service]) -> dict[int, Assessment]:
    """Per service, the newest assessment the municipal leadership has forwarded to the county
    governor (latest year, highest version). Drafts and assessments still with the leadership are
    the municipality's own: the county overview and the national picture never show them. One
    query for the ids, one for the rows."""
    mine = (
        Assessment.objects.filter(service=OuterRef("pk"), status__in=perms.SHARED_WITH_COUNTY)
        .order_by("-year", "-revision")
        .values("pk")
    )
    ids = [pk for pk in services.annotate(shared=Subquery(mine[:1])).values_list("shared", flat=True) if pk]
    return {a.service_id: a for a in Assessment.objects.filter(pk__in=ids)}


def fired_signals(assessment: Assessment | None) -> list[dict[str, Any]]:
    """The signals stored when the assessment was submitted, only those that fired."""
    if assessment is None:
        return []
    return [s for s in assessment.signals_snapshot or [] if s.get("fired")]


@dataclass
class ServiceRow:
    service: Service
    municipalities: list[Municipality]
    assessment: Assessment | None
    signals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def risk_level(self) -> str:
        return self.assessment.risk_level if self.assessment else ""


def structure_day(county: County) -> datetime.date:
    """Today for a current county; its last day for one that has ended (shown as it was then)."""
    if county.is_valid_on() or county.valid_to is None:
        return timezone.localdate()
    return county.valid_to


def county_services(county: County) -> QuerySet[Service]:
    day = structure_day(county)
    coverages = ServiceCoverage.objects.valid_on(day).filter(municipality__in=municipalities_in_county(county, day))
    return Service.objects.filter(pk__in=coverages.values("service")).order_by("name")


def county_overview(county: County) -> tuple[list[ServiceRow], dict[int, str]]:
    """All services in the county with their latest assessment, and each municipality's risk level
    (the highest of the services that serve it)."""
    current = ServiceCoverage.objects.valid_on(structure_day(county)).select_related("municipality")
    services = county_services(county).prefetch_related(Prefetch("coverages", queryset=current))
    latest = latest_assessments(services)
    rows: list[ServiceRow] = []
    by_municipality: dict[int, str] = {}
    for service in services:
        assessment = latest.get(service.pk)
        municipalities = [c.municipality for c in service.coverages.all()]
        rows.append(ServiceRow(service, municipalities, assessment, fired_signals(assessment)))
        level = assessment.risk_level if assessment else ""
        for municipality in municipalities:
            highest = by_municipality.get(municipality.pk, "")
            if RISK_ORDER.get(level, 0) > RISK_ORDER.get(highest, 0):
                by_municipality[municipality.pk] = level
    return rows, by_municipality


def national_picture() -> list[dict[str, Any]]:
    """For every current county: the number of services at each latest risk level."""
    services = Service.objects.all()
    latest = latest_assessments(services)
    counties_of = defaultdict(set)
    for service_id, county_id in services.values_list("pk", "coverages__municipality__county_periods__county"):
        if county_id:
            counties_of[county_id].add(service_id)
    rows = []
    for county in County.objects.valid_on():
        counts: Counter[str] = Counter()
        for service_id in counties_of.get(county.pk, ()):
            assessment = latest.get(service_id)
            counts[assessment.risk_level if assessment and assessment.risk_level else "none"] += 1
        rows.append({"county": county, "counts": counts, "total": sum(counts.values())})
    return rows


def rules_visible_to(user: Any) -> QuerySet[SignalRule]:
    """County rules in the user's scope, and Bufdir's national rules (which apply to everyone)."""
    scoped = visible(user, perms.VIEW_SIGNAL_RULES, SignalRule.objects.all())
    national = SignalRule.objects.filter(county__isnull=True)
    return (scoped | national).select_related("county", "theme").order_by("county__number", "kind", "name")


def overdue_actions(user: Any) -> QuerySet[AgreedAction]:
    return visible(
        user, perms.VIEW_MEETINGS, AgreedAction.objects.filter(is_done=False, deadline__lt=timezone.localdate())
    )
