"""The "my account" page: roles, second factor, backup codes and API tokens."""

from __future__ import annotations

import hashlib
import re

from fagloft.accounts.models import ApiToken
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login


def test_the_page_lists_the_user_s_roles(client, tree):
    login(client, tree.users["leader_ab"])
    page = client.get("/konto/min-konto/").content.decode()
    assert "Barnevernleder – Alvik og Bergvik barneverntjeneste" in page
    assert "Du har ingen API-nøkkel." in page


def _new_key(response) -> str:
    match = re.search(r'<code class="fl-token">([^<]+)</code>', response.content.decode())
    assert match, "the new key is shown once"
    return match.group(1)


def test_a_user_makes_an_api_token_that_is_shown_once_and_stored_only_hashed(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post("/konto/min-konto/api-nokkel/", {"action": "create", "name": "Rapportverktøy"})
    key = _new_key(response)
    token = ApiToken.objects.get(user=tree.users["leader_ab"])
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and key.startswith(token.prefix)
    assert key not in {str(getattr(token, f.attname)) for f in ApiToken._meta.fields}
    page = client.get("/konto/min-konto/").content.decode()
    assert key not in page and f"{token.prefix}…" in page and "Rapportverktøy" in page
    assert not AuditEvent.objects.filter(object_repr__contains=key).exists()
    assert AuditEvent.objects.filter(message="API-nøkkel opprettet").exists()


def test_a_user_may_hold_several_tokens_and_lists_them(client, tree):
    login(client, tree.users["leader_ab"])
    first = _new_key(client.post("/konto/min-konto/api-nokkel/", {"action": "create", "name": "én"}))
    second = _new_key(client.post("/konto/min-konto/api-nokkel/", {"action": "create", "name": "to"}))
    assert first != second
    assert ApiToken.objects.usable().filter(user=tree.users["leader_ab"]).count() == 2


def test_a_user_revokes_a_token_and_it_stops_working(client, tree):
    login(client, tree.users["leader_ab"])
    key = _new_key(client.post("/konto/min-konto/api-nokkel/", {"action": "create"}))
    token = ApiToken.objects.get(user=tree.users["leader_ab"])
    client.post("/konto/min-konto/api-nokkel/", {"action": "revoke", "token_id": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/municipalities/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 403


def test_a_user_cannot_revoke_someone_else_s_token(client, tree):
    login(client, tree.users["employee_ab"])
    _new_key(client.post("/konto/min-konto/api-nokkel/", {"action": "create"}))
    other = ApiToken.objects.get(user=tree.users["employee_ab"])
    client.logout()
    login(client, tree.users["leader_ab"])
    assert client.post("/konto/min-konto/api-nokkel/", {"action": "revoke", "token_id": other.pk}).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_a_verified_advisor_makes_backup_codes(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.post("/konto/min-konto/reservekoder/").content.decode()
    assert "De vises bare denne ene gangen" in page
    assert page.count("<li><code>") == 10
