"""A draft's live signals and theme figures are cached (assessments/live_cache.py) and never stale:
a new figure shows on the draft's page at the next view."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fagloft.assessments.tests.factories import add_values, make_assessment
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db


def test_a_new_figure_shows_on_the_draft_at_once(client, tree):
    add_values("competence-fte", {2024: 5.5}, service=tree.service_ab, source="computed")
    assessment = make_assessment(tree.service_ab, year=2025)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    for url in (f"/vurderinger/{assessment.pk}/", f"/vurderinger/{assessment.pk}/tema/{entry.pk}/"):
        page = client.get(url).content.decode()
        assert "5,5" in page and "7,5" not in page
    add_values("competence-fte", {2025: 7.5}, service=tree.service_ab, source="computed")
    for url in (f"/vurderinger/{assessment.pk}/", f"/vurderinger/{assessment.pk}/tema/{entry.pk}/"):
        assert "7,5" in client.get(url).content.decode()


def test_the_county_overview_shows_a_change_at_once(client, tree):
    from fagloft.assessments.models import Assessment

    login(client, tree.users["advisor_x"])
    url = f"/vurderinger/fylke/{tree.county_x.number}/"
    assessment = make_assessment(tree.service_ab, risk_level="moderate", status=Assessment.Status.FORWARDED)
    assert "Moderat risiko</span>" in client.get(url).content.decode()
    # Even a write that leaves no audit event (a bulk update that sets updated_at) shows at once.
    Assessment.objects.filter(pk=assessment.pk).update(risk_level="high", updated_at=timezone.now())
    page = client.get(url).content.decode()
    assert "Høy risiko</span>" in page
