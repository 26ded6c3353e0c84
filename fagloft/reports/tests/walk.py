"""URL kwargs for the permission walk: a report (with a section) and a batch in county X and in
county Y; the download in Word (the PDF is tested on its own, and is slower)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree
from fagloft.reports.models import Batch, Report
from fagloft.reports.services import create_report


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = create_report(None, tree.service_ab, year=2025, municipality=tree.municipality_a)
    outside = create_report(None, tree.service_c, year=2025, municipality=tree.municipality_c)
    Report.objects.filter(pk=outside.pk).update(title=f"{OUTSIDE_MARKER} tilstandsrapport")
    inside_batch = Batch.objects.create(county=tree.county_x, year=2025, total=2, done=2)
    outside_batch = Batch.objects.create(county=tree.county_y, year=2025, total=1, done=1)
    from fagloft.networks.models import Network

    inside_network = Network.objects.create(county=tree.county_x, name="Nettverk Nord")
    outside_network = Network.objects.create(county=tree.county_y, name=f"{OUTSIDE_MARKER} nettverk")
    return {
        "status_report_id": (inside.pk, outside.pk),
        "report_section_id": (inside.sections.get(key="summary").pk, outside.sections.get(key="summary").pk),
        "report_batch_id": (inside_batch.pk, outside_batch.pk),
        "overview_network_id": (inside_network.pk, outside_network.pk),
        "report_format": ("docx", "docx"),
        "report_language": ("nb", "nb"),
        "section_key": ("summary", "summary"),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    report = samples["status_report_id"][0]
    detail = reverse("reports:detail", args=[report])
    return [
        ("admin", reverse("reports:list")),
        ("national", detail),
        ("national", reverse("reports:overview-national")),
        ("advisor_x", detail),
        ("advisor_x", reverse("reports:overview-county", args=[tree.county_x.number])),
        ("advisor_x", reverse("reports:batch-start")),
        ("advisor_x", reverse("reports:batch", args=[samples["report_batch_id"][0]])),
        ("advisor_y", reverse("reports:detail", args=[samples["status_report_id"][1]])),
        ("coordinator_x", reverse("reports:overview-network", args=[samples["overview_network_id"][0]])),
        ("leader_ab", detail),
        ("leader_ab", reverse("reports:create")),
        ("leader_ab", reverse("reports:section-edit", args=[report, samples["report_section_id"][0]])),
        ("leader_ab", reverse("reports:section-history", args=[report, samples["report_section_id"][0]])),
        ("leader_ab", reverse("reports:ready", args=[report])),
        ("leader_ab", reverse("reports:year-on-year", args=[report])),
        ("leader_ab", reverse("reports:download", args=[report, "docx", "nb"])),
        ("leader_ab", reverse("reports:about", args=[tree.service_ab.pk])),
        ("leader_c", reverse("reports:detail", args=[samples["status_report_id"][1]])),
        ("employee_ab", detail),
        ("municipal_leader_a", detail),
        ("municipal_leader_a", reverse("reports:municipality", args=[tree.municipality_a.number])),
        ("municipal_leader_a", reverse("reports:preventive-plan", args=[tree.municipality_a.number])),
        ("municipal_leader_a", reverse("reports:handling", args=[report])),
    ]
