"""Rows of the tree's larger tables and maps, written in Python.

A county page lists some 50 municipalities, their services and a map of them; the statistics and
assessment pages draw the same map. Through the template each row costs a dozen variable lookups,
filters and `{% url %}` tags, which together cost more than the rest of the page. These functions
write exactly the markup the template loops wrote (`tests/test_tables.py` compares them in nb, nn
and en), escaping every value the way autoescape did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.lib.urls import url_maker
from fagloft.organizations.maps import SvgMap
from fagloft.organizations.models import Municipality, Service


def map_shapes(svg_map: SvgMap) -> SafeString:
    """The `<a>`/`<path>` pair of each municipality on `organizations/_map.html`."""
    url = url_maker("organizations:municipality-detail")
    rows = []
    for shape in svg_map.shapes:
        name = conditional_escape(shape.municipality.name)
        text = f"{name}: {conditional_escape(shape.label)}" if shape.label else name
        fill = f' style="fill: {conditional_escape(shape.fill)}"' if shape.fill else ""
        rows.append(
            f'\n      <a href="{url(shape.municipality.number)}" aria-label="{text}">'
            f'\n        <path d="{conditional_escape(shape.path)}"{fill}><title>{text}</title></path>'
            "\n      </a>\n    "
        )
    return mark_safe("".join(rows))


def _count(value: Any, language: str) -> str:
    # As `{{ value|number|default:"–" }}`: nothing known (or no row at all) is a dash.
    return str(escape(formatting.number(value, 0, language))) or "–"


def county_municipality_rows(municipalities: Sequence[Municipality]) -> SafeString:
    """The county page's municipality table: number, name, population, children and services.

    Each municipality comes with `population_for_year` (`queries.with_population`, absent when there
    are no population figures) and `current_coverages` (`queries.with_current_services`)."""
    language = get_language()
    municipality_url = url_maker("organizations:municipality-detail")
    service_url = url_maker("organizations:service-detail")
    none = f'<span class="fl-status-missing">{escape(_("Ingen registrert"))}</span>'
    rows = []
    for m in municipalities:
        populations = getattr(m, "population_for_year", None)
        population = populations[0] if populations else None
        total = _count(population.total if population else None, language)
        children = _count(population.children if population else None, language)
        services = ", ".join(
            f'<a class="ds-link" href="{service_url(c.service_id)}">{conditional_escape(c.service.name)}</a>'
            for c in getattr(m, "current_coverages", [])  # `queries.with_current_services`
        )
        rows.append(
            f"\n            <tr><td>{conditional_escape(m.number)}</td>"
            f'<td><a class="ds-link" href="{municipality_url(m.number)}">{conditional_escape(m.name)}</a></td>'
            f'\n              <td class="fl-number">{total}</td><td class="fl-number">{children}</td>'
            f"\n              <td>{services or none}</td></tr>\n          "
        )
    return mark_safe("".join(rows))


def county_service_rows(services: Iterable[Service]) -> SafeString:
    """The county page's service table: name, leader, contact and the municipalities served.

    Each service comes with `known_leader` (`queries.attach_leaders`) and `served`
    (`queries.services_of`)."""
    url = url_maker("organizations:service-detail")
    missing = f'<span class="fl-status-missing">{escape(_("Ikke registrert"))}</span>'
    rows = []
    for s in services:
        leader = conditional_escape(s.known_leader) if s.known_leader else missing
        email, phone = conditional_escape(s.email), conditional_escape(s.phone)
        contact = (
            (f'<a class="ds-link" href="mailto:{email}">{email}</a>' if s.email else "")
            + ("<br>" if s.email and s.phone else "")
            + phone
            + ("" if s.email or s.phone else missing)
        )
        served = ", ".join(str(conditional_escape(m.name)) for m in s.served)
        rows.append(
            f'\n              <tr><td><a class="ds-link" href="{url(s.pk)}">{conditional_escape(s.name)}</a></td>'
            f"\n                <td>{leader}</td>"
            f"\n                <td>{contact}</td>"
            f"\n                <td>{served}</td></tr>\n            "
        )
    return mark_safe("".join(rows))
