"""Background tasks (django-tasks): run by the worker in production, at once by default."""

from __future__ import annotations

from django_tasks import task

from fagloft.networks.services import send_gathering_reminders


@task()
def send_gathering_reminders_task(days_before: int = 3) -> int:
    """E-mail reminders for gatherings starting soon; schedule it hourly (each gathering once)."""
    return send_gathering_reminders(days_before=days_before)
