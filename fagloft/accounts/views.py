from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from fagloft.accounts import api_tokens, login_limits, two_factor
from fagloft.accounts.access import PUBLIC, has_role, memberships, requires
from fagloft.accounts.forms import ApiTokenForm, EnrolmentCodeForm, LoginForm, TokenForm
from fagloft.accounts.middleware import TIMED_OUT
from fagloft.accounts.models import ApiToken, User
from fagloft.accounts.permissions import VIEW_OWN_ACCOUNT
from fagloft.accounts.roles import TWO_FACTOR_ROLES
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Checked before the password, so a spraying address learns nothing more from its tries.
        if login_limits.blocked(request):
            return render(request, "accounts/locked_out.html", {"by_address": True}, status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.session.pop(TIMED_OUT, False)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # `LoginView.form_valid` has just logged the form's user in, so `request.user` is that user.
        user = cast(User, self.request.user)
        record(user, AuditEvent.Verb.LOGIN, user, message="passord")
        return response


login = requires(PUBLIC)(LoginView.as_view())


@requires(PUBLIC)
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


def _check_code(request: AuthenticatedHttpRequest, device, setting_up: bool, code: str):
    """The device that accepted `code`: the app (TOTP), or when not setting up, a backup code."""
    if two_factor.verify(device, code):
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        return device
    if not setting_up:
        return two_factor.verify_backup_code(request.user, code)
    return None


def _enrolment_code_step(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Before the app can be set up: the one-time code from the admin (or a login with OIDC)."""
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = two_factor.redeem_enrolment_code(request.user, form.cleaned_data["enrolment_code"])
        if code is not None:
            two_factor.grant_enrolment(request)
            record(request.user, AuditEvent.Verb.UPDATE, code, message="engangskode for oppsett brukt", scope={})
            return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': _safe_next(request)})}")
        form.add_error(
            "enrolment_code", _("Koden stemmer ikke, er brukt eller er utløpt. Be administratoren om en ny kode.")
        )
    return render(
        request,
        "accounts/enrolment_code.html",
        {
            "form": form,
            "next": _safe_next(request),
        },
        status=400 if form.errors else 200,
    )


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["GET", "POST"])
def two_factor_step(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Verify the second factor, or set it up on first login (after the admin's one-time code)."""
    device = two_factor.confirmed_device(request.user)
    setting_up = device is None
    if setting_up and not two_factor.may_enrol(request):
        return _enrolment_code_step(request)
    if setting_up:
        device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = _check_code(request, device, setting_up, form.cleaned_data["token"])
        if accepted is not None:
            otp_login(request, accepted)
            if setting_up:
                record(
                    request.user,
                    AuditEvent.Verb.ENROL,
                    request.user,
                    message=f"autentiseringsapp satt opp ({two_factor.how_enrolled(request)})",
                    scope={},
                )
                two_factor.end_enrolment(request)
            record(request.user, AuditEvent.Verb.LOGIN, request.user, message="andre faktor")
            messages.success(request, _("Du er logget inn med to faktorer."))
            return redirect(_safe_next(request))
        form.add_error(
            "token", _("Koden stemmer ikke. Sjekk at klokka på telefonen er riktig, og prøv den nyeste koden.")
        )
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "setting_up": setting_up,
            "qr_svg": two_factor.qr_svg(device) if setting_up else "",
            "manual_key": two_factor.secret_for_manual_entry(device) if setting_up else "",
            "next": _safe_next(request),
        },
        status=400 if form.errors else 200,
    )


def _profile_context(request: AuthenticatedHttpRequest) -> dict:
    return {
        "memberships": [m for m in memberships(request.user) if m.pk],
        "has_second_factor": two_factor.confirmed_device(request.user) is not None,
        "needs_second_factor": has_role(request.user, *TWO_FACTOR_ROLES),
        "second_factor_relaxed": settings.DEMO_MODE_NOT_FOR_PRODUCTION,
        "backup_codes_left": two_factor.backup_codes_left(request.user),
        "api_tokens": ApiToken.objects.usable().filter(user=request.user),
        "api_token_form": ApiTokenForm(),
        "api_token_days": settings.FAGLOFT_API_TOKEN_DAYS,
        "breadcrumbs": [{"label": _("Forside"), "url": reverse("front")}, {"label": _("Min konto"), "url": None}],
    }


@requires(VIEW_OWN_ACCOUNT)
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request))


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["POST"])
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a new API token and show it once, or revoke one of the user's tokens.

    A user whose role needs two factors only gets here after giving the second factor (the
    middleware); the token remembers that device and stops working without it."""
    if request.POST.get("action") in ("revoke", "delete"):
        token = get_object_or_404(ApiToken, pk=request.POST.get("token_id") or 0, user=request.user)
        with transaction.atomic():
            api_tokens.revoke(token)
            record(request.user, AuditEvent.Verb.DELETE, token, message="API-nøkkel trukket tilbake", scope={})
        messages.success(
            request, _("API-nøkkelen er trukket tilbake. Programmer som brukte den, får ikke lenger tilgang.")
        )
        return redirect("accounts:profile")
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(
            request, "accounts/profile.html", {**_profile_context(request), "api_token_form": form}, status=400
        )
    is_verified = getattr(request.user, "is_verified", None)
    device = getattr(request.user, "otp_device", None) if callable(is_verified) and is_verified() else None
    with transaction.atomic():
        token, key = api_tokens.create_token(request.user, device, name=form.cleaned_data["name"])
        # The key itself is never written to the audit trail; the prefix identifies the token.
        record(request.user, AuditEvent.Verb.CREATE, token, message="API-nøkkel opprettet", scope={})
    # Shown in this response only (not through a redirect), so the key never lands in a cookie.
    return render(request, "accounts/profile.html", {**_profile_context(request), "new_token": key})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        # `PasswordChangeView` only lets logged-in users in (`login_required`, and `@requires` below).
        user = cast(User, self.request.user)
        record(user, AuditEvent.Verb.UPDATE, user, message="passord endret", scope={})
        messages.success(self.request, _("Passordet er endret."))
        return response


password_change = requires(VIEW_OWN_ACCOUNT)(PasswordChangeView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form):
        # Sending mail to any address typed in is a cheap way to flood someone, and to probe
        # for accounts: the same per-address limit as failed logins applies.
        if login_limits.blocked(self.request):
            return render(self.request, "accounts/locked_out.html", {"by_address": True}, status=429)
        login_limits.note_failure(self.request, "reset:" + form.cleaned_data["email"])
        self.extra_email_context = {"valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(form.user, AuditEvent.Verb.UPDATE, form.user, message="passord satt på nytt via e-post", scope={})
        return response


password_reset = requires(PUBLIC)(PasswordResetView.as_view())
password_reset_sent = requires(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html")
)
password_reset_confirm = requires(PUBLIC)(PasswordResetConfirmView.as_view())
password_reset_complete = requires(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["POST"])
def backup_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    if two_factor.confirmed_device(request.user) is None:
        messages.error(request, _("Sett opp autentiseringsappen før du lager reservekoder."))
        return redirect("accounts:profile")
    codes = two_factor.make_backup_codes(request.user)
    record(request.user, AuditEvent.Verb.CREATE, request.user, message="reservekoder laget")
    return render(request, "accounts/profile.html", {**_profile_context(request), "new_backup_codes": codes})
