"""Shared fixtures: the 15F schemas from ../shared/data are required in CI and skipped locally without them."""

from __future__ import annotations

import os

import pytest

from fagloft.lib.shared_data import shared_data_dir


@pytest.fixture
def kostra_dir():
    base = shared_data_dir()
    if base is None or not (base / "kostra-15f" / "xsd" / "Individ.xsd").is_file():
        if os.getenv("CI") == "true":
            pytest.fail("The shared data dir with kostra-15f is missing in CI")
        pytest.skip("The shared data dir with kostra-15f is not available")
    return base / "kostra-15f"
