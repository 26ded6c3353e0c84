"""Oslo's city districts (bydeler) when storing a file's figures: a service that covers one district
stores only files whose clients all belong to it; a service covering all of Oslo stores any Oslo file.

SSB's Testfil_03 (for 030102) has two clients: one with only a district name («Gamle Oslo», 01),
one with only a district number (02).
"""

from __future__ import annotations

import datetime
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fagloft.accounts.models import User
from fagloft.accounts.roles import Role
from fagloft.kostra import services
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.tests import builders as b
from fagloft.kostra.tests.factories import make_run
from fagloft.lib.refusals import Refused
from fagloft.organizations.districts import ensure_reference_districts
from fagloft.organizations.models import District, Municipality, Service, ServiceCoverage
from fagloft.organizations.tests.factories import login, make_county, make_municipality, make_user
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db
TESTFIL_03 = "Testfil_03_FEIL_2020_15F_for_030102.xml"


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture
def oslo(db):
    municipality = make_municipality(make_county("03", "Oslo"), "0301", "Oslo")
    ensure_reference_districts(District, Municipality)
    return municipality


def _service(oslo: Municipality, name: str, *districts: str) -> tuple[Service, User]:
    service = Service.objects.create(name=name, host_municipality=oslo)
    for number in districts or (None,):
        ServiceCoverage.objects.create(
            service=service,
            municipality=oslo,
            district=oslo.districts.get(number=number) if number else None,
            valid_from=datetime.date(2004, 1, 1),
        )
    return service, make_user(f"leader-{service.pk}", Role.SERVICE_LEADER, service)


def _upload(service: Service, leader, content: bytes, name: str = "15F.xml") -> ValidationRun:
    run = services.start_run(leader, service, SimpleUploadedFile(name, content, content_type="text/xml"))
    run.refresh_from_db()
    assert run.status == ValidationRun.Status.DONE
    return run


def _testfil_03(kostra_dir) -> bytes:
    return (kostra_dir / "testfiler" / TESTFIL_03).read_bytes()


def test_the_run_records_the_districts_of_testfil_03_matching_a_name_to_its_number(oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Bydel Grünerløkka barneverntjeneste", "02")
    run = _upload(service, leader, _testfil_03(kostra_dir), TESTFIL_03)
    assert run.municipality_number == "0301"
    assert run.district_numbers == ["01", "02"] and run.unmatched_district_names == []


def test_a_service_covering_district_02_refuses_testfil_03_naming_gamle_oslo(client, oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Bydel Grünerløkka barneverntjeneste", "02")
    run = _upload(service, leader, _testfil_03(kostra_dir), TESTFIL_03)
    with pytest.raises(Refused) as refused:
        services.store_figures(leader, run, acknowledged_errors=run.error_count)
    text = refused.value.text
    assert "bydel 01 Gamle Oslo" in text and "bydel 02 Grünerløkka" in text and "ikke lagres" in text
    assert not IndicatorValue.objects.exists()
    login(client, leader)
    page = client.get(reverse("kostra:run", args=[run.pk])).content.decode()
    assert "Bydeler i filen" in page and "01 Gamle Oslo, 02 Grünerløkka" in page
    assert "bydel 01 Gamle Oslo" in page and "Lagre disse som våre tall" not in page
    refused_step = client.post(reverse("kostra:store", args=[run.pk]), follow=True).content.decode()
    assert "bydel 01 Gamle Oslo" in refused_step and not IndicatorValue.objects.exists()


def test_a_service_covering_both_districts_of_testfil_03_stores_it(oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Gamle Oslo og Grünerløkka barneverntjeneste", "01", "02")
    run = _upload(service, leader, _testfil_03(kostra_dir), TESTFIL_03)
    assert services.not_covered(run) == ""
    services.store_figures(leader, run, acknowledged_errors=run.error_count)
    run.refresh_from_db()
    assert run.stored_year == 2020


def test_a_service_covering_all_of_oslo_accepts_testfil_03(client, oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Oslo barneverntjeneste")
    run = _upload(service, leader, _testfil_03(kostra_dir), TESTFIL_03)
    assert services.not_covered(run) == ""
    services.store_figures(leader, run, acknowledged_errors=run.error_count)
    run.refresh_from_db()
    assert run.stored_year == 2020
    login(client, leader)
    assert "Lagre disse som våre tall for 2020" in client.get(reverse("kostra:run", args=[run.pk])).content.decode()


def _oslo_file(*individer) -> bytes:
    return b.document(*individer, Kommunenummer="0301", Kommunenavn="Oslo")


def test_clients_without_a_district_or_with_an_unknown_one_are_named(oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Bydel Sagene barneverntjeneste", "03")
    content = _oslo_file(
        b.individ(Bydelsnummer="03", Bydelsnavn="Sagene"),
        b.individ(Bydelsnavn="bydel  SAGENE"),  # the name is matched whatever its case and prefix
        b.individ(),
        b.individ(Bydelsnavn="Sagen"),
    )
    run = _upload(service, leader, content)
    assert run.district_numbers == ["", "03"] and run.unmatched_district_names == ["Sagen"]
    refusal = services.not_covered(run)
    assert "barn uten oppgitt bydel" in refusal and "ukjent bydel «Sagen»" in refusal
    assert "bydel 03 Sagene" in refusal
    whole, whole_leader = _service(oslo, "Oslo barneverntjeneste")
    assert services.not_covered(_upload(whole, whole_leader, content)) == ""


def test_a_file_of_one_district_is_stored_by_that_districts_service(oslo, kostra_dir, private_tmp):
    service, leader = _service(oslo, "Bydel Sagene barneverntjeneste", "03")
    run = _upload(service, leader, _oslo_file(b.individ(b.tiltak(), Bydelsnummer="3", Bydelsnavn="Sagene")))
    assert run.district_numbers == ["03"]
    assert services.store_figures(leader, run, acknowledged_errors=run.error_count) > 0
    assert IndicatorValue.objects.filter(service=service, source="kostra_15f").exists()


def test_a_district_coverage_that_ended_before_the_year_does_not_count(oslo):
    service, leader = _service(oslo, "Bydel Frogner barneverntjeneste", "05")
    ServiceCoverage.objects.filter(service=service).update(valid_to=datetime.date(2019, 12, 31))
    run = make_run(service, leader, municipality_number="0301", year=2020, district_numbers=["05"])
    assert "Filen gjelder kommune 0301 Oslo" in services.not_covered(run)


def test_the_district_numbers_of_a_file_outside_oslo_are_not_shown(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"], district_numbers=[""])
    login(client, tree.users["leader_ab"])
    assert "Bydeler i filen" not in client.get(reverse("kostra:run", args=[run.pk])).content.decode()
    assert services.not_covered(run) == ""


def _validate_json(path, *options: str) -> dict:
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("kostra_validate", str(path), "--no-progress", "--format", "json", *options, stdout=out)
    return json.loads(out.getvalue())


def test_the_cli_json_and_text_show_the_districts_as_the_run_page_does(oslo, tmp_path, kostra_dir, capsys):
    from django.core.management import call_command

    path = tmp_path / "15F.xml"
    path.write_bytes(
        _oslo_file(
            b.individ(Bydelsnummer="3", Bydelsnavn="Sagene"),
            b.individ(Bydelsnavn="bydel  GAMLE OSLO"),
            b.individ(),
            b.individ(Bydelsnavn="Sagen"),
        )
    )
    districts = _validate_json(path)["districts"]
    assert districts == {
        "numbers": ["", "01", "03"],
        "unmatched_names": ["Sagen"],
        "labels": ["01 Gamle Oslo", "03 Sagene", "«Sagen» (ukjent bydel)", "uten bydel"],
    }
    assert _validate_json(path, "--language", "en")["districts"]["labels"][-1] == "no district"
    with pytest.raises(SystemExit):
        call_command("kostra_validate", str(path), "--no-progress")
    assert "Bydeler i filen: 01 Gamle Oslo, 03 Sagene, «Sagen» (ukjent bydel), uten bydel" in capsys.readouterr().out
    # A file outside Oslo: no districts, as the page shows none.
    outside = tmp_path / "kongsvinger.xml"
    outside.write_bytes(b.document(b.individ()))
    assert _validate_json(outside)["districts"] == {"numbers": [], "unmatched_names": [], "labels": []}
