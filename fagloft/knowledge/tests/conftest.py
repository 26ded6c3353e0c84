"""The 15F test files from ../shared/data: required in CI, skipped locally without them."""

from __future__ import annotations

import os

import pytest

from fagloft.lib.shared_data import shared_data_dir


@pytest.fixture
def kostra_dir():
    base = shared_data_dir()
    if base is None or not (base / "kostra-15f" / "testfiler").is_dir():
        if os.getenv("CI") == "true":
            pytest.fail("The shared data dir with kostra-15f is missing in CI")
        pytest.skip("The shared data dir with kostra-15f is not available")
    return base / "kostra-15f"
