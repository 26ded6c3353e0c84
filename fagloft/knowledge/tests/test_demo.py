"""The demo builds a national bank, Alta's offers, a library and a trial, and is safe to run twice."""

from __future__ import annotations

import pytest

from fagloft.assessments import demo as assessments_demo
from fagloft.competence import demo as competence_demo
from fagloft.knowledge import demo
from fagloft.knowledge.models import Intervention, LibraryItem, Offer, TechnologyTrial
from fagloft.networks import demo as networks_demo
from fagloft.organizations import demo as organizations_demo
from fagloft.statistics.models import IndicatorValue


@pytest.mark.django_db
def test_the_demo_builds_the_bank_and_offers_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    competence_demo.build(ctx)
    networks_demo.build(ctx)
    assessments_demo.build(ctx)
    for _ in range(2):
        demo.build(ctx)
    assert Intervention.objects.filter(is_demo=True).count() == len(demo.BANK)
    alta = ctx.services[0]
    assert set(Offer.objects.filter(service=alta).values_list("intervention__short_name", flat=True)) >= {"PMTO", "MST"}
    assert LibraryItem.objects.filter(status="published").count() == 4
    assert TechnologyTrial.objects.filter(service=alta, result="recommended").count() == 1
    assert IndicatorValue.objects.filter(indicator__code="knowledge-coverage-share", is_national=True).exists()
    # Honest evidence: only the levels the sources state.
    unknown = Intervention.objects.filter(evidence_scale="unknown").values_list("short_name", flat=True)
    assert "PMTO" in unknown and "ICDP" not in unknown
