"""Serializer fields shared by every app's REST API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import checks_for, permitted_actions


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


class PageChecksMixin:
    """For a viewset whose list answers many objects: `list` runs the page's permission checks
    together (`access.checks_for`, one query per action rather than one per object and action) and
    adds `page_context(rows)` to the serializer's context, so per-object fields can read maps made
    once for the page instead of querying per object. A single object (retrieve) goes the usual way.

    `page_objects(rows)` names the objects whose checks to answer together: the rows, and any
    related objects the rules of their actions check too."""

    def page_objects(self, rows: list[Any]) -> list[Any]:
        return rows

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        return {}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        rows = list(queryset if page is None else page)
        with checks_for(request.user, self.page_objects(rows)):
            context = {**self.get_serializer_context(), **self.page_context(rows)}  # type: ignore[attr-defined]
            data = self.get_serializer(rows, many=True, context=context).data  # type: ignore[attr-defined]
        if page is not None:
            return self.get_paginated_response(data)  # type: ignore[attr-defined]
        return Response(data)
