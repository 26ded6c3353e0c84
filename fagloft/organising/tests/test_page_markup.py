"""The markup the organising pages write in Python is the markup their templates wrote."""
# ruff: noqa: E501  (TEMPLATE_ROWS keeps the template's own long lines)

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from fagloft.organising import services, views
from fagloft.organising.html import municipality_urls
from fagloft.organising.models import ProposedService
from fagloft.organising.tests.factories import add_borders, make_proposal
from fagloft.organizations.tests.factories import build_tree, make_municipality, make_population, make_service

pytestmark = pytest.mark.django_db

# The table body of `proposal_detail.html` as the template wrote it before the rows moved to Python.
TEMPLATE_ROWS = """{% load i18n fagloft_format %}
{% for service in proposed %}
  <tr>
    <td>{{ service.host.name }}</td>
    <td>{% for m in service.members.all %}{{ m.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
    <td class="fl-number">{{ service.fte|number:1 }}{% if service.fte_estimated %} <span class="ds-tag" data-size="sm">{% translate "anslag" %}</span>{% endif %}</td>
    <td class="fl-number">{{ service.children|number }}</td>
    <td class="fl-number">{{ service.longest_km|number }} km</td>
    <td>{{ service.effect.small_before|default:0 }} → {{ service.effect.small_after|default:0 }}</td>
    <td>{{ service.effect.vulnerable_before|default:0 }} → {{ service.effect.vulnerable_after|default:0 }}</td>
    <td class="fl-number">{% if service.effect.risk %}{{ service.effect.risk.pooled_p99|kroner }} / {{ service.effect.risk.standalone_p99|kroner }}{% else %}{% translate "ingen tall" %}{% endif %}</td>
    <td class="fl-number">{% if service.effect.risk %}{{ service.effect.risk.pooled_es99|kroner }} / {{ service.effect.risk.standalone_es99|kroner }}{% else %}{% translate "ingen tall" %}{% endif %}</td>
    <td>
      {% if service.agreement %}
        <a class="ds-link" href="{% url 'organizations:agreement-detail' service.agreement.pk %}">{{ service.agreement.get_status_display }}</a>
        {% if permitted.draft_agreement and service.agreement.status == "draft" %}<br><a class="ds-link" href="{% url 'organising:service-adoption' proposal.pk service.pk %}">{% translate "Registrer vedtak" %}</a>{% endif %}
      {% elif permitted.draft_agreement and service.members.all|length > 1 %}
        <a class="ds-link" href="{% url 'organising:service-agreement' proposal.pk service.pk %}">{% translate "Lag avtaleutkast" %}<span class="fl-sr-only"> {{ service.host.name }}</span></a>
      {% else %}–{% endif %}
    </td>
  </tr>
{% endfor %}"""


def _normal(html: str) -> str:
    # Whitespace next to tags does not show in a table cell.
    return re.sub(r"\s*<", "<", re.sub(r">\s*", ">", re.sub(r"\s+", " ", html))).strip()


@pytest.fixture
def tree():
    tree = build_tree()
    extra = make_municipality(tree.county_x, "9104", "Fjellvik & Co")
    make_population(extra, 2021, children=300)
    make_service(extra, [extra], "Fjellvik barneverntjeneste")
    add_borders(tree.municipality_a, tree.municipality_b, extra)
    return tree


def _both(proposal, draft_agreement: bool) -> tuple[str, str]:
    proposed = views.queries.proposal_services(proposal)
    template = Template(TEMPLATE_ROWS).render(
        Context({"proposed": proposed, "proposal": proposal, "permitted": {"draft_agreement": draft_agreement}})
    )
    return _normal(template), _normal(views._proposal_table_rows(proposal, proposed, draft_agreement))


def test_the_proposal_table_rows_are_the_template_rows(tree):
    proposal = make_proposal(tree.county_x, "Samlet", min_fte=0.0, max_km=None, cost_per_service=10.0**9)
    (service,) = proposal.services.all()
    assert len(service.members.all()) > 1
    # A second service alone, estimated and without cost figures.
    alone = ProposedService.objects.create(
        proposal=proposal, host=tree.municipality_c, fte="2.35", fte_estimated=True, children=1234, longest_km="12.5"
    )
    alone.members.set([tree.municipality_c])
    for draft_agreement in (True, False):
        template, python = _both(proposal, draft_agreement)
        assert template == python
        assert ("Lag avtaleutkast" in python) is draft_agreement
    assert "Fjellvik &amp; Co" in python and "ingen tall" in python and "anslag" in python
    services.draft_agreement(tree.users["advisor_x"], proposal, service=service)
    for draft_agreement in (True, False):
        template, python = _both(proposal, draft_agreement)
        assert template == python
        assert ("Registrer vedtak" in python) is draft_agreement


@pytest.mark.parametrize("number", ["0301", "9104", "03 01", "ÅØ1"])
def test_municipality_urls_are_the_reversed_urls(number):
    assert municipality_urls()(number) == reverse("organizations:municipality-detail", args=[number])
