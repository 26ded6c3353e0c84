"""The demo builder runs on a fresh database and gives one final and one draft assessment."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import pytest

from fagloft.accounts.roles import Role
from fagloft.assessments import demo
from fagloft.assessments.models import Assessment, DialogueMeeting, GuidanceEngagement, SignalRule
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import make_county, make_municipality, make_service, make_user


@dataclass
class Ctx:
    county: Any
    municipalities: list
    services: list
    users: dict
    rng: random.Random = field(default_factory=lambda: random.Random(1))
    year: int = 2026
    messages: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def log(self, message: str) -> None:
        self.messages.append(message)


@pytest.mark.django_db
def test_the_demo_builds_assessments_meetings_and_guidance_once():
    county = make_county("56", "Finnmark")
    alta, vadso = make_municipality(county, "5601", "Alta"), make_municipality(county, "5607", "Vadsø")
    services = [make_service(alta, name="Alta barneverntjeneste"), make_service(vadso, name="Vadsø barneverntjeneste")]
    users = {
        "leder.alta": make_user("leder.alta", Role.SERVICE_LEADER, services[0]),
        "statsforvalter.finnmark": make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county),
        "bufdir": make_user("bufdir", Role.NATIONAL),
        "kommunedirektor.alta": make_user("kommunedirektor.alta", Role.MUNICIPAL_LEADER, alta),
    }
    ctx = Ctx(county, [alta, vadso], services, users)
    demo.build(ctx)
    demo.build(ctx)  # a second run adds nothing
    statuses = sorted(Assessment.objects.values_list("status", flat=True))
    assert statuses == ["draft", "final"] and all(Assessment.objects.values_list("is_demo", flat=True))
    assert SignalRule.objects.filter(county__isnull=True).count() == 5
    assert SignalRule.objects.filter(county=county).count() == 1
    assert DialogueMeeting.objects.get().actions.count() == 1
    asked = GuidanceEngagement.objects.get(service=services[0])
    assert asked.status == "running" and asked.need is not None and asked.sessions.count() == 1
    assert GuidanceEngagement.objects.get(service=services[1]).status == "offered"
    needs = ctx.extra["alta_needs_2024"]
    assert {n.kind for n in needs} >= {"competence", "project", "guidance_team"}
    assert all(n.assessment.status == "final" and n.assessment.year == 2025 for n in needs)
    final = Assessment.objects.get(status="final")
    # Capacity scores 4 × 4 (high); the service chose moderate and said why.
    assert final.suggested_risk_level == "high" and final.risk_level == "moderate" and final.risk_level_reason
    # submit, forward, discuss, final; then the guidance team's offer, acceptance and start
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.TRANSITION).count() == 7
