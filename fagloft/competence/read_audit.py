"""Bulk reads of personal data leave a trace: who read how many people's records of which service,
when, and through what (the staff page, the API, an export). One row per read and service, never a
row per person, so the trail stays readable and the read stays cheap."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record_bulk_read
from fagloft.organizations.models import Service


def record_bulk_reads(actor: Any, verb: str, service_ids: Iterable[int], what: str) -> list[AuditEvent]:
    """One row per service for a read that spans services (`service_ids` holds one id per person)."""
    counts = Counter(service_ids)
    services = Service.objects.select_related("host_municipality").in_bulk(counts.keys())
    return [
        record_bulk_read(actor, verb, services[pk], count, what)
        for pk, count in sorted(counts.items())
        if pk in services
    ]
