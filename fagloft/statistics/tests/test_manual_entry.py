from __future__ import annotations

from decimal import Decimal

from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login
from fagloft.statistics.models import Indicator, IndicatorValue


def _post(client, tree, user, url, **data):
    login(client, tree.users[user])
    return client.post(url, {"half": 0, **data})


def test_a_service_leader_registers_an_own_indicator_for_the_service(client, tree):
    complaints = Indicator.objects.get(code="egen-klager")
    url = f"/statistikk/tjenester/{tree.service_ab.pk}/registrer/"
    response = _post(
        client, tree, "leader_ab", url, indicator=complaints.pk, unit=f"s:{tree.service_ab.pk}", year=2023, value="4"
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=complaints, service=tree.service_ab)
    assert (value.value, value.source, value.recorded_by) == (4, "manual", tree.users["leader_ab"])
    assert AuditEvent.objects.filter(actor=tree.users["leader_ab"], verb=AuditEvent.Verb.IMPORT).exists()


def test_a_service_leader_cannot_register_for_another_service(client, tree):
    login(client, tree.users["leader_ab"])
    assert client.get(f"/statistikk/tjenester/{tree.service_c.pk}/registrer/").status_code == 404


def test_an_employee_may_read_but_not_register(client, tree):
    login(client, tree.users["employee_ab"])
    assert client.get(f"/statistikk/tjenester/{tree.service_ab.pk}/").status_code == 200
    assert client.get(f"/statistikk/tjenester/{tree.service_ab.pk}/registrer/").status_code == 403


def test_a_service_leader_is_offered_only_own_registration_indicators(client, tree):
    login(client, tree.users["leader_ab"])
    html = client.get(f"/statistikk/tjenester/{tree.service_ab.pk}/registrer/").content.decode()
    assert "Klager på barneverntjenesten" in html and "Undersøkelser avsluttet innen fristen" not in html


def test_a_county_advisor_registers_a_county_value_from_numerator_and_denominator(client, tree):
    deadline = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    response = _post(
        client,
        tree,
        "advisor_x",
        "/statistikk/fylker/91/registrer/",
        indicator=deadline.pk,
        unit=f"c:{tree.county_x.pk}",
        year=2023,
        numerator="45",
        denominator="60",
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(county=tree.county_x).value == Decimal(75)


def test_a_county_advisor_cannot_register_the_national_value_or_another_county(client, tree):
    login(client, tree.users["advisor_x"])
    html = client.get("/statistikk/fylker/91/registrer/").content.decode()
    assert 'value="n"' not in html
    assert client.get("/statistikk/fylker/92/registrer/").status_code == 404
    login(client, tree.users["national"])
    assert 'value="n"' in client.get("/statistikk/fylker/91/registrer/").content.decode()


def test_the_form_names_the_field_in_norwegian(client, tree):
    deadline = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    response = _post(
        client,
        tree,
        "advisor_x",
        "/statistikk/fylker/91/registrer/",
        indicator=deadline.pk,
        unit=f"c:{tree.county_x.pk}",
        year="",
        value="mye",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv inn året verdien gjelder." in html and "Verdien må være et tall, for eksempel 12,5." in html
    assert not IndicatorValue.objects.exists()


def test_a_year_in_the_future_is_refused(client, tree):
    deadline = Indicator.objects.get(code="kostra-undersokelser-innen-frist")
    response = _post(
        client,
        tree,
        "advisor_x",
        "/statistikk/fylker/91/registrer/",
        indicator=deadline.pk,
        unit=f"c:{tree.county_x.pk}",
        year=2999,
        value="3",
    )
    assert "Året kan ikke være i fremtiden." in response.content.decode()


def test_a_municipal_leader_cannot_register_at_all(client, tree):
    login(client, tree.users["municipal_leader_a"])
    assert client.get("/statistikk/fylker/91/registrer/").status_code == 403
