"""The national list of competence environments, and who acts for each, kept in /drift/admin/.

A person with the role competence environment sees the networks and projects of the environments
they are linked to here (`people`); their organisation name on the account plays no part."""

from django.contrib import admin

from fagloft.networks.models import CompetenceEnvironment


@admin.register(CompetenceEnvironment)
class CompetenceEnvironmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_demo"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["people"]
