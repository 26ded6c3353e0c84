"""Background tasks (django-tasks): run by the worker in production, at once by default."""

from __future__ import annotations

from django_tasks import task

from fagloft.grants.reminders import send_spending_reminders


@task()
def send_spending_reminders_task(days_before: int = 60) -> int:
    """E-mail grant holders before the spending deadline; schedule it daily (each grant once)."""
    return send_spending_reminders(days_before=days_before)
