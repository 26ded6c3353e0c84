"""Reference data an administrator corrects: the template's themes and the risk bands.

Assessments, rules and meetings are changed through the pages (with audit), not here.
"""

from django.contrib import admin

from fagloft.assessments.models import RiskBand, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nb", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(RiskBand)
class RiskBandAdmin(admin.ModelAdmin):
    list_display = ["level", "max_score"]
