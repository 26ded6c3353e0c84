"""The hand-written representations of the assessment API (`EntrySerializer`, `NeedSerializer`,
`AssessmentSerializer.to_representation`) answer exactly what DRF's generic field walk answers,
key for key and in the same order; and one assessment (`retrieve`, read as a page of one) answers
what the per-object way answers, in a number of queries that does not grow with its needs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from fagloft.accounts.api_fields import plain_user
from fagloft.assessments.api import AssessmentSerializer, AssessmentViewSet, EntrySerializer, NeedSerializer
from fagloft.assessments.models import Assessment, FollowUpMeasure, Need, Theme, ThemeEntry
from fagloft.assessments.tests.factories import make_assessment
from fagloft.assessments.tests.test_api_queries import _add
from fagloft.competence.tests.factories import make_plan as make_competence_plan
from fagloft.networks.tests.factories import make_network, make_plan
from fagloft.organizations.tests.factories import login

URL = "/api/v1/assessments/"


@pytest.fixture
def chain(tree):
    network = make_network(tree.county_x, [tree.municipality_a, tree.municipality_b])
    tree.network = network
    tree.network_plan = make_plan(network)
    tree.competence_plan = make_competence_plan(tree.service_ab)
    tree.next_year = 2000
    return tree


def _context(user: Any) -> dict[str, Any]:
    request = APIRequestFactory().get(URL)
    request.user = user
    return {"request": request}


def _generic(serializer: serializers.Serializer, instance: Any) -> Any:
    return serializers.Serializer.to_representation(serializer, instance)


def _samples(tree: Any) -> list[Assessment]:
    """A draft with scores on some themes and a forwarded one with its dates, a measure and needs
    with and without a theme."""
    draft = make_assessment(tree.service_ab, year=2030, due_date=datetime.date(2030, 3, 1))
    first, second = ThemeEntry.objects.filter(assessment=draft).order_by("pk")[:2]
    first.likelihood, first.consequence, first.status_today = 4, 5, "Travelt"
    first.answers = [{"question": "q1", "answer": "Ja"}]
    first.save()
    second.likelihood = 2  # no consequence yet: no score
    second.save()
    forwarded = make_assessment(
        tree.service_ab,
        year=2031,
        status=Assessment.Status.FORWARDED,
        risk_level="high",
        suggested_risk_level="moderate",
        risk_level_reason="Fordi",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
        forwarded_at=timezone.now(),
        signals_snapshot=[{"code": "x", "level": "high"}],
    )
    FollowUpMeasure.objects.create(
        assessment=forwarded, description="Tiltak", owner="Leder", deadline=datetime.date(2031, 6, 1)
    )
    theme = Theme.objects.order_by("pk").first()
    Need.objects.create(assessment=forwarded, kind="competence", description="Med tema", theme=theme, position=2)
    Need.objects.create(assessment=forwarded, kind="other", description="Uten tema", position=1)
    return [draft, forwarded]


@pytest.mark.parametrize("username", ["leader_ab", "admin"])
def test_the_written_out_representations_are_the_generic_walk(tree, username):
    user = tree.users[username]
    rows = list(_view(user).get_queryset().filter(pk__in=[a.pk for a in _samples(tree)]))
    assert len(rows) == 2
    context = _context(user)
    scores: set[Any] = set()
    themes: set[Any] = set()
    for assessment in rows:
        whole = AssessmentSerializer(context=context)
        written, generic = whole.to_representation(assessment), _generic(whole, assessment)
        assert written == generic
        assert list(written) == list(generic) == AssessmentSerializer.Meta.fields
        entry_serializer = EntrySerializer(context=context)
        for entry in assessment.entries.all():
            written_entry = entry_serializer.to_representation(entry)
            assert list(written_entry.items()) == list(_generic(entry_serializer, entry).items())
            scores.add(written_entry["score"])
        need_serializer = NeedSerializer(context=context)
        for need in assessment.need_items.all():
            written_need = need_serializer.to_representation(need)
            assert list(written_need.items()) == list(_generic(need_serializer, need).items())
            themes.add(written_need["theme"])
    # The samples cover a score, a missing score and a need without a theme.
    assert {20, None} <= scores and None in themes


def _view(user: Any) -> AssessmentViewSet:
    view = AssessmentViewSet()
    view.action = "list"
    view.request = APIRequestFactory().get(URL)
    view.request.user = user
    return view


@pytest.mark.parametrize("username", ["leader_ab", "municipal_leader_a", "advisor_x", "admin"])
def test_one_assessment_answers_what_the_per_object_way_does(client, chain, username):
    user = chain.users[username]
    login(client, user)
    _add(chain, 4)
    listed = client.get(URL).json()["results"]
    assert listed
    for row in listed:
        assessment = Assessment.objects.get(pk=row["id"])
        # Without the page's maps in the context, each need asks every link provider itself.
        alone = AssessmentSerializer(assessment, context=_context(user)).data
        answered = client.get(f"{URL}{row['id']}/").json()
        assert answered == alone == row


def test_one_assessment_takes_the_same_queries_for_more_needs(client, chain):
    login(client, chain.users["admin"])
    _add(chain, 1)
    assessment = Assessment.objects.order_by("-pk").first()
    assert assessment is not None

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{URL}{assessment.pk}/").status_code == 200
        return len(captured.captured_queries)

    one_need = queries()
    for index in range(3):
        Need.objects.create(assessment=assessment, kind="capacity", description=f"Mer {index}")
    assert queries() == one_need


def test_the_api_reads_the_plain_user(tree):
    """The lazy user of the middleware is unwrapped (same object, same cached memberships)."""
    from django.utils.functional import SimpleLazyObject

    user = tree.users["leader_ab"]
    lazy = SimpleLazyObject(lambda: user)
    assert plain_user(lazy) is user
    assert plain_user(user) is user
