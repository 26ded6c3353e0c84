from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from fagloft.audit.services import record_create, record_delete, record_update, snapshot
from fagloft.organizations.models import CooperationAgreement, County, District, Municipality, Service, ServiceCoverage

if TYPE_CHECKING:
    from fagloft.accounts.models import User

# The tree's pages audit every change in their use cases; the admin writes past them, so it audits
# here, in the admin's own transaction, with the same records (who, what, before and after).
VIA_ADMIN = "i administrasjonen"


def _actor(request: HttpRequest) -> User:
    # Only logged-in admins reach the admin site (`accounts.admin._admin_only`).
    return cast("User", request.user)


class AuditedAdmin(admin.ModelAdmin):
    """Audits create, change and delete of the model, and of the rows of its inlines."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        if before is None:
            record_create(_actor(request), obj, VIA_ADMIN)
        else:
            record_update(_actor(request), obj, before, VIA_ADMIN)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        # Recorded first: after the delete the object has no primary key to name it by.
        record_delete(_actor(request), obj, VIA_ADMIN)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        # The changelist's «delete selected» runs outside the change form's transaction.
        with transaction.atomic():
            for obj in queryset:
                record_delete(_actor(request), obj, VIA_ADMIN)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Read again: the formset's own rows already carry the posted values.
        pks = [f.instance.pk for f in formset.initial_forms if f.instance.pk is not None]
        stored = {obj.pk: obj for obj in formset.model._default_manager.filter(pk__in=pks)}
        for deleted in formset.deleted_forms:
            if deleted.instance.pk in stored:
                record_delete(_actor(request), stored[deleted.instance.pk], VIA_ADMIN)
        before = {pk: snapshot(obj) for pk, obj in stored.items()}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_create(_actor(request), obj, VIA_ADMIN)
        for obj, _fields in formset.changed_objects:
            record_update(_actor(request), obj, before.get(obj.pk, {}), VIA_ADMIN)


@admin.register(County)
class CountyAdmin(AuditedAdmin):
    list_display = ["number", "name", "valid_from", "valid_to"]
    search_fields = ["number", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["number", "name", "county", "valid_from", "valid_to"]
    search_fields = ["number", "name"]
    list_filter = ["county"]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["municipality", "number", "name", "valid_from", "valid_to"]
    search_fields = ["number", "name", "municipality__name"]
    raw_id_fields = ["municipality"]


class CoverageInline(admin.TabularInline):
    # ServiceCoverage.clean refuses a district of another municipality here too.
    model = ServiceCoverage
    extra = 0
    raw_id_fields = ["municipality"]
    fields = ["municipality", "district", "valid_from", "valid_to"]

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "district":
            kwargs["queryset"] = District.objects.select_related("municipality")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "host_municipality"]
    inlines = [CoverageInline]
    raw_id_fields = ["host_municipality"]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(AuditedAdmin):
    list_display = ["title", "kind", "valid_from", "valid_to"]
    filter_horizontal = ["parties"]
