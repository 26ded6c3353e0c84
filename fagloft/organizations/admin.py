from django.contrib import admin

from fagloft.organizations.models import CooperationAgreement, County, Municipality, Service, ServiceCoverage


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "valid_from", "valid_to"]
    search_fields = ["number", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "valid_from", "valid_to"]
    search_fields = ["number", "name"]
    list_filter = ["county"]


class CoverageInline(admin.TabularInline):
    model = ServiceCoverage
    extra = 0
    raw_id_fields = ["municipality"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "host_municipality"]
    inlines = [CoverageInline]
    raw_id_fields = ["host_municipality"]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "valid_from", "valid_to"]
    filter_horizontal = ["parties"]
