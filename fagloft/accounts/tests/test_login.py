"""Logging in with a password, and the throttling of failed attempts (django-axes)."""

from __future__ import annotations

from fagloft.audit.models import AuditEvent


def _login(client, username: str, password: str):
    return client.post("/konto/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_the_login_page_is_in_norwegian(client, tree):
    page = client.get("/konto/logg-inn/").content.decode()
    assert "Logg inn i Fagløft" in page and 'for="id_username">Brukernavn' in page


def test_a_wrong_password_gets_a_norwegian_message(client, tree):
    response = _login(client, "leader_ab", "feil-passord")
    assert response.status_code == 200
    assert "Feil brukernavn eller passord." in response.content.decode()


def test_a_right_password_logs_in_and_is_audited(client, tree):
    response = _login(client, "leader_ab", "test-password-123")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="login", actor=tree.users["leader_ab"]).exists()


def test_five_failed_attempts_lock_the_user_out_with_a_norwegian_message(client, tree):
    for _attempt in range(4):
        assert _login(client, "leader_ab", "feil-passord").status_code == 200
    locked = _login(client, "leader_ab", "feil-passord")
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    # Even the right password is refused while the lock lasts.
    again = _login(client, "leader_ab", "test-password-123")
    assert again.status_code == 429
    assert "stengt i 15 minutter" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_user_does_not_lock_another(client, tree):
    for _attempt in range(5):
        _login(client, "leader_ab", "feil-passord")
    assert _login(client, "employee_ab", "test-password-123").status_code == 302
