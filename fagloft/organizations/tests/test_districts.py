"""City districts (bydeler): the reference list (migration and tree import, each only once), coverage
of one district (the form, the use case, the audit trail, the admin) and the pages that show them."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.organizations import services
from fagloft.organizations.districts import REFERENCE_DISTRICTS, ensure_reference_districts
from fagloft.organizations.forms import AddCoverageForm
from fagloft.organizations.models import District, Municipality, Service, ServiceCoverage
from fagloft.organizations.tests.factories import login, make_county, make_municipality, make_service

pytestmark = pytest.mark.django_db
migration = importlib.import_module("fagloft.organizations.migrations.0007_oslo_districts")


@pytest.fixture
def oslo(tree):
    """Oslo in county X (so the tree's county advisor may edit its services), with its districts."""
    municipality = make_municipality(tree.county_x, "0301", "Oslo")
    ensure_reference_districts(District, Municipality)
    return municipality


def test_the_migration_makes_oslos_districts_once_and_nothing_without_oslo(db):
    migration.create_districts(apps, None)
    assert not District.objects.exists()  # no Oslo yet: the tree import makes them with Oslo
    oslo = make_municipality(make_county("03", "Oslo"), "0301", "Oslo")
    migration.create_districts(apps, None)
    migration.create_districts(apps, None)
    assert District.objects.filter(municipality=oslo).count() == 17
    assert dict(oslo.districts.values_list("number", "name")) == dict(REFERENCE_DISTRICTS["0301"])
    assert oslo.districts.get(number="02").region == "030102"


def test_a_corrected_name_is_kept_and_only_missing_districts_are_made(db):
    oslo = make_municipality(make_county("03", "Oslo"), "0301", "Oslo")
    District.objects.create(municipality=oslo, number="04", name="St.Hanshaugen (rettet)")
    assert ensure_reference_districts(District, Municipality) == 16
    assert ensure_reference_districts(District, Municipality) == 0
    assert oslo.districts.get(number="04").name == "St.Hanshaugen (rettet)"


def test_the_tree_import_makes_oslos_districts_with_oslo_and_not_again(db):
    from fagloft.organizations.importers.run import import_geo
    from fagloft.organizations.tests.shared_files import geo_file

    import_geo(geo_file("fylker-2024.geojson"))
    first = import_geo(geo_file("kommuner-2024.geojson"))
    assert first.counts.get("districts") == 17
    assert District.objects.filter(municipality__number="0301").count() == 17
    again = import_geo(geo_file("kommuner-2024.geojson"))
    assert "districts" not in again.counts and District.objects.count() == 17


def _form(oslo: Municipality, **data) -> AddCoverageForm:
    return AddCoverageForm(
        {"add-version": "1", "add-valid_from": "2025-01-01", **{f"add-{k}": v for k, v in data.items()}},
        municipalities=Municipality.objects.all(),
        prefix="add",
    )


def test_the_form_refuses_a_district_of_another_municipality(tree, oslo):
    form = _form(oslo, municipality=tree.municipality_a.pk, district=oslo.districts.get(number="02").pk)
    assert not form.is_valid()
    assert "Grünerløkka hører ikke til Alvik" in form.errors["district"][0]
    assert _form(oslo, municipality=oslo.pk, district=oslo.districts.get(number="02").pk).is_valid()
    assert _form(oslo, municipality=oslo.pk).is_valid()  # no district: the whole municipality


def test_the_use_case_and_the_model_refuse_it_too(tree, oslo):
    district = oslo.districts.get(number="02")
    with pytest.raises(Refused, match="hører ikke til Alvik"):
        services.add_coverage(
            tree.users["advisor_x"],
            tree.service_ab,
            expected_version=tree.service_ab.version,
            municipality=tree.municipality_a,
            valid_from=datetime.date(2025, 1, 1),
            district=district,
        )
    # The admin's inline validates through the model.
    coverage = ServiceCoverage(service=tree.service_ab, municipality=tree.municipality_a, district=district)
    with pytest.raises(ValidationError) as error:
        coverage.full_clean()
    assert "district" in error.value.message_dict


def test_adding_a_district_on_the_edit_page_is_audited_and_shown(client, tree, oslo):
    service = make_service(oslo, [], "Bydel Grünerløkka barneverntjeneste")
    ServiceCoverage.objects.filter(service=service).delete()
    grunerlokka = oslo.districts.get(number="02")
    login(client, tree.users["admin"])
    url = reverse("organizations:service-edit", args=[service.pk])
    page = client.get(url).content.decode()
    assert 'name="add-district"' in page and "Hele kommunen" in page and "Oslo: Grünerløkka (02)" in page
    response = client.post(
        url,
        {
            "form": "add",
            "add-version": service.version,
            "add-municipality": oslo.pk,
            "add-district": grunerlokka.pk,
            "add-valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 302
    coverage = ServiceCoverage.objects.get(service=service)
    assert coverage.district == grunerlokka
    event = AuditEvent.objects.get(object_type="organizations.servicecoverage", object_id=str(coverage.pk))
    assert event.verb == AuditEvent.Verb.CREATE and event.changes["district"] == [None, grunerlokka.pk]
    detail = client.get(reverse("organizations:service-detail", args=[service.pk])).content.decode()
    assert "Grünerløkka (02)" in detail
    municipality_page = client.get(reverse("organizations:municipality-detail", args=[oslo.number])).content.decode()
    assert "Bydeler" in municipality_page and "Søndre Nordstrand" in municipality_page
    assert "bydel Grünerløkka" in municipality_page
    # Oslo stays a choice for another district, since only one of its districts is covered.
    assert f'value="{oslo.pk}"' in client.get(url).content.decode()


def test_a_district_of_another_municipality_on_the_edit_page_keeps_the_input(client, tree, oslo):
    login(client, tree.users["advisor_x"])
    response = client.post(
        reverse("organizations:service-edit", args=[tree.service_ab.pk]),
        {
            "form": "add",
            "add-version": tree.service_ab.version,
            "add-municipality": make_municipality(tree.county_x, "9105", "Elvik").pk,
            "add-district": oslo.districts.get(number="05").pk,
            "add-valid_from": "2025-01-01",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Frogner hører ikke til Elvik" in html and "ds-error-summary" in html and 'value="2025-01-01"' in html
    assert not ServiceCoverage.objects.filter(municipality__number="9105").exists()


def _add(tree, service: Service, municipality: Municipality, district: District | None) -> ServiceCoverage:
    service.refresh_from_db()
    # The admin: a service that covers nothing yet is in no county advisor's scope.
    return services.add_coverage(
        tree.users["admin"],
        service,
        expected_version=service.version,
        municipality=municipality,
        valid_from=datetime.date(2025, 1, 1),
        district=district,
    )


def test_districts_and_the_whole_municipality_do_not_overlap(tree, oslo):
    service = Service.objects.create(name="Indre Oslo barneverntjeneste", host_municipality=oslo)
    first, second = oslo.districts.get(number="01"), oslo.districts.get(number="02")
    _add(tree, service, oslo, first)
    _add(tree, service, oslo, second)  # two districts from the same day
    with pytest.raises(Refused, match="Bydel Gamle Oslo er allerede dekket"):
        _add(tree, service, oslo, first)
    with pytest.raises(Refused, match="dekker allerede bydeler i Oslo"):
        _add(tree, service, oslo, None)
    whole = Service.objects.create(name="Oslo barneverntjeneste", host_municipality=oslo)
    _add(tree, whole, oslo, None)
    with pytest.raises(Refused, match="dekker allerede hele Oslo"):
        _add(tree, whole, oslo, first)
    assert ServiceCoverage.objects.filter(municipality=oslo).count() == 3


def test_the_api_gives_a_coverages_district(client, tree, oslo):
    service = Service.objects.create(name="Bydel Sagene barneverntjeneste", host_municipality=oslo)
    _add(tree, service, oslo, oslo.districts.get(number="03"))
    login(client, tree.users["national"])
    data = client.get(f"/api/v1/services/{service.pk}/").json()
    assert data["coverage"] == [
        {
            "municipality": "0301",
            "municipality_name": "Oslo",
            "district": "03",
            "district_name": "Sagene",
            "valid_from": "2025-01-01",
            "valid_to": None,
        }
    ]
    whole = client.get(f"/api/v1/services/{tree.service_ab.pk}/").json()["coverage"][0]
    assert whole["district"] is None and whole["district_name"] is None
