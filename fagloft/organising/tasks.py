"""Background tasks (django-tasks): solving a proposal, at once by default, in a worker in production."""

from __future__ import annotations

from django_tasks import task


@task()
def solve_proposal_task(proposal_id: int) -> str:
    from fagloft.organising.services import solve_proposal

    return solve_proposal(proposal_id).status
