"""Reference data an administrator corrects in /drift/admin/: the requirement dates and thresholds,
the competence framework's areas and the rating scale. Personal data is not exposed here."""

from django.contrib import admin

from fagloft.competence.models import (
    CompetenceSettings,
    FrameworkArea,
    RequirementRule,
    ScaleLevel,
)


@admin.register(RequirementRule)
class RequirementRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "decided_on", "applies_from", "documented_by", "min_experience_years", "min_further_ects")


@admin.register(FrameworkArea)
class FrameworkAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_nb", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")


@admin.register(ScaleLevel)
class ScaleLevelAdmin(admin.ModelAdmin):
    list_display = ("value", "name_nb", "descriptor")


@admin.register(CompetenceSettings)
class CompetenceSettingsAdmin(admin.ModelAdmin):
    list_display = ("retention_days", "min_group_size", "small_service_fte")
