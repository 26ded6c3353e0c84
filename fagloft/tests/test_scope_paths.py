"""A model says where it belongs in the tree once: SCOPE_PATHS. Every path must resolve, and
audit scopes derive from it (`fagloft.lib.models.Scoped`)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import FieldError

from fagloft.lib.models import LEVELS, Scoped

SCOPED_MODELS = sorted(
    (m for m in apps.get_models() if getattr(m, "SCOPE_PATHS", None) is not None), key=lambda m: m._meta.label
)


def unresolved_paths(model):
    bad = []
    for level, path in model.SCOPE_PATHS.items():
        if level not in LEVELS:
            bad.append(f"{model._meta.label}: unknown level {level!r}")
            continue
        try:
            str(model._default_manager.filter(**{path: 0}).query)
        except FieldError as error:
            bad.append(f"{model._meta.label}.{level} = {path!r}: {error}")
    return bad


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m._meta.label)
def test_every_scope_path_resolves(model):
    assert unresolved_paths(model) == []


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m._meta.label)
def test_scoped_models_derive_their_audit_scope(model):
    assert issubclass(model, Scoped), f"{model._meta.label} has SCOPE_PATHS but is not fagloft.lib.models.Scoped"


def test_the_guard_catches_a_path_that_does_not_resolve():
    from fagloft.organizations.models import Service

    class Broken:
        SCOPE_PATHS = {"county": "coverages__municipality__no_such_field"}
        _default_manager = Service._default_manager
        _meta = Service._meta

    assert len(unresolved_paths(Broken)) == 1
