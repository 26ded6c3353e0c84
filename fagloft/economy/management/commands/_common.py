"""Shared parts of the economy commands: finding municipalities and printing results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from fagloft.organizations.models import Municipality


def add_common(parser: CommandParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="the year of the rates and the model")
    parser.add_argument("--runs", type=int, default=20_000, help="simulated years (default 20 000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random numbers (default 1)")
    parser.add_argument("--years", type=int, default=None, help="horizon in years, 1–5 (default: the model's)")
    parser.add_argument("--format", choices=["json", "text"], default="text")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def municipality(number: str) -> Municipality:
    found = Municipality.objects.filter(number=number.strip()).first()
    if found is None:
        raise CommandError(f"no municipality numbered {number}")
    return found


def check_runs(options: dict[str, Any]) -> None:
    if not 1 <= options["runs"] <= 10_000_000:
        raise CommandError("--runs must be between 1 and 10 000 000")
    if options["years"] is not None and not 1 <= options["years"] <= 5:
        raise CommandError("--years must be between 1 and 5")


def kroner(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} kr".replace(",", " ")
