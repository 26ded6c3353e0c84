"""Inputs from the tree (FTE from the register or estimated), proposals through the use case and the
task, the command's JSON, the draft agreement and its adoption, and the API's scope."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from fagloft.competence.tests.factories import make_employee
from fagloft.organising import model, queries, services
from fagloft.organising.models import DistanceOverride, Proposal
from fagloft.organising.tests.factories import add_borders, make_proposal
from fagloft.organizations.models import AgreementAdoption, CooperationAgreement
from fagloft.organizations.services import record_agreement_adoption
from fagloft.organizations.tests.factories import build_tree, login, make_municipality, make_population, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_tree()
    extra = make_municipality(tree.county_x, "9104", "Fjellvik")
    make_population(extra, 2021, children=300)
    make_service(extra, [extra], "Fjellvik barneverntjeneste")
    add_borders(tree.municipality_a, tree.municipality_b, extra)
    add_borders(tree.municipality_c, lon=25.0)
    tree.extra = extra  # type: ignore[attr-defined]
    return tree


def test_fte_comes_from_the_register_where_there_is_one_else_it_is_estimated(tree):
    for _ in range(3):
        make_employee(tree.service_ab, fte_percent=Decimal(100))
    inputs = queries.build_inputs(queries.county_municipalities(tree.county_x), 2021, fte_per_1000=6.0)
    units = {u.number: u for u in inputs.instance.units}
    # Alvik and Bergvik share one service with 3 FTE, split by children (2000 each).
    assert units["9101"].fte == pytest.approx(1.5) and units["9101"].fte_estimated is False
    assert units["9102"].fte == pytest.approx(1.5) and units["9102"].fte_estimated is False
    # Fjellvik has no staff registered: 300 children × 6 per 1 000.
    assert units["9104"].fte == pytest.approx(1.8) and units["9104"].fte_estimated is True
    assert inputs.instance.cooperations == [[0, 1]]
    assert inputs.arrangement[tree.municipality_a.pk] == "host"
    assert inputs.arrangement[tree.municipality_b.pk] == "member"
    assert inputs.arrangement[tree.extra.pk] == "own"


def test_a_distance_override_is_used(tree):
    DistanceOverride.objects.create(first=tree.municipality_a, second=tree.extra, km=Decimal("321.5"))
    inputs = queries.build_inputs(queries.county_municipalities(tree.county_x), 2021)
    numbers = [u.number for u in inputs.instance.units]
    assert inputs.instance.distance[numbers.index("9101")][numbers.index("9104")] == 321.5


def test_a_proposal_is_solved_by_the_task_and_stores_its_services(tree):
    proposal = make_proposal(tree.county_x, "Fem årsverk", actor=tree.users["advisor_x"], min_fte=5.0, max_km=250.0)
    assert proposal.status == Proposal.Status.DONE
    assert proposal.optimal and proposal.gap is not None
    services_ = list(proposal.services.prefetch_related("members"))
    members = sorted(m.number for s in services_ for m in s.members.all())
    assert members == ["9101", "9102", "9104"]
    assert all(s.host in s.members.all() for s in services_)
    assert proposal.inputs["municipalities"][2]["fte_estimated"] is True
    job = services.load_job(proposal.job_id)
    assert job is not None and job.status == "done"


def test_infeasible_rules_are_stored_with_the_reason(tree):
    proposal = make_proposal(tree.county_x, "Umulig", min_fte=500.0, max_km=10.0)
    assert proposal.status == Proposal.Status.INFEASIBLE
    assert any("kan ikke nå minstekravet på 500 årsverk" in r["message"] for r in proposal.reasons)


def test_an_advisor_cannot_propose_for_another_county(tree):
    with pytest.raises(PermissionDenied):
        services.start_proposal(tree.users["advisor_y"], tree.county_x, title="X", rules={})
    assert not Proposal.objects.exists()


def test_a_municipal_leader_proposes_for_their_own_county(tree):
    proposal = services.start_proposal(tree.users["municipal_leader_a"], tree.county_x, title="Vår region", rules={})
    assert proposal.county == tree.county_x
    with pytest.raises(PermissionDenied):
        services.start_proposal(tree.users["municipal_leader_a"], tree.county_y, title="X", rules={})


def test_fixed_hosts_outside_the_county_are_refused(tree):
    from fagloft.lib.refusals import Refused

    with pytest.raises(Refused):
        services.start_proposal(None, tree.county_x, title="X", rules={"fixed_hosts": ["9201"]})


def test_the_command_prints_the_json_of_the_issue(tree):
    out = StringIO()
    call_command(
        "organising_propose",
        "--county",
        "91",
        "--min-fte",
        "5",
        "--max-km",
        "250",
        "--detour",
        "1.3",
        "--format",
        "json",
        "--year",
        "2021",
        stdout=out,
    )
    payload = json.loads(out.getvalue())
    assert payload["county"] == "91"
    assert [m["number"] for m in payload["municipalities"]] == ["9101", "9102", "9104"]
    assert {"children_0_17", "fte", "fte_estimated"} <= set(payload["municipalities"][0])
    assert len(payload["distance_km"]["matrix"]) == 3
    assert payload["optimal"] is True
    assert {"services", "objective", "bound", "gap", "seconds"} <= set(payload)


def test_the_command_solves_all_counties(tree):
    out = StringIO()
    call_command(
        "organising_propose", "--counties", "all", "--min-fte", "1", "--format", "json", stdout=out, stderr=StringIO()
    )
    payload = json.loads(out.getvalue())
    assert [c["county"] for c in payload["counties"]] == ["91", "92"]


def test_a_proposed_service_becomes_a_draft_agreement_that_each_council_adopts(tree):
    proposal = make_proposal(tree.county_x, "Samlet", min_fte=0.0, max_km=None, cost_per_service=10.0**9)
    (service,) = proposal.services.all()
    advisor = tree.users["advisor_x"]
    agreement = services.draft_agreement(
        advisor, proposal, service=service, cost_sharing_key="children", notice_months=12
    )
    service.refresh_from_db()
    assert service.agreement == agreement
    assert agreement.kind == CooperationAgreement.Kind.HOST_SERVICE and agreement.status == "draft"
    assert agreement.host == service.host
    assert set(agreement.parties.values_list("number", flat=True)) == {"9101", "9102", "9104"}
    assert agreement.tasks_delegated and agreement.governance and agreement.notice_months == 12
    from fagloft.lib.refusals import Refused

    with pytest.raises(Refused):
        services.draft_agreement(advisor, proposal, service=service)
    # The municipal leader of Alvik records Alvik's adoption, not Bergvik's.
    leader = tree.users["municipal_leader_a"]
    record_agreement_adoption(leader, tree.municipality_a, agreement=agreement, adopted_on=datetime.date(2025, 3, 1))
    with pytest.raises(PermissionDenied):
        record_agreement_adoption(
            leader, tree.municipality_b, agreement=agreement, adopted_on=datetime.date(2025, 3, 2)
        )
    for municipality, day in ((tree.municipality_b, 4), (tree.extra, 9)):
        record_agreement_adoption(advisor, municipality, agreement=agreement, adopted_on=datetime.date(2025, 3, day))
    agreement.refresh_from_db()
    assert agreement.status == "in_force" and agreement.valid_from == datetime.date(2025, 3, 9)
    assert AgreementAdoption.objects.filter(agreement=agreement).count() == 3


def test_the_agreement_page_shows_the_proposal_it_came_from(client, tree):
    proposal = make_proposal(tree.county_x, "Opphavsforslag", min_fte=0.0, max_km=None, cost_per_service=10.0**9)
    agreement = services.draft_agreement(tree.users["advisor_x"], proposal, service=proposal.services.get())
    login(client, tree.users["advisor_x"])
    from django.urls import reverse

    page = client.get(reverse("organizations:agreement-detail", args=[agreement.pk]))
    assert page.status_code == 200
    assert "Opphavsforslag" in page.content.decode()


def test_the_api_creates_and_reads_proposals_in_scope(client, tree):
    login(client, tree.users["advisor_x"])
    created = client.post(
        "/api/v1/organising/proposals/",
        {"county": "91", "title": "Via API", "min_fte": 2, "max_km": 300},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "done" and body["services"]
    make_proposal(tree.county_y, "Utenfor forslag")
    listed = client.get("/api/v1/organising/proposals/").json()
    titles = [p["title"] for p in listed.get("results", listed)]
    assert titles == ["Via API"]
    refused = client.post(
        "/api/v1/organising/proposals/", {"county": "92", "title": "Nei"}, content_type="application/json"
    )
    assert refused.status_code == 404
    login(client, tree.users["national"])
    listed = client.get("/api/v1/organising/proposals/").json()
    assert len(listed.get("results", listed)) == 2


def test_pages_show_today_and_the_proposal(client, tree, django_assert_max_num_queries):
    proposal = make_proposal(tree.county_x, "Sidevisning", min_fte=5.0)
    login(client, tree.users["advisor_x"])
    page = client.get(f"/organisering/fylker/{tree.county_x.number}/").content.decode()
    assert "Fjellvik" in page and "anslag" in page and "Sidevisning" in page
    detail = client.get(f"/organisering/forslag/{proposal.pk}/").content.decode()
    assert "Bevist optimal" in detail and "Fjellvik" in detail
    compare = client.get(f"/organisering/fylker/91/sammenlign/?forslag={proposal.pk}").content.decode()
    assert "Sidevisning" in compare


def test_the_admin_corrects_a_distance_and_it_is_audited(tree):
    from fagloft.audit.models import AuditEvent

    override = services.save_distance(tree.users["admin"], first=tree.extra, second=tree.municipality_a, km=Decimal(80))
    assert (override.first, override.second) == (tree.municipality_a, tree.extra)
    services.save_distance(tree.users["admin"], first=tree.municipality_a, second=tree.extra, km=Decimal(90))
    assert DistanceOverride.objects.get().km == Decimal(90)
    assert (
        AuditEvent.objects.filter(object_type__endswith="distanceoverride").count() >= 2
        or AuditEvent.objects.count() >= 2
    )
    with pytest.raises(PermissionDenied):
        services.save_distance(tree.users["advisor_x"], first=tree.extra, second=tree.municipality_b, km=Decimal(1))


def test_estimated_fte_is_marked_in_the_model():
    assert model.estimated_fte(1000, 5.8) == 5.8
