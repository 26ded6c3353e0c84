"""The kit forms' clean() always hands the cleaned data back (typed as a dict, never None)."""

from __future__ import annotations

from typing import Any

from django import forms

from fagloft.lib.forms import KitForm


class NameForm(KitForm):
    name = forms.CharField()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("name") == "x":
            self.add_error("name", "no x")
        return data


def test_super_clean_returns_the_cleaned_data():
    form = NameForm(data={"name": "Ada"})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "Ada"}
    refused = NameForm(data={"name": "x"})
    assert not refused.is_valid()
    assert refused.errors["name"] == ["no x"]


class Replacing(forms.Form):
    name = forms.CharField()

    def clean(self) -> dict[str, Any]:
        return {"name": "replaced"}


class ReplacedForm(KitForm, Replacing):
    pass


def test_a_dict_returned_further_down_is_kept():
    # Django uses what clean() returns; the kit passes a parent's new dict on instead of its own.
    form = ReplacedForm(data={"name": "Ada"})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "replaced"}


class ReturnsNothing(forms.Form):
    name = forms.CharField()

    def clean(self) -> dict[str, Any] | None:
        self.cleaned_data["name"] = self.cleaned_data["name"].upper()
        return None


class UsesParentNone(KitForm, ReturnsNothing):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # a parent that returns None still gives the kit's caller the dict
        data["seen"] = True
        return data


def test_a_parent_returning_none_still_gives_the_dict():
    form = UsesParentNone(data={"name": "ada"})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "ADA", "seen": True}
