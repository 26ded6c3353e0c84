"""The roles of docs/architecture.md and the level of the organisation tree each is scoped to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Ansatt")
    SERVICE_LEADER = "service_leader", _("Barnevernleder")
    MUNICIPAL_LEADER = "municipal_leader", _("Kommuneledelse")
    COUNTY_ADVISOR = "county_advisor", _("Rådgiver hos Statsforvalteren")
    NETWORK_COORDINATOR = "network_coordinator", _("Koordinator for læringsnettverk")
    COMPETENCE_ENVIRONMENT = "competence_environment", _("Kompetansemiljø")
    NATIONAL = "national", _("Bufdir")
    ADMIN = "admin", _("Administrator")


class Level(models.TextChoices):
    SERVICE = "service", _("Tjeneste")
    MUNICIPALITY = "municipality", _("Kommune")
    COUNTY = "county", _("Fylke")
    NONE = "none", _("Ingen enhet")
    GLOBAL = "global", _("Hele landet")


LEVEL_OF_ROLE: dict[str, str] = {
    Role.EMPLOYEE: Level.SERVICE,
    Role.SERVICE_LEADER: Level.SERVICE,
    Role.MUNICIPAL_LEADER: Level.MUNICIPALITY,
    Role.COUNTY_ADVISOR: Level.COUNTY,
    Role.NETWORK_COORDINATOR: Level.COUNTY,
    # A competence environment is a partner outside the tree: what it sees comes from the
    # courses and projects it takes part in, decided by the apps that hold them.
    Role.COMPETENCE_ENVIRONMENT: Level.NONE,
    Role.NATIONAL: Level.GLOBAL,
    Role.ADMIN: Level.GLOBAL,
}

# Roles that must log in with a second factor (TOTP), unless the installation runs in demo mode.
TWO_FACTOR_ROLES = frozenset({Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN})

ALL_ROLES = frozenset(Role)
