"""The table rows the networks pages write in Python are the rows their templates wrote."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.utils import translation

from fagloft.networks import queries
from fagloft.networks.models import PlanAdoption
from fagloft.networks.templatetags.networks_tables import adoption_rows
from fagloft.networks.tests.factories import adopt, make_network, make_plan
from fagloft.organizations.tests.factories import make_municipality

pytestmark = pytest.mark.django_db

# The loop of `_adoption_status.html` as the template wrote it before the rows moved to Python.
TEMPLATE_ROWS = """{% load i18n fagloft_format %}
        {% for municipality, row in adoption.rows %}
          <tr><td>{{ municipality.name }}</td>
            <td>{% if row %}<span class="ds-tag" data-color="success">{% translate "Vedtatt" %}</span>{% else %}<span class="ds-tag" data-color="warning">{% translate "Ikke vedtatt" %}</span>{% endif %}</td>
            <td>{{ row.body|default:"–" }}</td><td>{{ row.adopted_on|dato|default:"–" }}</td><td>{{ row.case_reference|default:"–" }}</td>
            <td>{% if row.document %}<a class="ds-link" href="{{ row.document.url }}">{% translate "Last ned" %}<span class="fl-sr-only"> {% blocktranslate with name=municipality.name %}vedtak for {{ name }}{% endblocktranslate %}</span></a>{% else %}–{% endif %}</td></tr>
        {% empty %}<tr><td colspan="6">{% translate "Nettverket har ingen medlemskommuner." %}</td></tr>
        {% endfor %}"""  # noqa: E501


def _normal(html: str) -> str:
    # Whitespace next to tags does not show in a table.
    return re.sub(r"\s*<", "<", re.sub(r">\s*", ">", re.sub(r"\s+", " ", html))).strip()


def _both(adoption: queries.AdoptionStatus) -> tuple[str, str]:
    template = Template(TEMPLATE_ROWS).render(Context({"adoption": adoption}))
    return _normal(template), _normal(adoption_rows(adoption))


def test_the_adoption_rows_are_the_template_rows(tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    odd = make_municipality(tree.county_x, "9109", "Å & <Øy>")
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b, odd], "Nordnettverket")
    plan = make_plan(network)
    adopt(plan, [None, tree.municipality_a])
    PlanAdoption.objects.create(plan=plan, municipality=odd, adopted_on="2026-04-01", body="Bystyret & co")
    with_document = PlanAdoption.objects.get(plan=plan, municipality=tree.municipality_a)
    with_document.document.save("vedtak.pdf", ContentFile(b"%PDF"), save=True)
    adoption = queries.adoption_status(network)
    assert len(adoption.rows) == 3
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            template, python = _both(adoption)
            assert template == python
    assert "vedtak.pdf" in python and "Å &amp; &lt;Øy&gt;" in python


def test_a_network_without_members_says_so(tree):
    network = make_network(tree.county_x, [], "Tomt nettverk")
    make_plan(network)
    template, python = _both(queries.adoption_status(network))
    assert template == python
    assert "colspan" in python
