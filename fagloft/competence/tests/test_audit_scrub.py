"""Anonymising a leaver also removes their personal data from the audit trail."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

import time_machine

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import scrub
from fagloft.competence import services
from fagloft.competence.models import Employee
from fagloft.organizations.tests.factories import Tree

D = datetime.date


def _trail_text(events: Iterable[AuditEvent]) -> str:
    return " ".join(f"{e.object_repr} {e.message} {json.dumps(e.changes, ensure_ascii=False)}" for e in events)


def _person(tree: Tree, first: str, last: str, email: str) -> Employee:
    leader = tree.users["leader_ab"]
    employee = services.create_employee(
        leader,
        tree.service_ab,
        {
            "first_name": first,
            "last_name": last,
            "email": email,
            "started_on": D(2018, 1, 1),
            "ended_on": D(2025, 5, 31),
            "languages": "nordsamisk",
        },
    )
    services.add_item(
        leader,
        employee,
        "utdanning",
        {"level": "bachelor", "field": "child_welfare", "year": 2015, "institution": "Høgskolen i Sørmarka"},
    )
    removed = services.add_item(
        leader, employee, "sertifisering", {"method": "pmto", "year": 2019, "note": "Sertifisert av Kari Veileder"}
    )
    services.delete_item(leader, removed)
    return employee


@time_machine.travel(D(2026, 6, 1))
def test_anonymising_a_leaver_leaves_no_personal_data_in_the_audit_trail(tree):
    leaver = _person(tree, "Gunnhild", "Sluttmo", "gunnhild.sluttmo@example.no")
    services.update_employee(tree.users["leader_ab"], leaver, {"email": "gs@example.no"}, leaver.version)
    other = services.create_employee(
        tree.users["leader_ab"],
        tree.service_ab,
        {
            "first_name": "Bjarne",
            "last_name": "Blirvaerende",
            "email": "bjarne@example.no",
            "started_on": D(2019, 1, 1),
        },
    )
    before = AuditEvent.objects.count()
    assert "Sluttmo" in _trail_text(AuditEvent.objects.all())

    assert services.anonymise_leavers(None, D(2028, 1, 1)) == 1

    text = _trail_text(AuditEvent.objects.all())
    for secret in (
        "Gunnhild",
        "Sluttmo",
        "gunnhild.sluttmo@example.no",
        "gs@example.no",
        "nordsamisk",
        "Sørmarka",
        "Kari Veileder",
    ):
        assert secret not in text
    # The trail still shows who did what and when, and one new row says the record was anonymised.
    assert AuditEvent.objects.count() == before + 1
    created = AuditEvent.objects.filter(
        object_type="competence.employee", object_id=str(leaver.pk), verb=AuditEvent.Verb.CREATE
    ).get()
    assert created.actor == tree.users["leader_ab"] and created.object_repr == "Anonymisert ansatt"
    assert set(created.changes) >= {"first_name", "email"} and created.changes["first_name"] == [None, None]
    # The colleague who stays keeps their trail.
    kept = AuditEvent.objects.get(object_type="competence.employee", object_id=str(other.pk))
    assert kept.object_repr == "Bjarne Blirvaerende" and kept.changes["email"] == [None, "bjarne@example.no"]


def test_scrub_touches_only_the_named_objects(tree):
    first = services.create_employee(
        None, tree.service_ab, {"first_name": "Ane", "last_name": "En", "started_on": D(2020, 1, 1)}
    )
    second = services.create_employee(
        None, tree.service_ab, {"first_name": "Bo", "last_name": "To", "started_on": D(2020, 1, 1)}
    )
    assert scrub("competence.employee", [first.pk], "Anonymisert ansatt") == 1
    assert (
        AuditEvent.objects.get(object_id=str(first.pk), object_type="competence.employee").object_repr
        == "Anonymisert ansatt"
    )
    assert AuditEvent.objects.get(object_id=str(second.pk), object_type="competence.employee").object_repr == "Bo To"
