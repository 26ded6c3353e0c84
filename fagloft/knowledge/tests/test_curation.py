"""Bufdir keeps the reference data on pages: the recommended list (and the coverage follows at
once) and the casework deadlines; every edit is audited; nobody else may edit."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from fagloft.audit.models import AuditEvent
from fagloft.knowledge import coverage_cache
from fagloft.knowledge.models import CaseDeadline, MeasureCategory, RecommendedMeasure
from fagloft.knowledge.tests import factories as f
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


def test_bufdir_adds_and_edits_a_recommended_measure_and_the_coverage_follows(client):
    cache.clear()
    tree = build_tree()
    f.only_recommended(("Atferdsbehandling", "indicated", ("3.2",)))
    pmto = f.make_intervention("PMTO")
    f.make_offer(tree.service_ab, pmto, "bufetat")
    indicated = coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"]["indicated"]
    assert indicated["status"] == "covered"
    login(client, tree.users["national"])
    mst = f.make_intervention("MST")
    response = client.post(
        "/kunnskap/anbefalte/nytt/",
        {
            "name": "Multisystemisk terapi",
            "level": "indicated",
            "interventions": [mst.pk],
            "position": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = RecommendedMeasure.objects.get(name="Multisystemisk terapi")
    created = AuditEvent.objects.get(object_type="knowledge.recommendedmeasure", verb=AuditEvent.Verb.CREATE)
    assert created.changes["interventions"] == [None, [mst.pk]]
    indicated = coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"]["indicated"]
    assert indicated["missing"] == ["Multisystemisk terapi"]

    # PMTO's category now covers it too: nothing missing any more.
    category = MeasureCategory.objects.get(code="3.2")
    response = client.post(
        f"/kunnskap/anbefalte/{measure.pk}/endre/",
        {
            "name": "Multisystemisk terapi",
            "level": "indicated",
            "interventions": [mst.pk],
            "categories": [category.pk],
            "position": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    indicated = coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"]["indicated"]
    assert indicated["missing"] == []
    updated = AuditEvent.objects.get(object_type="knowledge.recommendedmeasure", verb=AuditEvent.Verb.UPDATE)
    assert updated.changes == {"categories": [[], ["3.2"]]}
    assert "Multisystemisk terapi" in client.get("/kunnskap/anbefalte/").content.decode()


def test_bufdir_edits_a_deadline_with_audit_and_others_may_not(client):
    tree = build_tree()
    deadline = CaseDeadline.objects.get(section="§ 2-1")
    url = f"/kunnskap/frister/{deadline.code}/endre/"
    login(client, tree.users["leader_ab"])
    assert client.get(url).status_code == 403
    assert client.get("/kunnskap/anbefalte/nytt/").status_code == 403
    login(client, tree.users["national"])
    form = {
        name: getattr(deadline, name) or ""
        for name in (
            "phase",
            "section",
            "title",
            "rule",
            "limit_days",
            "limit_months",
            "special_limit_months",
            "ssb_rule",
            "source_title",
            "source_url",
            "guidance_url",
        )
    }
    response = client.post(url, {**form, "rule": "Ny regel etter lovendring."})
    assert response.status_code == 302, response.content.decode()[:3000]
    deadline.refresh_from_db()
    assert deadline.rule == "Ny regel etter lovendring."
    event = AuditEvent.objects.get(object_type="knowledge.casedeadline", verb=AuditEvent.Verb.UPDATE)
    assert event.changes["rule"][1] == "Ny regel etter lovendring."
    refused = client.post(url, {**form, "limit_days": "", "limit_months": ""})
    assert refused.status_code == 200 and "Oppgi fristen i dager eller måneder." in refused.content.decode()
