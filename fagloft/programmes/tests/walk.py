"""URL kwargs for the permission walk: an offer and a class (national), an application, a round, a
round's service, a session and a network, inside county X and in county Y ("Utenfor")."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.competence.tests.factories import make_employee
from fagloft.networks.tests.factories import make_network
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree
from fagloft.programmes.models import Enrolment, GrantCeiling, StudyPlaceYear
from fagloft.programmes.tests import factories as f

# The catalogue and the study places are national: every signed-in role reaches the inside sample.
NATIONAL = {"programme_offer_id", "allocation_id", "study_place_year_id", "application_window_id", "grant_ceiling_id"}


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2030, places=3, provider=provider)
    # The walk's competence environment publishes this offer, so it may open its edit page.
    own_offer = f.offer("vu-rkbu-nord")
    own_offer.provider = provider
    own_offer.save(update_fields=["provider"])
    employee = make_employee(tree.service_ab, "Nora", "Nordvik", user=tree.users["employee_ab"])
    outside_employee = make_employee(tree.service_c, "Olav", f"{OUTSIDE_MARKER}sen")
    inside = f.make_enrolment(allocation, employee)
    # Another provider's class: the competence environment of the walk does not reach its participants.
    other = f.make_allocation(2030, places=3, institution="Høgskolen i Sør")
    outside = f.make_enrolment(other, outside_employee)
    inside_round = f.make_round(tree, tree.county_x, "Tjenestestøtte Nordfylket", provider=provider)
    outside_round = f.make_round(tree, tree.county_y, f"{OUTSIDE_MARKER} tjenestestøtte")
    inside_part = f.choose(inside_round, tree.service_ab)
    outside_part = f.choose(outside_round, tree.service_c)
    inside_session = f.make_session(inside_round, inside_round.created_at.date())
    outside_session = f.make_session(outside_round, outside_round.created_at.date())
    Enrolment.objects.create(
        employee=employee,
        service=tree.service_ab,
        offer=inside_round.offer,
        cohort=inside_round,
        year=2026,
        status="enrolled",
    )
    inside_network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket")
    outside_network = make_network(tree.county_y, [tree.municipality_c], f"{OUTSIDE_MARKER}nettverket")
    places_year = StudyPlaceYear.objects.get_or_create(year=2030, defaults={"places": 400})[0]
    window = f.open_window(2030)
    ceiling = GrantCeiling.objects.get_or_create(year=2030, defaults={"amount": 100_000})[0]
    return {
        "study_place_year_id": (places_year.pk, 999_997),
        "application_window_id": (window.pk, 999_996),
        "grant_ceiling_id": (ceiling.pk, 999_995),
        "programme_offer_id": (own_offer.pk, 999_999),
        "allocation_id": (allocation.pk, 999_998),
        "enrolment_id": (inside.pk, outside.pk),
        "cohort_id": (inside_round.pk, outside_round.pk),
        "participation_id": (inside_part.pk, outside_part.pk),
        "session_id": (inside_session.pk, outside_session.pk),
        "learning_network_id": (inside_network.pk, outside_network.pk),
    }


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    enrolment = reverse("programmes:enrolment", args=[samples["enrolment_id"][0]])
    cohort = reverse("programmes:cohort", args=[samples["cohort_id"][0]])
    return [
        ("admin", reverse("programmes:index")),
        ("admin", enrolment),
        ("admin", reverse("programmes:offer-edit", args=[samples["programme_offer_id"][0]])),
        ("national", reverse("programmes:offer-create")),
        ("national", reverse("programmes:progress")),
        ("national", reverse("programmes:cohort", args=[samples["cohort_id"][1]])),
        ("advisor_x", reverse("programmes:progress-county", args=[tree.county_x.number])),
        ("advisor_x", cohort),
        ("advisor_x", reverse("programmes:choose", args=[samples["cohort_id"][0]])),
        ("advisor_y", reverse("programmes:progress-county", args=[tree.county_y.number])),
        ("coordinator_x", reverse("programmes:progress-network", args=[samples["learning_network_id"][0]])),
        ("leader_ab", reverse("programmes:service", args=[tree.service_ab.pk])),
        ("leader_ab", enrolment),
        ("leader_ab", reverse("programmes:participation", args=[samples["participation_id"][0]])),
        ("leader_c", reverse("programmes:service", args=[tree.service_c.pk])),
        ("employee_ab", enrolment),
        ("employee_ab", reverse("programmes:mine")),
        ("employee_ab", reverse("programmes:apply", args=[samples["allocation_id"][0]])),
        ("municipal_leader_a", reverse("programmes:progress-municipality", args=[tree.municipality_a.number])),
        ("competence_env", reverse("programmes:allocation", args=[samples["allocation_id"][0]])),
        ("competence_env", enrolment),
        ("competence_env", reverse("programmes:offer-create")),
        ("competence_env", reverse("programmes:offer-edit", args=[samples["programme_offer_id"][0]])),
        ("competence_env", cohort),
        ("competence_env", reverse("programmes:attendance", args=[samples["session_id"][0]])),
        ("no_role", reverse("programmes:index")),
        ("no_role", reverse("programmes:study-places")),
        ("national", reverse("programmes:study-places")),
        ("national", reverse("programmes:study-place-year-create")),
        ("national", reverse("programmes:study-place-year-edit", args=[samples["study_place_year_id"][0]])),
        ("national", reverse("programmes:allocation-create")),
        ("national", reverse("programmes:allocation-edit", args=[samples["allocation_id"][0]])),
        ("national", reverse("programmes:window-create")),
        ("national", reverse("programmes:window-edit", args=[samples["application_window_id"][0]])),
        ("admin", reverse("programmes:ceiling-create")),
        ("admin", reverse("programmes:ceiling-edit", args=[samples["grant_ceiling_id"][0]])),
        ("national", reverse("programmes:certification")),
        ("advisor_x", reverse("programmes:certification")),
        ("advisor_x", reverse("programmes:certification-county", args=[tree.county_x.number])),
        ("advisor_x", reverse("programmes:certification-service", args=[tree.service_ab.pk])),
        ("leader_ab", reverse("programmes:certification-service", args=[tree.service_ab.pk])),
    ]
