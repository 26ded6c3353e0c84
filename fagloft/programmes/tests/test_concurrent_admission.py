"""Concurrent admissions on a real transaction: threads admit more applicants than there are places
at once; the class is never over-filled. (On SQLite writers take turns or are told the database is
busy; on PostgreSQL the row lock and the conditional update decide.)"""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection

from fagloft.competence.tests.factories import make_employee
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree
from fagloft.programmes import services
from fagloft.programmes.models import Enrolment, EnrolmentStatus
from fagloft.programmes.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_admissions_never_over_fill_the_class():
    tree = build_tree()
    provider = f.provider_for(tree)
    allocation = f.make_allocation(2029, places=3, provider=provider)
    enrolments = [f.make_enrolment(allocation, make_employee(tree.service_ab)) for _ in range(8)]
    actor = tree.users["competence_env"]
    barrier = threading.Barrier(len(enrolments))
    outcomes: list[str] = []

    def admit(enrolment: Enrolment) -> None:
        try:
            barrier.wait()
            for _attempt in range(20):
                try:
                    services.admit(actor, enrolment)
                    outcomes.append("admitted")
                    return
                except OperationalError:
                    continue  # SQLite: busy; try again
            outcomes.append("busy")
        except Refused:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=admit, args=(e,)) for e in enrolments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    allocation.refresh_from_db()
    admitted = Enrolment.objects.filter(allocation=allocation, status=EnrolmentStatus.ADMITTED).count()
    assert allocation.admitted == admitted <= 3
    assert outcomes.count("admitted") == admitted
    assert admitted == 3 or "busy" in outcomes
