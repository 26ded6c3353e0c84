"""The county overview (table and map), Bufdir's national picture, guidance teams and signal rules."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
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
        Border.objects.create(
            municipality=municipality,
            year=2024,
            bbox=[west, 60, west + 1, 61],
            source="test",
            geometry={"type": "Polygon", "coordinates": [ring]},
        )
    return tree


def test_the_county_overview_shows_the_latest_version_and_colours_the_map_with_text(client, tree):
    make_assessment(tree.service_ab, year=2024, risk_level="low", status=Assessment.Status.FINAL)
    latest = make_assessment(
        tree.service_ab,
        year=2025,
        risk_level="high",
        status=Assessment.Status.FORWARDED,
        signals_snapshot=[{"name": "Mange fristbrudd", "fired": True}, {"name": "Stille signal", "fired": False}],
    )
    login(client, tree.users["advisor_x"])
    page = client.get("/vurderinger/fylke/91/").content.decode()
    assert f"/vurderinger/{latest.pk}/" in page and "Mange fristbrudd" in page and "Stille signal" not in page
    assert 'aria-label="Alvik: risiko høy"' in page and 'aria-label="Bergvik: risiko høy"' in page
    assert "Utenfor" not in page


def test_the_overview_shows_the_last_forwarded_assessment_and_never_one_still_in_the_municipality(client, tree):
    forwarded = make_assessment(tree.service_ab, year=2024, risk_level="moderate", status=Assessment.Status.FINAL)
    make_assessment(tree.service_ab, year=2025, risk_level="high", status=Assessment.Status.SUBMITTED)
    make_assessment(tree.service_c, year=2025, risk_level="low")
    latest = latest_assessments(Service.objects.all())
    assert latest[tree.service_ab.pk] == forwarded and tree.service_c.pk not in latest


def test_the_county_overview_is_for_the_county_and_bufdir_only(client, tree):
    for username, status in (
        ("advisor_x", 200),
        ("national", 200),
        ("advisor_y", 404),
        ("leader_ab", 403),
        ("municipal_leader_a", 403),
    ):
        client.logout()
        login(client, tree.users[username])
        assert client.get("/vurderinger/fylke/91/").status_code == status, username


def test_the_county_overview_takes_the_same_number_of_queries_with_more_services(
    client, tree, django_assert_max_num_queries
):
    login(client, tree.users["advisor_x"])
    make_assessment(tree.service_ab, risk_level="moderate", status=Assessment.Status.FORWARDED)
    client.get("/vurderinger/fylke/91/")  # warm caches (sessions, memberships)
    cache.clear()  # count computing the page, not reading it from the page cache
    with django_assert_max_num_queries(20) as small:
        client.get("/vurderinger/fylke/91/")
    for number in range(3, 13):
        municipality = make_municipality(tree.county_x, f"91{number:02d}", f"Kommune {number}")
        make_assessment(make_service(municipality), risk_level="high", status=Assessment.Status.FINAL)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/vurderinger/fylke/91/")
    assert response.content.decode().count("Høy risiko") >= 10


def test_the_national_picture_counts_services_by_latest_risk_level(client, tree):
    shared = Assessment.Status.FORWARDED
    make_assessment(tree.service_ab, year=2024, risk_level="low", status=shared)
    make_assessment(tree.service_ab, year=2025, risk_level="high", status=shared)
    make_assessment(tree.service_c, risk_level="moderate", status=Assessment.Status.DISCUSSED)
    make_assessment(tree.service_c, year=2026, risk_level="low")  # a draft: the municipality's own
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
    with pytest.raises(services.WorkflowRefused, match="allerede et åpent oppdrag"):
        services.propose_guidance(tree.users["municipal_leader_a"], service=tree.service_ab, reason="Vi vil")
    requested = services.propose_guidance(tree.users["leader_c"], service=tree.service_c, reason="Vi trenger hjelp")
    assert requested.origin == GuidanceEngagement.Origin.REQUESTED
    with pytest.raises(PermissionDenied):
        services.propose_guidance(tree.users["employee_ab"], service=tree.service_ab, reason="x")


def test_a_guidance_engagement_records_period_commitment_sessions_and_outcome(client, tree):
    engagement = services.propose_guidance(tree.users["advisor_x"], service=tree.service_ab, reason="Høy risiko")
    login(client, tree.users["advisor_x"])
    response = client.post(
        f"/vurderinger/veiledningsteam/{engagement.pk}/endre/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "committed_time": "En dag i måneden",
            "committed_people": "Leder og to saksbehandlere",
            "outcome": "",
            "version": engagement.version,
        },
    )
    assert response.status_code == 302
    client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/moter/", {"date": "2026-02-01", "topic": "Ledelse"})
    engagement.refresh_from_db()
    assert engagement.status == "offered" and engagement.committed_time == "En dag i måneden"
    assert engagement.sessions.get().topic == "Ledelse"
    with pytest.raises(services.WorkflowRefused, match="slutte før den begynner"):
        services.update_engagement(
            tree.users["advisor_x"],
            engagement,
            expected_version=engagement.version,
            period_end=datetime.date(2025, 1, 1),
        )


def test_a_county_advisor_writes_rules_for_the_county_and_bufdir_national_ones(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/vurderinger/signalregler/ny/",
        {
            "name": "Mange fristbrudd",
            "kind": "threshold",
            "indicator_code": "fristbrudd",
            "parameters": '{"op": ">", "value": 25}',
            "severity": "danger",
            "theme": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert SignalRule.objects.get().county == tree.county_x
    national = services.create_national_rule(
        tree.users["national"],
        name="Nasjonal",
        kind="trend",
        indicator_code="x",
        parameters={"direction": "up", "min_slope": 1},
    )
    with pytest.raises(PermissionDenied):
        services.create_national_rule(
            tree.users["advisor_x"], name="Ikke lov", kind="trend", indicator_code="x", parameters={"direction": "up"}
        )
    assert national.county is None
    with pytest.raises(PermissionDenied):
        services.update_rule(tree.users["advisor_x"], national, expected_version=1, name="Kapret")
    assert client.get(f"/vurderinger/signalregler/{national.pk}/").status_code == 403


def test_bufdir_changes_the_national_rules_and_the_county_its_own(tree):
    county_rule = services.create_rule(
        tree.users["advisor_x"],
        county=tree.county_x,
        name="Fylkets",
        kind="trend",
        indicator_code="x",
        parameters={"direction": "up", "min_slope": 1},
    )
    national = services.create_national_rule(
        tree.users["national"],
        name="Nasjonal",
        kind="trend",
        indicator_code="x",
        parameters={"direction": "up", "min_slope": 1},
    )
    # Bufdir reads every county's rules but changes only the national ones.
    with pytest.raises(PermissionDenied):
        services.update_rule(tree.users["national"], county_rule, expected_version=1, name="Overstyrt")
    with pytest.raises(PermissionDenied):
        services.create_rule(
            tree.users["national"],
            county=tree.county_x,
            name="Nei",
            kind="trend",
            indicator_code="x",
            parameters={"direction": "up", "min_slope": 1},
        )
    services.update_rule(tree.users["national"], national, expected_version=1, name="Nasjonal regel")
    services.update_rule(tree.users["admin"], county_rule, expected_version=1, name="Rettet av drift")
    county_rule.refresh_from_db()
    assert county_rule.name == "Rettet av drift"


def test_a_rule_with_bad_parameters_is_refused_naming_the_field(client, tree):
    login(client, tree.users["advisor_x"])
    response = client.post(
        "/vurderinger/signalregler/ny/",
        {
            "name": "Feil",
            "kind": "threshold",
            "indicator_code": "x",
            "parameters": '{"op": "!!", "value": "mye"}',
            "severity": "warning",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Parametere (JSON)" in page
    assert "«op» må være ett av" in page and "«value» må være et tall" in page
    response = client.post(
        "/vurderinger/signalregler/ny/",
        {
            "name": "Feil",
            "kind": "threshold",
            "indicator_code": "x",
            "parameters": "{ikke json",
            "severity": "warning",
        },
    )
    assert "ikke gyldig JSON" in response.content.decode()
    assert not SignalRule.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Signals from the indicators"), ("nn", "Signal frå indikatorane")]
)
def test_the_assessment_page_is_translated(client, tree, language, expected):
    assessment = make_assessment(tree.service_ab, risk_level="high")
    SignalRule.objects.create(name="Terskel", kind="threshold", indicator_code="x", parameters={"op": ">", "value": 1})
    login(client, tree.users["leader_ab"])
    client.cookies["fagloft_language"] = language
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert expected in page


def test_the_no_assessment_colour_is_the_same_on_the_map_and_in_the_legend(client, tree):
    import re

    from fagloft.assessments.queries import NO_ASSESSMENT_COLOUR

    login(client, tree.users["advisor_x"])
    page = client.get("/vurderinger/fylke/91/").content.decode()
    # Nothing assessed: every municipality has the "none" fill, and the legend shows that colour.
    assert f'style="fill: {NO_ASSESSMENT_COLOUR}"' in page
    legend = page[page.index('class="fl-legend"') :]
    swatch = re.search(r'style="background: ([^"]+)" aria-hidden="true"></span>Ingen vurdering', legend)
    assert swatch and swatch.group(1) == NO_ASSESSMENT_COLOUR


def test_the_county_overview_table_keeps_its_key_columns_at_desktop_width(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.get("/vurderinger/fylke/91/").content.decode()
    table = page[page.index('class="ds-table fl-overview-table"') :]
    table = table[: table.index("</thead>")]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headers == ["Tjeneste", "Siste vurdering", "Risiko", "Signaler"]
    # The table is not squeezed into a column beside the map.
    assert "fl-two-columns" not in page
    assert page.index('id="table-heading"') < page.index('id="map-heading"')
