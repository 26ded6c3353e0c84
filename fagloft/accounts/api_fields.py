"""Serializer fields shared by every app's REST API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fagloft.accounts.access import permitted_actions


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class PermittedActionsField(serializers.Field):
    """The actions the requesting user may do on the object (short names, e.g. "take_part"), from
    the same `permitted_actions` the pages use, so a client never recomputes the rules.

    Sorted, so the answer is the same from one request to the next. Without a request in the
    serializer's context (a serializer used outside a view) there is no user, so no action."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "Short names of the actions the requesting user may do on this object.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(name for name, allowed in permitted_actions(request.user, value).items() if allowed)
