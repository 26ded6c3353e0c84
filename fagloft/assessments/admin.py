"""Reference data an administrator corrects: the template's themes and the risk bands.

Assessments, rules and meetings are changed through the pages (with audit), not here; so is the
rule for the suggested risk level (`/vurderinger/risikoregel/`, Bufdir).
"""

from django.contrib import admin

from fagloft.assessments.models import RiskBand, Theme, ThemeIndicator


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nb", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(RiskBand)
class RiskBandAdmin(admin.ModelAdmin):
    list_display = ["level", "max_score"]


@admin.register(ThemeIndicator)
class ThemeIndicatorAdmin(admin.ModelAdmin):
    """Which figures prefill «status i dag» in each theme: add a row when the catalogue gets one."""

    list_display = ["theme", "indicator_code", "sort_order"]
    list_editable = ["sort_order"]
    list_filter = ["theme"]
