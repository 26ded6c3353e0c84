"""URL kwargs for the permission walk (see fagloft/accounts/tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.assessments.tests.factories import make_walk_objects
from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside, outside = make_walk_objects(tree)
    return {name: (inside[name], outside[name]) for name in inside}


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200). The walk's assessments are drafts,
    so the county and Bufdir read lists, meetings and rules rather than their full text."""
    assessment = reverse("assessments:detail", args=[samples["assessment_id"][0]])
    return [
        ("admin", reverse("assessments:national")),
        ("national", reverse("assessments:national")),
        ("national", reverse("assessments:rule-list")),
        ("advisor_x", reverse("assessments:county-overview", args=[tree.county_x.number])),
        ("advisor_x", reverse("assessments:meeting-detail", args=[samples["meeting_id"][0]])),
        ("advisor_x", reverse("assessments:guidance-detail", args=[samples["engagement_id"][0]])),
        ("advisor_x", reverse("assessments:rule-list")),
        ("advisor_y", reverse("assessments:county-overview", args=[tree.county_y.number])),
        ("leader_ab", reverse("assessments:list")),
        ("leader_ab", assessment),
        ("leader_ab", reverse("assessments:edit", args=[samples["assessment_id"][0]])),
        ("leader_c", reverse("assessments:detail", args=[samples["assessment_id"][1]])),
        ("municipal_leader_a", reverse("assessments:list")),
        ("municipal_leader_a", assessment),
        ("municipal_leader_a", reverse("assessments:meeting-list")),
        ("leader_ab", reverse("assessments:needs", args=[samples["assessment_id"][0]])),
        (
            "municipal_leader_a",
            reverse("assessments:need-request-guidance", args=[samples["assessment_id"][0], samples["need_id"][0]]),
        ),
        ("leader_ab", reverse("assessments:risk-history", args=[tree.service_ab.pk])),
        ("advisor_x", reverse("assessments:risk-history", args=[tree.service_ab.pk])),
        ("national", reverse("assessments:risk-history", args=[tree.service_c.pk])),
        ("national", reverse("assessments:risk-rule")),
        ("national", reverse("assessments:guidance-detail", args=[samples["engagement_id"][1]])),
        ("municipal_leader_a", reverse("assessments:guidance-detail", args=[samples["engagement_id"][0]])),
        ("advisor_x", "/api/v1/guidance-engagements/"),
        ("national", "/api/v1/guidance-engagements/"),
    ]
