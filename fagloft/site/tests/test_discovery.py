"""The per-app registries (API routes, menu, front-page attention, demo builders) are collected with
Django's autodiscovery: every app's module is found, and a broken one fails loudly."""

from __future__ import annotations

import importlib

import pytest
from django.utils import module_loading

from fagloft.lib.discovery import app_modules


def test_every_app_s_module_is_found_in_app_order():
    found = app_modules("navigation")
    assert list(found)[:2] == ["organizations", "statistics"] and "site" in found
    assert found["organizations"].__name__ == "fagloft.organizations.navigation"
    assert "audit" not in app_modules("api")  # no api module: simply absent


def test_a_module_that_fails_to_import_is_not_silently_skipped(monkeypatch):
    real = importlib.import_module

    def broken(name, *args):
        if name == "fagloft.organizations.api":
            raise ImportError("cannot import name 'gone' from 'fagloft.organizations.queries'")
        return real(name, *args)

    monkeypatch.setattr(module_loading, "import_module", broken)
    with pytest.raises(ImportError, match="gone"):
        app_modules("api")
