"""TOTP second factor for the county, national and admin roles; backup codes; demo relaxation."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fagloft.accounts import two_factor


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enter_enrolment_code(client, user) -> None:
    code = two_factor.issue_enrolment_code(user, issued_by=None)
    response = client.post("/konto/to-faktorer/", {"enrolment_code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.url.startswith("/konto/to-faktorer/")


def test_a_county_advisor_must_set_up_the_second_factor_before_anything_else(client, tree):
    advisor = tree.users["advisor_x"]
    client.force_login(advisor)
    response = client.get("/fylker/91/")
    assert response.status_code == 302 and response.url.startswith("/konto/to-faktorer/")
    _enter_enrolment_code(client, advisor)
    page = client.get(response.url).content.decode()
    assert "Sett opp innlogging med to faktorer" in page and "<svg" in page
    device = TOTPDevice.objects.get(user=advisor, confirmed=False)
    assert two_factor.secret_for_manual_entry(device).replace(" ", "") in page.replace(" ", "")


def test_the_right_code_confirms_the_app_and_opens_the_page(client, tree):
    advisor = tree.users["advisor_x"]
    client.force_login(advisor)
    _enter_enrolment_code(client, advisor)
    client.get("/konto/to-faktorer/")
    device = TOTPDevice.objects.get(user=advisor)
    response = client.post("/konto/to-faktorer/?next=/fylker/91/", {"token": _code(device), "next": "/fylker/91/"})
    assert response.status_code == 302 and response.url == "/fylker/91/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/fylker/91/").status_code == 200


def test_a_wrong_code_is_refused_with_advice(client, tree):
    advisor = tree.users["advisor_x"]
    client.force_login(advisor)
    _enter_enrolment_code(client, advisor)
    client.get("/konto/to-faktorer/")
    response = client.post("/konto/to-faktorer/", {"token": "000000"})
    assert response.status_code == 400
    assert "Koden stemmer ikke" in response.content.decode()
    assert client.get("/fylker/91/").status_code == 302


def test_a_backup_code_works_once(client, tree):
    user = tree.users["advisor_x"]
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = two_factor.make_backup_codes(user)
    client.force_login(user)
    assert client.post("/konto/to-faktorer/", {"token": codes[0]}).status_code == 302
    client.logout()
    client.force_login(user)
    assert client.post("/konto/to-faktorer/", {"token": codes[0]}).status_code == 400
    assert two_factor.backup_codes_left(user) == len(codes) - 1


def test_an_api_token_cannot_be_made_before_the_second_factor(client, tree):
    client.force_login(tree.users["advisor_x"])
    response = client.post("/konto/min-konto/api-nokkel/", {"action": "create"})
    assert response.status_code == 302 and "/konto/to-faktorer/" in response.url


def test_the_api_refuses_a_session_without_the_second_factor(client, tree):
    client.force_login(tree.users["national"])
    response = client.get("/api/v1/counties/")
    assert response.status_code == 403 and "to faktorer" in response.json()["detail"]


def test_a_service_leader_needs_no_second_factor(client, tree):
    client.force_login(tree.users["leader_ab"])
    assert client.get("/").status_code == 200


def test_demo_mode_relaxes_the_second_factor_and_shows_a_banner(client, tree, settings):
    settings.DEMO_MODE_NOT_FOR_PRODUCTION = True
    client.force_login(tree.users["advisor_x"])
    response = client.get("/")
    assert response.status_code == 200
    assert "Demoversjon." in response.content.decode()
    assert "innlogging med to faktorer er slått av" in response.content.decode()


@pytest.mark.django_db
def test_the_menu_is_hidden_until_the_second_factor_is_given(client):
    from fagloft.accounts.roles import Role
    from fagloft.organizations.tests.factories import make_county, make_user

    advisor = make_user("advisor_menu", Role.COUNTY_ADVISOR, make_county("94"))
    client.force_login(advisor)
    page = client.get("/konto/to-faktorer/").content.decode()
    assert 'aria-label="Hovedmeny"' not in page
