"""A draft's figures come from the cache while the data is unchanged, follow every change at once
(audited writes, and the county and national values computed without an audit event), and a page
editing one section reads that section alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_bulk_read
from fagloft.reports import figures_cache, sections
from fagloft.reports.tests.factories import DEADLINE, YEAR, make_report
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db


def _nation(figures, year=YEAR):
    for theme in figures["sections"]["themes"]["themes"]:
        for row in theme["indicators"]:
            if row["code"] == DEADLINE:
                return dict(row["series"]["nation"]).get(year)
    raise AssertionError(DEADLINE)


def test_the_figures_are_cached_until_the_data_changes(filled):
    tree, _data = filled
    report = make_report(tree)
    cache.clear()
    first = figures_cache.build(report)
    assert first == sections.build(report)
    with CaptureQueriesContext(connection) as captured:
        assert figures_cache.build(report) == first
    assert len(captured.captured_queries) == 2  # the data version only (two queries)

    # A read of personal data is audited, but changes nothing.
    before = figures_cache.data_version(report)
    record_bulk_read(tree.users["leader_ab"], AuditEvent.Verb.VIEW, tree.service_ab, 12, "ansattlisten")
    assert figures_cache.data_version(report) == before

    # An audited change anywhere gives a new version.
    record(tree.users["leader_ab"], AuditEvent.Verb.UPDATE, tree.service_ab, {"phone": ["1", "2"]})
    assert figures_cache.data_version(report) != before


def test_a_national_value_computed_in_place_shows_at_once(filled):
    tree, _data = filled
    report = make_report(tree)
    cache.clear()
    assert Decimal(_nation(figures_cache.build(report))) == Decimal(80)
    # `statistics.services.store_aggregates` rewrites the row without an audit event.
    IndicatorValue.objects.filter(indicator__code=DEADLINE, is_national=True, year=YEAR).update(
        value=Decimal(81), source=IndicatorValue.Source.COMPUTED
    )
    assert Decimal(_nation(figures_cache.build(report))) == Decimal(81)


def test_one_section_is_built_alone_with_the_same_figures(filled):
    tree, _data = filled
    report = make_report(tree)
    everything = sections.build(report)
    with CaptureQueriesContext(connection) as captured:
        summary = sections.build(report, only="summary")
    assert len(captured.captured_queries) == 0
    assert summary["sections"]["service"] == {} and summary["sections"]["themes"] == {"themes": []}
    for key in ("about", "service", "themes", "cooperation", "challenges", "priorities"):
        assert sections.build(report, only=key)["sections"][key] == everything["sections"][key], key
