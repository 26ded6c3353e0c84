"""Privacy: downloading one's own data, anonymising leavers, and auditing changes to personal data."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import time_machine
from django.core.management import call_command

from fagloft.audit.models import AuditEvent
from fagloft.competence import queries
from fagloft.competence.models import CompetenceSettings, Employee, FrameworkArea
from fagloft.competence.tasks import anonymise_leavers_task
from fagloft.competence.tests.factories import (
    give_education,
    give_further_education,
    make_employee,
    make_round,
    rate,
)
from fagloft.organizations.tests.factories import login

D = datetime.date


def test_an_employee_downloads_everything_held_about_them_as_json_and_pdf(client, tree):
    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"], languages="nordsamisk")
    give_education(me)
    give_further_education(me)
    area = FrameworkArea.objects.get(code="sami")
    rate(make_round(tree.service_ab, areas=[area]), me, area, 3)
    make_employee(tree.service_ab, "Per", "Kollega")
    login(client, tree.users["employee_ab"])
    response = client.get("/kompetanse/meg/eksport.json")
    data = json.loads(response.content)
    [employment] = data["employments"]
    assert employment["last_name"] == "Egen" and employment["languages"] == "nordsamisk"
    assert len(employment["educations"]) == 1 and len(employment["further_educations"]) == 1
    assert employment["mapping_answers"][0]["self_rating"] == 3
    assert "Kollega" not in response.content.decode()
    pdf = client.get("/kompetanse/meg/eksport.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="export", actor=tree.users["employee_ab"]).count() == 2


@time_machine.travel(D(2026, 6, 1))
def test_leavers_are_anonymised_after_the_retention_period(tree):
    CompetenceSettings.objects.update(retention_days=365)
    old = make_employee(
        tree.service_ab,
        "Gammel",
        "Sluttet",
        started_on=D(2018, 1, 1),
        ended_on=D(2025, 5, 31),
        email="g@example.no",
        user=tree.users["employee_ab"],
    )
    give_education(old)
    recent = make_employee(tree.service_ab, "Nylig", "Sluttet", started_on=D(2018, 1, 1), ended_on=D(2025, 6, 2))
    out = StringIO()
    call_command("anonymise_leavers", stdout=out)
    assert "Anonymiserte 1 ansatte" in out.getvalue()
    old.refresh_from_db()
    assert (old.first_name, old.email, old.user_id) == ("Anonymisert", "", None) and old.anonymised_at
    assert old.educations.get().institution == "" and old.educations.get().level == "bachelor"
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    # Turnover still counts the anonymised leaver.
    figures = queries.figures_for([tree.service_ab.pk], D(2026, 6, 1), years=2)[tree.service_ab.pk]
    assert figures.turnover[2025] == 200


@time_machine.travel(D(2030, 1, 1))
def test_the_task_anonymises_too(tree):
    make_employee(tree.service_ab, "Gammel", "Sluttet", started_on=D(2018, 1, 1), ended_on=D(2020, 1, 1))
    anonymise_leavers_task.enqueue()
    assert Employee.objects.get().first_name == "Anonymisert"


def test_an_anonymised_person_has_no_profile_page(client, tree):
    person = make_employee(tree.service_ab, ended_on=D(2010, 1, 1), started_on=D(2005, 1, 1))
    call_command("anonymise_leavers", stdout=StringIO())
    login(client, tree.users["leader_ab"])
    assert client.get(f"/kompetanse/ansatte/{person.pk}/").status_code == 404


def test_the_admin_sets_the_retention_period(client, tree):
    login(client, tree.users["admin"])
    response = client.post(
        "/kompetanse/innstillinger/",
        {
            "retention_days": 90,
            "min_group_size": 5,
            "small_service_fte": "5",
            "strategy_start_year": 2018,
            "strategy_end_year": 2024,
            "further_education_target": "0.333",
        },
    )
    assert response.status_code == 302
    assert CompetenceSettings.current().retention_days == 90
    assert AuditEvent.objects.filter(object_type="competence.competencesettings", verb="update").exists()


def test_a_leaders_edit_is_audited_and_a_stale_edit_refused(client, tree):
    person = make_employee(tree.service_ab, "Kari", "Nordmann")
    login(client, tree.users["leader_ab"])
    form = {
        "first_name": "Kari",
        "last_name": "Nordmann-Hansen",
        "position": "case_worker",
        "fte_percent": "80",
        "started_on": "2020-01-01",
        "does_core_tasks": "on",
        "prior_experience_years": "0",
        "version": "1",
    }
    assert client.post(f"/kompetanse/ansatte/{person.pk}/", form).status_code == 302
    event = AuditEvent.objects.get(object_type="competence.employee", verb="update")
    assert event.changes["last_name"] == ["Nordmann", "Nordmann-Hansen"]
    stale = client.post(f"/kompetanse/ansatte/{person.pk}/", form | {"last_name": "Annet"})
    assert "Noen andre har lagret endringer" in stale.content.decode()
    person.refresh_from_db()
    assert person.last_name == "Nordmann-Hansen"


def test_an_employee_may_not_change_their_own_position_or_fte(client, tree):
    me = make_employee(tree.service_ab, "Eva", "Egen", user=tree.users["employee_ab"], fte_percent=50)
    login(client, tree.users["employee_ab"])
    client.post(
        f"/kompetanse/ansatte/{me.pk}/",
        {
            "email": "eva@example.no",
            "languages": "nordsamisk",
            "fte_percent": "100",
            "position": "leader",
            "version": "1",
        },
    )
    me.refresh_from_db()
    assert me.email == "eva@example.no" and me.fte_percent == 50 and me.position == "case_worker"
