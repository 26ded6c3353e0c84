"""The scheduler: when a job is due, and that every job names a command that exists."""

from __future__ import annotations

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command, get_commands

from fagloft.site.scheduling import JOBS, Job, available_jobs

OSLO = ZoneInfo("Europe/Oslo")


def test_a_daily_job_is_due_once_after_its_time():
    job = Job("x", datetime.time(6, 0), "")
    before = datetime.datetime(2026, 12, 1, 5, 59, tzinfo=OSLO)
    after = datetime.datetime(2026, 12, 1, 6, 1, tzinfo=OSLO)
    assert not job.is_due(before, None)
    assert job.is_due(after, None)
    assert not job.is_due(after, last_run=datetime.datetime(2026, 12, 1, 6, 0, 30, tzinfo=OSLO))
    assert job.is_due(after, last_run=datetime.datetime(2026, 11, 30, 6, 0, 30, tzinfo=OSLO))


def test_a_weekday_job_waits_for_its_day():
    monday_only = Job("x", datetime.time(6, 0), "", weekdays=(0,))
    tuesday = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=OSLO)
    assert not monday_only.is_due(tuesday, None)


def test_the_installed_jobs_are_real_commands():
    commands = get_commands()
    available = available_jobs()
    assert {j.command for j in available} <= set(commands)
    # Every job except an optional app's must be installed.
    assert len(available) >= len(JOBS) - 1, f"missing commands: {[j.command for j in JOBS if j not in available]}"


def test_the_list_names_every_job_with_its_time():
    out = StringIO()
    call_command("scheduler", "--list", stdout=out)
    for job in available_jobs():
        assert job.command in out.getvalue()
