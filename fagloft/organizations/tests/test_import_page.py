"""The admin's import page: upload, run as a task, and read the outcome."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fagloft.audit.models import AuditEvent
from fagloft.lib import jobs
from fagloft.organizations.models import Population
from fagloft.organizations.tests.factories import login

pytestmark = pytest.mark.django_db

TIDY_HEADER = "aar,kommunenummer,alder,antall\n"


@pytest.fixture(autouse=True)
def import_folder(settings, tmp_path):
    settings.FAGLOFT_IMPORT_DIR = str(tmp_path / "imports")
    return tmp_path / "imports"


def tidy_file(number: str = "9101", name: str = "befolkning.csv") -> SimpleUploadedFile:
    rows = [f"2022,{number},{age},{50 + age}" for age in range(18)] + [f"2022,{number},total,4000"]
    return SimpleUploadedFile(name, (TIDY_HEADER + "\n".join(rows) + "\n").encode(), content_type="text/csv")


def test_an_admin_uploads_a_population_file_and_sees_it_imported(client, tree, import_folder):
    login(client, tree.users["admin"])
    assert client.get("/drift/import/").status_code == 200
    response = client.post("/drift/import/", {"kind": "population", "file": tidy_file(), "format": ""})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Importen er fullført" in page.content.decode()
    stored = Population.objects.get(municipality=tree.municipality_a, year=2022)
    assert stored.children == sum(50 + age for age in range(18))
    job = jobs.recent()[0]
    assert job.status == jobs.DONE and job.counts["created"] == 1
    assert not job.upload_path.exists()  # the upload is removed once its data is stored
    assert "befolkning.csv" in client.get("/drift/import/").content.decode()
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.IMPORT)
    assert event.actor == tree.users["admin"] and event.changes["counts"]["created"] == 1


def test_a_bad_upload_shows_the_message_naming_file_line_and_field(client, tree):
    login(client, tree.users["admin"])
    response = client.post("/drift/import/", {"kind": "population", "file": tidy_file("9999")}, follow=True)
    body = response.content.decode()
    assert "Importen feilet" in body
    assert "befolkning.csv, linje 2, felt «kommunenummer»: ukjent kommunenummer 9999" in body
    assert not Population.objects.filter(year=2022).exists()


def test_the_status_fragment_is_returned_to_htmx(client, tree):
    login(client, tree.users["admin"])
    response = client.post("/drift/import/", {"kind": "population", "file": tidy_file()})
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="import-status"')


def test_an_upload_over_the_size_limit_is_refused_before_it_is_imported(client, tree, settings):
    settings.FAGLOFT_MAX_UPLOAD_BYTES = 100
    login(client, tree.users["admin"])
    response = client.post("/drift/import/", {"kind": "population", "file": tidy_file()})
    assert response.status_code == 400
    assert "Filen er for stor" in response.content.decode()
    assert jobs.recent() == []


def test_the_form_names_a_missing_kind_and_file(client, tree):
    login(client, tree.users["admin"])
    response = client.post("/drift/import/", {})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Hva vil du importere?" in body and "Dette feltet er påkrevd" in body


def test_an_unknown_or_malformed_import_id_is_not_found(client, tree):
    login(client, tree.users["admin"])
    assert client.get("/drift/import/status/?id=" + "0" * 32).status_code == 404
    assert client.get("/drift/import/status/?id=../../etc").status_code == 404
    assert client.get("/drift/import/status/").status_code == 404


@pytest.mark.parametrize("label", ["national", "advisor_x", "leader_ab", "municipal_leader_a", "competence_env"])
def test_only_admins_may_import(client, tree, label):
    login(client, tree.users[label])
    assert client.get("/drift/import/").status_code == 403
    assert client.post("/drift/import/", {"kind": "population", "file": tidy_file()}).status_code == 403
    assert jobs.recent() == []


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, tree):
    response = client.get("/drift/import/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_the_import_page_makes_as_many_queries_with_one_or_ten_earlier_imports(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, tree.users["admin"])
    counts = []
    for wanted in (1, 10):
        while len(jobs.recent(limit=50)) < wanted:
            jobs.create("population", tidy_file(), {}, tree.users["admin"])
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/drift/import/").content.decode()
        assert body.count("befolkning.csv") == wanted
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_upload_named_like_the_status_file_does_not_replace_it(client, tree):
    login(client, tree.users["admin"])
    response = client.post("/drift/import/", {"kind": "population", "file": tidy_file(name="status.json")})
    assert "Importen er fullført" in client.get(response["Location"]).content.decode()
