"""`fagloft demo`: migrate, then build the demo installation and print its logins.

The organisation tree, the demo users and the `DemoContext` come from `organizations.demo`; then
every app's `demo.build(ctx)` runs. The apps' `demo` modules are found with Django's
`autodiscover_modules("demo")` and run in dependency order: an app after every app its models point
to (and after the apps its demo module names in `DEPENDS_ON`, for data it reads from `ctx.extra`).
Everything is built in one transaction: a failing builder stops the demo with its error and a
non-zero exit, and leaves nothing half-built, so the next run starts afresh.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from fagloft.lib.discovery import app_modules
from fagloft.lib.importing import ImportProblem
from fagloft.lib.shared_data import shared_data_dir
from fagloft.site.planner import analyze

URL = "http://127.0.0.1:8000/"
NEEDED = (
    "geo/fylker-2020.geojson",
    "geo/kommuner-2020.geojson",
    "geo/fylker-2024.geojson",
    "geo/kommuner-2024.geojson",
    "geo/kommunenummer-2020-2024.csv",
    "befolkning/befolkning-kommune-alder-b2020.csv",
)


def _fagloft_apps() -> list[AppConfig]:
    return [c for c in apps.get_app_configs() if c.name.startswith("fagloft.")]


def _depends_on(config: AppConfig, module: ModuleType | None) -> set[str]:
    """The apps whose rows `config`'s models point to, and those its demo module names."""
    labels = {
        field.related_model._meta.app_label
        for model in config.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model is not None
    }
    labels |= set(getattr(module, "DEPENDS_ON", ()))
    labels.discard(config.label)
    return labels


def dependency_order(configs: list[AppConfig], modules: dict[str, ModuleType]) -> list[str]:
    """The app labels, each after the apps it depends on; INSTALLED_APPS order among the rest.

    Only apps with a demo builder take part: a foreign key to an app that builds nothing (accounts'
    users, made with the tree) orders nothing, and would otherwise make a cycle of the tree's two
    bottom apps (organizations and accounts point at each other).
    """
    configs = [c for c in configs if callable(getattr(modules.get(c.label), "build", None))]
    known = [c.label for c in configs]
    needs = {c.label: _depends_on(c, modules.get(c.label)) & set(known) for c in configs}
    ordered: list[str] = []
    while len(ordered) < len(known):
        ready = [label for label in known if label not in ordered and needs[label] <= set(ordered)]
        if not ready:
            stuck = sorted(set(known) - set(ordered))
            raise CommandError(f"Demodataene har sirkulære avhengigheter mellom appene {', '.join(stuck)}.")
        ordered.append(ready[0])
    return ordered


def app_demos() -> list[tuple[str, Callable[[Any], Any]]]:
    """(app label, build) for each Fagløft app whose `demo` module has `build`, in dependency order."""
    modules = app_modules("demo")
    builders = []
    for label in dependency_order(_fagloft_apps(), modules):
        build = getattr(modules.get(label), "build", None)
        if callable(build):
            builders.append((label, build))
    return builders


def reset_sqlite(database: Mapping[str, Any]) -> Path:
    """Delete the SQLite database file (and its WAL files); refuse any other database."""
    name = str(database.get("NAME") or "")
    if (
        database.get("ENGINE") != "django.db.backends.sqlite3"
        or not name
        or name.startswith(":memory:")
        or "mode=memory" in name
    ):
        raise CommandError("--reset sletter bare en SQLite-databasefil; tøm andre databaser selv.")
    path = Path(name)
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)
    return path


class Command(BaseCommand):
    help = "Bygg demoinstallasjonen: referansedata, demotjenester, demobrukere (passord «demo») og hver apps demodata."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--shared-data", type=Path, help="mappe med ekte referansedata (geo/, befolkning/)")
        parser.add_argument("--synthetic", action="store_true", help="bruk syntetiske data selv om ekte finnes")
        parser.add_argument("--reset", action="store_true", help="slett demodatabasen (SQLite) først")
        parser.add_argument(
            "--no-app-data",
            action="store_true",
            help="bygg bare fylker, kommuner, tjenester og brukere, ikke appenes demodata",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["reset"]:
            self._reset_sqlite()
        call_command("migrate", interactive=False, verbosity=0)
        shared = self._shared_data(options)
        from fagloft.organizations import demo
        from fagloft.organizations.models import Service

        if Service.objects.filter(is_demo=True).exists():
            self.stdout.write("Demoen er allerede bygget (bruk --reset for å bygge den på nytt).")
            ctx = self._existing_context()
        else:
            try:
                with transaction.atomic():
                    ctx = demo.build_context(shared, log=self.stdout.write)
                    if not options["no_app_data"]:
                        self._build_apps(ctx)
            except ImportProblem as error:
                raise CommandError(f"{error.message}\nDemoen ble ikke bygget.") from None
        analyze()  # a fresh SQLite database has no planner statistics (fagloft/site/planner.py)
        self._print_logins(ctx)
        self.stdout.write(f"Ferdig på {time.monotonic() - started:.1f} s. Åpne {URL}")

    def _shared_data(self, options: dict[str, Any]) -> Path | None:
        if options["synthetic"]:
            return None
        given = options["shared_data"]
        shared = given or shared_data_dir()
        if shared is None:
            return None
        missing = [name for name in NEEDED if not (shared / name).is_file()]
        if missing and given:
            raise CommandError(f"{given}: mangler {', '.join(missing)}")
        return None if missing else shared

    def _reset_sqlite(self) -> None:
        connections["default"].close()
        removed = reset_sqlite(settings.DATABASES["default"])
        self.stdout.write(f"Slettet {removed}")

    def _build_apps(self, ctx: Any) -> None:
        """Every app's `demo.build(ctx)`, in dependency order. The first that fails stops the demo."""
        for label, build in app_demos():
            try:
                build(ctx)
            except Exception as error:
                self.stderr.write(traceback.format_exc())
                raise CommandError(
                    f"Demodataene for {label} feilet: {error!r}\nDemoen ble ikke bygget; ingenting er lagret."
                ) from error
            self.stdout.write(f"  demodata: {label}")

    def _existing_context(self) -> Any:
        import random

        from fagloft.accounts.models import User
        from fagloft.organizations import demo

        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in demo.USERS])}
        missing = [spec.username for spec in demo.USERS if spec.username not in users]
        if missing:
            raise CommandError(f"Demobrukerne {', '.join(missing)} mangler; bygg på nytt med --reset.")
        leader = users["leder.alta"].memberships.first()
        advisor = users["statsforvalter.finnmark"].memberships.first()
        service = leader.service if leader else None
        county = advisor.county if advisor else None
        if service is None or county is None:
            raise CommandError("Demobrukerne mangler medlemskapene sine; bygg på nytt med --reset.")
        return demo.DemoContext(
            county, [], [service], users, random.Random(0), demo.reporting_year(), self.stdout.write
        )

    def _print_logins(self, ctx: Any) -> None:
        from fagloft.organizations import demo

        rows = [("Brukernavn", "Rolle", "Enhet", "Passord"), *demo.login_table(ctx)]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write("")
        self.stdout.write("Demobrukere:")
        for index, row in enumerate(rows):
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
            if index == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
