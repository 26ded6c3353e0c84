"""`fagloft issue_enrolment_code USERNAME`: a one-time code for setting up the second factor.

For the first admin (nobody can issue one in the admin yet) and for operations staff at the
console. The code is printed once; only its hash is stored."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fagloft.accounts import two_factor
from fagloft.accounts.models import User
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record


class Command(BaseCommand):
    help = "Lag en engangskode en person bruker for å sette opp innlogging med to faktorer."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username", help="Brukernavnet koden gjelder.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Fant ingen aktiv bruker «{options['username']}».")
        code = two_factor.issue_enrolment_code(user, issued_by=None)
        record(None, AuditEvent.Verb.CREATE, user, message="engangskode for oppsett laget", scope={})
        self.stdout.write(f"Engangskode for {user.get_username()}: {code}")
        self.stdout.write(f"Den virker én gang og utløper om {settings.FAGLOFT_ENROLMENT_CODE_HOURS} timer.")
