"""Serializer fields shared by every app's REST API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import LazyObject, empty
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import checks_for, permitted_actions


def plain_user(user: Any) -> Any:
    """The user object itself rather than the `SimpleLazyObject` that `AuthenticationMiddleware`
    puts on the request. Every attribute read through the wrapper costs two extra Python calls, and
    a page of a hundred rows reads the user's cached memberships some ten thousand times in
    `can()`. Same object, same caches (they are set on the wrapped user), so the same answers."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def request_user(context: Mapping[str, Any]) -> Any:
    """The plain user of the serializer context's request; None without a request."""
    request = context.get("request")
    return None if request is None else plain_user(request.user)


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
        user = request_user(self.context)
        if user is None:
            return []
        return sorted(name for name, allowed in permitted_actions(user, value).items() if allowed)


def page_checked_list(view: Any, request: Request) -> Response:
    """`PageChecksMixin.list`, for a viewset that cannot take the mixin: the mixin's docstring
    would become the description of its operations in the OpenAPI schema."""
    queryset = view.filter_queryset(view.get_queryset())
    page = view.paginate_queryset(queryset)
    rows = list(queryset if page is None else page)
    page_objects = getattr(view, "page_objects", None)
    page_context = getattr(view, "page_context", None)
    with checks_for(plain_user(request.user), rows if page_objects is None else page_objects(rows)):
        context = {**view.get_serializer_context(), **({} if page_context is None else page_context(rows))}
        data = view.get_serializer(rows, many=True, context=context).data
    if page is not None:
        return view.get_paginated_response(data)
    return Response(data)


class PageChecksMixin:
    # A comment, not a docstring: drf-spectacular describes an operation by the first docstring in
    # its viewset's MRO, so a docstring here became the API description of every viewset without one.
    #
    # For a viewset whose list answers many objects: `list` runs the page's permission checks
    # together (`access.checks_for`, one query per action rather than one per object and action) and
    # adds `page_context(rows)` to the serializer's context, so per-object fields can read maps made
    # once for the page instead of querying per object. A single object (retrieve) goes the usual way.
    #
    # `page_objects(rows)` names the objects whose checks to answer together: the rows, and any
    # related objects the rules of their actions check too.

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        # After authentication: the per-row checks and fields then read the plain user object
        # (`plain_user`), not the middleware's lazy wrapper.
        request.user = plain_user(request.user)

    def page_objects(self, rows: list[Any]) -> list[Any]:
        return rows

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        return {}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return page_checked_list(self, request)

    def retrieve_with_page_checks(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """`retrieve` as a page of one: for a viewset whose object has many related objects the
        page context answers together (an assessment's needs and their links). Opt in by calling
        it from `retrieve`; not defined as `retrieve` here, since a router routes whatever a
        viewset has."""
        instance = self.get_object()  # type: ignore[attr-defined]
        with checks_for(plain_user(request.user), self.page_objects([instance])):
            context = {**self.get_serializer_context(), **self.page_context([instance])}  # type: ignore[attr-defined]
            data = self.get_serializer(instance, context=context).data  # type: ignore[attr-defined]
        return Response(data)
