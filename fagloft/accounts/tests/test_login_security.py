"""Password spraying, audit of failed logins and logouts, changing and resetting the password, and
session timeouts."""

from __future__ import annotations

import re
import time

from django.core import mail
from django.test import Client

from fagloft.accounts.middleware import LOGIN_AT, SEEN_AT
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login, make_user

PASSWORD = "test-password-123"


def _login(client, username: str, password: str, address: str = "10.0.0.7"):
    return client.post("/konto/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR=address)


# --- spraying one password over many usernames ---------------------------------------------------


def test_one_password_sprayed_over_many_usernames_locks_the_address(client, tree, settings):
    settings.FAGLOFT_LOGIN_SPRAY_USERNAMES = 10
    for number in range(10):
        make_user(f"kollega{number}")
        assert _login(client, f"kollega{number}", "Sommer2026!").status_code == 200  # one try each
    # Even a right password is refused from that address now, for any user ...
    blocked = _login(client, "leader_ab", PASSWORD)
    assert blocked.status_code == 429
    assert "fra denne adressen" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # ... but not from another address.
    assert _login(Client(), "leader_ab", PASSWORD, address="10.0.0.8").status_code == 302


def test_a_few_typos_from_one_office_address_do_not_lock_it(client, tree):
    for username in ("leader_ab", "employee_ab", "leader_c"):
        _login(client, username, "feil-passord")
    assert _login(client, "employee_ab", PASSWORD).status_code == 302


def test_a_forwarded_for_header_is_not_trusted_without_a_proxy(client, tree, settings):
    settings.FAGLOFT_LOGIN_SPRAY_USERNAMES = 3
    for number in range(3):
        client.post(
            "/konto/logg-inn/",
            {"username": f"ukjent{number}", "password": "x"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert _login(client, "leader_ab", PASSWORD, address="10.0.0.9").status_code == 429


# --- audit ---------------------------------------------------------------------------------------


def test_a_failed_login_is_audited_also_for_an_unknown_username(client, tree):
    _login(client, "leader_ab", "feil-passord")
    _login(client, "finnes-ikke", "feil-passord")
    failed = AuditEvent.objects.filter(verb=AuditEvent.Verb.LOGIN_FAILED)
    assert {e.object_repr for e in failed} >= {"leader_ab", "finnes-ikke"}
    assert all("10.0.0.7" in e.message for e in failed)
    assert not failed.filter(message__contains="feil-passord").exists()


def test_a_logout_is_audited(client, tree):
    login(client, tree.users["leader_ab"])
    assert client.post("/konto/logg-ut/").status_code == 302
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.LOGOUT, actor=tree.users["leader_ab"]).exists()


# --- changing and resetting the password ---------------------------------------------------------

NEW_PASSWORD = "Blåbærsyltetøy-på-hytta-42"


def test_a_user_changes_the_password(client, tree):
    user = tree.users["leader_ab"]
    login(client, user)
    page = client.get("/konto/min-konto/").content.decode()
    assert "/konto/min-konto/passord/" in page
    assert client.get("/konto/min-konto/passord/").status_code == 200
    wrong = client.post(
        "/konto/min-konto/passord/",
        {"old_password": "feil", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    response = client.post(
        "/konto/min-konto/passord/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == "/konto/min-konto/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/konto/min-konto/").status_code == 200  # still logged in
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.UPDATE, actor=user, message="passord endret").exists()


def test_a_short_new_password_is_refused(client, tree):
    login(client, tree.users["leader_ab"])
    response = client.post(
        "/konto/min-konto/passord/", {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 200
    assert not tree.users["leader_ab"].__class__.objects.get(pk=tree.users["leader_ab"].pk).check_password("kort")


def test_a_forgotten_password_is_reset_by_e_mail_in_norwegian(client, tree):
    user = tree.users["leader_ab"]
    user.email = "leder@alvik.kommune.no"
    user.save(update_fields=["email"])
    assert "/konto/glemt-passord/" in client.get("/konto/logg-inn/").content.decode()
    response = client.post("/konto/glemt-passord/", {"email": "leder@alvik.kommune.no"})
    assert response.status_code == 302 and response.url == "/konto/glemt-passord/sendt/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nytt passord i Fagløft"
    assert "Noen har bedt om å få velge nytt passord" in message.body
    assert "Brukernavnet ditt er leader_ab" in message.body
    found = re.search(r"http://testserver(/konto/nytt-passord/[^\s]+)", str(message.body))
    assert found is not None
    link = found.group(1)
    form_page = client.get(link, follow=True)
    assert "Velg nytt passord" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == "/konto/nytt-passord/ferdig/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        verb=AuditEvent.Verb.UPDATE, object_id=str(user.pk), message__contains="e-post"
    ).exists()
    # Setting the password does not log in: the second factor still guards the privileged roles.
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, tree):
    response = client.post("/konto/glemt-passord/", {"email": "ukjent@example.org"})
    assert response.status_code == 302 and response.url == "/konto/glemt-passord/sendt/"
    assert mail.outbox == []


def test_an_old_reset_link_does_not_work(client, tree):
    page = client.get("/konto/nytt-passord/MQ/feil-lenke/").content.decode()
    assert "Lenken virker ikke lenger" in page


# --- session timeouts ----------------------------------------------------------------------------


def _age_session(client, idle_seconds: int = 0, since_login_seconds: int = 0) -> None:
    session = client.session
    now = int(time.time())
    session[SEEN_AT] = now - idle_seconds
    session[LOGIN_AT] = now - max(since_login_seconds, idle_seconds)
    session.save()


def test_a_privileged_session_ends_after_thirty_idle_minutes(client, tree):
    login(client, tree.users["advisor_x"])
    _age_session(client, idle_seconds=29 * 60)
    assert client.get("/fylker/91/").status_code == 200
    _age_session(client, idle_seconds=31 * 60)
    response = client.get("/fylker/91/")
    assert response.status_code == 302 and "/konto/logg-inn/" in response.url
    assert "Du ble logget ut" in client.get(response.url).content.decode()
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.LOGOUT, message="tidsavbrudd").exists()


def test_other_sessions_last_longer_idle_but_not_forever(client, tree, settings):
    login(client, tree.users["leader_ab"])
    _age_session(client, idle_seconds=2 * 3600)
    assert client.get("/konto/min-konto/").status_code == 200
    _age_session(client, idle_seconds=8 * 3600 + 60)
    assert client.get("/konto/min-konto/").status_code == 302


def test_a_session_ends_some_hours_after_login_however_active(client, tree, settings):
    settings.FAGLOFT_SESSION_MAX_HOURS = 12
    login(client, tree.users["leader_ab"])
    _age_session(client, idle_seconds=0, since_login_seconds=12 * 3600 + 60)
    assert client.get("/konto/min-konto/").status_code == 302


def test_the_idle_limits_come_from_the_settings(client, tree, settings):
    settings.FAGLOFT_SESSION_IDLE_MINUTES = 5
    login(client, tree.users["leader_ab"])
    _age_session(client, idle_seconds=6 * 60)
    assert client.get("/konto/min-konto/").status_code == 302


def test_the_session_cookie_has_a_short_absolute_lifetime():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
