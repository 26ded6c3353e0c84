from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from fagloft.accounts import two_factor
from fagloft.accounts.access import PUBLIC, requires
from fagloft.accounts.forms import LoginForm, TokenForm
from fagloft.accounts.permissions import VIEW_OWN_ACCOUNT
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
        if two_factor.verify(device, form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Du er logget inn med to faktorer."))
            return redirect(_safe_next(request))
        form.add_error("token", _("Koden stemmer ikke. Sjekk at klokka på telefonen er riktig, og prøv den nyeste koden."))
    context = {
        "form": form,
        "setting_up": setting_up,
        "qr_svg": two_factor.qr_svg(device) if setting_up else "",
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor.html", context)


@requires(VIEW_OWN_ACCOUNT)
def profile(request: HttpRequest) -> HttpResponse:
    from fagloft.accounts.access import memberships

    return render(request, "accounts/profile.html", {
        "memberships": [m for m in memberships(request.user) if m.pk],
        "has_second_factor": two_factor.confirmed_device(request.user) is not None,
    })
