"""Writing the audit trail. Call these inside the transaction that makes the change."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.fields.files import FieldFile

from fagloft.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from fagloft.accounts.typing import Actor

Scope = dict[str, int | None]


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (datetime.date, datetime.datetime, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited field values of an instance, as JSON-friendly values."""
    names = (
        list(fields)
        if fields is not None
        else [f.name for f in instance._meta.concrete_fields if f.name not in ("id", "created_at", "updated_at")]
    )
    values: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(instance, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = set(before) | set(after)
    return {key: [before.get(key), after.get(key)] for key in sorted(keys) if before.get(key) != after.get(key)}


def _scope_of(instance: models.Model | None) -> Scope:
    scope_method = getattr(instance, "audit_scope", None)
    return scope_method() if callable(scope_method) else {}


def record(
    actor: Actor | AnonymousUser,
    verb: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    message: str = "",
    scope: Scope | None = None,
) -> AuditEvent:
    """Write one audit event for `instance`. `actor` is a user or None (a command run by the system);
    an anonymous visitor (a failed login) is recorded as no user."""
    scope = scope if scope is not None else _scope_of(instance)
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user is not None else "system",
        verb=verb,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes or {},
        message=message[:500],
        county_id=scope.get("county_id"),
        municipality_id=scope.get("municipality_id"),
        service_id=scope.get("service_id"),
    )


def record_bulk_read(actor: Actor, verb: str, instance: models.Model, count: int, what: str) -> AuditEvent:
    """One row for a read of many people's records held by `instance` (a service, a network): who
    read how many, when and through what. `what` names the channel in plain words («ansattlisten»,
    «API», «Excel-eksport»); never a row per person, so the trail stays readable and the read cheap."""
    return record(
        actor,
        verb,
        instance,
        {"personer": [None, count]},
        message=f"{what}: personopplysninger om {count} personer",
    )


def record_create(actor: Actor, instance: models.Model, message: str = "") -> AuditEvent:
    return record(
        actor, AuditEvent.Verb.CREATE, instance, {k: [None, v] for k, v in snapshot(instance).items()}, message
    )


def record_update(actor: Actor, instance: models.Model, before: dict[str, Any], message: str = "") -> AuditEvent | None:
    """Record the fields that changed since `before` (a snapshot); nothing when nothing changed."""
    changes = diff(before, snapshot(instance, before.keys()))
    if not changes:
        return None
    return record(actor, AuditEvent.Verb.UPDATE, instance, changes, message)


def record_delete(actor: Actor, instance: models.Model, message: str = "") -> AuditEvent:
    return record(
        actor, AuditEvent.Verb.DELETE, instance, {k: [v, None] for k, v in snapshot(instance).items()}, message
    )


def scrub(object_type: str, object_ids: Iterable[Any], replacement: str) -> int:
    """Remove personal data from the events about some objects (e.g. a person anonymised after
    the retention period): `object_repr` becomes `replacement` and every value in `changes` is
    blanked. Who acted, when, the verb and which fields changed are kept, so the trail still
    shows that something happened. Returns the number of events scrubbed."""
    events = list(AuditEvent.objects.filter(object_type=object_type, object_id__in=[str(pk) for pk in object_ids]))
    for event in events:
        event.object_repr = replacement[:300]
        event.changes = {
            key: [None] * len(value) if isinstance(value, list) else None
            for key, value in (event.changes or {}).items()
        }
    AuditEvent.objects.bulk_update(events, ["object_repr", "changes"], batch_size=500)
    return len(events)


# Verbs that record a change of data. Reads (bulk reads of personal data, exports) and logins are
# audited too, but a cache of derived figures must not be thrown away because someone looked.
CHANGE_VERBS = (
    AuditEvent.Verb.CREATE,
    AuditEvent.Verb.UPDATE,
    AuditEvent.Verb.DELETE,
    AuditEvent.Verb.IMPORT,
    AuditEvent.Verb.TRANSITION,
)


def latest_change_sql() -> str:
    """A scalar SQL subquery: the id of the newest audit event that records a change. Part of the
    caches' data versions; walks the primary key backwards and stops at the first change."""
    from django.db import connection

    quote = connection.ops.quote_name
    verbs = ", ".join(f"'{verb.value}'" for verb in CHANGE_VERBS)  # constants, not user input
    return (
        f"(SELECT {quote('id')} FROM {quote(AuditEvent._meta.db_table)} "
        f"WHERE {quote('verb')} IN ({verbs}) ORDER BY {quote('id')} DESC LIMIT 1)"
    )


def count_and_newest_sql(tables: Iterable[tuple[type[models.Model], str]]) -> list[str]:
    """Scalar SQL subqueries for the caches' data versions: for each (model, column) the table's row
    count (a row removed) and the column's maximum (a row added or changed)."""
    from django.db import connection

    quote = connection.ops.quote_name
    parts = []
    for model, column in tables:
        table = quote(model._meta.db_table)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({quote(column)}) FROM {table})"]
    return parts
