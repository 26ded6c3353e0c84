"""Optimistic locking, so that two people editing the same thing never overwrite each other silently.

The one mechanism of the project: a model inherits `Versioned`; its form carries the hidden field
`version` (`fagloft.lib.forms.VersionedFormMixin`); the use case saves with `save_checked`, which
writes only if nobody saved in between, moves `version` and `updated_at`, and otherwise raises
`ConcurrentEditError` (a `Refused` the view shows while keeping the user's input).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.lib.refusals import Refused

VERSION_FIELD = "version"

MESSAGE = _(
    "Noen andre har lagret endringer her etter at du åpnet siden. Last siden på nytt for å se "
    "endringene deres, og gjør dine endringer igjen."
)


class ConcurrentEditError(Refused):
    """Someone else saved the object after it was loaded."""

    message = MESSAGE

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or MESSAGE, field=VERSION_FIELD, code="concurrent_edit")


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("versjon"), default=1, editable=False)

    class Meta:
        abstract = True


def parse_version(value: Any) -> int:
    """The version a form or API client sent; a missing or garbled one can never match."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConcurrentEditError() from None


def save_checked(instance: Versioned, expected_version: Any, fields: Iterable[str] = ()) -> None:
    """Save `fields` of `instance` only if its stored version is still `expected_version`.

    `updated_at` moves with every save (a queryset update skips `auto_now`, so it is set here).
    """
    expected = parse_version(expected_version)
    names = [name for name in fields if name not in (VERSION_FIELD, "updated_at")]
    # Only concrete fields can be saved with update(); a reverse relation fails here as before.
    attnames = [cast("models.Field[Any, Any]", instance._meta.get_field(n)).attname for n in names]
    values = {attname: getattr(instance, attname) for attname in attnames}
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected)
        .update(version=F(VERSION_FIELD) + 1, **values)
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected + 1
    if "updated_at" in values:
        instance.updated_at = values["updated_at"]  # type: ignore[attr-defined]
