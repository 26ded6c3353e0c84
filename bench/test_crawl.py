"""The crawler behind the every-page benchmark and the load test finds a role's pages by following
links, keeps to pages (no logout, downloads or the admin), and bounds each URL pattern."""

from __future__ import annotations

import pytest
from django.test import Client

from bench.crawl import SKIP, _internal, _Links, api_details, crawl, route_of
from fagloft.organizations.tests.factories import build_tree, login


@pytest.mark.parametrize(
    "href",
    [
        "/konto/logg-ut/",
        "/i18n/sprak/",
        "/drift/admin/",
        "/kompetanse/eksport.xlsx",
        "/x/?format=pdf",
        "https://example.org/",
    ],
)
def test_links_that_change_state_download_or_leave_are_not_followed(href):
    assert _internal(href) is None or SKIP.search(href)


def test_fragments_are_dropped_and_queries_kept():
    assert _internal("/kommuner/9101/#statistikk") == "/kommuner/9101/"
    assert _internal("/sok/?q=Nord") == "/sok/?q=Nord"


def test_a_get_form_leads_to_its_action_and_a_post_form_does_not():
    parser = _Links()
    parser.feed(
        '<form method="get" action="/organisering/fylker/34/sammenlign/"><button>Sammenlign</button></form>'
        '<form action="/sok/"></form><form method="get"></form>'
        '<form method="post" action="/vurderinger/1/send-inn/"></form>'
    )
    assert parser.hrefs == ["/organisering/fylker/34/sammenlign/", "/sok/"]


@pytest.mark.django_db
def test_a_service_leader_reaches_the_tree_and_app_pages_and_nothing_outside():
    tree = build_tree()
    client = Client()
    login(client, tree.users["leader_ab"])
    found = crawl(client, limit=150, per_route=1)
    assert "/" in found.urls
    assert any(url.startswith("/kompetanse/") for url in found.urls)
    assert not any("logg-ut" in url for url in found.urls)
    # One URL per pattern: no pattern twice.
    assert len(set(found.routes.values())) == len(found.urls)
    assert all(route_of(url) == found.routes[url] for url in found.urls)
    assert all(status == 200 for url, status in found.statuses.items() if url in found.urls)


def test_api_lists_lead_to_their_first_objects_details():
    body = b'{"count": 3, "results": [{"number": "10", "name": "A"}, {"id": 7}, {"id": 8}]}'
    assert api_details("/api/v1/counties/", body, per_route=2) == ["/api/v1/counties/10/", "/api/v1/counties/7/"]
    assert api_details("/api/v1/counties/", b"<html></html>", per_route=2) == []
    assert api_details("/fylker/", b'{"results": [{"id": 1}]}', per_route=2) == []  # pages, not the API


@pytest.mark.django_db
def test_the_crawl_reaches_the_api_root_and_an_api_detail_endpoint():
    tree = build_tree()
    client = Client()
    login(client, tree.users["leader_ab"])
    found = crawl(client, limit=400, per_route=1)
    assert "/api/v1/" in found.urls
    assert any(route.endswith("-detail") and url.startswith("/api/") for url, route in found.routes.items())
