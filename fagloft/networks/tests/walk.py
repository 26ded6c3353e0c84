"""URL kwargs for the permission walk: one network world inside county X, one in county Y ("Utenfor")."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.networks.models import CalendarToken
from fagloft.networks.tests import factories as f
from fagloft.organizations.tests.factories import Tree


def _world(tree: Tree, inside: bool) -> dict[str, Any]:
    # Competence environments are a national list (offered in every county's forms), so the
    # outside one carries no "Utenfor" marker; everything county Y owns does.
    if inside:
        rkbu = f.make_environment("RKBU Nord")
        # Linked, so the walk also goes through the partner rule: the competence environment
        # reaches the inside network and must never reach the outside one (partnered by NUBU).
        rkbu.people.add(tree.users["competence_env"])
        network = f.make_network(
            tree.county_x, [tree.municipality_a, tree.municipality_b], "Nordnettverket", partners=[rkbu]
        )
        municipality, prefix = tree.municipality_a, ""
    else:
        network = f.make_network(
            tree.county_y, [tree.municipality_c], "Utenfornettverket", partners=[f.make_environment("NUBU")]
        )
        municipality, prefix = tree.municipality_c, "Utenfor "
    plan = f.make_plan(network, title=f"{prefix}plan")
    contact = f.make_contact(network, municipality, f"{prefix}kontakt", email="k@example.no", share_email=True)
    gathering = f.make_gathering(network, f"{prefix}samling")
    project = f.make_project(network, municipality, f"{prefix}prosjekt")
    service = tree.service_ab if inside else tree.service_c
    need = f.make_need(service, f"{prefix}behov for felles prosjekt")
    project.needs.add(need)
    outcome = f.make_outcome(project, own_measure=f"{prefix}resultatmål", baseline=10, target=20)
    priority = f.make_priority(plan, f"{prefix}prioritering", [need])
    return {
        "priority_id": priority.pk,
        "outcome_id": outcome.pk,
        "network_id": network.pk,
        "overall_plan_id": plan.pk,
        "contact_id": contact.pk,
        "gathering_id": gathering.pk,
        "idea_id": f.make_idea(network, f"{prefix}idé").pk,
        "project_id": project.pk,
        "group_id": f.make_group(network, f"{prefix}faggruppe").pk,
    }


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside, outside = _world(tree, True), _world(tree, False)
    result = {key: (inside[key], outside[key]) for key in inside}
    token_x = CalendarToken.objects.create(user=tree.users["coordinator_x"]).token
    token_y = CalendarToken.objects.create(user=tree.users["advisor_y"]).token
    result["calendar_token"] = (token_x, token_y)
    return result


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    network = reverse("networks:network-detail", args=[samples["network_id"][0]])
    return [
        ("admin", reverse("networks:network-list")),
        ("national", network),
        ("advisor_x", network),
        ("advisor_y", reverse("networks:network-detail", args=[samples["network_id"][1]])),
        ("coordinator_x", network),
        ("coordinator_x", reverse("networks:network-edit", args=[samples["network_id"][0]])),
        ("coordinator_x", reverse("networks:gathering-detail", args=[samples["gathering_id"][0]])),
        ("coordinator_x", reverse("networks:my-calendar")),
        ("coordinator_x", reverse("networks:contact-erase", args=[samples["contact_id"][0]])),
        ("coordinator_x", reverse("networks:contact-export", args=[samples["contact_id"][0]])),
        ("admin", reverse("networks:contact-erase", args=[samples["contact_id"][1]])),
        ("leader_ab", network),
        ("leader_ab", reverse("networks:project-detail", args=[samples["project_id"][0]])),
        ("employee_ab", reverse("networks:idea-detail", args=[samples["idea_id"][0]])),
        ("municipal_leader_a", network),
        ("municipal_leader_a", reverse("networks:plan-detail", args=[samples["network_id"][0]])),
        ("coordinator_x", reverse("networks:plan-detail", args=[samples["network_id"][0]])),
        ("coordinator_x", reverse("networks:priority-edit", args=[samples["priority_id"][0]])),
        ("coordinator_x", reverse("networks:priority-delete", args=[samples["priority_id"][0]])),
        ("coordinator_x", reverse("networks:outcome-delete", args=[samples["outcome_id"][0]])),
        ("leader_ab", reverse("project-detail", args=[samples["project_id"][0]])),
        ("leader_ab", reverse("project-list")),
        ("competence_env", network),  # a partner of the inside network (RKBU Nord)
    ]
