"""The "my account" page: roles, second factor, backup codes and API tokens."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import build_tree, login


@pytest.fixture
def tree(db):
    return build_tree()


def test_the_page_lists_the_user_s_roles(client, tree):
    login(client, tree.users["leader_ab"])
    page = client.get("/konto/min-konto/").content.decode()
    assert "Barnevernleder – Alvik og Bergvik barneverntjeneste" in page
    assert "Du har ingen API-nøkkel." in page


def test_a_user_makes_an_api_token_that_is_shown_once_and_never_audited_in_clear(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post("/konto/min-konto/api-nokkel/", {"action": "create"})
    token = Token.objects.get(user=tree.users["leader_ab"])
    assert token.key in response.content.decode()
    assert token.key not in client.get("/konto/min-konto/").content.decode()
    assert not AuditEvent.objects.filter(object_id=token.key).exists()
    assert AuditEvent.objects.filter(message="API-nøkkel opprettet").exists()


def test_a_new_token_replaces_the_old_one(client, tree):
    login(client, tree.users["leader_ab"])
    client.post("/konto/min-konto/api-nokkel/", {"action": "create"})
    old = Token.objects.get(user=tree.users["leader_ab"]).key
    client.post("/konto/min-konto/api-nokkel/", {"action": "create"})
    assert Token.objects.get(user=tree.users["leader_ab"]).key != old


def test_a_user_deletes_the_token(client, tree):
    login(client, tree.users["leader_ab"])
    client.post("/konto/min-konto/api-nokkel/", {"action": "create"})
    client.post("/konto/min-konto/api-nokkel/", {"action": "delete"})
    assert not Token.objects.filter(user=tree.users["leader_ab"]).exists()


def test_a_verified_advisor_makes_backup_codes(client, tree):
    login(client, tree.users["advisor_x"])
    page = client.post("/konto/min-konto/reservekoder/").content.decode()
    assert "De vises bare denne ene gangen" in page
    assert page.count("<li><code>") == 10
