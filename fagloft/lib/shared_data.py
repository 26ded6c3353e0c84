"""Where the public reference data (../shared/data) lives. It is never copied into the repository."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path | None:
    configured = os.getenv("FAGLOFT_SHARED_DATA")
    candidates = [Path(configured)] if configured else []
    candidates.append(_REPO.parent / "shared" / "data")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
