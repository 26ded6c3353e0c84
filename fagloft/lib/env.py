"""Typed readers for settings taken from the environment (the shape of healthchecks' settings)."""

from __future__ import annotations

import os
from pathlib import Path


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default)
    if value not in ("True", "False", "true", "false", "1", "0"):
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value in ("True", "true", "1")


def envint(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


def envstr(name: str, default: str = "") -> str:
    return os.getenv(name, default)


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.getenv(name, default)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]
