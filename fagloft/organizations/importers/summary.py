"""What an import did, for the command line, the import page and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fagloft.audit.models import AuditEvent

COUNT_WORDS = {
    "created": "nye",
    "updated": "endret",
    "unchanged": "uendret",
    "ended": "avsluttet",
    "borders": "grenser",
    "districts": "nye bydeler",
    "links": "nye etterfølgerkoblinger",
    "carried": "befolkningstall overført til nye kommunenummer",
}


@dataclass
class ImportSummary:
    kind: str
    file: str
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, amount: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount

    def __str__(self) -> str:
        counts = ", ".join(f"{value} {COUNT_WORDS.get(key, key)}" for key, value in self.counts.items())
        return f"{self.file}: {counts or 'ingenting å importere'}"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.file, "counts": dict(self.counts), "text": str(self)}


def record_import(actor: Any, summary: ImportSummary) -> AuditEvent:
    """One audit event per import, written inside the import's transaction.

    An import touches hundreds of rows, so it is logged as one event with its counts rather than
    one per row; the file name says where the data came from.
    """
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if authenticated else "system",
        verb=AuditEvent.Verb.IMPORT,
        object_type=f"organizations.import_{summary.kind}",
        object_id=Path(summary.file).name[:64],
        object_repr=f"{summary.kind}: {summary.file}"[:300],
        changes={"counts": summary.counts},
        message=str(summary)[:500],
    )
