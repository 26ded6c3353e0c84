"""`fagloft demo`: synthetic and real reference data, demo users, and every app's demo data."""

from __future__ import annotations

import io
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from fagloft.accounts.access import can
from fagloft.accounts.models import User
from fagloft.organizations.models import CooperationAgreement, County, Municipality, Population, Service
from fagloft.organizations.permissions import VIEW_SERVICE
from fagloft.organizations.tests.shared_files import shared_data
from fagloft.site.management.commands import demo as demo_command

pytestmark = pytest.mark.django_db(transaction=False)

EVERY_USER = (
    "admin",
    "bufdir",
    "statsforvalter.finnmark",
    "koordinator.finnmark",
    "kommunedirektor.alta",
    "leder.alta",
    "ansatt.alta",
    "leder.hammerfest",
    "rkbu.nord",
)


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
    assert shared is not None
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


def test_every_app_demo_with_a_build_function_is_found_and_runs_after_the_apps_it_depends_on(monkeypatch):
    monkeypatch.setitem(sys.modules, "fagloft.audit.demo", types.SimpleNamespace(build=lambda ctx: None))
    monkeypatch.setitem(sys.modules, "fagloft.accounts.demo", types.SimpleNamespace())  # no build: skipped
    labels = [label for label, _build in demo_command.app_demos()]
    assert "audit" in labels and "accounts" not in labels and "organizations" not in labels
    assert {"statistics", "competence", "kostra", "assessments", "networks", "grants"} <= set(labels)
    assert labels.index("audit") == 0
    # Grants' models point to networks' (a call belongs to a network), so networks' demo data comes first.
    assert labels.index("networks") < labels.index("grants")


def test_the_dependency_order_follows_the_models_and_what_a_demo_module_names(monkeypatch):
    labels = ("grants", "networks", "organizations", "audit")
    configs = [apps.get_app_config(label) for label in labels]

    def builder(label):
        module = types.ModuleType(f"fagloft.{label}.demo")
        module.__dict__["build"] = lambda ctx: None
        return module

    modules = {label: builder(label) for label in labels}
    order = demo_command.dependency_order(configs, modules)
    assert order.index("networks") < order.index("grants") and order.index("organizations") < order.index("networks")
    # An app without a demo builder orders nothing: it is left out.
    assert "audit" not in demo_command.dependency_order(configs, {k: v for k, v in modules.items() if k != "audit"})
    # A demo module may name an app whose demo data it reads; that app then comes first.
    modules["organizations"].__dict__["DEPENDS_ON"] = ("grants",)  # what `DEPENDS_ON = ...` in the module does
    with pytest.raises(CommandError, match="sirkulære"):
        demo_command.dependency_order(configs, modules)  # grants -> networks -> organizations -> grants


def test_a_failing_app_demo_stops_the_demo_with_its_error_and_stores_nothing(monkeypatch):
    calls = []

    def working(ctx):
        calls.append((ctx.county.name, ctx.services[0].name, ctx.year))

    def failing(ctx):
        raise RuntimeError("ødelagt demodata")

    monkeypatch.setattr(demo_command, "app_demos", lambda: [("audit", working), ("accounts", failing)])
    with pytest.raises(CommandError, match="Demodataene for accounts feilet: RuntimeError\\('ødelagt demodata'\\)"):
        run_demo("--synthetic")
    assert calls and calls[0][0] == "Demofylket" and "Nordvik" in calls[0][1]
    # One transaction: nothing half-built is left, so the next run builds the demo afresh.
    assert not Service.objects.filter(is_demo=True).exists() and not County.objects.filter(name="Demofylket").exists()


def test_a_failing_app_demo_exits_non_zero_and_shows_the_error(tmp_path):
    """From the command line: the traceback and the message on stderr, exit code 1."""
    script = (
        "import sys, types\n"
        "def build(ctx):\n"
        "    raise RuntimeError('ødelagt demodata')\n"
        "sys.modules['fagloft.audit.demo'] = types.SimpleNamespace(build=build)\n"
        "from fagloft.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "demo", "--synthetic"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=300,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}", "PATH": "/usr/bin:/bin", "FAGLOFT_DEMO": "true"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Demodataene for audit feilet: RuntimeError('ødelagt demodata')" in result.stderr
    assert "Traceback" in result.stderr and "ødelagt demodata" in result.stderr


def test_with_real_data_the_demo_imports_the_whole_country_and_serves_finnmark():
    out, _err = run_demo("--shared-data", str(shared_data()), "--no-app-data")
    assert Municipality.objects.valid_on().count() == 357
    assert County.objects.valid_on().count() == 15
    assert Population.objects.filter(year=2020, municipality__number="5403").get().total == 20789
    assert Population.objects.filter(year=2020, municipality__number="5601").get().total == 20789  # renumbered
    finnmark_until_2019 = County.objects.get(number="20").valid_to
    assert finnmark_until_2019 is not None and finnmark_until_2019.year == 2019
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
