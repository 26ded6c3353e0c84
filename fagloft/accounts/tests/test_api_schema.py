"""The OpenAPI schema describes each operation by its own viewset (or action), never by the
docstring of a mixin it inherits: drf-spectacular takes the first docstring in the view's MRO."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.views import APIView

from fagloft.api_urls import extra_urls, router

pytestmark = pytest.mark.django_db


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _view_classes() -> set[type]:
    found = {viewset for _prefix, viewset, _basename in router.registry}
    for pattern in extra_urls:
        view = getattr(getattr(pattern, "callback", None), "cls", None)
        if view is not None:
            found.add(view)
    return found


def test_no_operation_is_described_by_the_page_checks_mixin():
    described = [(f"{method} {path}", op.get("description", "")) for path, method, op in _operations()]
    assert described
    leaked = [name for name, text in described if "runs the page's permission checks" in text]
    assert leaked == []


def test_no_operation_is_described_by_any_mixin_of_fagloft():
    # A mixin (a class in a view's MRO that is no view itself) may explain itself in a comment only.
    mixin_docs = {
        inspect.cleandoc(cls.__doc__)
        for view in _view_classes()
        for cls in view.__mro__[1:]
        if cls.__module__.startswith("fagloft.") and not issubclass(cls, APIView) and cls.__doc__
    }
    leaked = [
        f"{method} {path}"
        for path, method, op in _operations()
        if op.get("description") and op["description"].strip() in mixin_docs
    ]
    assert leaked == []
