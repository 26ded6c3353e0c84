"""The catalogue in the operators' admin: SSB table numbers and definitions are reference data to correct."""

from django.contrib import admin
from django.http import HttpRequest

from fagloft.statistics.models import Indicator, IndicatorValue


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nb", "unit", "source", "ssb_table", "aggregation", "is_active"]
    list_filter = ["source", "aggregation", "is_active"]
    search_fields = ["code", "name_nb", "name_nn", "name_en"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    # Values change through imports and the audited entry form, never here.
    list_display = ["indicator", "unit_key", "year", "half", "value", "source", "recorded_at"]
    list_filter = ["source", "year"]
    search_fields = ["indicator__code", "unit_key"]
    list_select_related = ["indicator"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IndicatorValue | None = None) -> bool:
        return False
