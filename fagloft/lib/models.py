"""Abstract model mixins every app uses: timestamps, validity periods, and a place in the tree.

They create no tables of their own, so they live below every app. `Scoped` derives a model's audit
scope from its `SCOPE_PATHS`, so where a row belongs in the tree is written once.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LEVELS = ("service", "municipality", "county")


def today() -> datetime.date:
    return timezone.localdate()


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date | None = None) -> ValidityQuerySet:
        day = day or today()
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )

    def valid_in_year(self, year: int) -> ValidityQuerySet:
        """Valid at some point in `year`."""
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(Q(valid_from__lte=end) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=start) | Q(valid_to__isnull=True)
        )


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        abstract = True


class Validity(models.Model):
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date | None = None) -> bool:
        day = day or today()
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Scoped:
    """A model placed in the tree by `SCOPE_PATHS` ({level: ORM lookup to that unit's primary key}).

    `audit_scope()` follows each path on the instance as long as every hop is a forward foreign
    key; where a path fans out (a service covers several municipalities), it asks the first related
    object that is itself `Scoped`. Override `audit_scope` only for a real exception.
    """

    SCOPE_PATHS: ClassVar[dict[str, str]]

    def audit_scope(self) -> dict[str, int | None]:
        return derive_audit_scope(self)


def _forward_hops(model: type[models.Model], path: str) -> list[models.Field] | None:
    """The fields along `path` if every hop is a forward many-to-one/one-to-one, else None."""
    hops: list[models.Field] = []
    current = model
    parts = path.split("__")
    for index, part in enumerate(parts):
        if part == "pk":
            return hops
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if index == len(parts) - 1 and not field.is_relation:
            return hops
        if not (field.many_to_one or field.one_to_one) or field.auto_created and not field.concrete:
            return None
        hops.append(field)  # type: ignore[arg-type]
        current = field.related_model  # type: ignore[assignment]
    return hops


def _follow(instance: Any, path: str) -> int | None:
    parts = path.split("__")
    value: Any = instance
    for index, part in enumerate(parts):
        if part == "pk":
            return value.pk if value is not None else None
        if index == len(parts) - 1:
            field = value._meta.get_field(part)
            return getattr(value, field.attname) if field.is_relation else getattr(value, part)
        value = getattr(value, part)
        if value is None:
            return None
    return value.pk if isinstance(value, models.Model) else value


def derive_audit_scope(instance: Any) -> dict[str, int | None]:
    paths: dict[str, str] = getattr(type(instance), "SCOPE_PATHS", {})
    scope: dict[str, int | None] = {}
    for level in LEVELS:
        path = paths.get(level)
        if path is None:
            continue
        if _forward_hops(type(instance), path) is not None:
            scope[f"{level}_id"] = _follow(instance, path)
            continue
        first = path.split("__", 1)[0]
        related = getattr(instance, first, None)
        if isinstance(related, Scoped):
            scope.setdefault(f"{level}_id", related.audit_scope().get(f"{level}_id"))
    return scope
