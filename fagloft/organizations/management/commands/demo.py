"""`fagloft demo`: migrate, then build the demo installation and print its logins."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from fagloft.lib.shared_data import shared_data_dir
from fagloft.organizations.importers.errors import ImportError_

URL = "http://127.0.0.1:8000/"
NEEDED = ("geo/fylker-2020.geojson", "geo/kommuner-2020.geojson", "geo/fylker-2024.geojson",
          "geo/kommuner-2024.geojson", "geo/kommunenummer-2020-2024.csv",
          "befolkning/befolkning-kommune-alder-b2020.csv")


def app_demos(warn: Callable[[str], Any]) -> list[tuple[str, Callable[[Any], Any]]]:
    """(app label, build) for each Fagløft app with a `demo.build`, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fagloft."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                warn(f"Advarsel: {config.label}: demodata kunne ikke lastes: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - a broken module must not stop the demo
            warn(f"Advarsel: {config.label}: demodata kunne ikke lastes: {error!r}")
            continue
        build = getattr(module, "build", None)
        if callable(build):
            found.append((config.label, build))
    return found


def reset_sqlite(database: dict[str, Any]) -> Path:
    """Delete the SQLite database file (and its WAL files); refuse any other database."""
    name = str(database.get("NAME") or "")
    if database.get("ENGINE") != "django.db.backends.sqlite3" or not name or name.startswith(":memory:") \
            or "mode=memory" in name:
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
        parser.add_argument("--no-app-data", action="store_true",
                            help="bygg bare fylker, kommuner, tjenester og brukere, ikke appenes demodata")

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
            except ImportError_ as error:
                raise CommandError(f"{error.message}\nDemoen ble ikke bygget.") from None
            if not options["no_app_data"]:
                self._build_apps(ctx)
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
        """Every app's `demo.build(ctx)`, in INSTALLED_APPS order; one failing app does not stop the rest."""
        for label, build in app_demos(self._warn):
            try:
                with transaction.atomic():
                    build(ctx)
                self.stdout.write(f"  demodata: {label}")
            except Exception as error:  # noqa: BLE001 - one app's demo must not stop the others
                self._warn(f"Advarsel: demodata for {label} feilet: {error!r}")

    def _warn(self, message: str) -> None:
        self.stderr.write(self.style.WARNING(message))

    def _existing_context(self) -> Any:
        import random

        from fagloft.accounts.models import User
        from fagloft.organizations import demo

        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in demo.USERS])}
        missing = [spec.username for spec in demo.USERS if spec.username not in users]
        if missing:
            raise CommandError(f"Demobrukerne {', '.join(missing)} mangler; bygg på nytt med --reset.")
        service = users["leder.alta"].memberships.first().service
        county = users["statsforvalter.finnmark"].memberships.first().county
        return demo.DemoContext(county, [], [service], users, random.Random(0), demo.reporting_year(),
                                self.stdout.write)

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
