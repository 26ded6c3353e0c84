"""The measure categories are the 15F schema's own code list, and the coverage figures reach
statistics, where the assessment's signal rules read them."""

from __future__ import annotations

import datetime

import pytest
from defusedxml import ElementTree

from fagloft.knowledge import publishing
from fagloft.knowledge.models import MeasureCategory
from fagloft.knowledge.tests import factories as f
from fagloft.organizations.tests.factories import build_tree
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db
XS = "{http://www.w3.org/2001/XMLSchema}"


def test_the_categories_are_the_codes_of_the_15f_schema(kostra_dir):
    tree = ElementTree.parse(kostra_dir / "xsd" / "Individ.xsd")
    kind = next(t for t in tree.iter(f"{XS}complexType") if t.get("name") == "KategoriType")
    codes = {e.get("value") for e in kind.iter(f"{XS}enumeration")}
    assert codes == set(MeasureCategory.objects.values_list("code", flat=True))


def test_publishing_writes_coverage_per_municipality_service_county_and_nation():
    tree = build_tree()
    f.only_recommended(("Atferdsbehandling", "indicated", ("3.2",)), ("Foreldreveiledning", "universal", ("3.5",)))
    f.make_offer(tree.service_ab, f.make_intervention("PMTO"))
    written = publishing.publish_coverage(tree.users["national"], datetime.date(2025, 6, 1))
    assert written > 0
    values = IndicatorValue.objects.filter(year=2025, source="computed")
    share = values.get(indicator__code="knowledge-coverage-share", municipality=tree.municipality_a)
    assert (share.numerator, share.denominator, share.value) == (1, 2, 50)
    assert values.get(indicator__code="knowledge-coverage-gaps", service=tree.service_ab).value == 2
    assert values.get(indicator__code="knowledge-coverage-gaps", municipality=tree.municipality_c).value == 3
    national = values.get(indicator__code="knowledge-coverage-share", is_national=True)
    assert (national.numerator, national.denominator) == (2, 6)
    # Idempotent: a second run replaces the same rows.
    assert publishing.publish_coverage_job(None, datetime.date(2025, 6, 1)) == written
    assert IndicatorValue.objects.filter(year=2025, source="computed").count() == values.count()
