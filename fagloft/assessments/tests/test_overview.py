"""The county overview (table and map), Bufdir's national picture, guidance teams and signal rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.assessments import services
from fagloft.assessments.models import Assessment, GuidanceEngagement, SignalRule
from fagloft.assessments.queries import latest_assessments, national_picture
from fagloft.assessments.tests.factories import make_assessment
from fagloft.organizations.models import Border, Service
from fagloft.organizations.tests.factories import build_tree, login, make_municipality, make_service


@pytest.fixture
def tree(db):
    tree = build_tree()
    for index, municipality in enumerate((tree.municipality_a, tree.municipality_b, tree.municipality_c)):
        west = 10 + index
        ring = [[west, 60], [west + 1, 60], [west + 1, 61], [west, 61], [west, 60]]
        Border.objects.create(municipality=municipality, year=2024, bbox=[west, 60, west + 1, 61], source="test",
                              geometry={"type": "Polygon", "coordinates": [ring]})
    return tree


def test_the_county_overview_shows_the_latest_version_and_colours_the_map_with_text(client, tree):
    make_assessment(tree.service_ab, year=2024, risk_level="low", status=Assessment.Status.FINAL)
    latest = make_assessment(tree.service_ab, year=2025, risk_level="high", status=Assessment.Status.SUBMITTED,
                             signals_snapshot=[{"name": "Mange fristbrudd", "fired": True},
                                               {"name": "Stille signal", "fired": False}])
    login(client, tree.users["advisor_x"])
    page = client.get("/vurderinger/fylke/91/").content.decode()
    assert f"/vurderinger/{latest.pk}/" in page and "Mange fristbrudd" in page and "Stille signal" not in page
    assert 'aria-label="Alvik: risiko høy"' in page and 'aria-label="Bergvik: risiko høy"' in page
    assert "Utenfor" not in page


def test_the_overview_shows_the_last_submitted_assessment_rather_than_a_newer_draft(client, tree):
    submitted = make_assessment(tree.service_ab, year=2024, risk_level="moderate", status=Assessment.Status.FINAL)
    make_assessment(tree.service_ab, year=2025)
    only_draft = make_assessment(tree.service_c, year=2025, risk_level="low")
    latest = latest_assessments(Service.objects.all())
    assert latest[tree.service_ab.pk] == submitted and latest[tree.service_c.pk] == only_draft


def test_the_county_overview_is_for_the_county_and_bufdir_only(client, tree):
    for username, status in (("advisor_x", 200), ("national", 200), ("advisor_y", 404), ("leader_ab", 403),
                             ("municipal_leader_a", 403)):
        client.logout()
        login(client, tree.users[username])
        assert client.get("/vurderinger/fylke/91/").status_code == status, username


def test_the_county_overview_takes_the_same_number_of_queries_with_more_services(client, tree,
                                                                                  django_assert_max_num_queries):
    login(client, tree.users["advisor_x"])
    make_assessment(tree.service_ab, risk_level="moderate")
    client.get("/vurderinger/fylke/91/")  # warm caches (sessions, memberships)
    with django_assert_max_num_queries(20) as small:
        client.get("/vurderinger/fylke/91/")
    for number in range(3, 13):
        municipality = make_municipality(tree.county_x, f"91{number:02d}", f"Kommune {number}")
        make_assessment(make_service(municipality), risk_level="high")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/vurderinger/fylke/91/")
    assert response.content.decode().count("Høy risiko") >= 10


def test_the_national_picture_counts_services_by_latest_risk_level(client, tree):
    make_assessment(tree.service_ab, year=2024, risk_level="low")
    make_assessment(tree.service_ab, year=2025, risk_level="high")
    make_assessment(tree.service_c, risk_level="moderate")
    rows = {row["county"].number: row["counts"] for row in national_picture()}
    assert rows["91"] == {"high": 1} and rows["92"] == {"moderate": 1}
    login(client, tree.users["national"])
    assert client.get("/vurderinger/hele-landet/").status_code == 200
    client.logout()
    login(client, tree.users["advisor_x"])
    assert client.get("/vurderinger/hele-landet/").status_code == 403


def test_the_county_nominates_and_the_municipality_asks_for_a_guidance_team(tree):
    nominated = services.propose_guidance(tree.users["advisor_x"], service=tree.service_ab, reason="Høy risiko")
    assert nominated.origin == GuidanceEngagement.Origin.NOMINATED
    with pytest.raises(services.WorkflowError, match="allerede et åpent oppdrag"):
        services.propose_guidance(tree.users["municipal_leader_a"], service=tree.service_ab, reason="Vi vil")
    requested = services.propose_guidance(tree.users["leader_c"], service=tree.service_c, reason="Vi trenger hjelp")
    assert requested.origin == GuidanceEngagement.Origin.REQUESTED
    with pytest.raises(PermissionDenied):
        services.propose_guidance(tree.users["employee_ab"], service=tree.service_ab, reason="x")


def test_a_guidance_engagement_records_period_commitment_sessions_and_outcome(client, tree):
    engagement = services.propose_guidance(tree.users["advisor_x"], service=tree.service_ab, reason="Høy risiko")
    login(client, tree.users["advisor_x"])
    response = client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/", {
        "status": "active", "period_start": "2026-01-01", "period_end": "2026-12-31",
        "committed_time": "En dag i måneden", "committed_people": "Leder og to saksbehandlere", "outcome": "",
        "expected_version": engagement.version,
    })
    assert response.status_code == 302
    client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/moter/", {"date": "2026-02-01", "topic": "Ledelse"})
    engagement.refresh_from_db()
    assert engagement.status == "active" and engagement.committed_time == "En dag i måneden"
    assert engagement.sessions.get().topic == "Ledelse"
    with pytest.raises(services.WorkflowError, match="slutte før den begynner"):
        services.update_engagement(tree.users["advisor_x"], engagement, expected_version=engagement.version,
                                   period_end=engagement.period_start.replace(year=2025))


def test_a_county_advisor_writes_rules_for_the_county_and_bufdir_national_ones(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/vurderinger/signalregler/ny/", {
        "name": "Mange fristbrudd", "kind": "threshold", "indicator_code": "fristbrudd",
        "parameters": '{"op": ">", "value": 25}', "severity": "danger", "theme": "", "is_active": "on",
    })
    assert response.status_code == 302
    assert SignalRule.objects.get().county == tree.county_x
    national = services.create_rule(tree.users["national"], county=None, name="Nasjonal", kind="trend",
                                     indicator_code="x", parameters={"direction": "up", "min_slope": 1})
    assert national.county is None
    with pytest.raises(PermissionDenied):
        services.update_rule(tree.users["advisor_x"], national, expected_version=1, name="Kapret")
    assert client.get(f"/vurderinger/signalregler/{national.pk}/").status_code == 403


def test_a_rule_with_bad_parameters_is_refused_naming_the_field(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post("/vurderinger/signalregler/ny/", {
        "name": "Feil", "kind": "threshold", "indicator_code": "x", "parameters": '{"op": "!!", "value": "mye"}',
        "severity": "warning",
    })
    page = response.content.decode()
    assert response.status_code == 200 and "Parametere (JSON)" in page
    assert "«op» må være ett av" in page and "«value» må være et tall" in page
    response = client.post("/vurderinger/signalregler/ny/", {
        "name": "Feil", "kind": "threshold", "indicator_code": "x", "parameters": "{ikke json", "severity": "warning",
    })
    assert "ikke gyldig JSON" in response.content.decode()
    assert not SignalRule.objects.exists()


@pytest.mark.parametrize(("language", "expected"), [("en", "Signals from the indicators"),
                                                    ("nn", "Signal frå indikatorane")])
def test_the_assessment_page_is_translated(client, tree, language, expected):
    assessment = make_assessment(tree.service_ab, risk_level="high")
    SignalRule.objects.create(name="Terskel", kind="threshold", indicator_code="x", parameters={"op": ">", "value": 1})
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert expected in page
