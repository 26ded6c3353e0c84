"""URL kwargs for the permission walk: offers, library items and versions, trials in county X and Y;
the intervention bank, the technology catalogue and the deadlines are national (no county), so the
outside sample of those is an id that does not exist."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse

from fagloft.knowledge.models import CaseDeadline, LibraryCoordinator, LibraryVersion
from fagloft.knowledge.tests import factories as f
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree

NATIONAL = {"intervention_id", "technology_id", "deadline_code", "recommended_measure_id"}


def _version(item: Any, number: int = 1, state: str = "approved") -> LibraryVersion:
    version = LibraryVersion(
        item=item, number=number, file_name=f"{item.title}.pdf", size=9, sha256=f"{item.pk:064d}", state=state
    )
    version.file.save(f"{item.title}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    version.save()
    return version


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    pmto = f.make_intervention("PMTO Nord", certification_required=True, certifier="NUBU", certification_method="pmto")
    inside = f.make_offer(tree.service_ab, pmto, capacity=10)
    outside = f.make_offer(tree.service_c, pmto, note=f"{OUTSIDE_MARKER} tilbud", provider_name=f"{OUTSIDE_MARKER}")
    network_x = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    network_y = make_network(tree.county_y, [tree.municipality_c], f"{OUTSIDE_MARKER}nettverket")
    item_x = f.make_item(network_x, "Undersøkelsesmal Nord", status="published")
    item_y = f.make_item(network_y, f"{OUTSIDE_MARKER} mal", status="published", owner_name=f"{OUTSIDE_MARKER}")
    version_x, version_y = _version(item_x), _version(item_y)
    item_x.published_version, item_y.published_version = version_x, version_y
    item_x.save()
    item_y.save()
    coordinator_x = LibraryCoordinator.objects.create(network=network_x, user=tree.users["coordinator_x"])
    coordinator_y = LibraryCoordinator.objects.create(network=network_y, user=tree.users["advisor_y"])
    technology = f.make_technology("Videomøte Nord")
    trial_x = f.make_trial(technology, tree.service_ab, "Videomøter i Alvik")
    trial_y = f.make_trial(technology, tree.service_c, f"{OUTSIDE_MARKER} utprøving")
    return {
        "intervention_id": (pmto.pk, 999_999),
        "service_offer_id": (inside.pk, outside.pk),
        "library_item_id": (item_x.pk, item_y.pk),
        "library_version_id": (version_x.pk, version_y.pk),
        "library_network_id": (network_x.pk, network_y.pk),
        "library_coordinator_id": (coordinator_x.pk, coordinator_y.pk),
        "technology_id": (technology.pk, 999_999),
        "technology_trial_id": (trial_x.pk, trial_y.pk),
        "deadline_code": (CaseDeadline.objects.order_by("position")[0].code, "utenfor-finnes-ikke"),
        "recommended_measure_id": (f.make_recommended("Foreldreveiledning Nord", "universal").pk, 999_999),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    bank = reverse("knowledge:bank")
    intervention = reverse("knowledge:intervention-detail", args=[samples["intervention_id"][0]])
    coverage_a = reverse("knowledge:municipality-coverage", args=[tree.municipality_a.number])
    offers_ab = reverse("knowledge:service-offers", args=[tree.service_ab.pk])
    item = reverse("knowledge:library-item", args=[samples["library_item_id"][0]])
    return [
        ("admin", bank),
        ("admin", reverse("knowledge:national-coverage")),
        ("national", reverse("knowledge:intervention-create")),
        ("national", reverse("knowledge:national-coverage")),
        ("national", reverse("knowledge:library")),
        ("advisor_x", reverse("knowledge:county-coverage", args=[tree.county_x.number])),
        ("advisor_x", coverage_a),
        ("advisor_y", reverse("knowledge:county-coverage", args=[tree.county_y.number])),
        ("advisor_y", intervention),
        ("coordinator_x", item),
        ("coordinator_x", reverse("knowledge:coordinators")),
        ("coordinator_x", reverse("knowledge:network-coordinators", args=[samples["library_network_id"][0]])),
        ("advisor_x", reverse("knowledge:coordinator-remove", args=[samples["library_coordinator_id"][0]])),
        ("advisor_y", reverse("knowledge:network-coordinators", args=[samples["library_network_id"][1]])),
        ("leader_ab", offers_ab),
        ("leader_ab", reverse("knowledge:offer-create", args=[tree.service_ab.pk])),
        ("leader_ab", reverse("knowledge:offer-edit", args=[samples["service_offer_id"][0]])),
        ("leader_ab", reverse("knowledge:service-deadlines", args=[tree.service_ab.pk])),
        ("leader_ab", reverse("knowledge:trial-edit", args=[samples["technology_trial_id"][0]])),
        ("leader_c", reverse("knowledge:service-offers", args=[tree.service_c.pk])),
        ("employee_ab", coverage_a),
        ("employee_ab", item),
        ("employee_ab", reverse("knowledge:technology-detail", args=[samples["technology_id"][0]])),
        ("municipal_leader_a", coverage_a),
        ("municipal_leader_a", reverse("knowledge:level-owner", args=[tree.municipality_a.number])),
        ("competence_env", bank),
        ("employee_ab", reverse("knowledge:recommended")),
        ("national", reverse("knowledge:recommended-create")),
        ("national", reverse("knowledge:recommended-edit", args=[samples["recommended_measure_id"][0]])),
        ("admin", reverse("knowledge:deadline-edit", args=[samples["deadline_code"][0]])),
        ("competence_env", reverse("knowledge:deadlines")),
    ]
