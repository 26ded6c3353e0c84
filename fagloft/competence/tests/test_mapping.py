"""Mapping rounds: answering, assessing, and never showing a group of fewer than five people."""

from __future__ import annotations

import pytest

from fagloft.competence import queries
from fagloft.competence.models import FrameworkArea, MappingAnswer, MappingRound
from fagloft.competence.tests.factories import make_employee, make_round, rate
from fagloft.organizations.tests.factories import login


def _round_with(tree, people: int, rating: int = 2):
    area = FrameworkArea.objects.get(code="trauma")
    mapping_round = make_round(tree.service_ab, areas=[area])
    for _ in range(people):
        rate(mapping_round, make_employee(tree.service_ab), area, rating, 3)
    return mapping_round, area


def test_four_people_are_suppressed(tree):
    _round_with(tree, 4)
    [result] = queries.mapping_results([tree.service_ab.pk])
    assert result.suppressed and result.self_mean is None and result.distribution == []


def test_five_people_are_shown(tree):
    _round_with(tree, 5)
    [result] = queries.mapping_results([tree.service_ab.pk])
    assert not result.suppressed and result.self_mean == 2 and result.leader_mean == 3
    assert result.distribution == [0, 5, 0, 0] and result.is_gap is False


def test_the_county_page_hides_a_small_group_with_a_clear_note(client, tree):
    _round_with(tree, 4)
    login(client, tree.users["advisor_x"])
    body = client.get(f"/kompetanse/fylker/{tree.county_x.number}/").content.decode()
    assert "Skjult: færre enn 5 personer svarte." in body


def test_aggregation_takes_any_set_of_services(tree):
    area = FrameworkArea.objects.get(code="law")
    for service, people in ((tree.service_ab, 3), (tree.service_c, 3)):
        mapping_round = make_round(service, areas=[area])
        for _ in range(people):
            rate(mapping_round, make_employee(service), area, 1)
    assert queries.mapping_results([tree.service_ab.pk])[0].suppressed
    together = queries.mapping_results([tree.service_ab.pk, tree.service_c.pk])[0]
    assert together.respondents == 6 and together.self_mean == 1 and together.is_gap


def test_an_employee_rates_themselves_and_the_leader_assesses(client, tree):
    me = make_employee(tree.service_ab, user=tree.users["employee_ab"])
    area = FrameworkArea.objects.get(code="law")
    mapping_round = make_round(tree.service_ab, areas=[area])
    login(client, tree.users["employee_ab"])
    response = client.post(
        f"/kompetanse/kartlegging/{mapping_round.pk}/mine-svar/",
        {f"area_{area.pk}": "2", f"comment_{area.pk}": "Vil lære mer"},
    )
    assert response.status_code == 302
    client.logout()
    login(client, tree.users["leader_ab"])
    client.post(f"/kompetanse/kartlegging/{mapping_round.pk}/vurdering/{me.pk}/", {f"area_{area.pk}": "3"})
    answer = MappingAnswer.objects.get(round=mapping_round, employee=me)
    assert (answer.self_rating, answer.leader_rating, answer.comment) == (2, 3, "Vil lære mer")


def test_the_leader_opens_and_closes_a_round(client, tree):
    login(client, tree.users["leader_ab"])
    areas = list(FrameworkArea.objects.values_list("pk", flat=True)[:2])
    response = client.post(
        f"/kompetanse/tjenester/{tree.service_ab.pk}/kartlegging/", {"title": "Vår 2026", "areas": areas}
    )
    mapping_round = MappingRound.objects.get(title="Vår 2026")
    assert response.status_code == 302 and mapping_round.areas.count() == 2
    client.post(f"/kompetanse/kartlegging/{mapping_round.pk}/avslutt/", {"version": mapping_round.version})
    mapping_round.refresh_from_db()
    assert mapping_round.state == MappingRound.State.CLOSED


def test_closing_with_a_stale_version_is_refused(client, tree):
    mapping_round = make_round(tree.service_ab)
    MappingRound.objects.filter(pk=mapping_round.pk).update(version=5)
    login(client, tree.users["leader_ab"])
    response = client.post(f"/kompetanse/kartlegging/{mapping_round.pk}/avslutt/", {"version": 1}, follow=True)
    assert "Noen andre har lagret endringer" in response.content.decode()
    mapping_round.refresh_from_db()
    assert mapping_round.state == MappingRound.State.OPEN


def test_the_api_never_returns_figures_for_a_small_group(client, tree):
    mapping_round, _ = _round_with(tree, 4)
    login(client, tree.users["national"])
    data = client.get(f"/api/v1/competence/mapping-rounds/{mapping_round.pk}/").json()
    assert data["results"][0]["suppressed"] is True and data["results"][0]["self_mean"] is None


def test_the_front_page_asks_an_employee_to_answer_an_open_round(tree):
    from fagloft.competence.attention import items_for

    me = make_employee(tree.service_ab, user=tree.users["employee_ab"])
    mapping_round = make_round(tree.service_ab, "Høsten 2026")
    assert [i.title for i in items_for(tree.users["employee_ab"])] == ["Svar på kartleggingen «Høsten 2026»"]
    area = mapping_round.areas.first()
    assert area is not None
    rate(mapping_round, me, area, 3)
    assert items_for(tree.users["employee_ab"]) == []
    assert items_for(tree.users["advisor_x"]) == []


def test_the_municipality_page_aggregates_the_services_that_serve_it(client, tree):
    _round_with(tree, 5)
    login(client, tree.users["municipal_leader_a"])
    body = client.get(f"/kompetanse/kommuner/{tree.municipality_a.number}/").content.decode()
    assert "Traumebevisst praksis" in body and "Skjult" not in body
    assert client.get(f"/kompetanse/kommuner/{tree.municipality_c.number}/").status_code == 404


def test_a_new_round_with_one_answer_does_not_hide_the_last_round_with_enough(client, tree):
    import datetime

    full, area = _round_with(tree, 6, rating=3)
    full.title = "Høsten 2025"
    full.opened_on = datetime.date(2025, 9, 1)
    full.save()
    newer = make_round(tree.service_ab, "Våren 2026", areas=[area])
    rate(newer, make_employee(tree.service_ab), area, 1)
    [result] = queries.mapping_results([tree.service_ab.pk])
    assert not result.suppressed and result.respondents == 6 and result.self_mean == 3
    summary = queries.mapping_summary([tree.service_ab.pk])
    assert [r.title for r in summary.rounds] == ["Høsten 2025"]
    login(client, tree.users["national"])
    body = client.get("/kompetanse/landet/").content.decode()
    assert "Skjult" not in body and "Traumebevisst praksis" in body
    client.logout()
    login(client, tree.users["leader_ab"])
    service_page = client.get(f"/kompetanse/tjenester/{tree.service_ab.pk}/").content.decode()
    assert "Resultatene er fra kartleggingen «Høsten 2025»" in service_page


def test_once_the_new_round_has_enough_answers_it_is_used(tree):
    full, area = _round_with(tree, 6, rating=3)
    MappingRound.objects.filter(pk=full.pk).update(opened_on="2025-09-01")
    newer = make_round(tree.service_ab, "Våren 2026", areas=[area])
    for _ in range(5):
        rate(newer, make_employee(tree.service_ab), area, 1)
    assert [r.title for r in queries.mapping_summary([tree.service_ab.pk]).rounds] == ["Våren 2026"]
    assert queries.mapping_results([tree.service_ab.pk])[0].self_mean == 1


def test_sending_with_unanswered_areas_lists_them_first(client, tree):
    me = make_employee(tree.service_ab, user=tree.users["employee_ab"])
    areas = list(FrameworkArea.objects.order_by("sort_order")[:3])
    mapping_round = make_round(tree.service_ab, areas=areas)
    login(client, tree.users["employee_ab"])
    url = f"/kompetanse/kartlegging/{mapping_round.pk}/mine-svar/"
    answers = {f"area_{areas[0].pk}": "3", f"comment_{areas[0].pk}": "Bra"}
    step = client.post(url, answers)
    page = step.content.decode()
    assert step.status_code == 200 and "Du har ikke svart på 2 av 3 kompetanseområder" in page
    assert areas[1].name in page and areas[2].name in page
    assert not MappingAnswer.objects.exists()
    confirmed = client.post(url, answers | {"confirmed": "1", "confirm": "on"})
    assert confirmed.status_code == 302
    assert MappingAnswer.objects.get(employee=me).self_rating == 3


def test_sending_every_area_needs_no_confirmation(client, tree):
    make_employee(tree.service_ab, user=tree.users["employee_ab"])
    area = FrameworkArea.objects.first()
    assert area is not None
    mapping_round = make_round(tree.service_ab, areas=[area])
    login(client, tree.users["employee_ab"])
    response = client.post(f"/kompetanse/kartlegging/{mapping_round.pk}/mine-svar/", {f"area_{area.pk}": "2"})
    assert response.status_code == 302 and MappingAnswer.objects.count() == 1


def test_the_rating_use_cases_refuse_someone_else_and_a_closed_round(tree):
    from django.core.exceptions import PermissionDenied

    from fagloft.competence import services
    from fagloft.lib.refusals import Refused

    me = make_employee(tree.service_ab, user=tree.users["employee_ab"])
    colleague = make_employee(tree.service_ab)
    area = FrameworkArea.objects.first()
    assert area is not None
    mapping_round = make_round(tree.service_ab, areas=[area])
    with pytest.raises(PermissionDenied):
        services.save_own_ratings(tree.users["employee_ab"], mapping_round, colleague, {area.pk: (2, "")})
    with pytest.raises(PermissionDenied):
        services.assess_ratings(tree.users["employee_ab"], mapping_round, me, {area.pk: (2, "")})
    MappingRound.objects.filter(pk=mapping_round.pk).update(state=MappingRound.State.CLOSED)
    mapping_round.refresh_from_db()
    with pytest.raises(Refused, match="avsluttet"):
        services.save_own_ratings(tree.users["employee_ab"], mapping_round, me, {area.pk: (2, "")})
