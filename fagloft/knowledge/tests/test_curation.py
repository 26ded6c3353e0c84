"""Bufdir keeps the reference data on pages: the recommended list (and the coverage follows at
once) and the casework deadlines; every edit is audited; nobody else may edit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.knowledge import coverage_cache, services
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
            "version": measure.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    indicated = coverage_cache.payloads([tree.municipality_a.pk])[tree.municipality_a.pk]["levels"]["indicated"]
    assert indicated["missing"] == []
    updated = AuditEvent.objects.get(object_type="knowledge.recommendedmeasure", verb=AuditEvent.Verb.UPDATE)
    # The version moves with every save and is audited like in every other versioned model.
    assert updated.changes == {"categories": [[], ["3.2"]], "version": [1, 2]}
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
    response = client.post(url, {**form, "rule": "Ny regel etter lovendring.", "version": deadline.version})
    assert response.status_code == 302, response.content.decode()[:3000]
    deadline.refresh_from_db()
    assert deadline.rule == "Ny regel etter lovendring."
    event = AuditEvent.objects.get(object_type="knowledge.casedeadline", verb=AuditEvent.Verb.UPDATE)
    assert event.changes["rule"][1] == "Ny regel etter lovendring."
    refused = client.post(url, {**form, "limit_days": "", "limit_months": "", "version": deadline.version})
    assert refused.status_code == 200 and "Oppgi fristen i dager eller måneder." in refused.content.decode()


MEASURE_FIELDS = {"level": "indicated", "position": 5, "is_active": "on"}


def test_two_edits_of_a_recommended_measure_from_the_same_version_the_second_is_refused(client):
    tree = build_tree()
    measure = f.make_recommended("Multisystemisk terapi", "indicated")
    url = f"/kunnskap/anbefalte/{measure.pk}/endre/"
    login(client, tree.users["national"])
    page = client.get(url).content.decode()
    assert 'name="version"' in page and f'value="{measure.version}"' in page
    loaded = measure.version

    first = client.post(url, {**MEASURE_FIELDS, "name": "Først lagret", "version": loaded})
    assert first.status_code == 302, first.content.decode()[:3000]
    second = client.post(url, {**MEASURE_FIELDS, "name": "Min utdaterte endring", "version": loaded})

    assert second.status_code == 200
    page = second.content.decode()
    assert "Noen andre har lagret endringer" in page
    assert 'value="Min utdaterte endring"' in page  # the user's input is kept
    measure.refresh_from_db()
    assert measure.name == "Først lagret" and measure.version == loaded + 1
    assert (
        AuditEvent.objects.filter(object_type="knowledge.recommendedmeasure", verb=AuditEvent.Verb.UPDATE).count() == 1
    )


def test_a_stale_recommended_measure_edit_does_not_touch_its_links():
    tree = build_tree()
    measure = f.make_recommended("Multisystemisk terapi", "indicated")
    mst = f.make_intervention("MST")
    loaded = measure.version
    values: dict[str, Any] = {
        "name": measure.name,
        "level": "indicated",
        "description": "",
        "source": "",
        "position": 0,
    }
    services.update_recommended(tree.users["national"], measure, expected_version=loaded, **values, is_active=True)
    with pytest.raises(ConcurrentEditError):
        services.update_recommended(
            tree.users["national"],
            RecommendedMeasure.objects.get(pk=measure.pk),
            expected_version=loaded,
            interventions=[mst],
            **{**values, "name": "Utdatert"},
            is_active=True,
        )
    measure.refresh_from_db()
    assert measure.name == "Multisystemisk terapi" and list(measure.interventions.all()) == []


def test_two_edits_of_a_deadline_from_the_same_version_the_second_is_refused(client):
    tree = build_tree()
    deadline = CaseDeadline.objects.get(section="§ 2-1")
    url = f"/kunnskap/frister/{deadline.code}/endre/"
    login(client, tree.users["admin"])
    assert f'value="{deadline.version}"' in client.get(url).content.decode()
    loaded = deadline.version
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

    first = client.post(url, {**form, "rule": "Første regel.", "version": loaded})
    assert first.status_code == 302, first.content.decode()[:3000]
    second = client.post(url, {**form, "rule": "Min utdaterte regel.", "version": loaded})

    assert second.status_code == 200
    page = second.content.decode()
    assert "Noen andre har lagret endringer" in page and "Min utdaterte regel." in page
    deadline.refresh_from_db()
    assert deadline.rule == "Første regel." and deadline.version == loaded + 1
    # A form without the version (an old tab, a garbled post) can never overwrite either.
    missing = client.post(url, {**form, "rule": "Uten versjon."})
    assert missing.status_code == 200 and "Noen andre har lagret endringer" in missing.content.decode()
    deadline.refresh_from_db()
    assert deadline.rule == "Første regel."
