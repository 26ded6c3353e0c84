"""Bufdir's three options for services that serve several municipalities."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.lib.refusals import Refused
from fagloft.reports.models import Report
from fagloft.reports.services import create_report
from fagloft.reports.tests.factories import YEAR


def test_one_report_per_municipality(filled):
    tree, _ = filled
    a = create_report(tree.users["leader_ab"], tree.service_ab, year=YEAR, municipality=tree.municipality_a)
    b = create_report(tree.users["leader_ab"], tree.service_ab, year=YEAR, municipality=tree.municipality_b)
    assert list(a.municipalities.all()) == [tree.municipality_a]
    assert list(b.municipalities.all()) == [tree.municipality_b]
    with pytest.raises(Refused):
        create_report(tree.users["leader_ab"], tree.service_ab, year=YEAR, municipality=tree.municipality_a)


def test_one_report_for_the_whole_service(filled):
    tree, _ = filled
    report = create_report(tree.users["leader_ab"], tree.service_ab, year=YEAR, form=Report.Form.SERVICE)
    assert report.municipality is None
    assert set(report.municipalities.all()) == {tree.municipality_a, tree.municipality_b}
    assert report.sections.count() == 7 + 6


def test_a_shared_part_and_one_part_per_municipality(filled):
    tree, _ = filled
    shared = create_report(tree.users["leader_ab"], tree.service_ab, year=YEAR, form=Report.Form.SHARED)
    parts = list(shared.parts.order_by("municipality__number"))
    assert [p.municipality for p in parts] == [tree.municipality_a, tree.municipality_b]
    assert all(p.form == Report.Form.PART for p in parts)


def test_a_municipality_the_service_does_not_serve_is_refused(filled):
    tree, _ = filled
    with pytest.raises(Refused):
        create_report(tree.users["admin"], tree.service_ab, year=YEAR, municipality=tree.municipality_c)


def test_outsiders_and_readers_cannot_create(filled):
    tree, _ = filled
    for user in ("leader_c", "advisor_x", "employee_ab", "national"):
        with pytest.raises(PermissionDenied):
            create_report(tree.users[user], tree.service_ab, year=YEAR, municipality=tree.municipality_a)
    assert not Report.objects.exists()
