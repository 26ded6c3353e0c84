"""Builders for the kostra app's models in tests."""

from __future__ import annotations

from typing import Any

from fagloft.kostra.models import ValidationRun


def make_run(service: Any, user: Any, **fields: Any) -> ValidationRun:
    values: dict[str, Any] = {
        "file_name": "15F-2024.xml",
        "year": 2024,
        "municipality_number": "9101",
        "status": ValidationRun.Status.DONE,
        "progress": 100,
        "readable": True,
        "valid_xml": True,
        "findings": [
            {
                "rule": "Melding03",
                "severity": "WARNING",
                "record": "J-100",
                "message": "Melding (M1). Fristoverskridelse på behandlingstid for melding.",
            },
            {
                "rule": "Individ06",
                "severity": "ERROR",
                "record": "J-200",
                "message": "Individet har ingen meldinger, planer eller tiltak i løpet av året.",
            },
        ],
        "summary": {"children": 2, "errors": 1, "warnings": 1, "findings_shown": 2, "findings_total": 2},
        "indicators": {
            "kostra-meldinger-innen-frist": {
                "name": "Meldinger gjennomgått innen en uke",
                "unit": "prosent",
                "numerator": 1,
                "denominator": 2,
                "value": 50.0,
                "fields": "Melding/@StartDato",
            }
        },
    } | fields
    return ValidationRun.objects.create(service=service, uploaded_by=user, **values)
