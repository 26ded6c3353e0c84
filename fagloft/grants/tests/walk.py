"""URL kwargs for the permission walk: a call and a decided application in county X and in county Y."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.grants.models import Application, GrantReport
from fagloft.grants.tests import factories as f
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside_call = f.make_call(tree.county_x, "Stimuleringsmidler Nordfylket")
    outside_call = f.make_call(tree.county_y, "Utenfor stimuleringsmidler")
    inside = f.make_application(inside_call, tree.municipality_a, "Nordprosjekt", status=Application.Status.SUBMITTED)
    outside = f.make_application(
        outside_call, tree.municipality_c, "Utenforprosjekt", status=Application.Status.SUBMITTED
    )
    f.make_assessment(inside, tree.users["advisor_x"], comment="Vurdering av Nordprosjekt")
    f.make_assessment(outside, tree.users["advisor_y"], comment="Utenfor vurdering")
    f.make_decision(inside)
    f.make_decision(outside)
    inside_report = GrantReport.objects.create(
        application=inside, kind=GrantReport.Kind.PROGRESS, text="Framdrift i Nordprosjekt", spent=1000
    )
    outside_report = GrantReport.objects.create(
        application=outside, kind=GrantReport.Kind.PROGRESS, text=f"{OUTSIDE_MARKER} framdrift", spent=1000
    )
    return {
        "call_id": (inside_call.pk, outside_call.pk),
        "application_id": (inside.pk, outside.pk),
        "report_id": (inside_report.pk, outside_report.pk),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    call = reverse("grants:call-detail", args=[samples["call_id"][0]])
    application = reverse("grants:application-detail", args=[samples["application_id"][0]])
    return [
        ("admin", reverse("grants:call-list")),
        ("national", call),
        ("advisor_x", call),
        ("advisor_x", reverse("grants:call-ranking", args=[samples["call_id"][0]])),
        ("advisor_x", reverse("grants:assessment-edit", args=[samples["application_id"][0]])),
        ("advisor_y", reverse("grants:call-detail", args=[samples["call_id"][1]])),
        ("coordinator_x", call),
        ("leader_ab", application),
        ("leader_c", reverse("grants:application-detail", args=[samples["application_id"][1]])),
        ("employee_ab", call),
        ("municipal_leader_a", call),
        ("municipal_leader_a", application),
        ("municipal_leader_a", reverse("grants:municipality", args=[tree.municipality_a.number])),
        ("leader_ab", reverse("grants:report-detail", args=[samples["report_id"][0]])),
        ("leader_ab", reverse("grants:service", args=[tree.service_ab.pk])),
        ("advisor_x", reverse("grants:municipality", args=[tree.municipality_b.number])),
        ("national", reverse("grants:service", args=[tree.service_c.pk])),
    ]
