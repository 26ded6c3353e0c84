"""Background tasks (django-tasks): the daily reminder run, for installations with a worker."""

from __future__ import annotations

from django_tasks import task

from fagloft.assessments.services import send_reminders


@task()
def send_reminders_task() -> int:
    return send_reminders()
