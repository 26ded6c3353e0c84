"""Setting up the second factor needs more than the password: an admin's one-time code or OIDC."""

from __future__ import annotations

import datetime
import hashlib
import io
import re

from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fagloft.accounts import two_factor
from fagloft.accounts.models import EnrolmentCode
from fagloft.audit.models import AuditEvent
from fagloft.organizations.tests.factories import login

SETUP = "/konto/to-faktorer/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_the_password_alone_does_not_show_the_setup(client, tree):
    advisor = tree.users["advisor_x"]
    client.force_login(advisor)  # what an attacker with the stolen password gets
    page = client.get(SETUP).content.decode()
    assert "Engangskode fra administratoren" in page
    assert "<svg" not in page
    assert not TOTPDevice.objects.filter(user=advisor).exists()
    # Nor can a code be confirmed: there is no device to confirm.
    client.post(SETUP, {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=advisor, confirmed=True).exists()
    assert client.get("/fylker/91/").status_code == 302


def test_a_wrong_code_is_refused(client, tree):
    advisor = tree.users["advisor_x"]
    two_factor.issue_enrolment_code(advisor, issued_by=None)
    client.force_login(advisor)
    response = client.post(SETUP, {"enrolment_code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 400 and "Koden stemmer ikke" in response.content.decode()
    assert "<svg" not in client.get(SETUP).content.decode()


def test_the_code_is_stored_hashed_works_once_and_then_the_app_is_set_up_and_audited(client, tree):
    advisor = tree.users["advisor_x"]
    code = two_factor.issue_enrolment_code(advisor, issued_by=tree.users["admin"])
    stored = EnrolmentCode.objects.get(user=advisor)
    assert code.replace("-", "") not in stored.code_hash
    assert stored.code_hash == hashlib.sha256(f"{advisor.pk}:{code.replace('-', '')}".encode()).hexdigest()
    client.force_login(advisor)
    assert client.post(SETUP, {"enrolment_code": code}).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=advisor, confirmed=False)
    assert client.post(SETUP, {"token": _code(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=advisor).confirmed
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.ENROL, actor=advisor).exists()
    assert EnrolmentCode.objects.filter(user=advisor, used_at__isnull=True).count() == 0


def client_class_login(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_a_used_code_does_not_open_the_setup_in_another_session(client, tree):
    advisor = tree.users["advisor_x"]
    code = two_factor.issue_enrolment_code(advisor, issued_by=None)
    client.force_login(advisor)
    client.post(SETUP, {"enrolment_code": code})
    other = client_class_login(advisor)
    response = other.post(SETUP, {"enrolment_code": code})
    assert response.status_code == 400
    assert "<svg" not in other.get(SETUP).content.decode()


def test_an_expired_code_is_refused(client, tree):
    advisor = tree.users["advisor_x"]
    code = two_factor.issue_enrolment_code(advisor, issued_by=None)
    EnrolmentCode.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(advisor)
    assert client.post(SETUP, {"enrolment_code": code}).status_code == 400


def test_a_new_code_replaces_the_old_one(client, tree):
    advisor = tree.users["advisor_x"]
    old = two_factor.issue_enrolment_code(advisor, issued_by=None)
    two_factor.issue_enrolment_code(advisor, issued_by=None)
    client.force_login(advisor)
    assert client.post(SETUP, {"enrolment_code": old}).status_code == 400


def test_another_user_s_code_does_not_work(client, tree):
    code = two_factor.issue_enrolment_code(tree.users["national"], issued_by=None)
    client.force_login(tree.users["advisor_x"])
    assert client.post(SETUP, {"enrolment_code": code}).status_code == 400


def test_a_login_through_oidc_may_set_up_the_app_without_a_code(client, tree, settings):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, two_factor.OIDC_BACKEND]
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    client.force_login(tree.users["advisor_x"], backend=two_factor.OIDC_BACKEND)
    assert client.session[BACKEND_SESSION_KEY] == two_factor.OIDC_BACKEND
    assert "<svg" in client.get(SETUP).content.decode()


def test_the_admin_issues_a_code_shown_once(client, tree):
    advisor = tree.users["advisor_x"]
    login(client, tree.users["admin"])
    response = client.post(
        "/drift/admin/accounts/user/", {"action": "issue_enrolment_codes", "_selected_action": [advisor.pk]}
    )
    assert response.status_code == 200
    found = re.search(r"<code>([A-Z0-9-]{14})</code>", response.content.decode())
    assert found is not None
    code = found.group(1)
    assert EnrolmentCode.objects.get(user=advisor).issued_by == tree.users["admin"]
    assert two_factor.redeem_enrolment_code(advisor, code) is not None


def test_the_command_issues_a_code_for_the_first_admin(tree):
    out = io.StringIO()
    call_command("issue_enrolment_code", "admin", stdout=out)
    found = re.search(r"([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", out.getvalue())
    assert found is not None
    code = found.group(1)
    assert two_factor.redeem_enrolment_code(tree.users["admin"], code) is not None
