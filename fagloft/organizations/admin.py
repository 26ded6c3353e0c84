from typing import Any

from django.contrib import admin

from fagloft.organizations.models import CooperationAgreement, County, District, Municipality, Service, ServiceCoverage


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "valid_from", "valid_to"]
    search_fields = ["number", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "valid_from", "valid_to"]
    search_fields = ["number", "name"]
    list_filter = ["county"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
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
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "host_municipality"]
    inlines = [CoverageInline]
    raw_id_fields = ["host_municipality"]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "valid_from", "valid_to"]
    filter_horizontal = ["parties"]
