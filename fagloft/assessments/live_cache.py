"""A draft's live signals and theme figures, cached while the data behind them is unchanged.

A draft shows its risk signals and each theme's figures as they are now: about 20 queries and a
third of the page's time, the same for everyone who opens the draft, on every view. They are read
from `fagloft.statistics.page_cache` under the same data version as the statistics pages (the
indicator values, every audited change — signal rules, coverage, the service — and the admin's log,
where the theme's indicators are edited), so a change shows at once. Submitting stores a fresh
snapshot with `compute_signals` directly (`services.assessments`).
"""

from __future__ import annotations

from typing import Any

from fagloft.assessments import figures
from fagloft.assessments.models import SignalRule, ThemeIndicator
from fagloft.assessments.risk_signals import compute_signals
from fagloft.organizations.models import Service, ServiceCoverage
from fagloft.statistics import page_cache

# The rules, the themes' indicators and the units the signals compare with, in the key besides the
# statistics data version.
LIVE_TABLES = (
    (SignalRule, "updated_at"),
    (ThemeIndicator, "id"),
    (Service, "updated_at"),
    (ServiceCoverage, "id"),
)


def live_data(service: Service, year: int) -> tuple[list[dict[str, Any]], dict[int, list[figures.Figure]]]:
    # Both under one key: one data-version query per page.
    return page_cache.cached(
        "assessment-live",
        f"{service.pk}|{year}",
        lambda: ([s.as_dict() for s in compute_signals(service, year)], figures.theme_figures(service, year)),
        tables=LIVE_TABLES,
    )


def live_signals(service: Service, year: int) -> list[dict[str, Any]]:
    return live_data(service, year)[0]


def live_theme_figures(service: Service, year: int) -> dict[int, list[figures.Figure]]:
    return live_data(service, year)[1]
