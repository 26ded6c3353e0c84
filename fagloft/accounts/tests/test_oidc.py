"""OpenID Connect: claims are matched to existing users only; a national identity number is hashed."""

from __future__ import annotations

import pytest

from fagloft.accounts.oidc import FagloftOIDCBackend, subject_key
from fagloft.organizations.tests.factories import make_user

PID = "01017012345"


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "fagloft"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    return FagloftOIDCBackend()


def _login(backend: FagloftOIDCBackend, monkeypatch, claims: dict):
    monkeypatch.setattr(backend, "get_userinfo", lambda access_token, id_token, payload: claims)
    return backend.get_or_create_user("access-token", "id-token", {})


@pytest.mark.django_db
def test_an_existing_user_is_matched_by_email_and_remembers_the_subject(backend, monkeypatch, settings):
    settings.OIDC_USERNAME_CLAIM = "email"
    user = make_user("kari", email="Kari@Alta.kommune.no")
    assert _login(backend, monkeypatch, {"email": "kari@alta.kommune.no"}) == user
    user.refresh_from_db()
    assert user.oidc_subject == "kari@alta.kommune.no"


@pytest.mark.django_db
def test_an_entra_id_user_is_matched_by_object_id(backend, monkeypatch, settings):
    settings.OIDC_USERNAME_CLAIM = "oid"
    user = make_user("ola", oidc_subject="6f1c0a6e-aaaa-bbbb-cccc-1234567890ab")
    assert _login(backend, monkeypatch, {"oid": "6F1C0A6E-aaaa-bbbb-cccc-1234567890ab"}) == user


@pytest.mark.django_db
def test_an_unknown_person_is_refused_and_no_user_is_created(backend, monkeypatch, settings):
    from fagloft.accounts.models import User

    settings.OIDC_USERNAME_CLAIM = "email"
    before = User.objects.count()
    assert _login(backend, monkeypatch, {"email": "ukjent@example.no"}) is None
    assert User.objects.count() == before


@pytest.mark.django_db
def test_claims_without_the_configured_claim_are_refused(backend, monkeypatch, settings):
    settings.OIDC_USERNAME_CLAIM = "pid"
    make_user("kari", email="kari@alta.kommune.no")
    assert not backend.verify_claims({"email": "kari@alta.kommune.no"})


@pytest.mark.django_db
def test_a_deactivated_user_cannot_log_in(backend, monkeypatch, settings):
    settings.OIDC_USERNAME_CLAIM = "email"
    make_user("kari", email="kari@alta.kommune.no", is_active=False)
    assert _login(backend, monkeypatch, {"email": "kari@alta.kommune.no"}) is None


def test_a_national_identity_number_is_never_stored_in_clear_text(settings):
    settings.OIDC_USERNAME_CLAIM = "pid"
    key = subject_key({"pid": PID})
    assert key.startswith("pid:") and PID not in key and len(key) == 4 + 64
    assert subject_key({"pid": PID}) == key  # stable, so the same person is matched next time
    settings.SECRET_KEY = "another-installation"
    assert subject_key({"pid": PID}) != key


@pytest.mark.django_db
def test_an_id_porten_user_is_matched_by_the_hashed_pid(backend, monkeypatch, settings):
    settings.OIDC_USERNAME_CLAIM = "pid"
    user = make_user("kari", oidc_subject=subject_key({"pid": PID}))
    assert _login(backend, monkeypatch, {"pid": PID}) == user
