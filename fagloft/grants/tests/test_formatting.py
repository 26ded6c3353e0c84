"""One formatting layer (issue 9, item 13) in grants: amounts, dates, deadlines, scores and the
eligibility reasons look as the language writes them, never «450000», «450000 kr» or «1. May 2027»."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.utils import translation

from fagloft.grants import deadlines, eligibility
from fagloft.grants.models import Application
from fagloft.grants.tests.factories import make_application, make_assessment, make_call, make_decision
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def tree():
    return build_tree()


@pytest.fixture
def granted(tree):
    call = make_call(tree.county_x, "Stimuleringsmidler 2027", deadline=datetime.date(2027, 5, 1))
    application = make_application(call, tree.municipality_a, "Felles introduksjon", amount=450_000)
    application.status = Application.Status.SUBMITTED
    application.save(update_fields=["status"])
    make_decision(application, amount=375_000, decided_on=datetime.date(2027, 3, 1))
    return application


@pytest.mark.parametrize(
    ("language", "requested", "granted_amount", "decided", "deadline"),
    [
        ("nb", f"450{NBSP}000{NBSP}kr", f"375{NBSP}000{NBSP}kr", "1. mars 2027", "1. mai 2027 kl. 23.59 (norsk tid)"),
        ("nn", f"450{NBSP}000{NBSP}kr", f"375{NBSP}000{NBSP}kr", "1. mars 2027", "1. mai 2027"),
        ("en", "NOK 450,000", "NOK 375,000", "1 March 2027", "1 May 2027 at 23:59 (Norwegian time)"),
    ],
)
def test_the_application_page_formats_money_dates_and_the_deadline(
    client, tree, granted, language, requested, granted_amount, decided, deadline
):
    login(client, tree.users["advisor_x"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/tilskudd/soknader/{granted.pk}/").content.decode()
    assert requested in html and granted_amount in html
    assert decided in html and deadline in html
    assert "450000" not in html and "450 000 kr" not in html  # neither raw nor with a breaking space
    assert "1. May" not in html and "1.3.2027" not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "1. november 2026 kl. 23.59 (norsk tid)"), ("en", "1 November 2026 at 23:59 (Norwegian time)")],
)
def test_the_deadline_label_uses_the_formatting_layer(tree, language, expected):
    call = make_call(tree.county_x, deadline=datetime.date(2026, 11, 1))
    with translation.override(language):
        assert deadlines.deadline_label(call) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", f"Det søkes om 450{NBSP}000{NBSP}kr."), ("en", "NOK 450,000 is requested.")],
)
def test_the_eligibility_reason_gives_the_amount_once_in_the_languages_form(tree, granted, language, expected):
    with translation.override(language):
        results = {r.code: r for r in eligibility.check(eligibility.candidate_from(granted))}
    assert results["budget_present"].reason == expected


def test_study_points_are_written_as_the_language_writes_them():
    with translation.override("nb"):
        assert eligibility._credits(decimal.Decimal("30.0")) == "30"
        assert eligibility._credits(decimal.Decimal("7.5")) == "7,5"
    with translation.override("en"):
        assert eligibility._credits(decimal.Decimal("7.5")) == "7.5"


@pytest.mark.parametrize(("language", "score"), [("nb", "2,75"), ("en", "2.75")])
def test_the_ranking_shows_the_weighted_score_with_the_languages_decimal_mark(client, tree, granted, language, score):
    # Weights (factories): benefit 3, feasibility 1, several municipalities 2 (automatic, 0 for one
    # municipality). Benefit 4 and 4, feasibility 4 and 5: (4 × 3 + 4.5 × 1 + 0 × 2) / 6 = 2.75.
    make_assessment(granted, tree.users["advisor_x"], score=4)
    second = make_assessment(granted, tree.users["national"], score=4)
    second.scores.filter(criterion__name="Gjennomførbarhet").update(score=5)
    login(client, tree.users["advisor_x"])
    client.cookies["fagloft_language"] = language
    html = client.get(f"/tilskudd/utlysninger/{granted.call.pk}/rangering/").content.decode()
    assert f'<td class="fl-number">{score}</td>' in html
