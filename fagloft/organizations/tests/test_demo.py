"""`fagloft demo`: synthetic and real reference data, demo users, and every app's demo data."""

from __future__ import annotations

import io
import sys
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fagloft.accounts.access import can
from fagloft.accounts.models import User
from fagloft.organizations.importers.testing import shared_data
from fagloft.organizations.management.commands import demo as demo_command
from fagloft.organizations.models import CooperationAgreement, County, Municipality, Population, Service
from fagloft.organizations.permissions import VIEW_SERVICE

pytestmark = pytest.mark.django_db(transaction=False)

EVERY_USER = ("admin", "bufdir", "statsforvalter.finnmark", "koordinator.finnmark", "kommunedirektor.alta",
              "leder.alta", "ansatt.alta", "leder.hammerfest", "rkbu.nord")


def run_demo(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_synthetic_demo_builds_a_clearly_marked_county_with_users_who_log_in_with_demo():
    out, _err = run_demo("--synthetic", "--no-app-data")
    county = County.objects.get(name="Demofylket")
    municipalities = Municipality.objects.filter(county=county)
    assert municipalities.count() == 6
    assert all("(demo)" in m.name and hasattr(m, "border") for m in municipalities)
    assert Population.objects.filter(municipality__county=county).count() == 30
    assert all(s.is_demo and "(demo)" in s.name for s in Service.objects.all())
    assert set(CooperationAgreement.objects.values_list("kind", flat=True)) == set(CooperationAgreement.Kind.values)
    for username in EVERY_USER:
        assert User.objects.get(username=username).check_password("demo"), username
        assert username in out
    assert "http://127.0.0.1:8000/" in out


def test_the_demo_users_reach_what_their_role_gives_them():
    run_demo("--synthetic", "--no-app-data")
    alta_service = User.objects.get(username="leder.alta").memberships.get().service
    shared = User.objects.get(username="leder.hammerfest").memberships.get().service
    assert shared.coverages.count() == 3
    assert can(User.objects.get(username="ansatt.alta"), VIEW_SERVICE, alta_service)
    assert not can(User.objects.get(username="ansatt.alta"), VIEW_SERVICE, shared)
    assert can(User.objects.get(username="statsforvalter.finnmark"), VIEW_SERVICE, shared)
    assert User.objects.get(username="admin").is_staff


def test_running_the_demo_again_keeps_what_is_there_and_prints_the_logins():
    run_demo("--synthetic", "--no-app-data")
    counts = (Service.objects.count(), User.objects.count(), CooperationAgreement.objects.count())
    out, _err = run_demo("--synthetic", "--no-app-data")
    assert "allerede bygget" in out and "leder.alta" in out
    assert (Service.objects.count(), User.objects.count(), CooperationAgreement.objects.count()) == counts


def test_every_app_demo_with_a_build_function_is_found_in_app_order(monkeypatch):
    import types

    monkeypatch.setitem(sys.modules, "fagloft.audit.demo", types.SimpleNamespace(build=lambda ctx: None))
    monkeypatch.setitem(sys.modules, "fagloft.accounts.demo", types.SimpleNamespace())  # no build: skipped
    labels = [label for label, _build in demo_command.app_demos(print)]
    assert "audit" in labels and "accounts" not in labels and "organizations" not in labels
    assert labels.index("audit") == 0


def test_a_failing_app_demo_is_reported_and_the_other_apps_still_run(monkeypatch):
    calls = []

    def failing(ctx):
        raise RuntimeError("ødelagt demodata")

    def working(ctx):
        calls.append((ctx.county.name, ctx.services[0].name, ctx.year))

    monkeypatch.setattr(demo_command, "app_demos", lambda warn: [("audit", failing), ("accounts", working)])
    out, err = run_demo("--synthetic")
    assert "demodata for audit feilet" in err and "ødelagt demodata" in err
    assert calls and calls[0][0] == "Demofylket" and "Nordvik" in calls[0][1]
    assert "leder.alta" in out


def test_with_real_data_the_demo_imports_the_whole_country_and_serves_finnmark():
    out, _err = run_demo("--shared-data", str(shared_data()), "--no-app-data")
    assert Municipality.objects.valid_on().count() == 357
    assert County.objects.valid_on().count() == 15
    assert Population.objects.filter(year=2020, municipality__number="5403").get().total == 20789
    assert Population.objects.filter(year=2020, municipality__number="5601").get().total == 20789  # renumbered
    assert County.objects.get(number="20").valid_to.year == 2019
    alta = Service.objects.get(name="Alta barneverntjeneste")
    assert list(alta.coverages.values_list("municipality__number", flat=True)) == ["5601"]
    west = Service.objects.get(name="Vest-Finnmark barneverntjeneste")
    assert west.host_municipality.number == "5603"
    assert set(west.coverages.values_list("municipality__number", flat=True)) == {"5603", "5616", "5618"}
    assert Service.objects.filter(is_demo=True).count() == 16  # 18 municipalities, three of them share one
    assert "statsforvalter.finnmark" in out and "Finnmark - Finnmárku - Finmarkku (56)" in out


def test_reset_deletes_the_sqlite_file_and_refuses_other_databases(tmp_path):
    database = tmp_path / "demo.sqlite3"
    for path in (database, tmp_path / "demo.sqlite3-wal"):
        path.write_text("x")
    assert demo_command.reset_sqlite({"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}) == database
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(CommandError, match="bare en SQLite-databasefil"):
        demo_command.reset_sqlite({"ENGINE": "django.db.backends.postgresql", "NAME": "fagloft"})
    with pytest.raises(CommandError):
        demo_command.reset_sqlite({"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"})
