"""The report as PDF with WeasyPrint from an HTML template: PDF/UA-1 (tagged structure, the
document language, a title, alt text on every chart)."""

from __future__ import annotations

import base64
import logging
from typing import Any

from django.template.loader import render_to_string

from fagloft.reports.documents.content import Block

# WeasyPrint logs every CSS property it does not know at WARNING; the report's CSS is its own.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def html(blocks: list[Block], title: str, language: str) -> str:
    rows = []
    for block in blocks:
        entry: dict[str, Any] = {"block": block}
        if block.kind == "chart":
            entry["src"] = "data:image/png;base64," + base64.b64encode(block.image).decode("ascii")
        if block.kind == "table":
            flags = block.numeric
            entry["cells"] = [
                [(cell, index < len(flags) and flags[index]) for index, cell in enumerate(values)]
                for values in block.rows
            ]
        if block.kind == "heading":
            entry["tag"] = f"h{min(block.level + 1, 5)}"
        rows.append(entry)
    return render_to_string("reports/document.html", {"rows": rows, "title": title, "language": language})


_FONTS: Any = None


def _font_config() -> Any:
    """One font configuration per worker: WeasyPrint makes a new one (and loads the fonts again,
    keeping the old in memory) for every document otherwise."""
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return _FONTS


def write(blocks: list[Block], title: str, language: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html(blocks, title, language), base_url=".")
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, font_config=_font_config())
