"""Cooperation agreements: lists, create and edit with a document, audited and scoped."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.organizations import services
from fagloft.organizations.forms import MAX_DOCUMENT_BYTES
from fagloft.organizations.models import CooperationAgreement, Municipality
from fagloft.organizations.tests.factories import login, make_municipality

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(tree, **extra):
    data = {
        "title": "Felles barnevernvakt",
        "kind": "out_of_hours",
        "status": "in_force",
        "parties": [tree.municipality_a.pk, tree.municipality_b.pk],
        "host": tree.municipality_a.pk,
        "valid_from": "2024-01-01",
        "valid_to": "",
        "description": "Døgnåpen vakt.",
    }
    data.update(extra)
    return data


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_a_county_advisor_records_an_agreement_with_a_pdf_and_it_is_audited(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/avtaler/ny/", _post(tree, document=SimpleUploadedFile("avtale.pdf", PDF)))
    assert response.status_code == 302
    agreement = CooperationAgreement.objects.get(title="Felles barnevernvakt")
    assert set(agreement.parties.values_list("number", flat=True)) == {"9101", "9102"}
    assert agreement.document.name and agreement.document.name.endswith(".pdf")
    assert AuditEvent.objects.filter(object_type="organizations.cooperationagreement", verb="create").exists()
    download = client.get(f"/avtaler/{agreement.pk}/dokument/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_docx_document_is_accepted(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/avtaler/ny/", _post(tree, document=SimpleUploadedFile("avtale.docx", _docx())))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("avtale.exe", b"MZ...", "har en filtype vi ikke tar imot"),
        ("avtale.pdf", b"not really a pdf", "er ikke en gyldig PDF-fil"),
        ("avtale.odt", _docx(), "er ikke en gyldig OpenDocument (ODT)-fil"),
    ],
)
def test_a_document_of_the_wrong_type_is_refused_naming_the_file(client, tree, name, content, message):
    login(client, tree.users["advisor_x"])
    response = client.post("/avtaler/ny/", _post(tree, document=SimpleUploadedFile(name, content)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_a_document_over_20_mb_is_refused(client, tree):
    login(client, tree.users["advisor_x"])
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * (MAX_DOCUMENT_BYTES + 1))
    response = client.post("/avtaler/ny/", _post(tree, document=big))
    assert response.status_code == 400
    assert "Største tillatte størrelse er 20 MB" in response.content.decode()


def test_the_host_must_be_a_party(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/avtaler/ny/", _post(tree, parties=[tree.municipality_b.pk]))
    assert response.status_code == 400
    assert "Vertskommune: vertskommunen må være en av partene." in response.content.decode()


def test_a_municipal_leader_cannot_record_an_agreement_without_their_own_municipality(client, tree):
    login(client, tree.users["municipal_leader_a"])
    response = client.post("/avtaler/ny/", _post(tree, parties=[tree.municipality_b.pk], host=""))
    assert response.status_code == 400
    assert "minst én av partene må være en kommune du har ansvar for" in response.content.decode()


def test_parties_from_another_county_cannot_be_chosen(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/avtaler/ny/", _post(tree, parties=[tree.municipality_a.pk, tree.municipality_c.pk]))
    assert response.status_code == 400
    assert not CooperationAgreement.objects.exists()


def _agreement(tree) -> CooperationAgreement:
    return services.create_agreement(
        tree.users["admin"],
        parties=[tree.municipality_a, tree.municipality_b],
        title="Vertskommuneavtale",
        kind="host_service",
        host=tree.municipality_a,
    )


def test_editing_from_a_stale_page_is_refused(client, tree):
    agreement = _agreement(tree)
    stale = agreement.version
    services.update_agreement(
        tree.users["admin"],
        agreement,
        expected_version=stale,
        parties=[tree.municipality_a, tree.municipality_b],
        title="Endret av en annen",
        kind="host_service",
        host=tree.municipality_a,
    )
    login(client, tree.users["advisor_x"])
    response = client.post(f"/avtaler/{agreement.pk}/endre/", _post(tree, version=stale, title="Min endring"))
    assert response.status_code == 400
    assert "Noen andre har lagret endringer her" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title == "Endret av en annen"


def test_an_edit_records_what_changed(client, tree):
    agreement = _agreement(tree)
    login(client, tree.users["advisor_x"])
    response = client.post(f"/avtaler/{agreement.pk}/endre/", _post(tree, version=agreement.version, title="Ny tittel"))
    assert response.status_code == 302
    event = AuditEvent.objects.filter(
        object_type="organizations.cooperationagreement", verb="update", changes__has_key="title"
    ).get()
    assert event.changes["title"] == ["Vertskommuneavtale", "Ny tittel"]


def test_agreements_are_listed_per_municipality_and_county(client, tree):
    _agreement(tree)
    login(client, tree.users["leader_ab"])
    assert "Vertskommuneavtale" in client.get("/kommuner/9102/avtaler/").content.decode()
    assert "Vertskommuneavtale" in client.get("/fylker/91/avtaler/").content.decode()
    assert "Vertskommuneavtale" in client.get("/kommuner/9101/").content.decode()


def test_an_employee_may_read_but_not_edit_an_agreement(client, tree):
    agreement = _agreement(tree)
    login(client, tree.users["employee_ab"])
    assert client.get(f"/avtaler/{agreement.pk}/").status_code == 200
    assert client.get(f"/avtaler/{agreement.pk}/endre/").status_code == 403


def test_an_agreement_in_another_county_is_not_found(client, tree):
    outside = services.create_agreement(
        tree.users["admin"], parties=[tree.municipality_c], title="Utenfor", kind="other"
    )
    login(client, tree.users["advisor_x"])
    assert client.get(f"/avtaler/{outside.pk}/").status_code == 404
    assert client.get(f"/avtaler/{outside.pk}/endre/").status_code == 404


def test_an_agreement_without_a_host_is_still_in_the_county_s_audit_trail(client, tree):
    services.create_agreement(tree.users["admin"], parties=[tree.municipality_b], title="Uten vert", kind="other")
    login(client, tree.users["advisor_x"])
    assert "Uten vert" in client.get("/endringslogg/").content.decode()


def _ended_municipality(tree):
    ended = make_municipality(tree.county_x, "9109", "Gamlevik", valid_from=datetime.date(1964, 1, 1))
    Municipality.objects.filter(pk=ended.pk).update(valid_to=datetime.date(2019, 12, 31))
    ended.county_periods.update(valid_to=datetime.date(2019, 12, 31))
    ended.refresh_from_db()
    return ended


def test_an_ended_municipality_s_pages_do_not_offer_a_new_agreement(client, tree):
    ended = _ended_municipality(tree)
    login(client, tree.users["admin"])  # the one who still reaches an ended municipality
    assert "Registrer ny avtale" in client.get("/kommuner/9101/").content.decode()
    for path in (f"/kommuner/{ended.number}/", f"/kommuner/{ended.number}/avtaler/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Registrer ny avtale" not in response.content.decode(), path


def test_the_service_refuses_a_new_agreement_with_an_ended_municipality(tree):
    ended = _ended_municipality(tree)
    with pytest.raises(Refused, match="Gamlevik er avviklet") as refusal:
        services.create_agreement(
            tree.users["admin"], parties=[tree.municipality_a, ended], title="For sent", kind="other"
        )
    assert refusal.value.field == "parties"
    assert not CooperationAgreement.objects.exists()


def test_an_old_agreement_with_an_ended_party_can_still_be_edited_but_not_given_one(tree):
    ended = _ended_municipality(tree)
    old = CooperationAgreement.objects.create(title="Gammel avtale", kind="other", valid_from=datetime.date(2015, 1, 1))
    old.parties.set([tree.municipality_a, ended])
    services.update_agreement(
        tree.users["admin"],
        old,
        expected_version=old.version,
        parties=[tree.municipality_a, ended],
        title="Gammel avtale (rettet)",
        kind="other",
    )
    old.refresh_from_db()
    assert old.title == "Gammel avtale (rettet)" and old.version == 2
    agreement = _agreement(tree)
    with pytest.raises(Refused, match="Gamlevik er avviklet"):
        services.update_agreement(
            tree.users["admin"],
            agreement,
            expected_version=agreement.version,
            parties=[tree.municipality_a, tree.municipality_b, ended],
            title="Vertskommuneavtale",
            kind="host_service",
            host=tree.municipality_a,
        )


def test_an_agreement_update_moves_the_version_and_refuses_a_stale_one(tree):
    agreement = _agreement(tree)
    assert agreement.version == 1
    services.update_agreement(
        tree.users["admin"], agreement, expected_version=1, parties=[tree.municipality_a], title="Ny", kind="other"
    )
    assert CooperationAgreement.objects.get(pk=agreement.pk).version == 2
    with pytest.raises(ConcurrentEditError):
        services.update_agreement(
            tree.users["admin"],
            agreement,
            expected_version=1,
            parties=[tree.municipality_a],
            title="Gammel side",
            kind="other",
        )
    assert CooperationAgreement.objects.get(pk=agreement.pk).title == "Ny"


def test_a_document_uploaded_on_edit_is_stored(tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    agreement = _agreement(tree)
    services.update_agreement(
        tree.users["admin"],
        agreement,
        expected_version=agreement.version,
        parties=[tree.municipality_a],
        title="Med dokument",
        kind="other",
        document=SimpleUploadedFile("avtale.pdf", PDF, content_type="application/pdf"),
    )
    stored = CooperationAgreement.objects.get(pk=agreement.pk)
    assert stored.document.name and stored.document.name.endswith("avtale.pdf")
    assert stored.document.open("rb").read() == PDF
