"""The report's documents: Word and PDF, in bokmål or nynorsk, from the same blocks."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from fagloft.reports.models import Report

FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}
LANGUAGES = ("nb", "nn")


def figures_of(report: Report, only: str | None = None) -> dict[str, Any]:
    """The frozen figures, or today's when the report is not frozen (cached while the data behind
    them is unchanged; with `only`, today's figures of that section alone)."""
    from fagloft.reports import figures_cache

    return figures_cache.build(report, timezone.localdate(), only=only)


def render(report: Report, fmt: str, language: str = "nb", figures: dict[str, Any] | None = None) -> bytes:
    from fagloft.reports.documents import content, pdf, word

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    figures = figures if figures is not None else figures_of(report)
    with translation.override(language):
        blocks = content.build_blocks(report, figures, language)
        writer = word if fmt == "docx" else pdf
        return writer.write(blocks, report.title, language)


def filename(report: Report, fmt: str, language: str) -> str:
    name = "".join(c for c in report.title if c not in '/\\:*?"<>|–').replace("  ", " ").strip()
    return f"{name} ({language}).{fmt}"
