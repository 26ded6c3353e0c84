"""The bulk side of the link registry (`fagloft.lib.links.links_payload_many`, `many_variant`):
one call per provider for many objects when it has a bulk variant, per object otherwise, and the
same answer for every object as `links_payload` gives for it alone. And the bulk variants of the
real providers for needs and projects answer what their single providers answer."""

from __future__ import annotations

from typing import Any

import pytest

from fagloft.competence.models import PlanMeasure
from fagloft.competence.tests.factories import make_plan as make_competence_plan
from fagloft.knowledge.models import GapNeed, ProjectUse
from fagloft.knowledge.tests.factories import make_intervention, make_item
from fagloft.lib import links
from fagloft.networks.tests.factories import make_need, make_network, make_plan, make_priority, make_project
from fagloft.organizations.tests.factories import build_tree


def _fake_providers(monkeypatch, providers):
    monkeypatch.setattr(links, "_providers", lambda: providers)


@pytest.mark.django_db
def test_a_bulk_variant_is_asked_once_and_answers_as_the_single_provider(monkeypatch):
    tree: Any = build_tree()
    single_calls, bulk_calls, plain_calls = [], [], []

    def measures(obj, user):
        single_calls.append(obj)
        if obj.pk != tree.municipality_a.pk:
            return []  # only municipality A has a measure
        return [links.Link("Tiltak", f"Tiltak for {obj.number}", f"/t/{obj.pk}/", model="m", pk=obj.pk, order=10)]

    @links.many_variant(measures)
    def measures_many(objs, user):
        bulk_calls.append(list(objs))
        # A missing pk means no links.
        return {o.pk: measures(o, user) for o in objs if o.pk == tree.municipality_a.pk}

    def plain(obj, user):
        plain_calls.append(obj)
        return [
            links.Link("Annet", "B", "/b/", order=5),
            links.Link("Annet", "A", "/a/", order=5),
            links.Link("Hub", "Kort", "/h/", group="hub"),
        ]

    _fake_providers(monkeypatch, {"organizations.municipality": (measures, plain)})
    user = tree.users["leader_ab"]
    objs = [tree.municipality_a, tree.municipality_b]
    many = links.links_payload_many(objs, user)
    assert len(bulk_calls) == 1 and plain_calls == objs
    # The bulk variant stands in for the single provider (which it happens to call here for A only).
    assert single_calls == [tree.municipality_a]
    single_calls.clear()
    assert many == {obj.pk: links.links_payload(obj, user) for obj in objs}
    assert [link["title"] for link in many[tree.municipality_a.pk]] == ["A", "B", "Tiltak for 9101"]
    assert [link["title"] for link in many[tree.municipality_b.pk]] == ["A", "B"]
    hub = links.related_links_many(objs, user, "hub")
    assert {pk: [link.title for link in found] for pk, found in hub.items()} == {o.pk: ["Kort"] for o in objs}


@pytest.mark.django_db
def test_nothing_to_link_and_mixed_models(monkeypatch):
    tree: Any = build_tree()
    _fake_providers(monkeypatch, {})
    assert links.links_payload_many([], tree.users["admin"]) == {}
    assert links.links_payload_many([tree.municipality_a], tree.users["admin"]) == {tree.municipality_a.pk: []}
    with pytest.raises(ValueError, match="one model"):
        links.links_payload_many([tree.municipality_a, tree.service_ab], tree.users["admin"])


@pytest.fixture
def chain(db):
    tree: Any = build_tree()
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    other = make_network(tree.county_y, [tree.municipality_c], name="Nettverk utenfor")
    plan, other_plan = make_plan(network), make_plan(other)
    competence_plan = make_competence_plan(tree.service_ab)
    intervention = make_intervention("PMTO lenker")
    tree.needs, tree.projects = [], []
    for index in range(3):
        need = make_need(tree.service_ab, f"Behov {index}", year=2020 + index)
        tree.needs.append(need)
        if index == 2:
            continue  # a need nothing answers
        PlanMeasure.objects.create(
            plan=competence_plan, kind="course", description=f"Tiltak {index}", owner="Leder", need=need
        )
        make_priority(plan, f"Prioritering {index}", needs=[need])
        make_priority(other_plan, f"Utenfor {index}", needs=[need])  # not visible to county X users
        project = make_project(network, tree.municipality_a, title=f"Prosjekt {index}")
        project.needs.add(need, tree.needs[0])
        tree.projects.append(project)
        GapNeed.objects.create(need=need, municipality=tree.municipality_a, level="indicated")
        ProjectUse.objects.create(project=project, intervention=intervention)
        ProjectUse.objects.create(project=project, library_item=make_item(network, f"Mal {index}"))
    tree.projects.append(make_project(other, tree.municipality_c, title="Prosjekt utenfor"))
    return tree


@pytest.mark.parametrize("username", ["admin", "advisor_x", "advisor_y", "leader_ab", "coordinator_x", "national"])
def test_the_real_bulk_variants_answer_what_the_providers_do(chain, username):
    user = chain.users[username]
    needs = links.links_payload_many(chain.needs, user)
    assert needs == {need.pk: links.links_payload(need, user) for need in chain.needs}
    projects = links.links_payload_many(chain.projects, user)
    assert projects == {project.pk: links.links_payload(project, user) for project in chain.projects}
    if username == "admin":
        kinds = {link["model"] for found in needs.values() for link in found}
        assert {"competence.planmeasure", "networks.planpriority", "networks.developmentproject"} <= kinds
        assert "knowledge.gapneed" in kinds
        assert any(link["model"] == "knowledge.intervention" for found in projects.values() for link in found)


def test_the_needs_bulk_variants_take_a_fixed_number_of_queries(chain, django_assert_max_num_queries):
    from fagloft.competence.links import measures_answering_many
    from fagloft.knowledge.links import gaps_of_need_many, uses_of_project_many
    from fagloft.networks.links import priorities_answering_many, projects_answering_many

    user = chain.users["admin"]
    with django_assert_max_num_queries(2):
        measures_answering_many(chain.needs, user)
    with django_assert_max_num_queries(2):
        gaps_of_need_many(chain.needs, user)
    with django_assert_max_num_queries(3):
        priorities_answering_many(chain.needs, user)
    with django_assert_max_num_queries(3):
        projects_answering_many(chain.needs, user)
    with django_assert_max_num_queries(3):
        uses_of_project_many(chain.projects, user)


def _tag_html(obj: Any, user: Any) -> str:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load fagloft_links %}{% related_links obj %}").render(Context({"obj": obj, "request": request}))


def test_prefetched_links_render_as_the_tag_reads_them_itself(chain, django_assert_num_queries):
    user, other = chain.users["admin"], chain.users["advisor_y"]
    alone = {need.pk: _tag_html(need, user) for need in chain.needs}
    assert "Tiltak 0" in alone[chain.needs[0].pk]
    links.prefetch_related_links(chain.needs, user)
    with django_assert_num_queries(0):
        assert {need.pk: _tag_html(need, user) for need in chain.needs} == alone
    # Read for one user, never shown to another: the tag asks the providers again for them.
    assert "Tiltak 0" not in _tag_html(chain.needs[0], other)


def test_the_assessment_page_reads_its_needs_links_at_once(chain, client, django_assert_max_num_queries):
    from fagloft.assessments.models import Need, Theme
    from fagloft.assessments.tests.factories import make_assessment

    assessment = make_assessment(chain.service_ab, 2025)
    theme = Theme.objects.first()
    extra = [
        Need.objects.create(assessment=assessment, theme=theme, kind=chain.needs[0].kind, description=f"Nytt behov {n}")
        for n in range(4)
    ]
    client.force_login(chain.users["leader_ab"])
    url = f"/vurderinger/{assessment.pk}/"
    client.get(url)
    with django_assert_max_num_queries(200) as few:
        assert client.get(url).status_code == 200
    for n in range(4, 12):
        Need.objects.create(assessment=assessment, theme=theme, kind=extra[0].kind, description=f"Nytt behov {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Nytt behov 11" in response.content.decode()
