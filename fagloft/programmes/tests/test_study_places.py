"""Bufdir's study places, windows and grant ceilings: use cases with their own action, audited,
optimistic locking, places never below those used, the pages and the API."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.competence.tests.factories import make_employee
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree, login
from fagloft.programmes import queries, rules, services
from fagloft.programmes.models import (
    ApplicationWindow,
    EnrolmentStatus,
    GrantCeiling,
    StudyPlaceAllocation,
    StudyPlaceYear,
)
from fagloft.programmes.tests import factories as f

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_tree()


def _admitted(allocation, tree, count):
    for _ in range(count):
        f.make_enrolment(allocation, make_employee(tree.service_ab), status=EnrolmentStatus.ADMITTED)
    StudyPlaceAllocation.objects.filter(pk=allocation.pk).update(admitted=count)
    allocation.refresh_from_db()


def test_the_reference_years_are_on_the_page_with_totals_and_used_places(client, tree):
    allocation = f.make_allocation(2020, places=30)
    _admitted(allocation, tree, 2)
    login(client, tree.users["no_role"])
    body = client.get("/programmer/studieplasser/").content.decode()
    for figure in ("280", "358", "380"):
        assert figure in body
    years = {item.year: item for item in queries.study_place_years()}
    assert (years[2018].places, years[2020].places, years[2024].places) == (280, 358, 380)
    assert (years[2020].allocated, years[2020].admitted, years[2020].free) == (30, 2, 356)
    assert "Endre" not in body  # reading only
    login(client, tree.users["national"])
    assert "/programmer/studieplasser/aar/" in client.get("/programmer/studieplasser/").content.decode()


def test_only_bufdir_and_the_admin_set_places_windows_and_ceilings(tree):
    data = {"year": 2031, "places": 400}
    for role in ("competence_env", "advisor_x", "leader_ab", "no_role"):
        with pytest.raises(PermissionDenied):
            services.save_study_place_year(tree.users[role], None, data)
        with pytest.raises(PermissionDenied):
            services.save_grant_ceiling(tree.users[role], None, {"year": 2031, "amount": Decimal(1)})
    row = services.save_study_place_year(tree.users["national"], None, data)
    assert AuditEvent.objects.filter(object_type="programmes.studyplaceyear", object_id=str(row.pk)).exists()
    ceiling = services.save_grant_ceiling(tree.users["admin"], None, {"year": 2031, "amount": Decimal(100_000)})
    assert ceiling.amount == Decimal(100_000)


def test_places_cannot_go_below_those_used_and_a_stale_version_is_refused(tree):
    allocation = f.make_allocation(2030, places=5)
    _admitted(allocation, tree, 3)
    with pytest.raises(Refused, match="3 studenter er allerede tatt opp") as error:
        services.update_allocation(tree.users["national"], allocation, {"places": 2}, allocation.version)
    assert error.value.field == "places"
    services.update_allocation(tree.users["national"], allocation, {"places": 3}, allocation.version)
    allocation.refresh_from_db()
    assert allocation.places == 3 and allocation.version == 2
    with pytest.raises(ConcurrentEditError):
        services.update_allocation(tree.users["national"], allocation, {"places": 4}, 1)
    year = services.save_study_place_year(tree.users["national"], None, {"year": 2030, "places": 10})
    with pytest.raises(Refused, match="kan ikke settes lavere") as error:
        services.save_study_place_year(tree.users["national"], year, {"places": 2}, year.version)
    assert error.value.field == "places"
    assert AuditEvent.objects.filter(object_type="programmes.studyplaceallocation", verb="update").count() == 1


def test_an_allocation_is_for_further_education_and_unique_per_institution(tree):
    offer = f.offer()
    data = {
        "year": 2031,
        "offer": offer,
        "provider": None,
        "institution": "Universitetet i Nordfylket",
        "places": 20,
        "starts_on": datetime.date(2031, 8, 15),
        "ends_on": datetime.date(2032, 6, 15),
    }
    services.create_allocation(tree.users["national"], data)
    with pytest.raises(Refused) as error:
        services.create_allocation(tree.users["national"], data)
    assert error.value.field == "institution"
    with pytest.raises(Refused, match="videreutdanning") as error:
        services.create_allocation(tree.users["national"], {**data, "offer": f.offer("tjenestestotteprogrammet")})
    with pytest.raises(Refused) as error:
        services.create_allocation(
            tree.users["national"], {**data, "institution": "X", "ends_on": datetime.date(2031, 1, 1)}
        )
    assert error.value.field == "ends_on"


def test_the_window_is_two_instants_in_oslo_time(tree):
    opens = datetime.datetime(2031, 2, 1, 9, 0, tzinfo=OSLO)
    closes = datetime.datetime(2031, 4, 15, 23, 59, tzinfo=OSLO)
    window = services.save_window(tree.users["national"], None, {"year": 2031, "opens_at": opens, "closes_at": closes})
    assert not rules.is_open(window, datetime.datetime(2031, 2, 1, 8, 59, tzinfo=OSLO))
    assert rules.is_open(window, datetime.datetime(2031, 2, 1, 9, 0, tzinfo=OSLO))
    assert rules.is_open(window, datetime.datetime(2031, 4, 15, 23, 59, 59, tzinfo=OSLO))
    # 22:00 UTC on 15 April is midnight in Oslo (summer time): closed.
    assert not rules.is_open(window, datetime.datetime(2031, 4, 15, 22, 0, tzinfo=datetime.UTC))
    with pytest.raises(Refused) as error:
        services.save_window(tree.users["national"], window, {"closes_at": opens}, window.version)
    assert error.value.field == "closes_at"
    with pytest.raises(PermissionDenied):
        services.save_window(tree.users["advisor_x"], window, {"note": "x"}, window.version)


def test_the_migrated_reference_windows_keep_their_days():
    window = ApplicationWindow.objects.get(year=2020)
    assert window.opens_at.astimezone(OSLO) == datetime.datetime(2020, 2, 1, 0, 0, tzinfo=OSLO)
    assert window.closes_at.astimezone(OSLO) == datetime.datetime(2020, 4, 15, 23, 59, tzinfo=OSLO)


def test_the_pages_save_show_errors_at_the_field_and_keep_the_input(client, tree):
    allocation = f.make_allocation(2030, places=5)
    _admitted(allocation, tree, 3)
    login(client, tree.users["national"])
    url = f"/programmer/studieplasser/{allocation.pk}/endre/"
    form = {
        "year": 2030,
        "offer": allocation.offer_id,
        "provider": "",
        "institution": allocation.institution,
        "places": 2,
        "starts_on": "2030-08-15",
        "ends_on": "2031-06-15",
        "version": allocation.version,
    }
    page = client.post(url, form)
    body = page.content.decode()
    assert page.status_code == 200 and "kan ikke settes lavere" in body and 'value="2"' in body
    assert client.post(url, {**form, "places": 8}).status_code == 302
    allocation.refresh_from_db()
    assert allocation.places == 8
    # The same form again with the old version: refused, not overwritten.
    stale = client.post(url, {**form, "places": 9})
    assert stale.status_code == 200 and "Noen andre har lagret" in stale.content.decode()
    window_page = client.post(
        "/programmer/soknadsperioder/ny/",
        {"year": 2032, "opens_at": "2032-02-01T00:00", "closes_at": "2032-04-15T23:59", "confirmed": "on"},
    )
    assert window_page.status_code == 302
    window = ApplicationWindow.objects.get(year=2032)
    assert window.closes_at == datetime.datetime(2032, 4, 15, 23, 59, tzinfo=OSLO)
    ceiling = client.post("/programmer/tilskuddstak/ny/", {"year": 2032, "amount": "100000", "confirmed": "on"})
    assert ceiling.status_code == 302 and GrantCeiling.objects.get(year=2032).amount == Decimal(100_000)
    year_page = client.post("/programmer/studieplasser/aar/ny/", {"year": 2032, "places": 99_999_999})
    assert year_page.status_code == 200 and not StudyPlaceYear.objects.filter(year=2032).exists()
    login(client, tree.users["competence_env"])
    assert client.post(url, {**form, "places": 10}).status_code == 403


def test_the_api_shows_what_the_page_shows(client, tree):
    allocation = f.make_allocation(2020, places=30)
    _admitted(allocation, tree, 2)
    login(client, tree.users["leader_ab"])
    years = {row["year"]: row for row in client.get("/api/v1/study-place-years/").json()}
    assert years[2020]["places"] == 358 and years[2020]["allocated"] == 30 and years[2020]["admitted"] == 2
    assert years[2020]["free"] == 356 and years[2020]["window_closes_at"]
    assert years[2018]["grant_ceiling"] is not None or years[2018]["grant_ceiling_confirmed"] is not None
    classes = client.get("/api/v1/study-places/?year=2020").json()
    rows = classes["results"] if isinstance(classes, dict) else classes
    assert [(r["institution"], r["places"], r["admitted"], r["free"]) for r in rows] == [
        (allocation.institution, 30, 2, 28)
    ]
    assert client.post("/api/v1/study-places/", {}).status_code in (403, 405)
