from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from fagloft.accounts import api_tokens, two_factor
from fagloft.accounts.access import can, has_role
from fagloft.accounts.models import ApiToken, EnrolmentCode, Membership, User
from fagloft.accounts.permissions import MANAGE_USERS
from fagloft.accounts.roles import Role
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record


def _admin_only(request: HttpRequest) -> bool:
    """The operations admin is for the admin role only, whatever `is_staff` says."""
    user = request.user
    return bool(user.is_active and user.is_staff and has_role(user, Role.ADMIN))


admin.site.has_permission = _admin_only  # type: ignore[method-assign]


class ManageUsersPermissions:
    """Users, their tokens and enrolment codes are managed by the admin role (MANAGE_USERS), not by
    Django's per-model permissions, which Fagløft does not hand out."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, MANAGE_USERS)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return can(request.user, MANAGE_USERS)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return can(request.user, MANAGE_USERS)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return can(request.user, MANAGE_USERS)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return can(request.user, MANAGE_USERS)


class ReadOnlyAdmin(ManageUsersPermissions, admin.ModelAdmin):
    """Made elsewhere (by their owner, or by an action), kept for the audit: seen, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class MembershipInline(ManageUsersPermissions, admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["county", "municipality", "service"]


@admin.register(User)
class UserAdmin(ManageUsersPermissions, BaseUserAdmin):
    inlines = [MembershipInline]
    # The stubs type `fieldsets` as optional; Django's `UserAdmin` always sets it.
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Fagløft", {"fields": ("title", "phone", "organisation_name")}))
    actions = ["issue_enrolment_codes"]

    @admin.action(description=_("Lag engangskode for oppsett av to faktorer"))
    def issue_enrolment_codes(self, request: HttpRequest, queryset) -> HttpResponse:
        """Codes are shown on the page that answers this action, once (never in a message cookie)."""
        issued = []
        with transaction.atomic():
            for user in queryset:
                code = two_factor.issue_enrolment_code(user, issued_by=request.user)
                record(request.user, AuditEvent.Verb.CREATE, user, message="engangskode for oppsett laget", scope={})
                issued.append((user, code))
        return TemplateResponse(
            request,
            "admin/accounts/enrolment_codes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Engangskoder for oppsett av to faktorer"),
                "issued": issued,
                "hours": settings.FAGLOFT_ENROLMENT_CODE_HOURS,
                "opts": self.model._meta,
            },
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are made by their owner on «Min konto»; here the admin sees them and revokes them."""

    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "user__username", "name"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    exclude = ["key_hash"]
    actions = ["revoke"]

    @admin.action(description=_("Trekk tilbake valgte API-nøkler"))
    def revoke(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic():
            for token in queryset.filter(revoked_at__isnull=True):
                api_tokens.revoke(token)
                record(
                    request.user,
                    AuditEvent.Verb.DELETE,
                    token,
                    message="API-nøkkel trukket tilbake av administrator",
                    scope={},
                )
        self.message_user(request, _("API-nøklene er trukket tilbake."))


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(ReadOnlyAdmin):
    list_display = ["user", "issued_by", "created_at", "expires_at", "used_at"]
    search_fields = ["user__username"]
    exclude = ["code_hash"]
