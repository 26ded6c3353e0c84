"""The template's questions in the user's language, with answers kept by position whatever the language."""

from __future__ import annotations

import pytest
from django.utils import translation

from fagloft.assessments.models import Theme
from fagloft.assessments.reference import QUESTION_TRANSLATIONS, THEMES
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db

NB = "Har tjenesten nok årsverk til oppgavene, og hvor mange stillinger står ledige?"
NN = "Har tenesta nok årsverk til oppgåvene, og kor mange stillingar står ledige?"
EN = "Does the service have enough full-time equivalents for its tasks, and how many positions are vacant?"


def test_every_template_question_has_a_nynorsk_and_an_english_text():
    for theme in Theme.objects.all():
        assert len(theme.questions_nn) == len(theme.questions_en) == len(theme.questions)
        assert all(theme.questions_nn) and all(theme.questions_en), theme.code
    assert {q for t in THEMES for q in t[4]} == set(QUESTION_TRANSLATIONS)


@pytest.mark.parametrize(("language", "expected"), [("nb", NB), ("nn", NN), ("en", EN)])
def test_the_theme_form_shows_the_question_in_the_users_language(client, tree, language, expected):
    assessment = make_assessment(tree.service_ab)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    page = client.get(f"/vurderinger/{assessment.pk}/tema/{entry.pk}/").content.decode()
    assert expected in page
    if language != "nb":
        assert NB not in page


def test_an_answer_given_in_nynorsk_is_shown_beside_the_same_question_in_bokmal(client, tree):
    assessment = make_assessment(tree.service_ab)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = "nn"
    client.post(
        f"/vurderinger/{assessment.pk}/tema/{entry.pk}/",
        {"answer_0": "Nei, to ledige", "answer_1": "", "answer_2": "", "version": entry.version},
    )
    entry.refresh_from_db()
    assert entry.answers[0] == "Nei, to ledige"
    client.cookies["fagloft_language"] = "nb"
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert NB in page and "Nei, to ledige" in page


def test_a_missing_or_empty_translation_falls_back_to_bokmal():
    theme = Theme(questions=["Spørsmål én?", "Spørsmål to?"], questions_nn=["Spørsmål ein?", ""], questions_en=[])
    with translation.override("nn"):
        assert theme.question_texts == ["Spørsmål ein?", "Spørsmål to?"]
    with translation.override("en"):
        assert theme.question_texts == ["Spørsmål én?", "Spørsmål to?"]
