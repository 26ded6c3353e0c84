"""A KOSTRA 15F validation run (a synthetic file of 80 children) for the benchmark service."""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.kostra.models import ValidationRun

    run_demo("kostra", world.bench)
    return ValidationRun.objects.count()
