"""Builders for this app's tests: assessments, rules, indicator values, meetings, engagements."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from fagloft.assessments.models import (
    AgreedAction,
    Assessment,
    DialogueMeeting,
    FollowUpMeasure,
    GuidanceEngagement,
    Need,
    SignalRule,
    Theme,
    ThemeEntry,
)
from fagloft.organizations.models import County, Service
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree
from fagloft.statistics.models import Indicator
from fagloft.statistics.services import NewValue, record_values


def make_indicator(code: str, **extra: Any) -> Indicator:
    defaults = {"name_nb": code, "unit": "antall", "source": Indicator.Source.SSB, "levels": ["municipality"]}
    indicator, _ = Indicator.objects.get_or_create(code=code, defaults={**defaults, **extra})
    return indicator


def add_values(
    code: str,
    values: dict[int, float],
    *,
    service: Service | None = None,
    municipality: Any = None,
    county: County | None = None,
    national: bool = False,
    source: str = "ssb",
) -> None:
    """Record figures by year for one unit, through the statistics app's own service."""
    make_indicator(code)
    record_values(
        None,
        [
            NewValue(
                code,
                year,
                value,
                service_id=service.pk if service else None,
                municipality_id=municipality.pk if municipality else None,
                county_id=county.pk if county else None,
                is_national=national,
            )
            for year, value in values.items()
        ],
        source=source,
    )


def make_rule(
    kind: str, code: str = "", parameters: dict[str, Any] | None = None, county: County | None = None, **extra: Any
) -> SignalRule:
    return SignalRule.objects.create(
        name=extra.pop("name", f"{kind} {code}"),
        kind=kind,
        indicator_code=code,
        parameters=parameters or {},
        county=county,
        **extra,
    )


def make_assessment(
    service: Service, year: int = 2025, status: str = Assessment.Status.DRAFT, **extra: Any
) -> Assessment:
    assessment = Assessment.objects.create(service=service, year=year, status=status, **extra)
    ThemeEntry.objects.bulk_create(ThemeEntry(assessment=assessment, theme=t) for t in Theme.objects.all())
    return assessment


def make_meeting(service: Service, starts_at: datetime.datetime | None = None, **extra: Any) -> DialogueMeeting:
    municipality = service.host_municipality
    return DialogueMeeting.objects.create(
        county=municipality.county,
        municipality=municipality,
        service=service,
        starts_at=starts_at or timezone.now() + datetime.timedelta(days=7),
        place=extra.pop("place", "Rådhuset"),
        agenda="1. Risiko og tilstand",
        **extra,
    )


def make_walk_objects(tree: Tree) -> tuple[dict[str, Any], dict[str, Any]]:
    """One of each object for the permission walk: inside county X and outside in county Y."""
    result = []
    for service, county, label in (
        (tree.service_ab, tree.county_x, "Innenfor"),
        (tree.service_c, tree.county_y, OUTSIDE_MARKER),
    ):
        assessment = make_assessment(service)
        measure = FollowUpMeasure.objects.create(
            assessment=assessment, description=f"{label} tiltak", owner=label, deadline=datetime.date(2026, 6, 1)
        )
        meeting = make_meeting(service, place=f"{label} rådhus")
        action = AgreedAction.objects.create(
            meeting=meeting, description=f"{label} oppfølging", owner=label, deadline=datetime.date(2026, 6, 1)
        )
        engagement = GuidanceEngagement.objects.create(
            service=service, origin="nominated", reason=f"{label} begrunnelse"
        )
        rule = make_rule("threshold", "walk_code", {"op": ">", "value": 1}, county=county, name=f"{label} regel")
        need = Need.objects.create(assessment=assessment, kind=Need.Kind.GUIDANCE_TEAM, description=f"{label} behov")
        first_entry = assessment.entries.first()
        assert first_entry is not None
        result.append(
            {
                "assessment_id": assessment.pk,
                "theme_entry_id": first_entry.pk,
                "follow_up_id": measure.pk,
                "meeting_id": meeting.pk,
                "action_id": action.pk,
                "engagement_id": engagement.pk,
                "rule_id": rule.pk,
                "need_id": need.pk,
            }
        )
    return result[0], result[1]
