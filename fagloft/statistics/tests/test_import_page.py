"""The SSB upload page: Bufdir or the admin uploads an export, the task imports it, the page shows the result."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fagloft.organizations.tests.factories import login
from fagloft.statistics import upload_jobs
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
PER_FTE = "kostra-barn-per-arsverk"
URL = "/statistikk/import/"


@pytest.fixture(autouse=True)
def import_folder(settings, tmp_path):
    settings.FAGLOFT_IMPORT_DIR = str(tmp_path / "imports")
    return tmp_path / "imports"


def upload(name: str = "ssb-12870-per-arsverk.csv", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


@pytest.mark.parametrize("role", ["admin", "national"])
def test_admin_and_bufdir_upload_an_ssb_export_and_see_the_values(client, tree, role):
    login(client, tree.users[role])
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"indicator": PER_FTE, "file": upload()})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Importen er fullført" in body and "Importerte 5 verdier" in body
    value = IndicatorValue.objects.get(indicator__code=PER_FTE, municipality=tree.municipality_a, year=2023)
    assert value.value == Decimal("13.8") and value.source == "ssb"
    job = upload_jobs.recent()[0]
    assert job.status == upload_jobs.DONE and job.user_id == tree.users[role].pk
    assert not job.upload_path.exists()
    municipality_page = client.get(f"/statistikk/kommuner/{tree.municipality_a.number}/").content.decode()
    assert "13,8" in municipality_page or "13.8" in municipality_page


def test_it_imports_json_stat2_uploads_too(client, tree):
    login(client, tree.users["national"])
    client.post(URL, {"indicator": PER_FTE, "file": upload("ssb-12870-per-arsverk.json")})
    assert IndicatorValue.objects.filter(indicator__code=PER_FTE).count() == 5


def test_a_bad_file_shows_the_message_naming_file_and_line_and_writes_nothing(client, tree):
    good = (DATA / "ssb-12870-per-arsverk.csv").read_text(encoding="utf-8")
    bad = good.replace("9102", "9999")
    login(client, tree.users["admin"])
    response = client.post(URL, {"indicator": PER_FTE, "file": upload("feil.csv", bad.encode())}, follow=True)
    body = response.content.decode()
    assert "Importen feilet" in body
    assert "feil.csv, linje" in body and "kommunenummer 9999 finnes ikke i Fagløft" in body
    assert "Ingenting ble importert" in body
    assert not IndicatorValue.objects.exists()


def test_it_refuses_an_empty_file_and_a_missing_indicator_with_field_messages(client, tree):
    login(client, tree.users["admin"])
    response = client.post(URL, {"indicator": "", "file": upload("tom.csv", b"")})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Velg en indikator." in body and "Filen er tom." in body
    assert upload_jobs.recent() == []


def test_it_refuses_a_file_over_the_size_limit(client, tree, settings):
    settings.FAGLOFT_MAX_UPLOAD_BYTES = 10
    login(client, tree.users["admin"])
    response = client.post(URL, {"indicator": PER_FTE, "file": upload()})
    assert response.status_code == 400 and "Filen er for stor" in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("role", ["advisor_x", "leader_ab", "employee_ab", "municipal_leader_a", "competence_env"])
def test_other_roles_may_neither_open_nor_post_the_upload_page(client, tree, role):
    login(client, tree.users[role])
    assert client.get(URL).status_code in (403, 404)
    assert client.post(URL, {"indicator": PER_FTE, "file": upload()}).status_code in (403, 404)
    assert not IndicatorValue.objects.exists()
    assert "/statistikk/import/" not in client.get("/statistikk/").content.decode()


def test_the_landing_page_links_to_the_upload_page_for_bufdir(client, tree):
    login(client, tree.users["national"])
    assert 'href="/statistikk/import/"' in client.get("/statistikk/").content.decode()


def test_an_unknown_job_id_answers_404(client, tree):
    login(client, tree.users["admin"])
    assert client.get("/statistikk/import/status/?id=" + "0" * 32).status_code == 404
    assert client.get("/statistikk/import/status/?id=../../etc").status_code == 404
