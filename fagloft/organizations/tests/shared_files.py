"""Helpers for tests of the importers (kept here so every test module uses the same rules)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fagloft.lib.shared_data import shared_data_dir


def shared_data() -> Path:
    """The real reference data. Without it the test is skipped, except in CI, where it fails."""
    found = shared_data_dir()
    if found is None:
        if os.getenv("CI") == "true":
            pytest.fail("../shared/data (or $FAGLOFT_SHARED_DATA) is required in CI")
        pytest.skip("../shared/data is not available")
    return found


def geo_file(name: str) -> Path:
    return shared_data() / "geo" / name


def population_file() -> Path:
    return shared_data() / "befolkning" / "befolkning-kommune-alder-b2020.csv"
