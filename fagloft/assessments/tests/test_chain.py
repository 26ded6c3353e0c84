"""Issue 10, the assessment side: structured needs, the suggested risk level and its reason,
«status i dag» from the figures, the queries other apps read, risk history, guidance-team
candidates and the request/offer/answer flow, last year's needs in this year's themes, hub links."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from fagloft.assessments import links, queries, services, suggestions
from fagloft.assessments.models import (
    Assessment,
    GuidanceEngagement,
    Need,
    RiskSuggestionRule,
    Theme,
    ThemeEntry,
    ThemeIndicator,
)
from fagloft.assessments.tests.factories import add_values, make_assessment
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import login

Status = Assessment.Status


def _score(assessment: Assessment, code: str, likelihood: int, consequence: int) -> None:
    assessment.entries.filter(theme__code=code).update(likelihood=likelihood, consequence=consequence)


def _need(
    assessment: Assessment, kind: str = "competence", theme: str | None = "competence", text: str = "Mer"
) -> Need:
    return Need.objects.create(
        assessment=assessment, kind=kind, theme=Theme.objects.filter(code=theme).first(), description=text
    )


# The suggested level -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "consequence", "level"),
    [(1, 4, "low"), (1, 5, "moderate"), (3, 4, "moderate"), (13, 1, "high"), (5, 5, "high")],
)
def test_the_suggestion_is_the_highest_band_at_the_band_edges(tree, likelihood, consequence, level):
    """Default bands: low ≤ 4, moderate ≤ 12, high ≤ 25; the products 4/5 and 12/13 are the edges."""
    assessment = make_assessment(tree.service_ab)
    entry = assessment.entries.get(theme__code="capacity")
    # 13 × 1 is no real score, but the product is what the bands read.
    ThemeEntry.objects.filter(pk=entry.pk).update(likelihood=likelihood, consequence=consequence)
    _score(assessment, "economy", 1, 1)
    assert suggestions.suggest_for(assessment).level == level


def test_without_scores_there_is_no_suggestion_and_no_reason_is_asked(tree):
    assessment = make_assessment(tree.service_ab)
    assert suggestions.suggest_for(assessment).level == ""
    services.update_assessment(tree.users["leader_ab"], assessment, expected_version=1, risk_level="high")


def test_the_counting_rule_is_data_bufdir_changes_and_it_is_audited(tree):
    assessment = make_assessment(tree.service_ab)
    _score(assessment, "capacity", 5, 5)  # high
    _score(assessment, "competence", 3, 3)  # moderate
    with pytest.raises(PermissionDenied):
        services.update_risk_rule(tree.users["advisor_x"], method="count")
    services.update_risk_rule(tree.users["national"], method="count", min_high_themes=2, min_moderate_themes=2)
    assert suggestions.suggest_for(assessment).level == "moderate"  # one high is not two
    services.update_risk_rule(tree.users["national"], method="count", min_high_themes=1, min_moderate_themes=2)
    assert suggestions.suggest_for(assessment).level == "high"
    rule = RiskSuggestionRule.objects.get()
    assert AuditEvent.objects.filter(object_type="assessments.risksuggestionrule", object_id=str(rule.pk)).exists()


def test_bufdir_reaches_the_risk_rule_from_the_signal_rules_and_the_advisor_does_not(client, tree):
    link = 'href="/vurderinger/risikoregel/"'
    login(client, tree.users["national"])
    assert link in client.get("/vurderinger/signalregler/").content.decode()
    assert client.get("/vurderinger/risikoregel/").status_code == 200
    login(client, tree.users["advisor_x"])
    page = client.get("/vurderinger/signalregler/")
    assert page.status_code == 200 and link not in page.content.decode()


def test_another_level_than_suggested_needs_a_reason_which_is_audited(tree):
    leader = tree.users["leader_ab"]
    assessment = make_assessment(tree.service_ab, conclusion="Stabil")
    _score(assessment, "capacity", 4, 4)  # 16: high
    with pytest.raises(Refused) as refused:
        services.update_assessment(leader, assessment, expected_version=1, risk_level="moderate")
    assert refused.value.field == "risk_level_reason" and "Høy" in str(refused.value)
    assessment.refresh_from_db()
    assert assessment.risk_level == "" and assessment.version == 1  # nothing written
    services.update_assessment(
        leader, assessment, expected_version=1, risk_level="moderate", risk_level_reason="Nye stillinger besatt"
    )
    event = AuditEvent.objects.filter(object_type="assessments.assessment", verb=AuditEvent.Verb.UPDATE).latest("pk")
    assert event.changes["risk_level_reason"] == ["", "Nye stillinger besatt"]
    # The suggested level itself needs no reason.
    services.update_assessment(leader, assessment, expected_version=2, risk_level="high", risk_level_reason="")


def test_submission_stores_the_suggestion_and_refuses_a_changed_score_without_reason(tree):
    leader = tree.users["leader_ab"]
    assessment = make_assessment(tree.service_ab, conclusion="Stabil", risk_level="moderate")
    _score(assessment, "capacity", 3, 3)  # moderate: as chosen
    _score(assessment, "competence", 5, 5)  # later scored high: the level no longer matches
    with pytest.raises(Refused, match="begrunnelse"):
        services.submit_assessment(leader, assessment)
    Assessment.objects.filter(pk=assessment.pk).update(risk_level_reason="Kompetansen er styrket")
    assessment.refresh_from_db()
    services.submit_assessment(leader, assessment)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED and assessment.suggested_risk_level == "high"


def test_the_edit_page_shows_the_refusal_at_the_reason_field(client, tree):
    assessment = make_assessment(tree.service_ab)
    _score(assessment, "capacity", 5, 5)
    login(client, tree.users["leader_ab"])
    response = client.post(
        f"/vurderinger/{assessment.pk}/rediger/",
        {"conclusion": "x", "risk_level": "low", "risk_level_reason": "", "leadership_commitment": "", "version": 1},
    )
    assert response.status_code == 400
    assert 'id="id_risk_level_reason-error"' in response.content.decode()


def test_the_county_reads_the_reason_on_the_assessment_and_in_the_overview(client, tree):
    assessment = make_assessment(
        tree.service_ab,
        status=Status.FORWARDED,
        risk_level="low",
        suggested_risk_level="high",
        risk_level_reason="Utenfor-ord ikke her: ny leder på plass",
    )
    login(client, tree.users["advisor_x"])
    page = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert "Annet enn forslaget" in page and "ny leder på plass" in page
    overview = client.get(f"/vurderinger/fylke/{tree.county_x.number}/").content.decode()
    assert "ny leder på plass" in overview


# Needs --------------------------------------------------------------------------------------


def test_existing_free_text_needs_became_one_need_of_kind_other():
    """Migration 0007 (run on the test database) leaves no text behind: the column is gone."""
    assert not any(f.name == "needs" for f in Assessment._meta.concrete_fields)


def _post_needs(client, assessment, rows, *, add=False, version=None):
    data = {
        "behov-TOTAL_FORMS": str(len(rows)),
        "behov-INITIAL_FORMS": str(sum(1 for r in rows if r.get("need_id"))),
        "behov-MIN_NUM_FORMS": "0",
        "behov-MAX_NUM_FORMS": "20",
        "version": str(assessment.version if version is None else version),
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"behov-{n}-{key}"] = value
    if add:
        data["add"] = "1"
    return client.post(f"/vurderinger/{assessment.pk}/behov/", data)


def test_the_needs_form_adds_edits_and_removes_rows_without_javascript(client, tree):
    assessment = make_assessment(tree.service_ab)
    competence = Theme.objects.get(code="competence")
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/{assessment.pk}/behov/").content.decode()
    assert "Legg til behov" in page and 'name="behov-0-description"' in page  # the empty row
    response = _post_needs(
        client, assessment, [{"theme": competence.pk, "kind": "competence", "description": "Videreutdanning"}], add=True
    )
    assert response.status_code == 302 and response["Location"].endswith("/behov/#behov-siste")
    need = assessment.need_items.get()
    page = client.get(f"/vurderinger/{assessment.pk}/behov/").content.decode()
    assert 'name="behov-1-description"' in page  # a new empty row after the saved one
    assessment.refresh_from_db()
    response = _post_needs(
        client,
        assessment,
        [
            {"need_id": need.pk, "theme": competence.pk, "kind": "competence", "description": "Videreutdanning for to"},
            {"theme": "", "kind": "guidance_team", "description": "Ledelsesveiledning"},
        ],
    )
    assert response.status_code == 302
    assert [(n.kind, n.description) for n in assessment.need_items.order_by("position")] == [
        ("competence", "Videreutdanning for to"),
        ("guidance_team", "Ledelsesveiledning"),
    ]
    assessment.refresh_from_db()
    _post_needs(
        client,
        assessment,
        [{"need_id": need.pk, "theme": competence.pk, "kind": "competence", "description": "x", "DELETE": "on"}],
    )
    assert list(assessment.need_items.values_list("kind", flat=True)) == ["guidance_team"]
    verbs = set(AuditEvent.objects.filter(object_type="assessments.need").values_list("verb", flat=True))
    assert verbs == {AuditEvent.Verb.CREATE, AuditEvent.Verb.UPDATE, AuditEvent.Verb.DELETE}


def test_the_needs_form_shows_errors_on_their_row_and_keeps_the_input(client, tree):
    assessment = make_assessment(tree.service_ab)
    login(client, tree.users["leader_ab"])
    response = _post_needs(
        client,
        assessment,
        [
            {"theme": "", "kind": "competence", "description": "Gyldig rad"},
            {"theme": "", "kind": "", "description": "Mangler type"},
            {"theme": "", "kind": "project", "description": "x" * 2001},
        ],
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_behov-1-kind-error"' in page and 'id="id_behov-2-description-error"' in page
    assert 'id="id_behov-0-kind-error"' not in page
    assert "Behov 2" in page and "Mangler type" in page  # the summary names the row; input kept
    assert not assessment.need_items.exists()


def test_two_people_editing_the_needs_never_overwrite_each_other(tree):
    assessment = make_assessment(tree.service_ab)
    leader = tree.users["leader_ab"]
    row = services.NeedRow(None, "other", "Første")
    services.save_needs(leader, assessment, expected_version=1, rows=[row])
    with pytest.raises(ConcurrentEditError):
        services.save_needs(leader, assessment, expected_version=1, rows=[services.NeedRow(None, "other", "Andre")])
    assert list(assessment.need_items.values_list("description", flat=True)) == ["Første"]


def test_only_the_service_edits_needs_and_only_in_a_draft(tree):
    assessment = make_assessment(tree.service_ab)
    with pytest.raises(PermissionDenied):
        services.save_needs(tree.users["municipal_leader_a"], assessment, expected_version=1, rows=[])
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.SUBMITTED)
    assessment.refresh_from_db()
    with pytest.raises(Refused, match="utkast"):
        services.save_needs(tree.users["leader_ab"], assessment, expected_version=1, rows=[])


def test_a_new_version_copies_the_needs(tree):
    final = make_assessment(tree.service_ab, status=Status.FINAL)
    _need(final, text="Videreutdanning")
    fresh = services.start_new_revision(tree.users["leader_ab"], final)
    assert list(fresh.need_items.values_list("description", flat=True)) == ["Videreutdanning"]


# «Status i dag» from the figures ------------------------------------------------------------


def test_the_theme_edit_form_is_prefilled_from_the_services_own_figures_with_source_and_date(client, tree):
    assert ThemeIndicator.objects.filter(theme__code="capacity", indicator_code="competence-fte").exists()
    add_values("competence-fte", {2024: 5.5, 2025: 6.5}, service=tree.service_ab, source="computed")
    add_values("competence-vacancies", {2025: 1}, municipality=tree.service_ab.host_municipality)
    assessment = make_assessment(tree.service_ab, year=2025)
    entry = assessment.entries.get(theme__code="capacity")
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/{assessment.pk}/tema/{entry.pk}/").content.decode()
    assert "Tall fra Fagløft-statistikken" in page
    assert "6,5" in page and "(2025; kilde: Beregnet i Fagløft" in page and "registrert" in page
    assert "vertskommunens tall" in page  # the vacancies are the host municipality's figure
    # A text the service wrote is never replaced.
    type(entry).objects.filter(pk=entry.pk).update(status_today="Vår egen tekst")
    page = client.get(f"/vurderinger/{assessment.pk}/tema/{entry.pk}/").content.decode()
    assert "Vår egen tekst" in page and "– competence-fte" not in page


# Queries for the other apps -----------------------------------------------------------------


def test_latest_final_needs_prefers_the_latest_final_else_the_latest_submitted(tree):
    old = make_assessment(tree.service_ab, year=2023, status=Status.FINAL)
    final = make_assessment(tree.service_ab, year=2024, status=Status.FINAL)
    later = make_assessment(tree.service_ab, year=2025, status=Status.SUBMITTED)
    _need(old, text="Gammel")
    _need(final, text="Endelig 2024")
    _need(later, text="Innsendt 2025")
    draft_c = make_assessment(tree.service_c, year=2025)
    submitted_c = make_assessment(tree.service_c, year=2024, status=Status.FORWARDED)
    _need(draft_c, text="Utkast")
    _need(submitted_c, text="Innsendt C")
    ids = [tree.municipality_a.pk, tree.municipality_c.pk]
    assert sorted(n.description for n in queries.latest_final_needs(ids)) == ["Endelig 2024", "Innsendt C"]
    assert [n.description for n in queries.latest_final_needs([tree.municipality_a.pk], year=2023)] == ["Gammel"]
    assert [n.description for n in queries.needs_for_service(tree.service_ab)] == ["Endelig 2024"]
    assert queries.needs_for_service(tree.service_ab, year=2022) == []


def test_risk_history_takes_the_highest_forwarded_version_per_year(tree):
    make_assessment(tree.service_ab, year=2023, status=Status.FINAL, risk_level="high")
    make_assessment(tree.service_ab, year=2024, status=Status.FINAL, risk_level="high")
    make_assessment(tree.service_ab, year=2024, revision=2, status=Status.FORWARDED, risk_level="moderate")
    make_assessment(tree.service_ab, year=2025, status=Status.SUBMITTED, risk_level="low")
    assert queries.risk_history(tree.service_ab) == [(2023, "high"), (2024, "moderate")]
    assert queries.risk_history(tree.service_ab, include_own=True)[-1] == (2025, "low")


def test_the_risk_history_page_has_a_chart_and_a_table_and_respects_scope(client, tree):
    make_assessment(tree.service_ab, year=2024, status=Status.FINAL, risk_level="high")
    login(client, tree.users["advisor_x"])
    page = client.get(f"/vurderinger/tjeneste/{tree.service_ab.pk}/risikohistorikk/").content.decode()
    assert "<svg" in page and "<caption>" in page and "2024" in page
    assert client.get(f"/vurderinger/tjeneste/{tree.service_c.pk}/risikohistorikk/").status_code == 404
    login(client, tree.users["employee_ab"])
    assert client.get(f"/vurderinger/tjeneste/{tree.service_ab.pk}/risikohistorikk/").status_code == 403


# Guidance-team candidates -------------------------------------------------------------------


def _candidates(tree):
    rows, _levels = queries.county_overview(tree.county_x)
    return {c.service.pk: c for c in queries.guidance_candidates(rows)}


def test_a_high_overall_risk_makes_a_candidate(tree):
    make_assessment(tree.service_ab, year=2025, status=Status.FORWARDED, risk_level="high")
    assert "Samlet risiko høy i 2025." in _candidates(tree)[tree.service_ab.pk].reasons


def test_high_risk_in_the_same_theme_two_years_running_makes_a_candidate(tree):
    first = make_assessment(tree.service_ab, year=2023, status=Status.FINAL, risk_level="moderate")
    gap = make_assessment(tree.service_ab, year=2024, status=Status.FINAL, risk_level="moderate")
    _score(first, "capacity", 5, 5)
    _score(gap, "competence", 5, 5)  # another theme: no run
    assert tree.service_ab.pk not in _candidates(tree)
    latest = make_assessment(tree.service_ab, year=2025, status=Status.FORWARDED, risk_level="moderate")
    _score(latest, "competence", 4, 4)
    reasons = _candidates(tree)[tree.service_ab.pk].reasons
    assert reasons == ["Høy risiko i «Kompetanse» 2024–2025."]
    # A draft's scores are the service's own: they never count.
    Assessment.objects.filter(pk=latest.pk).update(status=Status.DRAFT)
    assert tree.service_ab.pk not in _candidates(tree)


def test_a_fired_vulnerability_signal_makes_a_candidate_and_other_signals_do_not(tree):
    signals = [
        {"kind": "vulnerability", "fired": True, "name": "Sårbar", "message": "2 av 3 faktorer: Få årsverk"},
        {"kind": "threshold", "fired": True, "name": "Frister", "message": "x"},
    ]
    make_assessment(tree.service_ab, status=Status.FORWARDED, risk_level="low", signals_snapshot=signals)
    assert _candidates(tree)[tree.service_ab.pk].reasons == ["Sårbarhetssignal: 2 av 3 faktorer: Få årsverk"]


def test_the_county_overview_lists_candidates_with_flat_queries(client, tree, django_assert_max_num_queries):
    from fagloft.organizations.tests.factories import make_municipality, make_service

    login(client, tree.users["advisor_x"])
    make_assessment(tree.service_ab, status=Status.FORWARDED, risk_level="high")
    client.get(f"/vurderinger/fylke/{tree.county_x.number}/")  # warm caches (sessions, permissions)
    cache.clear()  # count computing the page, not reading it from the page cache
    with django_assert_max_num_queries(40) as few:
        client.get(f"/vurderinger/fylke/{tree.county_x.number}/")
    for n in range(8):
        municipality = make_municipality(tree.county_x, f"91{50 + n}", f"Ekstra {n}")
        service = make_service(municipality, name=f"Ekstra {n} barneverntjeneste")
        for year in (2023, 2024, 2025):
            a = make_assessment(service, year=year, status=Status.FINAL, risk_level="high")
            _score(a, "capacity", 5, 5)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/vurderinger/fylke/{tree.county_x.number}/").content.decode()
    assert "Ekstra 7 barneverntjeneste" in page and "2023–2025" in page


# The guidance flow ---------------------------------------------------------------------------


def test_the_municipality_asks_from_its_need_the_county_offers_and_the_municipality_accepts(client, tree):
    assessment = make_assessment(tree.service_ab, status=Status.FORWARDED)
    need = _need(assessment, kind="guidance_team", theme="leadership", text="Ledelsesveiledning")
    login(client, tree.users["municipal_leader_a"])
    detail = client.get(f"/vurderinger/{assessment.pk}/").content.decode()
    assert f"/behov/{need.pk}/veiledningsteam/" in detail
    response = client.post(f"/vurderinger/{assessment.pk}/behov/{need.pk}/veiledningsteam/", {"reason": ""})
    engagement = GuidanceEngagement.objects.get()
    assert response.status_code == 302 and engagement.need == need and engagement.status == "requested"
    assert engagement.reason == "Ledelsesveiledning"
    with pytest.raises(Refused, match="åpent oppdrag"):
        services.request_guidance(tree.users["leader_ab"], need)
    # The municipality cannot offer to itself; the county (or Bufdir) does.
    assert client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/tilby/", {"version": 1}).status_code == 403
    login(client, tree.users["advisor_x"])
    assert client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/tilby/", {"version": 1}).status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "offered"
    # The county cannot answer its own offer.
    assert client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/takk-ja/", {"version": 2}).status_code == 403
    login(client, tree.users["municipal_leader_a"])
    assert client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/takk-ja/", {"version": 2}).status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "accepted"
    services.start_guidance(tree.users["national"], engagement)  # Bufdir manages them nationally
    services.end_guidance(tree.users["national"], engagement)
    engagement.refresh_from_db()
    assert engagement.status == "ended" and engagement.period_start and engagement.period_end
    steps = AuditEvent.objects.filter(object_type="assessments.guidanceengagement", verb=AuditEvent.Verb.TRANSITION)
    assert steps.count() == 4


def test_declining_an_offer_needs_a_reason_and_others_may_not_answer(client, tree):
    engagement = services.propose_guidance(tree.users["advisor_x"], service=tree.service_ab, reason="Høy risiko")
    assert engagement.status == "offered"
    login(client, tree.users["leader_ab"])
    refused = client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/takk-nei/", {"version": 1, "note": ""})
    assert refused.status_code == 400 and "Skriv en kort begrunnelse" in refused.content.decode()
    for outsider in ("leader_c", "employee_ab", "advisor_x"):
        with pytest.raises(PermissionDenied):
            services.decline_guidance(tree.users[outsider], engagement, note="Nei")
    ok = client.post(f"/vurderinger/veiledningsteam/{engagement.pk}/takk-nei/", {"version": 1, "note": "Ikke nå"})
    assert ok.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "declined" and engagement.answer_note == "Ikke nå"
    with pytest.raises(Refused, match="kan ikke bli"):
        services.accept_guidance(tree.users["leader_ab"], engagement)


def test_only_a_guidance_team_need_becomes_a_request(tree):
    need = _need(make_assessment(tree.service_ab), kind="competence")
    with pytest.raises(Refused, match="Veiledningsteam"):
        services.request_guidance(tree.users["leader_ab"], need)


def test_each_role_sees_its_guidance_step_on_the_front_page(tree):
    from fagloft.assessments.attention import items_for

    need = _need(make_assessment(tree.service_ab), kind="guidance_team")
    engagement = services.request_guidance(tree.users["leader_ab"], need)
    titles = lambda user: [str(i.title) for i in items_for(tree.users[user])]  # noqa: E731
    assert any("ber om veiledningsteam" in t for t in titles("advisor_x"))
    assert any("ber om veiledningsteam" in t for t in titles("national"))
    assert not any("veiledningsteam" in t for t in titles("advisor_y"))
    assert any("venter på Statsforvalteren" in t for t in titles("leader_ab"))
    services.offer_guidance(tree.users["advisor_x"], engagement)
    assert any("Tilbud om veiledningsteam" in t for t in titles("municipal_leader_a"))
    assert any("venter på svar fra kommunen" in t for t in titles("advisor_x"))
    assert not any("Tilbud om veiledningsteam" in t for t in titles("leader_c"))


# Last year's needs in this year's themes ----------------------------------------------------


def test_next_years_assessment_shows_last_years_needs_measures_and_engagements_per_theme(client, tree):
    last = make_assessment(tree.service_ab, year=2024, status=Status.FINAL)
    need = _need(last, kind="guidance_team", theme="leadership", text="Ledelsesveiledning i fjor")
    _need(last, kind="other", theme=None, text="Uten tema i fjor")
    services.request_guidance(tree.users["leader_ab"], need)
    from fagloft.assessments.models import FollowUpMeasure

    FollowUpMeasure.objects.create(
        assessment=last,
        theme=Theme.objects.get(code="leadership"),
        description="Ny lederstruktur",
        owner="Leder",
        deadline="2024-06-01",
    )
    this = make_assessment(tree.service_ab, year=2025)
    login(client, tree.users["leader_ab"])
    page = client.get(f"/vurderinger/{this.pk}/").content.decode()
    leadership = page[page.index('id="tema-leadership"') :]
    leadership = leadership[: leadership.index("</article>")]
    assert "Fra vurderingen for 2024" in leadership and "Ledelsesveiledning i fjor" in leadership
    assert "Ny lederstruktur" in leadership and "Ønsket av kommunen" in leadership
    assert "Uten tema i fjor" in page


# Hub links ----------------------------------------------------------------------------------


def test_hub_links_lead_to_the_units_assessments_for_roles_that_read_them(tree):
    make_assessment(tree.service_ab, year=2024, status=Status.FINAL, risk_level="high")
    for user in ("leader_ab", "municipal_leader_a", "advisor_x", "national"):
        found = links.municipality_hub(tree.municipality_a, tree.users[user])
        assert any("kommune=" + tree.municipality_a.number in link.url for link in found), user
        assert any("risikohistorikk" in link.url for link in links.service_hub(tree.service_ab, tree.users[user]))
    for user in ("employee_ab", "coordinator_x", "advisor_y", "leader_c", "no_role"):
        assert links.municipality_hub(tree.municipality_a, tree.users[user]) == [], user
        assert links.service_hub(tree.service_ab, tree.users[user]) == [], user
    detail = links.service_hub(tree.service_ab, tree.users["advisor_x"])[1].detail
    assert "2024" in str(detail) and "høy" in str(detail)
