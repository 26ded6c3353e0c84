from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from rest_framework.authtoken.models import Token

from fagloft.accounts import two_factor
from fagloft.accounts.access import PUBLIC, has_role, memberships, requires
from fagloft.accounts.forms import LoginForm, TokenForm
from fagloft.accounts.permissions import VIEW_OWN_ACCOUNT
from fagloft.accounts.roles import TWO_FACTOR_ROLES
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

    def form_valid(self, form):
        response = super().form_valid(form)
        record(self.request.user, AuditEvent.Verb.LOGIN, self.request.user, message="passord")
        return response


login = requires(PUBLIC)(LoginView.as_view())


@requires(PUBLIC)
@require_http_methods(["POST"])
def logout(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


def _check_code(request: HttpRequest, device, setting_up: bool, code: str):
    """The device that accepted `code`: the app (TOTP), or when not setting up, a backup code."""
    if two_factor.verify(device, code):
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        return device
    if not setting_up:
        return two_factor.verify_backup_code(request.user, code)
    return None


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["GET", "POST"])
def two_factor_step(request: HttpRequest) -> HttpResponse:
    """Verify the second factor, or set it up on first login."""
    device = two_factor.confirmed_device(request.user)
    setting_up = device is None
    if setting_up:
        device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = _check_code(request, device, setting_up, form.cleaned_data["token"])
        if accepted is not None:
            otp_login(request, accepted)
            record(request.user, AuditEvent.Verb.LOGIN, request.user, message="andre faktor")
            messages.success(request, _("Du er logget inn med to faktorer."))
            return redirect(_safe_next(request))
        form.add_error("token", _("Koden stemmer ikke. Sjekk at klokka på telefonen er riktig, og prøv den nyeste koden."))
    return render(request, "accounts/two_factor.html", {
        "form": form,
        "setting_up": setting_up,
        "qr_svg": two_factor.qr_svg(device) if setting_up else "",
        "manual_key": two_factor.secret_for_manual_entry(device) if setting_up else "",
        "next": _safe_next(request),
    }, status=400 if form.errors else 200)


def _profile_context(request: HttpRequest) -> dict:
    return {
        "memberships": [m for m in memberships(request.user) if m.pk],
        "has_second_factor": two_factor.confirmed_device(request.user) is not None,
        "needs_second_factor": has_role(request.user, *TWO_FACTOR_ROLES),
        "second_factor_relaxed": settings.DEMO_MODE_NOT_FOR_PRODUCTION,
        "backup_codes_left": two_factor.backup_codes_left(request.user),
        "has_token": Token.objects.filter(user=request.user).exists(),
        "breadcrumbs": [{"label": _("Forside"), "url": reverse("front")}, {"label": _("Min konto"), "url": None}],
    }


@requires(VIEW_OWN_ACCOUNT)
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request))


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """Make a new API token (replacing any old one) and show it once, or delete it."""
    with transaction.atomic():
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "delete":
            record(request.user, AuditEvent.Verb.DELETE, request.user, message="API-nøkkel slettet")
            messages.success(request, _("API-nøkkelen er slettet. Programmer som brukte den, får ikke lenger tilgang."))
            return redirect("accounts:profile")
        token = Token.objects.create(user=request.user)
        # The key itself is never written to the audit trail.
        record(request.user, AuditEvent.Verb.CREATE, request.user, message="API-nøkkel opprettet")
    # Shown in this response only (not through a redirect), so the key never lands in a cookie.
    return render(request, "accounts/profile.html", {**_profile_context(request), "new_token": token.key})


@requires(VIEW_OWN_ACCOUNT)
@require_http_methods(["POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    if two_factor.confirmed_device(request.user) is None:
        messages.error(request, _("Sett opp autentiseringsappen før du lager reservekoder."))
        return redirect("accounts:profile")
    codes = two_factor.make_backup_codes(request.user)
    record(request.user, AuditEvent.Verb.CREATE, request.user, message="reservekoder laget")
    return render(request, "accounts/profile.html", {**_profile_context(request), "new_backup_codes": codes})
