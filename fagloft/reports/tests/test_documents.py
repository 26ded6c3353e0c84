"""The .docx opened with python-docx and the PDF with pypdf: headings and figures, in both languages."""

from __future__ import annotations

import io
from typing import Any

import docx
import pypdf
import pytest

from fagloft.organizations.tests.factories import login
from fagloft.reports import documents
from fagloft.reports.tests.factories import make_report

HEADINGS = {
    "nb": ["1. Sammendrag", "3. Tjenesten og organiseringen", "4. Tema og indikatorer", "6. Utfordringer"],
    "nn": ["1. Samandrag", "3. Tenesta og organiseringa", "4. Tema og indikatorar", "6. Utfordringar"],
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_word_has_real_headings_tables_and_charts(filled, language):
    tree, _ = filled
    data = documents.render(make_report(tree), "docx", language)
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    for heading in HEADINGS[language]:
        assert heading in headings
    assert {"nb": "Undersøkelser avsluttet innen fristen", "nn": "Undersøkingar avslutta innan fristen"}[
        language
    ] in headings
    cells = [c.text.replace("\xa0", " ") for t in document.tables for r in t.rows for c in r.cells]
    assert "85,0 %" in cells and "80,0 %" in cells
    assert len(document.inline_shapes) == 2
    alt = document.inline_shapes[0]._inline.docPr.get("descr").replace("\xa0", " ")
    assert "85,0 %" in alt
    assert document.core_properties.language == {"nb": "nb-NO", "nn": "nn-NO"}[language]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_pdf_is_tagged_with_language_title_and_alt_text(filled, language):
    tree, _ = filled
    report = make_report(tree)
    reader = pypdf.PdfReader(io.BytesIO(documents.render(report, "pdf", language)))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata is not None and reader.metadata.title == report.title
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
    for heading in HEADINGS[language]:
        assert heading in text
    assert "85,0 %" in text and "Alvik" in text
    alts = [alt.replace("\xa0", " ") for alt in _figure_alts(root["/StructTreeRoot"])]
    assert len(alts) == 2 and all(alts)
    assert any("85,0 %" in a for a in alts)


def _figure_alts(node, depth=0):
    node = node.get_object()
    if not isinstance(node, dict) or depth > 60:
        return []
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" and node.get("/Alt") else []
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        found += _figure_alts(kid, depth + 1)
    return found


def test_download_page(filled, client):
    tree, _ = filled
    report = make_report(tree)
    login(client, tree.users["municipal_leader_a"])
    response = client.get(f"/rapporter/{report.pk}/last-ned/docx/nn/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "nn" in response["Content-Disposition"]
    assert client.get(f"/rapporter/{report.pk}/last-ned/odt/nb/").status_code == 404
