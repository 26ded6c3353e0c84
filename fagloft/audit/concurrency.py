"""Optimistic locking, so that two people editing the same thing never overwrite each other silently.

A form carries the version it was loaded with; saving succeeds only if nobody saved in between.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """Someone else saved the object after it was loaded."""

    message = _(
        "Noen andre har lagret endringer her etter at du åpnet siden. Last siden på nytt for å se "
        "endringene deres, og gjør dine endringer igjen."
    )


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("versjon"), default=1, editable=False)

    class Meta:
        abstract = True


def save_checked(instance: Versioned, expected_version: int, fields: Iterable[str]) -> None:
    """Save `fields` of `instance` only if its stored version is still `expected_version`."""
    names = list(fields)
    values = {name: getattr(instance, instance._meta.get_field(name).attname) for name in names}
    updated = type(instance)._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **{instance._meta.get_field(n).attname: v for n, v in values.items()}
    )
    if updated != 1:
        raise ConcurrentEditError(str(ConcurrentEditError.message))
    instance.version = expected_version + 1
