# ruff: noqa: E501 (the template loops are quoted verbatim)
"""The overview's rows written in Python, and the cached figures of the overview and service pages:
the same markup as the template loop, and never stale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from fagloft.competence import capacity, queries
from fagloft.competence.tests.factories import give_education, make_employee, make_vacancy
from fagloft.competence.views.overview import overview_cells, overview_rows
from fagloft.organizations.models import Service
from fagloft.organizations.tests.factories import login, make_population

# The loop `competence/overview.html` had, verbatim.
_OLD_LOOP = Template(
    """{% load i18n fagloft_format %}{% for service, f in rows %}
            <tr><td><a class="ds-link" href="{% url 'competence:service' service.pk %}">{{ service.name }}</a>{% if f.small %} <span class="ds-tag" data-color="info">{% translate "Liten tjeneste" %}</span>{% endif %}</td>
              <td class="fl-number">{{ f.fte|number:1 }}</td><td class="fl-number">{{ f.vacancies.open_count }}</td>
              <td class="fl-number">{% if f.requirement_share is not None %}{{ f.requirement_share|percent:0 }}{% else %}–{% endif %}</td></tr>
          {% endfor %}"""
)


def _figures() -> dict[int, queries.ServiceFigures]:
    return {
        1: queries.ServiceFigures(1, fte=Decimal("1234.56"), small=False, meets_now=2, applicable=3),
        22: queries.ServiceFigures(
            22,
            fte=Decimal("0.05"),
            small=True,
            vacancies=capacity.VacancySummary(3, Decimal(2), 10, None),
        ),
        333: queries.ServiceFigures(333, fte=Decimal(0), vacancies=capacity.VacancySummary(0, Decimal(0), None, None)),
    }


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_overview_rows_match_the_template_loop(db, language):
    figures = _figures()
    names = {1: "Alvik & Bergvik <barnevern>", 22: "Små \"tjenester\" 'AS'", 333: "Øvre Ørsta"}
    services = [Service(pk=pk, name=names[pk]) for pk in figures]
    with translation.override(language):
        old = _OLD_LOOP.render(Context({"rows": [(s, figures[s.pk]) for s in services]}))
        new = overview_rows([(s.pk, s.name) for s in services], overview_cells(figures, language))
    assert new == old
    assert "&amp; Bergvik &lt;barnevern&gt;" in new


def test_the_overview_shows_changes_to_figures_names_and_language_at_once(client, tree):
    login(client, tree.users["national"])
    make_employee(tree.service_ab)
    first = client.get("/kompetanse/").content.decode()
    assert "Alvik og Bergvik barneverntjeneste" in first
    # A new employee changes the figures (a new cache key, not the stored cells).
    for _ in range(3):
        make_employee(tree.service_ab, fte_percent=Decimal(100))
    assert client.get("/kompetanse/").content.decode() != first
    # Names are read fresh on every view.
    Service.objects.filter(pk=tree.service_ab.pk).update(name="Nytt navn barneverntjeneste")
    assert "Nytt navn barneverntjeneste" in client.get("/kompetanse/").content.decode()
    # The cells are text in the viewer's language: English figures do not leak into Norwegian.
    make_employee(tree.service_ab, fte_percent=Decimal(50))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/kompetanse/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    norwegian = client.get("/kompetanse/").content.decode()
    assert ">4.5<" in english and ">4,5<" in norwegian


def test_the_service_page_shows_new_staff_vacancies_education_and_children_at_once(client, tree):
    login(client, tree.users["leader_ab"])
    url = f"/kompetanse/tjenester/{tree.service_ab.pk}/"
    employee = make_employee(tree.service_ab)
    before = client.get(url).content.decode()
    make_employee(tree.service_ab)
    after_staff = client.get(url).content.decode()
    assert after_staff != before
    give_education(employee)
    after_education = client.get(url).content.decode()
    assert after_education != after_staff
    make_vacancy(tree.service_ab, tree.service_ab.created_at.date())
    after_vacancy = client.get(url).content.decode()
    assert after_vacancy != after_education
    # Population figures are not in the figures' data version: read fresh.
    make_population(tree.municipality_a, 2020, children=1111)
    make_population(tree.municipality_b, 2020, children=2222)
    assert client.get(url).content.decode() != after_vacancy


def test_the_service_page_keeps_its_query_count_flat(client, tree, django_assert_max_num_queries):
    from django.core.cache import cache

    login(client, tree.users["leader_ab"])
    url = f"/kompetanse/tjenester/{tree.service_ab.pk}/"
    give_education(make_employee(tree.service_ab))
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for _ in range(15):
        give_education(make_employee(tree.service_ab))
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
