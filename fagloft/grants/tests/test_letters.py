"""Decision letters are real documents: Word read back with python-docx, PDF with pypdf."""

from __future__ import annotations

import base64
import io
import re
import zlib

import pytest
from docx import Document

from fagloft.grants.models import Application, Decision
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.organizations.tests.factories import login


@pytest.fixture
def granted(tree):
    call = make_call(tree.county_x, "Stimuleringsmidler 2026")
    application = make_application(call, tree.municipality_a, "Barns medvirkning", status=Application.Status.SUBMITTED)
    return make_decision(application, amount=175_000, conditions="Sluttrapport innen 1. mars 2028")


def test_the_word_letter_names_the_project_the_amount_and_the_conditions(client, tree, granted):
    login(client, tree.users["leader_ab"])  # the applicant downloads its own letter
    response = client.get(f"/tilskudd/soknader/{granted.application.pk}/vedtaksbrev.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Vedtak om tilskudd" in text
    assert "Barns medvirkning" in text and "175 000 kroner" in text
    assert "Sluttrapport innen 1. mars 2028" in text
    assert "Alvik" in text


def test_the_pdf_letter_is_a_pdf_that_contains_the_amount(client, tree, granted):
    login(client, tree.users["advisor_x"])
    response = client.get(f"/tilskudd/soknader/{granted.application.pk}/vedtaksbrev.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "175 000" in text and "innvilges" in text


def test_a_refusal_letter_gives_the_reasons_and_no_amount(tree):
    from fagloft.grants import letters

    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    decision = make_decision(
        application, amount=0, outcome=Decision.Outcome.REFUSED, reasons="Planen er ikke vedtatt i alle kommunene"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.as_docx(decision))).paragraphs)
    assert "Søknaden avslås" in text and "Planen er ikke vedtatt" in text
    assert "kroner" not in text


def test_there_is_no_letter_before_a_decision(client, tree):
    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    login(client, tree.users["advisor_x"])
    assert client.get(f"/tilskudd/soknader/{application.pk}/vedtaksbrev.pdf").status_code == 404


def _pdf_text(data: bytes) -> str:
    """The PDF's text: with pypdf when installed, else from reportlab's deflated content streams."""
    try:
        from pypdf import PdfReader
    except ImportError:
        streams = re.findall(rb"stream\r?\n(.*?)\s*endstream", data, re.DOTALL)
        chunks = []
        for stream in streams:
            try:  # reportlab writes /ASCII85Decode /FlateDecode streams
                raw = base64.a85decode(stream.strip().removesuffix(b"~>"))
                chunks.append(zlib.decompress(raw).decode("latin-1"))
            except (ValueError, zlib.error):
                chunks.append(stream.decode("latin-1"))
        # Text operators look like (175 000 kroner.) Tj
        return " ".join(re.findall(r"\((.*?)\)\s*Tj", "".join(chunks)))
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_letter_has_case_number_signature_and_the_right_to_complain(tree):
    from fagloft.grants import letters

    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    advisor = tree.users["advisor_x"]
    advisor.first_name, advisor.last_name, advisor.title = "Siri", "Saksbehandler", "seniorrådgiver"
    advisor.save()
    decision = make_decision(application, amount=100_000, case_number="2026/4711", decided_by=advisor)
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.as_docx(decision))).paragraphs)
    assert "Saksnummer: 2026/4711" in text
    assert "Med hilsen\nSiri Saksbehandler\nseniorrådgiver\nStatsforvalteren i Nordfylket" in text
    assert "rett til å klage" in text and "tre uker" in text and "forvaltningsloven § 29" in text
    assert "Klagen sendes til Statsforvalteren i Nordfylket, som har fattet vedtaket" in text
    assert "klageinstansen" in text
    pdf = _pdf_text(letters.as_pdf(decision))
    assert "2026/4711" in pdf and "Med hilsen" in pdf


def test_a_letter_without_a_case_number_refers_to_the_application(tree):
    from fagloft.grants import letters

    call = make_call(tree.county_x)
    application = make_application(call, tree.municipality_a, status=Application.Status.SUBMITTED)
    decision = make_decision(application)
    assert f"Saksnummer: søknad nr. {application.pk}" in letters.compose(decision).header


def test_the_file_name_keeps_norwegian_letters(client, tree):
    call = make_call(tree.county_x)
    application = make_application(
        call, tree.municipality_a, "Trygg oppvekst på Ørland", status=Application.Status.SUBMITTED
    )
    make_decision(application)
    login(client, tree.users["leader_ab"])
    header = client.get(f"/tilskudd/soknader/{application.pk}/vedtaksbrev.pdf")["Content-Disposition"]
    assert header == (
        'attachment; filename="vedtak-trygg-oppvekst-pa-orland.pdf"; '
        "filename*=UTF-8''Vedtak-Trygg-oppvekst-p%C3%A5-%C3%98rland.pdf"
    )
    header.encode("latin-1")  # an HTTP header must be ISO-8859-1: the UTF-8 name is percent-encoded
