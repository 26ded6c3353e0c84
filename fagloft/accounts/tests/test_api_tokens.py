"""API tokens are held to the same second-factor rule as sessions; they expire, are revoked, and
only their hash is stored."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from fagloft.accounts.api_tokens import create_token
from fagloft.accounts.models import ApiToken, Membership
from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login

URL = "/api/v1/assessments/"


def _auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _key_made_on_the_profile_page(client, user) -> str:
    login(client, user)
    page = client.post("/konto/min-konto/api-nokkel/", {"action": "create"}).content.decode()
    client.logout()
    found = re.search(r'<code class="fl-token">([^<]+)</code>', page)
    assert found is not None
    return found.group(1)


def test_a_token_without_the_second_factor_is_refused_like_the_session(client, tree):
    advisor = tree.users["advisor_x"]
    client.force_login(advisor)
    assert client.get(URL).status_code == 403  # the session, before the second factor
    client.logout()
    _token, key = create_token(advisor, device=None)
    response = client.get(URL, **_auth(key))
    assert response.status_code == 403
    assert "to faktorer" in response.json()["detail"]


def test_a_token_made_after_the_second_factor_works(client, tree):
    key = _key_made_on_the_profile_page(client, tree.users["advisor_x"])
    token = ApiToken.objects.get(user=tree.users["advisor_x"])
    assert token.second_factor_device
    assert client.get(URL, **_auth(key)).status_code == 200
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_stops_working_when_its_second_factor_device_is_removed(client, tree):
    key = _key_made_on_the_profile_page(client, tree.users["advisor_x"])
    TOTPDevice.objects.filter(user=tree.users["advisor_x"]).delete()
    assert client.get(URL, **_auth(key)).status_code == 403


def test_a_token_made_before_a_two_factor_role_was_given_is_refused(client, tree):
    leader = tree.users["leader_ab"]
    key = _key_made_on_the_profile_page(client, leader)
    assert client.get(URL, **_auth(key)).status_code == 200
    Membership.objects.create(user=leader, role=Role.COUNTY_ADVISOR, county=tree.county_x)
    response = client.get(URL, **_auth(key))
    assert response.status_code == 403 and "to faktorer" in response.json()["detail"]


def test_demo_mode_relaxes_tokens_exactly_as_sessions(client, tree, settings):
    settings.DEMO_MODE_NOT_FOR_PRODUCTION = True
    _token, key = create_token(tree.users["advisor_x"], device=None)
    assert client.get(URL, **_auth(key)).status_code == 200


def test_a_token_expires_after_the_configured_days(client, tree, settings):
    settings.FAGLOFT_API_TOKEN_DAYS = 7
    token, key = create_token(tree.users["leader_ab"], device=None)
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    assert client.get(URL, **_auth(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(URL, **_auth(key))
    assert response.status_code == 403 and "utløpt" in response.json()["detail"]


def test_the_default_lifetime_is_ninety_days(tree):
    token, _key = create_token(tree.users["leader_ab"], device=None)
    assert (token.expires_at - token.created_at).days in (89, 90)


def test_a_deactivated_user_s_token_is_refused(client, tree):
    user = tree.users["leader_ab"]
    _token, key = create_token(user, device=None)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(URL, **_auth(key)).status_code == 403


def test_the_admin_lists_and_revokes_tokens(client, tree):
    token, key = create_token(tree.users["leader_ab"], device=None, name="Integrasjon")
    login(client, tree.users["admin"])
    page = client.get("/drift/admin/accounts/apitoken/").content.decode()
    assert token.prefix in page and token.key_hash not in page
    response = client.post("/drift/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.DELETE, object_id=str(token.pk)).exists()
    client.logout()
    assert client.get(URL, **_auth(key)).status_code == 403


def test_a_malformed_header_is_refused(client, tree):
    assert client.get(URL, HTTP_AUTHORIZATION="Token").status_code == 403
    assert client.get(URL, HTTP_AUTHORIZATION="Token a b").status_code == 403
    assert client.get(URL, HTTP_AUTHORIZATION="Token feil").status_code == 403


def test_guessing_keys_from_one_address_is_slowed_down(client, tree, settings):
    settings.FAGLOFT_API_TOKEN_FAILURES = 3
    _token, key = create_token(tree.users["leader_ab"], device=None)
    answers = [client.get(URL, HTTP_AUTHORIZATION=f"Token gjett{n}").status_code for n in range(3)]
    assert answers == [403, 403, 403]
    assert client.get(URL, **_auth(key)).status_code == 429  # even a right key, from that address
    assert client.get(URL, REMOTE_ADDR="10.9.9.9", **_auth(key)).status_code == 200
