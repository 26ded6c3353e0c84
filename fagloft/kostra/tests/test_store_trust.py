"""Storing a file's figures as the service's: only for a municipality the service covers (also under
an earlier number), and only after a confirmation step that names the file's errors."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fagloft.accounts.roles import Role
from fagloft.kostra import services
from fagloft.kostra.tests.factories import make_run
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Municipality
from fagloft.organizations.tests.factories import login, make_user
from fagloft.statistics.models import IndicatorValue

pytestmark = pytest.mark.django_db


def _with_errors(count: int) -> dict:
    return {"summary": {"children": 80, "errors": count, "warnings": 0, "findings_shown": 0, "findings_total": count}}


def _confirmed(errors: int) -> dict:
    return {"confirmed": "1", "confirm": "on", "errors": str(errors)}


def test_a_file_for_another_municipality_with_75_errors_is_not_stored_with_one_click(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"], municipality_number="3401", **_with_errors(75))
    login(client, tree.users["leader_ab"])
    url = reverse("kostra:store", args=[run.pk])
    one_click = client.post(url, follow=True).content.decode()
    assert "Filen gjelder kommune 3401" in one_click and "ikke lagres" in one_click
    confirmed = client.post(url, _confirmed(75), follow=True).content.decode()
    assert "Filen gjelder kommune 3401" in confirmed
    assert not IndicatorValue.objects.exists()
    with pytest.raises(Refused, match="3401"):
        services.store_figures(tree.users["leader_ab"], run, acknowledged_errors=75)
    # The report says so, and offers no button.
    report = client.get(reverse("kostra:run", args=[run.pk])).content.decode()
    assert "Filen gjelder kommune 3401" in report and "Lagre disse som våre tall" not in report


def test_a_file_with_errors_needs_a_confirmation_that_names_them(client, tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"], municipality_number="9101", **_with_errors(75))
    login(client, tree.users["leader_ab"])
    url = reverse("kostra:store", args=[run.pk])
    step = client.post(url)
    assert step.status_code == 200 and "Filen har 75 feil" in step.content.decode()
    assert 'name="confirm"' in step.content.decode()
    assert not IndicatorValue.objects.exists()
    unticked = client.post(url, {"confirmed": "1", "errors": "75"})
    assert "Kryss av for å bekrefte." in unticked.content.decode() and not IndicatorValue.objects.exists()
    with pytest.raises(Refused, match="75 feil"):
        services.store_figures(tree.users["leader_ab"], run)
    response = client.post(url, _confirmed(75))
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(service=tree.service_ab, source="kostra_15f").count() == 1


def test_a_file_under_the_municipalitys_earlier_number_is_the_services(tree):
    # Alvik was numbered 9150 before a county reform; the successor link says 9150 became 9101.
    earlier = Municipality.objects.create(number="9150", name="Alvik (før 2024)", county=tree.county_x)
    run = make_run(tree.service_ab, tree.users["leader_ab"], municipality_number="9150", year=2020)
    with pytest.raises(Refused, match="9150"):
        services.store_figures(tree.users["leader_ab"], run, acknowledged_errors=run.error_count)
    earlier.successors.add(tree.municipality_a)
    assert "9150" in services.covered_numbers(tree.service_ab, 2020)
    assert services.store_figures(tree.users["leader_ab"], run, acknowledged_errors=run.error_count) == 1
    assert IndicatorValue.objects.filter(service=tree.service_ab, year=2020).exists()


def test_a_municipality_the_service_stopped_covering_before_the_year_does_not_count(tree):
    coverage = tree.service_ab.coverages.get(municipality=tree.municipality_b)
    coverage.valid_to = coverage.valid_from.replace(year=2022, month=12, day=31)
    coverage.save()
    assert "9102" in services.covered_numbers(tree.service_ab, 2022)
    assert "9102" not in services.covered_numbers(tree.service_ab, 2024)


def test_only_the_uploader_may_store_a_runs_figures(tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    second_leader = make_user("leader_ab2", Role.SERVICE_LEADER, tree.service_ab)
    with pytest.raises(PermissionDenied):
        services.store_figures(second_leader, run, acknowledged_errors=run.error_count)
    with pytest.raises(PermissionDenied):
        services.store_figures(tree.users["leader_c"], run, acknowledged_errors=run.error_count)
    assert not IndicatorValue.objects.exists()


def test_an_upload_for_a_service_outside_ones_own_is_refused_by_the_use_case(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(PermissionDenied):
        services.start_run(tree.users["leader_ab"], tree.service_c, SimpleUploadedFile("15F.xml", b"<Barnevern/>"))


def test_a_runs_derived_audit_scope_is_its_services(tree):
    run = make_run(tree.service_ab, tree.users["leader_ab"])
    assert run.audit_scope() == tree.service_ab.audit_scope()
