"""Background tasks (django-tasks): one task per municipality, so several workers share a county or
the nation. Immediate by default (demo, tests); a database worker in production."""

from __future__ import annotations

from django_tasks import task


@task()
def draft_for_municipality(batch_id: int, municipality_id: int) -> None:
    from fagloft.reports.services import run_batch_step

    run_batch_step(batch_id, municipality_id)


def enqueue_batch(batch_id: int, municipality_ids: list[int]) -> None:
    for municipality_id in municipality_ids:
        draft_for_municipality.enqueue(batch_id, municipality_id)
