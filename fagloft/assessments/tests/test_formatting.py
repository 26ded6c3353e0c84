"""One formatting layer (issue 9, item 13) in assessments: the signals' messages, the assessment page,
the national picture and the meeting reminder write figures and dates as the language does, never
«28.95» or «+2.50» in Norwegian text, or «1. May 2027» in English."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from fagloft.assessments.models import AgreedAction, Assessment, SignalRule
from fagloft.assessments.risk_signals import compute_signals
from fagloft.assessments.services import meetings
from fagloft.assessments.tests.factories import add_values, make_assessment, make_meeting, make_rule
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db

Kind = SignalRule.Kind


def _message(service, language: str) -> str:
    with translation.override(language):
        [signal] = compute_signals(service, 2024)
    return signal.message


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "28,95 i 2024 (grense > 25)"),
        ("nn", "28,95 i 2024 (grense > 25)"),
        ("en", "28.95 in 2024 (limit > 25)"),
    ],
)
def test_a_threshold_message_writes_the_figure_in_the_language(tree, language, expected):
    add_values("deadline_breach", {2024: 28.95}, municipality=tree.municipality_a)
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 25})
    assert _message(tree.service_ab, language) == expected


def test_a_whole_figure_has_no_trailing_point_zero(tree):
    add_values("deadline_breach", {2024: 30.0}, municipality=tree.municipality_a)
    make_rule(Kind.THRESHOLD, "deadline_breach", {"op": ">", "value": 25.5})
    assert _message(tree.service_ab, "nb") == "30 i 2024 (grense > 25,5)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "Endring +2,50 per år over 3 år"), ("en", "Change +2.50 per year over 3 years")],
)
def test_a_trend_message_signs_the_change_in_the_language(tree, language, expected):
    # Slope of (2022, 10), (2023, 14), (2024, 15) is 2.5 per year (worked out in test_risk_signals).
    add_values("per_fte", {2022: 10, 2023: 14, 2024: 15}, municipality=tree.municipality_a)
    make_rule(Kind.TREND, "per_fte", {"years": 3, "direction": "up", "min_slope": 1})
    assert _message(tree.service_ab, language) == expected


def test_a_falling_trend_has_the_minus_sign_of_the_formatting_layer(tree):
    add_values("per_fte", {2022: 15, 2023: 14, 2024: 10}, municipality=tree.municipality_a)
    make_rule(Kind.TREND, "per_fte", {"years": 3, "direction": "down", "min_slope": 1})
    assert _message(tree.service_ab, "nb") == "Endring \u22122,50 per år over 3 år"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "1\u00a0250,5 mot 1\u00a0000 hos sammenlignbare (+25,1\u00a0%)"),
        ("en", "1,250.5 against 1,000 for peers (+25.1%)"),
    ],
)
def test_a_peer_message_groups_thousands_and_writes_the_percentage(tree, language, expected):
    add_values("measures", {2024: 1250.5}, municipality=tree.municipality_a)
    add_values("measures", {2024: 1000}, municipality=tree.municipality_b)
    make_rule(Kind.PEER, "measures", {"peer": "county", "direction": "above", "pct": 20})
    assert _message(tree.service_ab, language) == expected


@pytest.mark.parametrize(("language", "due"), [("nb", "1. mai 2027"), ("en", "1 May 2027")])
def test_the_assessment_page_writes_the_due_date_in_the_language(client, tree, language, due):
    assessment = make_assessment(tree.service_ab, 2026, due_date=datetime.date(2027, 5, 1))
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert due in html
    assert "1. May" not in html and "1.5.2027" not in html


def test_the_national_picture_groups_counts_through_the_formatting_layer(client, tree, monkeypatch):
    from fagloft.assessments.views import overview

    make_assessment(tree.service_ab, 2025, status=Assessment.Status.FORWARDED, risk_level="high")
    real = overview.queries.national_picture

    def many(*args, **kwargs):
        # A national picture with a four-digit count, which Django would print as «1234».
        return [{**row, "total": 1234} for row in real(*args, **kwargs)]

    monkeypatch.setattr(overview.queries, "national_picture", many)
    login(client, tree.users["national"])
    html = client.get("/vurderinger/hele-landet/").content.decode()
    assert '<td class="fl-number">1\u00a0234</td>' in html


@pytest.mark.parametrize(("language", "day"), [("nb", "01.03.2027"), ("en", "01/03/2027")])
def test_the_meeting_reminder_writes_dates_in_the_language(tree, language, day):
    # 23.30 UTC on 28 February is 1 March in Oslo: the date is the local one, not the server's.
    meeting = make_meeting(tree.service_ab, starts_at=datetime.datetime(2027, 2, 28, 23, 30, tzinfo=datetime.UTC))
    action = AgreedAction.objects.create(
        meeting=meeting, description="Ny plan", owner="Kari", deadline=datetime.date(2027, 3, 1)
    )
    with translation.override(language), timezone.override("Europe/Oslo"):
        body = meetings._reminder_body(action)
        subject = meetings._reminder_subject(action)
    assert body.count(day) == 2 and day in subject
