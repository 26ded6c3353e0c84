"""Reading the change log across every app, with the same access rules as the objects it describes.

Which rows: everything for admins, the rows filed under their county for county advisors (the
trail keeps each row's county, municipality and service as plain ids).

Person-level rows (an employee in the staff register and what hangs off one — educations,
certifications, mapping answers — and a network's contact person) show who the person is only to
those who may see the person: an admin, and the leader of the service the employee works in.
Everyone else still sees that something happened, by whom and when, and which fields changed, but
the person's name and personal details are masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fagloft.accounts.access import has_role, matching_memberships, memberships
from fagloft.accounts.roles import LEVEL_OF_ROLE, Level, Role
from fagloft.audit.models import AuditEvent
from fagloft.site.permissions import VIEW_AUDIT

# The models that are a person; models with a foreign key to one of them are about that person too.
PERSON_MODELS = ("competence.employee", "networks.contactperson")
# Fields of person-level rows that tell who the person is. The foreign key to the person is among
# them: the trail stores it as the person's name.
PERSONAL_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "name",
        "email",
        "phone",
        "address",
        "languages",
        "culture_competence",
        "user",
        "employee",
        "contact",
        "person",
        "consent_recorded_by",
    }
)


def events_for(user: Any) -> QuerySet[AuditEvent]:
    """The rows a user may read: everything for admins, the county's own units for advisors."""
    events = AuditEvent.objects.all()
    county_ids: list[int | None] = []
    for membership in matching_memberships(user, VIEW_AUDIT):
        if LEVEL_OF_ROLE[membership.role] == Level.GLOBAL:
            return events
        county_ids.append(membership.county_id)
    return events.filter(county_id__in=county_ids)


@cache
def person_level_types() -> frozenset[str]:
    """The object types (`app.model`) whose rows are about one person."""
    found = set(PERSON_MODELS)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            related = field.related_model
            if field.many_to_one and related is not None and related._meta.label_lower in PERSON_MODELS:
                found.add(model._meta.label_lower)
    return frozenset(found)


def sees_person(user: Any, event: AuditEvent) -> bool:
    """Whether `user` may see who the person of a person-level row is."""
    if has_role(user, Role.ADMIN):
        return True
    return event.service_id is not None and any(
        m.role == Role.SERVICE_LEADER and m.service_id == event.service_id for m in memberships(user)
    )


# Imports are audited as one row per run (`organizations.import_<kind>`), not as a model's row.
IMPORT_LABELS = {
    "organizations.import_crosswalk": gettext_lazy("Import av kommunenummer (omnummerering)"),
    "organizations.import_history": gettext_lazy("Import av kommunehistorikk"),
    "organizations.import_population": gettext_lazy("Import av befolkningstall"),
    "organizations.import_population_renumbered": gettext_lazy("Befolkningstall overført til nye kommunenummer"),
    "organizations.import_geo_county": gettext_lazy("Import av fylkesgrenser"),
    "organizations.import_geo_municipality": gettext_lazy("Import av kommunegrenser"),
}


def type_label(label: str) -> str:
    """What a row's object type is called in plain Norwegian; never a raw code."""
    if label in IMPORT_LABELS:
        return str(IMPORT_LABELS[label])
    try:
        return str(apps.get_model(label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        if label.startswith("organizations.import_"):
            return str(_("Import (%(kind)s)") % {"kind": label.removeprefix("organizations.import_").replace("_", " ")})
        return label


def field_label(label: str, name: str) -> str:
    """A field's name as the forms show it; the raw name for anything else the row holds (a reverse
    relation such as a grant assessment's `scores` has no verbose name, an import row holds counts)."""
    return _field_label(label, name, get_language())


@lru_cache(maxsize=4096)
def _field_label(label: str, name: str, language: str | None) -> str:
    # Per language: a page of fifty rows asks some 700 times, mostly for the same few fields.
    try:
        field = apps.get_model(label)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    verbose = getattr(field, "verbose_name", None)
    return str(verbose).capitalize() if verbose else name


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    type_label: str
    object_repr: str
    changes: list[tuple[str, Any, Any]]
    masked: bool

    @property
    def changes_html(self) -> SafeString:
        """The changes as the list items the page shows, written out here rather than in a template
        loop: a page of fifty rows has some 700 of them. Each value is rendered the way a template
        renders `{{ value|default:"–" }}` (localised, escaped); tested against the loop."""
        context = _VALUE_CONTEXT
        return mark_safe(  # every part is escaped by render_value_in_context
            "".join(
                f"<li><strong>{render_value_in_context(label, context)}</strong>: "
                f"{render_value_in_context(before or '–', context)} → "
                f"{render_value_in_context(after or '–', context)}</li>"
                for label, before, after in self.changes
            )
        )


_VALUE_CONTEXT = Context(autoescape=True)


def _pair(value: Any) -> tuple[Any, Any]:
    if isinstance(value, (list, tuple)):
        padded = [*value, None, None]
        return padded[0], padded[1]
    return None, value


def row(user: Any, event: AuditEvent) -> Row:
    """One row as `user` may see it: labelled fields, and person-level details masked if need be."""
    masked = event.object_type in person_level_types() and not sees_person(user, event)
    hidden = _("(skjult)")
    changes = []
    for name, value in (event.changes if isinstance(event.changes, dict) else {}).items():
        before, after = _pair(value)
        if masked and name in PERSONAL_FIELDS:
            before, after = (hidden if before not in (None, "") else None, hidden if after not in (None, "") else None)
        changes.append((field_label(event.object_type, str(name)), before, after))
    return Row(
        event, type_label(event.object_type), _("Person (skjult)") if masked else event.object_repr, changes, masked
    )
