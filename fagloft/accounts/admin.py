from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from fagloft.accounts.access import has_role
from fagloft.accounts.models import Membership, User
from fagloft.accounts.roles import Role


def _admin_only(request: HttpRequest) -> bool:
    """The operations admin is for the admin role only, whatever `is_staff` says."""
    user = request.user
    return bool(user.is_active and user.is_staff and has_role(user, Role.ADMIN))


admin.site.has_permission = _admin_only  # type: ignore[method-assign]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["county", "municipality", "service"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Fagløft", {"fields": ("title", "phone", "organisation_name")}))
