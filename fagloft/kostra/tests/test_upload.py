"""The upload page: who may use it, the report, storing the figures, and what is (not) kept."""

from __future__ import annotations

import datetime
import logging
import tempfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.kostra import tasks
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.tests import builders as b
from fagloft.kostra.tests.factories import make_run
from fagloft.organizations.tests.factories import login, make_user
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db
URL = reverse("kostra:index")
SECRET_FNR = b.fnr(datetime.date(2013, 6, 7), seed=11)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def _file(content: bytes | None = None, name: str = "15F.xml") -> SimpleUploadedFile:
    content = (
        content
        if content is not None
        else b.document(
            b.individ(b.tiltak(), Fodselsnummer=SECRET_FNR, Journalnummer="2024/1"),
            b.individ(b.melding(SluttDato=f"{b.YEAR}-02-20"), Journalnummer="2024/2"),
            b.individ(b.flytting(), Journalnummer="2024/3"),
            # The tree's service covers Alvik (9101): the builders' default is Kongsvinger (3401).
            Kommunenummer="9101",
            Kommunenavn="Alvik",
        )
    )
    return SimpleUploadedFile(name, content, content_type="text/xml")


def _upload(client, tree, content: bytes | None = None, **extra):
    data = {"service": tree.service_ab.pk, "file": _file(content), **extra}
    return client.post(URL, data)


def test_a_service_leader_uploads_a_file_and_is_sent_to_its_report(client, tree, kostra_dir, private_tmp):
    login(client, tree.users["leader_ab"])
    response = _upload(client, tree)
    run = ValidationRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("kostra:run", args=[run.pk])
    assert run.status == ValidationRun.Status.DONE and run.year == b.YEAR
    assert {f["rule"] for f in run.findings} >= {"Individ06", "Melding03"}
    page = client.get(response.url).content.decode()
    assert "Individ06" in page and "2024/3" in page and "Nøkkeltall fra filen" in page
    assert "Lagre disse som våre tall for 2024" in page


def test_the_uploaded_file_is_deleted_and_no_identity_number_is_kept_or_logged(
    client, tree, kostra_dir, private_tmp, caplog
):
    caplog.set_level(logging.DEBUG)
    login(client, tree.users["leader_ab"])
    _upload(client, tree)
    assert list(private_tmp.iterdir()) == []
    run = ValidationRun.objects.get()
    stored = str([run.findings, run.summary, run.indicators, run.error_message, run.file_name])
    audited = str(list(AuditEvent.objects.values_list("changes", "message")))
    assert SECRET_FNR not in stored and SECRET_FNR not in audited and SECRET_FNR not in caplog.text


def test_the_temp_file_is_deleted_even_when_the_validation_crashes(client, tree, private_tmp, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom " + SECRET_FNR)

    monkeypatch.setattr(tasks, "validate_file", crash)
    login(client, tree.users["leader_ab"])
    _upload(client, tree)
    run = ValidationRun.objects.get()
    assert run.status == ValidationRun.Status.FAILED and SECRET_FNR not in run.error_message
    assert list(private_tmp.iterdir()) == []


def test_hostile_xml_gets_a_clear_norwegian_message(client, tree, private_tmp):
    login(client, tree.users["leader_ab"])
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE Barnevern [<!ENTITY x SYSTEM "file:///etc/passwd">]><Barnevern>&x;</Barnevern>'
    )
    response = _upload(client, tree, hostile)
    page = client.get(response.url).content.decode()
    assert "Filen kan ikke leses som KOSTRA 15F-fil" in page and "DOCTYPE" in page
    assert "root:" not in page
    assert not ValidationRun.objects.get().readable


def test_a_file_over_the_size_limit_is_refused_by_the_form(client, tree, private_tmp, settings):
    settings.FAGLOFT_MAX_UPLOAD_BYTES = 100
    login(client, tree.users["leader_ab"])
    response = _upload(client, tree)
    assert response.status_code == 200
    assert "Filen er for stor" in response.content.decode()
    assert not ValidationRun.objects.exists()
    assert list(private_tmp.iterdir()) == []


def test_the_form_names_the_missing_fields_in_norwegian(client, tree):
    login(client, tree.users["leader_ab"])
    page = client.post(URL, {}).content.decode()
    assert "Velg hvilken tjeneste filen gjelder." in page and "Velg en KOSTRA 15F-fil å laste opp." in page


def test_a_leader_cannot_upload_for_a_service_outside_their_own(client, tree, private_tmp):
    login(client, tree.users["leader_ab"])
    response = client.post(URL, {"service": tree.service_c.pk, "file": _file()})
    assert response.status_code == 200 and "Velg en tjeneste du leder." in response.content.decode()
    assert not ValidationRun.objects.exists()


@pytest.mark.parametrize(
    "user", ["employee_ab", "municipal_leader_a", "advisor_x", "national", "coordinator_x", "competence_env", "no_role"]
)
def test_only_service_leaders_and_admins_reach_the_upload_page(client, tree, user):
    login(client, tree.users[user])
    assert client.get(URL).status_code == 403


def test_a_report_is_visible_only_to_the_user_who_uploaded_it(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    second_leader = make_user("leader_ab2", Role.SERVICE_LEADER, tree.service_ab)
    for user in (second_leader, tree.users["admin"], tree.users["leader_c"]):
        client.logout()
        login(client, user)
        assert client.get(reverse("kostra:run", args=[run.pk])).status_code == 404
        assert client.post(reverse("kostra:store", args=[run.pk])).status_code == 404
    client.logout()
    login(client, tree.users["leader_ab"])
    assert client.get(reverse("kostra:run", args=[run.pk])).status_code == 200


def test_the_admin_may_upload_and_read_their_own_report(client, tree, kostra_dir, private_tmp):
    login(client, tree.users["admin"])
    response = _upload(client, tree)
    assert client.get(response.url).status_code == 200


def test_storing_the_figures_writes_audited_indicator_values_for_the_service(client, tree, kostra_dir, private_tmp):
    login(client, tree.users["leader_ab"])
    run_url = _upload(client, tree).url
    run = ValidationRun.objects.get()
    step = client.post(reverse("kostra:store", args=[run.pk]))
    assert step.status_code == 200 and not IndicatorValue.objects.exists()  # the confirmation step first
    assert f"Filen har {run.error_count} feil" in step.content.decode()
    response = client.post(
        reverse("kostra:store", args=[run.pk]), {"confirmed": "1", "confirm": "on", "errors": str(run.error_count)}
    )
    assert response.status_code == 302
    values = IndicatorValue.objects.filter(service=tree.service_ab, year=b.YEAR, source="kostra_15f")
    assert values.filter(indicator__code="kostra-barn-med-tiltak", value=1).exists()
    assert values.count() == sum(1 for f in run.indicators.values() if f["value"] is not None)
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT, message__contains="kostra_15f").exists()
    run.refresh_from_db()
    assert run.stored_year == b.YEAR
    assert "ble lagret som tjenestens tall for 2024" in client.get(run_url).content.decode()


def test_figures_of_an_unreadable_file_cannot_be_stored(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"], readable=False, indicators={})
    login(client, tree.users["leader_ab"])
    response = client.post(reverse("kostra:store", args=[run.pk]), follow=True)
    assert "ingen nøkkeltall som kan lagres" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_storing_needs_post(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    login(client, tree.users["leader_ab"])
    assert client.get(reverse("kostra:store", args=[run.pk])).status_code == 405


def test_findings_can_be_filtered_and_grouped_by_child(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    login(client, tree.users["leader_ab"])
    url = reverse("kostra:run", args=[run.pk])
    only_errors = client.get(url, {"alvorlighet": "ERROR"}).content.decode()
    assert "J-200" in only_errors and "J-100" not in only_errors
    by_rule = client.get(url, {"kontroll": "Melding03"}).content.decode()
    assert "J-100" in by_rule and "J-200" not in by_rule
    by_child = client.get(url, {"gruppering": "barn", "journal": "j-2"}).content.decode()
    assert "Journalnummer J-200" in by_child and "J-100" not in by_child


def test_the_status_fragment_asks_htmx_to_reload_when_the_report_is_ready(client, tree):
    running = make_run(tree.service_ab, tree.users["leader_ab"], status=ValidationRun.Status.RUNNING, progress=40)
    done = make_run(tree.service_ab, tree.users["leader_ab"])
    login(client, tree.users["leader_ab"])
    fragment = client.get(reverse("kostra:run-status", args=[running.pk]), HTTP_HX_REQUEST="true")
    assert "40 prosent ferdig" in fragment.content.decode() and "HX-Refresh" not in fragment
    assert client.get(reverse("kostra:run-status", args=[done.pk]), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_purge_deletes_reports_older_than_seven_days(tree):
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)):
        old = make_run(tree.service_ab, tree.users["leader_ab"])
    with time_machine.travel(datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)):
        recent = make_run(tree.service_ab, tree.users["leader_ab"])
    with time_machine.travel(datetime.datetime(2025, 3, 9, 13, tzinfo=datetime.UTC)):
        call_command("kostra_purge")
    assert list(ValidationRun.objects.all()) == [recent]
    assert not ValidationRun.objects.filter(pk=old.pk).exists()


def test_the_upload_page_lists_runs_with_a_flat_number_of_queries(client, tree, django_assert_max_num_queries):
    leader = tree.users["leader_ab"]
    login(client, leader)
    make_run(tree.service_ab, leader)
    with django_assert_max_num_queries(12) as small:
        client.get(URL)
    for _ in range(15):
        make_run(tree.service_ab, leader)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL)
    assert response.content.decode().count("15F-2024.xml") == 16
