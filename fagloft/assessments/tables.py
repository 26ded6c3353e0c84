"""Table rows the assessment pages write in Python.

The list page shows up to 200 assessments; through the template (two includes per row) those
rows were most of the page's time. These functions write the markup the templates wrote
(`assessments/_status.html`, `assessments/_risk.html`), tested against them in every language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fagloft.assessments.models import Assessment
from fagloft.lib.urls import url_maker


def _tag(colour: str, label: Any) -> str:
    return f'<span class="ds-tag" data-color="{colour}">{conditional_escape(label)}</span>'


def status_tags() -> dict[str, str]:
    """{status: its tag}, each label translated once per page rather than once per row."""
    colours = {"final": "success", "draft": "neutral"}
    return {value: _tag(colours.get(value, "info"), label) for value, label in Assessment.Status.choices}


def risk_tags() -> dict[str, str]:
    """{risk level: its tag}; any other value (none set) is «Ikke satt»."""
    return {
        "high": _tag("danger", _("Høy risiko")),
        "moderate": _tag("warning", _("Moderat risiko")),
        "low": _tag("success", _("Lav risiko")),
        "": _tag("neutral", _("Ikke satt")),
    }


def list_rows(assessments: Iterable[Any]) -> SafeString:
    """The rows of the list page's table (service, year, version, status, overall risk)."""
    detail = url_maker("assessments:detail")
    status, risk = status_tags(), risk_tags()
    # Every piece is escaped here or is our own markup.
    return mark_safe(
        "".join(
            f'<tr><td><a class="ds-link" href="{detail(a.pk)}">{conditional_escape(a.service.name)}</a></td>'
            f"<td>{a.year}</td><td>{a.revision}</td>"
            f"<td>{status[a.status]}</td><td>{risk.get(a.risk_level, risk[''])}</td></tr>"
            for a in assessments
        )
    )
