"""The report as a Word document (python-docx): real headings and tables, so the municipality can
keep editing it; charts as pictures with alt text; the document's language set (nb-NO / nn-NO)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fagloft.reports.documents.content import Block

LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


def _set_language(document: Any, tag: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _header_row(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def write(blocks: list[Block], title: str, language: str) -> bytes:
    document = Document()
    tag = LANGUAGE_TAGS.get(language, "nb-NO")
    _set_language(document, tag)
    document.core_properties.title = title
    document.core_properties.language = tag
    document.styles["Normal"].font.size = Pt(10.5)
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 4))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "chart":
            document.add_picture(io.BytesIO(block.image), width=Cm(15.5))
            picture = document.inline_shapes[-1]._inline
            picture.docPr.set("descr", block.alt)
            picture.docPr.set("title", block.text)
        elif block.kind == "table":
            caption = document.add_paragraph(block.text, style="Caption")
            caption.paragraph_format.keep_with_next = True
            table = document.add_table(rows=1, cols=len(block.columns))
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, block.columns, strict=True):
                cell.text = label
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            _header_row(table.rows[0])
            for values in block.rows:
                cells = table.add_row().cells
                for index, (cell, content) in enumerate(zip(cells, values, strict=False)):
                    cell.text = content
                    if index < len(block.numeric) and block.numeric[index]:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
