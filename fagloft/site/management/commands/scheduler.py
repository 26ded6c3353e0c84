"""`fagloft scheduler`: run the scheduled jobs at their time (see fagloft/site/scheduling.py)."""

from __future__ import annotations

import datetime
import signal
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from fagloft.site.scheduling import available_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders, purges, anonymisation, publishing) at their time of day."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--list", action="store_true", help="List the jobs and their times, then exit.")
        parser.add_argument("--run-all-now", action="store_true", help="Run every job once now, then exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks (default 60).")
        parser.add_argument("--max-loops", type=int, default=0, help="Stop after this many checks (0: never).")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = available_jobs()
        if options["list"]:
            for job in jobs:
                self.stdout.write(f"{job.at:%H:%M}  {job.command:28}  {job.description}")
            return
        if options["run_all_now"]:
            for job in jobs:
                self._run(job.command)
            return
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # Jobs whose time has already passed today count as run at start, so a restart at noon
        # does not send the morning's reminders twice.
        started = timezone.now()
        last_run: dict[str, datetime.datetime] = {job.command: started for job in jobs}
        self.stdout.write(f"Scheduler started with {len(jobs)} jobs.")
        loops = 0
        while not stopping:
            now = timezone.now()
            for job in jobs:
                if job.is_due(now, last_run.get(job.command)):
                    self._run(job.command)
                    last_run[job.command] = timezone.now()
            loops += 1
            if options["max_loops"] and loops >= options["max_loops"]:
                break
            for _ in range(options["interval"]):
                if stopping:
                    break
                time.sleep(1)
        self.stdout.write("Scheduler stopped.")

    def _run(self, command: str) -> None:
        self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M} running {command}")
        try:
            call_command(command, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # noqa: BLE001 - one failing job must not stop the others; the log shows it
            self.stderr.write(f"{command} failed: {error!r}")
