"""Today's picture and the map of today are rendered once per data version (`picture_cache`): the
cached page is the page computed now, and every kind of change the picture reads shows at once."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from fagloft.assessments.models import Assessment
from fagloft.audit.services import record_update, snapshot
from fagloft.competence.models import CompetenceSettings
from fagloft.competence.tests.factories import make_employee
from fagloft.lib import formatting
from fagloft.organising import picture_cache, queries, views
from fagloft.organising.tests.factories import add_borders, make_proposal
from fagloft.organizations.models import Service, ServiceCoverage
from fagloft.organizations.tests.factories import (
    Tree,
    build_tree,
    login,
    make_municipality,
    make_population,
    make_service,
)
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.tests.factories import make_indicator, make_value

pytestmark = pytest.mark.django_db

COUNTY_URL = "/organisering/fylker/91/"

# The map of today as the templates' includes wrote it before it was rendered in Python.
TEMPLATE_MAP = """{% load i18n %}{% translate "Dagens organisering" as map_title %}
{% include "organising/_svg_map.html" with map=map map_title=map_title prefix="today" %}
{% include "organising/_legend.html" with legend=legend legend_title=_("Organisering i dag") %}"""


@pytest.fixture
def tree() -> Tree:
    tree = build_tree()
    add_borders(tree.municipality_a, tree.municipality_b)
    return tree


def _page(client, url: str = COUNTY_URL) -> str:
    """The page without what differs between requests anyway (the CSRF token, nonces)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r'("X-CSRFToken": ")[^"]+', r"\1", html)
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)
    return re.sub(r'(nonce=")[^"]+', r"\1", html)


def _national(client, tree: Tree):
    login(client, tree.users["national"])
    return client


def _share_indicator() -> Indicator:
    return Indicator.objects.filter(code=queries.REQUIREMENT_SHARE_CODE).first() or make_indicator(
        queries.REQUIREMENT_SHARE_CODE
    )


def test_the_cached_page_is_the_page_computed_now(client, tree):
    _national(client, tree)
    first = _page(client)
    assert "Alvik" in first
    with CaptureQueriesContext(connection) as computed:
        assert _page(client) == first
    cache.clear()
    with CaptureQueriesContext(connection) as recomputed:
        assert _page(client) == first
    # From the cache the page reads the versions, not the picture.
    assert len(computed.captured_queries) < len(recomputed.captured_queries)


def test_the_cached_parts_are_the_parts_computed_directly(tree):
    county = tree.county_x
    direct = views._today_page(county)
    assert picture_cache.cached("picture", county.pk, lambda: views._today_page(county)) == direct
    assert picture_cache.cached("picture", county.pk, lambda: pytest.fail("not from the cache")) == direct


def test_the_rendered_map_is_what_the_includes_wrote(tree):
    for rows in (queries.today_picture(tree.county_x).rows, queries.today_arrangements(tree.county_x)):
        svg, legend = views._today_map(rows)
        template = Template(TEMPLATE_MAP).render(Context({"map": svg, "legend": legend}))
        rendered = views._today_map_html(rows)
        assert (
            re.sub(r"\s+", " ", template).strip() == re.sub(r"\s+", " ", f"{rendered.map}\n{rendered.legend}").strip()
        )
        assert "Alvik" in rendered.map


def _rename_municipality(tree: Tree) -> str:
    tree.municipality_b.name = "Nybergvik"
    tree.municipality_b.save()
    return "Nybergvik"


def _new_municipality(tree: Tree) -> str:
    added = make_municipality(tree.county_x, "9105", "Tilvik")
    make_service(added, [added], "Tilvik barneverntjeneste")
    return "Tilvik barneverntjeneste"


def _service_renamed_in_the_admin(tree: Tree) -> str:
    # A queryset update leaves no timestamp: the admin's log entry gives the new version.
    Service.objects.filter(pk=tree.service_ab.pk).update(name="Vikene barneverntjeneste")
    LogEntry.objects.create(
        user_id=tree.users["admin"].pk,
        content_type=ContentType.objects.get_for_model(Service),
        object_id=str(tree.service_ab.pk),
        object_repr="Vikene",
        action_flag=CHANGE,
    )
    return "Vikene barneverntjeneste"


def _coverage_ended_through_a_use_case(tree: Tree) -> str:
    # A coverage has no timestamp: the audit event of the use case gives the new version.
    coverage = ServiceCoverage.objects.get(service=tree.service_ab, municipality=tree.municipality_b)
    before = snapshot(coverage)
    coverage.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    coverage.save()
    record_update(tree.users["admin"], coverage, before)
    return "ingen tjeneste registrert"


def _assessment_forwarded(tree: Tree) -> str:
    Assessment.objects.create(service=tree.service_ab, year=2025, status=Assessment.Status.FORWARDED, risk_level="high")
    return "høy risiko i vurderingen"


def _more_children(tree: Tree) -> str:
    make_population(tree.municipality_a, 2022, children=7654)
    return formatting.number(7654, 0)


def _changes_then_shows(
    client, tree: Tree, prepare: Callable[[Tree], None], change: Callable[[Tree], None], shown: str
):
    _national(client, tree)
    prepare(tree)
    assert shown not in _page(client)
    assert shown not in _page(client)  # now from the cache
    change(tree)
    assert shown in _page(client)


def test_a_value_rewritten_in_place_shows_at_once(client, tree):
    indicator = _share_indicator()
    holder: dict[str, IndicatorValue] = {}

    def prepare(tree: Tree) -> None:
        holder["value"] = make_value(indicator, 2024, 80, service=tree.service_ab)

    def change(tree: Tree) -> None:
        IndicatorValue.objects.filter(pk=holder["value"].pk).update(value=Decimal(40), recorded_at=timezone.now())

    _changes_then_shows(client, tree, prepare, change, "under halvparten oppfyller kompetansekravet 2031")


def test_the_small_service_limit_saved_in_a_shell_shows_at_once(client, tree):
    def prepare(tree: Tree) -> None:
        CompetenceSettings.current()

    def change(tree: Tree) -> None:
        settings = CompetenceSettings.current()
        settings.small_service_fte = Decimal("500.0")
        settings.save()

    _changes_then_shows(client, tree, prepare, change, "under 500,0 årsverk")


@pytest.mark.parametrize(
    "change",
    [
        _rename_municipality,
        _new_municipality,
        _service_renamed_in_the_admin,
        _coverage_ended_through_a_use_case,
        _assessment_forwarded,
        _more_children,
    ],
)
def test_a_change_shows_on_the_county_page_at_once(client, tree, change: Callable[[Tree], str]):
    _national(client, tree)
    first = _page(client)
    assert _page(client) == first  # now from the cache
    shown = change(tree)
    assert shown not in first
    assert shown in _page(client)


def test_staff_registered_give_a_new_version(tree):
    before = picture_cache.picture_version()
    make_employee(tree.service_ab)
    assert picture_cache.picture_version() != before


def test_the_day_and_the_language_are_in_the_key(tree):
    county = tree.county_x
    today = timezone.localdate()
    picture_cache.cached("picture", county.pk, lambda: "today", day=today)
    assert picture_cache.cached("picture", county.pk, lambda: "tomorrow", day=today + datetime.timedelta(1)) == (
        "tomorrow"
    )
    with translation.override("en"):
        assert picture_cache.cached("picture", county.pk, lambda: "english", day=today) == "english"
    assert picture_cache.cached("picture", county.pk, lambda: "again", day=today) == "today"


def test_the_proposal_page_shows_a_change_of_today_at_once(client, tree):
    proposal = make_proposal(tree.county_x, "Samlet", min_fte=0.0, max_km=None)
    _national(client, tree)
    url = f"/organisering/forslag/{proposal.pk}/"
    first = _page(client, url)
    assert _page(client, url) == first
    assert "Nybergvik" not in first
    _rename_municipality(tree)
    assert "Nybergvik" in _page(client, url)
    _coverage_ended_through_a_use_case(tree)
    assert "ingen tjeneste registrert" in _page(client, url)


def test_the_county_page_from_the_cache_runs_fewer_queries_than_computed(client, tree):
    _national(client, tree)
    with CaptureQueriesContext(connection) as computed:
        _page(client)
    with CaptureQueriesContext(connection) as cached:
        _page(client)
    assert len(cached.captured_queries) < len(computed.captured_queries)
