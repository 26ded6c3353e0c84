"""The scheduled jobs of a production installation, and when each is due.

One scheduler process (`fagloft scheduler`, the `scheduler` line of the Procfile) runs them at
their time of day in Oslo. Each job is a management command, so an operator can also run it by
hand. Run exactly one scheduler per installation: the jobs are idempotent (a reminder is sent
once, a purge removes what is old), so a second scheduler would do no harm but no good either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.management import get_commands
from django.utils import timezone


@dataclass(frozen=True)
class Job:
    command: str
    at: datetime.time
    description: str
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # Monday is 0

    def is_due(self, now: datetime.datetime, last_run: datetime.datetime | None) -> bool:
        """Due when today's time has passed and it has not run since then."""
        local = timezone.localtime(now)
        if local.weekday() not in self.weekdays:
            return False
        todays = timezone.make_aware(datetime.datetime.combine(local.date(), self.at), local.tzinfo)
        return local >= todays and (last_run is None or last_run < todays)


JOBS = [
    Job("send_reminders", datetime.time(6, 0), "Påminnelser om risiko- og tilstandsvurderinger og dialogmøter"),
    Job("send_gathering_reminders", datetime.time(6, 10), "Påminnelser om fellessamlinger"),
    Job("send_grant_reminders", datetime.time(6, 20), "Påminnelser om søknadsfrister, rapporter og bruksfrister"),
    Job("publish_competence_figures", datetime.time(2, 0), "Kompetansetall til statistikken for hvert år med data"),
    Job("knowledge_publish", datetime.time(2, 15), "Dekning av tiltakspyramiden til statistikken for hver kommune"),
    Job("kostra_purge", datetime.time(3, 0), "Sletter KOSTRA-kontrollrapporter eldre enn 7 dager"),
    Job("anonymise_leavers", datetime.time(3, 30), "Anonymiserer ansatte som har sluttet for lenge siden"),
    Job("analyze_database", datetime.time(4, 0), "Oppdaterer databasens statistikk for spørringsplanleggeren"),
]


def available_jobs() -> list[Job]:
    """The jobs whose command exists in this installation (an app may be left out)."""
    commands = get_commands()
    return [job for job in JOBS if job.command in commands]
