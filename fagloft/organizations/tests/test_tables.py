# ruff: noqa: E501 (the template loops are quoted verbatim)
"""The county page's rows and the county map's shapes written in Python (`organizations.tables`):
the same markup as the template loops they replace, in nb, nn and en; and the shared municipality
list of the agreement and coverage forms."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fagloft.organizations import queries, tables
from fagloft.organizations.forms import AddCoverageForm, AgreementForm
from fagloft.organizations.maps import MapShape, SvgMap
from fagloft.organizations.models import Municipality, Service
from fagloft.organizations.tests.factories import build_tree, make_municipality, make_population, make_service

LANGUAGES = ["nb", "nn", "en"]

# The loops as the templates had them, verbatim.
_OLD_SHAPES = Template(
    """{% for shape in map.shapes %}
      <a href="{% url 'organizations:municipality-detail' shape.municipality.number %}" aria-label="{{ shape.municipality.name }}{% if shape.label %}: {{ shape.label }}{% endif %}">
        <path d="{{ shape.path }}"{% if shape.fill %} style="fill: {{ shape.fill }}"{% endif %}><title>{{ shape.municipality.name }}{% if shape.label %}: {{ shape.label }}{% endif %}</title></path>
      </a>
    {% endfor %}"""
)
_OLD_MUNICIPALITIES = Template(
    """{% load i18n fagloft_format %}{% for m in municipalities %}
            <tr><td>{{ m.number }}</td><td><a class="ds-link" href="{% url 'organizations:municipality-detail' m.number %}">{{ m.name }}</a></td>
              {% with p=m.population_for_year.0 %}<td class="fl-number">{{ p.total|number|default:"–" }}</td><td class="fl-number">{{ p.children|number|default:"–" }}</td>{% endwith %}
              <td>{% for c in m.current_coverages %}<a class="ds-link" href="{% url 'organizations:service-detail' c.service_id %}">{{ c.service.name }}</a>{% if not forloop.last %}, {% endif %}{% empty %}<span class="fl-status-missing">{% translate "Ingen registrert" %}</span>{% endfor %}</td></tr>
          {% endfor %}"""
)
_OLD_SERVICES = Template(
    """{% load i18n %}{% for s in services %}
              <tr><td><a class="ds-link" href="{% url 'organizations:service-detail' s.pk %}">{{ s.name }}</a></td>
                <td>{% if s.known_leader %}{{ s.known_leader }}{% else %}<span class="fl-status-missing">{% translate "Ikke registrert" %}</span>{% endif %}</td>
                <td>{% if s.email %}<a class="ds-link" href="mailto:{{ s.email }}">{{ s.email }}</a>{% endif %}{% if s.email and s.phone %}<br>{% endif %}{{ s.phone }}{% if not s.email and not s.phone %}<span class="fl-status-missing">{% translate "Ikke registrert" %}</span>{% endif %}</td>
                <td>{% for m in s.served %}{{ m.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</td></tr>
            {% endfor %}"""
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_shapes_match_the_template_loop(language):
    first = Municipality(pk=1, number="9101", name="Alvik & <Co>")
    second = Municipality(pk=2, number="9102", name="Bergvik 'sør'")
    svg_map = SvgMap(
        100.0,
        80.0,
        [
            MapShape(first, "M0 0L10 10Z", "#08306b", "1\u00a0234 barn"),
            MapShape(second, "M1 1L2 2Z", None, ""),
            MapShape(first, "M5 5Z", "#deebf7", "<ingen>"),
        ],
        [],
    )
    with translation.override(language):
        assert tables.map_shapes(svg_map) == _OLD_SHAPES.render(Context({"map": svg_map}))


def _county_municipalities(tree, year: int | None) -> list[Municipality]:
    municipalities = queries.with_current_services(
        queries.with_population(Municipality.objects.order_by("number"), year)
    )
    return list(municipalities)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("with_year", [True, False])
def test_the_county_municipality_rows_match_the_template_loop(language, with_year):
    tree = build_tree()
    odd = make_municipality(tree.county_x, "9109", "Øy & <Holm>")  # no service, no population
    make_service(odd, [odd, tree.municipality_a], 'Øy "og" Alvik barnevern')
    make_population(tree.municipality_a, 2024, total=1234567, children=23456)
    make_population(tree.municipality_b, 2024, total=999, children=0)
    municipalities = _county_municipalities(tree, 2024 if with_year else None)
    with translation.override(language):
        old = _OLD_MUNICIPALITIES.render(Context({"municipalities": municipalities}))
        assert tables.county_municipality_rows(municipalities) == old
    assert "&lt;Holm&gt;" in old


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_county_service_rows_match_the_template_loop(language):
    tree = build_tree()
    Service.objects.filter(pk=tree.service_ab.pk).update(email="post@alvik.kommune.no", phone="+47 12 34 56 78")
    make_service(tree.municipality_b, [tree.municipality_b], "B & <b>", email="b@b.no")
    make_service(tree.municipality_b, [tree.municipality_b], "Bare telefon", phone="123", leader_name="Kari <K>")
    services = queries.attach_leaders(queries.services_of(_county_municipalities(tree, None)))
    assert len(services) >= 4
    with translation.override(language):
        assert tables.county_service_rows(services) == _OLD_SERVICES.render(Context({"services": services}))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agreement_form_draws_the_same_choices_from_its_shared_list(language):
    tree = build_tree()
    choices = Municipality.objects.order_by("name")
    data = {"parties": [tree.municipality_a.pk, tree.municipality_b.pk], "host": tree.municipality_b.pk}

    def drawn(form: AgreementForm) -> str:
        return "".join(render_to_string("components/field.html", {"field": form[name]}) for name in ("parties", "host"))

    with translation.override(language):
        for bound in (None, data):
            fast = AgreementForm(bound, municipalities=choices)
            plain = AgreementForm(bound, municipalities=choices)
            for name in ("parties", "host"):
                plain.fields[name].shown = None
            with CaptureQueriesContext(connection) as fast_queries:
                fast_html = drawn(fast)
            with CaptureQueriesContext(connection) as plain_queries:
                plain_html = drawn(plain)
            assert fast_html == plain_html
            assert f'value="{tree.municipality_a.pk}"' in fast_html
            # One list for both fields instead of one each (a bound form also validates).
            assert len(fast_queries) == len(plain_queries) - 1


@pytest.mark.django_db
def test_the_forms_clean_into_full_municipalities():
    """What a form hands on comes from its queryset, not from the light list it draws."""
    tree = build_tree()
    form = AgreementForm(
        {
            "title": "Avtale",
            "kind": "host_municipality",
            "status": "draft",
            "parties": [tree.municipality_a.pk, tree.municipality_b.pk],
            "host": tree.municipality_a.pk,
            "valid_from": "01.01.2025",
        },
        municipalities=Municipality.objects.order_by("name"),
    )
    str(form["parties"])  # drawn first: the light list is read
    form.is_valid()
    assert not form.errors.get("parties") and not form.errors.get("host")
    host = form.cleaned_data["host"]
    assert host.get_deferred_fields() == set()
    assert all(not m.get_deferred_fields() for m in form.cleaned_data["parties"])
    coverage = AddCoverageForm(
        {"municipality": tree.municipality_a.pk, "valid_from": "01.01.2025"},
        municipalities=Municipality.objects.order_by("name"),
    )
    str(coverage["municipality"])
    coverage.is_valid()
    assert coverage.cleaned_data["municipality"].get_deferred_fields() == set()
