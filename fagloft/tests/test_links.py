"""The cross-app link registry (fagloft.lib.links): providers by model label, filtered by group,
sorted, rendered by the template tags and given to the API."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from fagloft.lib import links
from fagloft.organizations.tests.factories import build_tree


def _fake_providers(monkeypatch, providers):
    monkeypatch.setattr(links, "_providers", lambda: providers)


@pytest.mark.django_db
def test_links_come_from_providers_for_the_objects_model_only(monkeypatch):
    tree = build_tree()
    seen = []

    def plan_measures(obj, user):
        seen.append((obj, user))
        return [
            links.Link("Tiltak", "B-tiltak", "/b/", model="competence.planmeasure", pk=2, order=10),
            links.Link("Tiltak", "A-tiltak", "/a/", detail="Vedtatt", model="competence.planmeasure", pk=1, order=10),
            links.Link("Statistikk", "Statistikk for kommunen", "/s/", group="hub", order=5),
        ]

    _fake_providers(monkeypatch, {"organizations.municipality": (plan_measures,)})
    user = tree.users["leader_ab"]
    related = links.related_links(tree.municipality_a, user, "related")
    assert [link.title for link in related] == ["A-tiltak", "B-tiltak"]
    assert seen == [(tree.municipality_a, user)]
    assert [link.title for link in links.related_links(tree.municipality_a, user, "hub")] == ["Statistikk for kommunen"]
    # Another model has no providers: nothing, and the provider is not called.
    assert links.related_links(tree.service_ab, user) == []
    assert len(seen) == 2
    assert links.links_payload(tree.municipality_a, user)[0] == {
        "kind": "Tiltak",
        "model": "competence.planmeasure",
        "id": 1,
        "title": "A-tiltak",
        "url": "/a/",
        "detail": "Vedtatt",
    }


@pytest.mark.django_db
def test_the_template_tags_render_groups_and_hub(monkeypatch):
    tree = build_tree()
    _fake_providers(
        monkeypatch,
        {
            "organizations.municipality": (
                lambda obj, user: [
                    links.Link("Prosjekter", "Felles opplæring", "/p/1/"),
                    links.Link("Kompetanse", "Kompetanse i kommunen", "/k/", detail="12 ansatte", group="hub"),
                ],
            )
        },
    )
    request = RequestFactory().get("/")
    request.user = tree.users["leader_ab"]
    html = Template("{% load fagloft_links %}{% related_links unit heading='Koblinger' %}{% hub_links unit %}").render(
        Context({"request": request, "unit": tree.municipality_a})
    )
    assert "Koblinger" in html and 'href="/p/1/"' in html and "Felles opplæring" in html
    assert 'href="/k/"' in html and "12 ansatte" in html
    assert f'id="related-organizations-municipality-{tree.municipality_a.pk}-heading"' in html


@pytest.mark.django_db
def test_an_object_without_links_renders_nothing_unless_asked(monkeypatch):
    tree = build_tree()
    _fake_providers(monkeypatch, {})
    request = RequestFactory().get("/")
    request.user = tree.users["leader_ab"]
    template = "{% load fagloft_links %}{% related_links unit heading='Koblinger' empty=empty %}"
    assert Template(template).render(Context({"request": request, "unit": tree.municipality_a})).strip() == ""
    html = Template(template).render(Context({"request": request, "unit": tree.municipality_a, "empty": "Ingen ennå."}))
    assert "Ingen ennå." in html
