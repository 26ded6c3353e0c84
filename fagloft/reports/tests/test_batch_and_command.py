"""The batch (one task per municipality, progress on the batch) and the command."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from fagloft.organizations.tests.factories import login
from fagloft.reports.models import Batch, Report
from fagloft.reports.services import start_batch
from fagloft.reports.tests.factories import YEAR


def test_a_county_batch_drafts_every_municipality(filled, django_capture_on_commit_callbacks):
    tree, _ = filled
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_batch(tree.users["advisor_x"], county=tree.county_x, year=YEAR)
    batch.refresh_from_db()
    assert batch.total == 2 and batch.done == 2 and batch.failed == 0 and batch.finished
    assert set(Report.objects.filter(year=YEAR).values_list("municipality__number", flat=True)) == {"9101", "9102"}
    # Run again: nothing new, every municipality already has its report.
    with django_capture_on_commit_callbacks(execute=True):
        start_batch(tree.users["advisor_x"], county=tree.county_x, year=YEAR)
    assert Report.objects.filter(year=YEAR).count() == 2


def test_batch_permissions(filled):
    tree, _ = filled
    with pytest.raises(PermissionDenied):
        start_batch(tree.users["advisor_x"], county=tree.county_y, year=YEAR)
    with pytest.raises(PermissionDenied):
        start_batch(tree.users["advisor_x"], county=None, year=YEAR)
    with pytest.raises(PermissionDenied):
        start_batch(tree.users["leader_ab"], county=tree.county_x, year=YEAR)
    assert not Batch.objects.exists()


def test_batch_page_shows_progress(filled, client, django_capture_on_commit_callbacks):
    tree, _ = filled
    login(client, tree.users["national"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapporter/utkast/", {"county": tree.county_x.pk, "year": YEAR})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "2 av 2 kommuner ferdige" in page.content.decode()


def test_command_writes_one_municipality_without_keeping_a_draft(filled, tmp_path):
    tree, _ = filled
    target = tmp_path / "alvik.docx"
    call_command(
        "report_tilstand",
        municipality="9101",
        year=YEAR,
        fmt="docx",
        language="nn",
        output=str(target),
        stdout=io.StringIO(),
    )
    document = docx.Document(str(target))
    assert "1. Samandrag" in [p.text for p in document.paragraphs]
    assert not Report.objects.exists()


def test_command_writes_a_county(filled, tmp_path):
    tree, _ = filled
    out = io.StringIO()
    call_command(
        "report_tilstand", county="91", year=YEAR, fmt="pdf", out_dir=str(tmp_path), no_progress=True, stdout=out
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"tilstandsrapport-9101-{YEAR}-nb.pdf",
        f"tilstandsrapport-9102-{YEAR}-nb.pdf",
    ]
    assert "2 rapporter" in out.getvalue()
