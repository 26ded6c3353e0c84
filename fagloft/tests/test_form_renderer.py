"""The Python-drawn widget templates write exactly what Django's own templates write."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from fagloft.lib import form_renderer
from fagloft.lib.form_renderer import FormRenderer

CHOICES = [
    ("a", "Alta & Hammerfest"),
    ("b", mark_safe("<b>trygg</b>")),
    ("Finnmark «øst»", [("c", 'Vardø "by"'), ("d", "Vadsø's")]),
    (1, 12),
]


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'Skriv "navn" <her>', "data-x": True}))
    number = forms.IntegerField(min_value=0, max_value=99)
    email = forms.EmailField(required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": False}))
    tick = forms.BooleanField(required=False)
    pick = forms.ChoiceField(choices=CHOICES)
    picks = forms.MultipleChoiceField(choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea)


BOUND = {
    "text": "Ola <Nordmann> & 'co'",
    "number": "7",
    "date": "2026-12-02",
    "hidden": '"x"',
    "tick": "on",
    "pick": "c",
    "picks": ["a", "d"],
    "boxes": ["b", "1"],
    "radio": "d",
    "note": "<script>",
}


def _html(form: forms.Form) -> list[str]:
    out = []
    for field in form:
        out.append(str(field))
        out.extend(str(choice.tag()) + str(choice) for choice in field.subwidgets)
    return out


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound"])
def test_python_widgets_match_the_django_templates(data: dict[str, object] | None) -> None:
    initial = {"date": datetime.date(2026, 1, 31), "number": 3, "picks": ["b"]}
    fast = _html(Everything(data, initial=initial, renderer=FormRenderer()))
    django = _html(Everything(data, initial=initial, renderer=DjangoTemplates()))
    assert fast == django


def test_the_python_path_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    original = form_renderer._option
    name = "django/forms/widgets/select_option.html"

    def spy(widget: Any) -> str:
        seen.append(widget)
        return original(widget)

    monkeypatch.setitem(form_renderer.FAST, name, spy)
    str(Everything(renderer=FormRenderer())["pick"])
    # The select itself is drawn in Python too, so its options never reach the renderer one by one.
    assert seen == []
    option = Everything(renderer=FormRenderer())["boxes"].subwidgets[0]
    assert 'type="checkbox"' in str(option.tag())


def test_the_project_uses_it(settings: object) -> None:
    from django.conf import settings as django_settings

    assert django_settings.FORM_RENDERER == "fagloft.lib.form_renderer.FormRenderer"
