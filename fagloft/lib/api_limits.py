"""Limits of the REST API: request rates per client and the largest page a list answers.

DRF's throttles read their rates once, when the module is imported; these read the settings on
each request, so an installation (or a test) can change `DEFAULT_THROTTLE_RATES` at run time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import pagination, throttling
from rest_framework.settings import api_settings


class _LiveRates:
    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[attr-defined]
        return None if rate is None else str(rate)


class AnonRateThrottle(_LiveRates, throttling.AnonRateThrottle):
    """Requests without login (also with a wrong token), counted per address."""


class UserRateThrottle(_LiveRates, throttling.UserRateThrottle):
    """Requests of a logged-in user or token, counted per user."""


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`?limit=` is capped (a huge number used to overflow the database's integer and answer 500),
    and so is `?offset=`, for the same reason."""

    @property
    def max_limit(self) -> int:  # type: ignore[override]
        return settings.FAGLOFT_API_MAX_PAGE_SIZE

    def get_offset(self, request: Any) -> int:
        return min(super().get_offset(request), settings.FAGLOFT_API_MAX_OFFSET)
