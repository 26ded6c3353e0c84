"""Background tasks (django-tasks): run by the worker in production, at once by default."""

from __future__ import annotations

from django_tasks import task

from fagloft.competence import publishing, services


@task()
def anonymise_leavers_task() -> int:
    """Anonymise people who left longer ago than the retention period; schedule it daily."""
    return services.anonymise_leavers(None)


@task()
def publish_competence_figures_task() -> int:
    """Publish the competence figures of every year with data to statistics (the nightly job)."""
    return sum(publishing.publish_every_year(None).values())
