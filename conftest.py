"""Test-wide settings: fast hashing, real reference data location, screenshot folder."""

from __future__ import annotations

import importlib.util

import pytest

# Browser fixtures (Playwright + axe-core) for every app's browser tests.
pytest_plugins = (
    ["fagloft.tests_browser.fixtures"] if importlib.util.find_spec("fagloft.tests_browser.fixtures") else []
)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test starts with an empty cache, so no test sees another's cached pages or maps.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO_MODE_NOT_FOR_PRODUCTION = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def tree(db):
    """The shared test tree (two counties, their municipalities and services, one user per role):
    `fagloft.organizations.tests.factories.build_tree`. An app's test module overrides it only to add
    to it (an ended coverage, values, a renamed service)."""
    from fagloft.organizations.tests.factories import build_tree

    return build_tree()
