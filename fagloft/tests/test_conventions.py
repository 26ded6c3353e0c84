"""Conventions every Fagløft model follows, whichever app it is in."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation
from django.utils.functional import Promise


def fagloft_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("fagloft.")]


def test_there_are_models_to_check():
    assert len(fagloft_models()) > 5


@pytest.mark.parametrize("model", fagloft_models(), ids=lambda m: m._meta.label)
def test_every_model_says_what_it_is_in_its_own_words(model):
    assert "__str__" in {name for klass in model.__mro__ if klass is not models.Model for name in vars(klass)}, (
        f"{model._meta.label} has no __str__"
    )


@pytest.mark.parametrize("model", fagloft_models(), ids=lambda m: m._meta.label)
def test_every_model_has_a_translated_verbose_name(model):
    meta = model._meta
    assert isinstance(meta.original_attrs.get("verbose_name"), Promise), (
        f"{meta.label}: set Meta.verbose_name with gettext_lazy"
    )
    assert isinstance(meta.original_attrs.get("verbose_name_plural"), Promise), (
        f"{meta.label}: set Meta.verbose_name_plural with gettext_lazy"
    )
    with translation.override("nb"):
        assert str(meta.verbose_name) != meta.model_name, f"{meta.label}: verbose_name is only the class name"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Missing migrations (exit {exit_.code}):\n{out.getvalue()}")
