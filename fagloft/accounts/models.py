"""Users and their memberships in units of the organisation tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagloft.accounts.roles import LEVEL_OF_ROLE, Level, Role
from fagloft.lib.models import TimeStamped, Validity, ValidityQuerySet

if TYPE_CHECKING:
    from fagloft.organizations.models import County, Municipality, Service


class User(AbstractUser):
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    # For a competence environment (RKBU, RBUP, NUBU, a university): which one.
    organisation_name = models.CharField(_("organisasjon"), max_length=200, blank=True)
    # The subject identifier from OpenID Connect (ID-porten `pid` hashed, or Entra ID `oid`).
    oidc_subject = models.CharField(_("OIDC-identitet"), max_length=200, blank=True, db_index=True)

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(TimeStamped, Validity):
    """A user's role in one unit of the tree (or nationally, for Bufdir and admin)."""

    user = models.ForeignKey(User, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=40, choices=Role.choices)
    county = models.ForeignKey(
        "organizations.County",
        verbose_name=_("fylke"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    service = models.ForeignKey(
        "organizations.Service",
        verbose_name=_("tjeneste"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["user__username", "role"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} {self.unit or ''}".strip()

    @property
    def level(self) -> str:
        return LEVEL_OF_ROLE[self.role]

    @property
    def unit(self) -> County | Municipality | Service | None:
        return self.service or self.municipality or self.county

    @property
    def unit_id(self) -> int | None:
        ids: dict[str, int | None] = {
            Level.SERVICE: self.service_id,
            Level.MUNICIPALITY: self.municipality_id,
            Level.COUNTY: self.county_id,
        }
        return ids.get(self.level)

    def clean(self) -> None:
        fields: dict[str, str] = {Level.SERVICE: "service", Level.MUNICIPALITY: "municipality", Level.COUNTY: "county"}
        wanted = fields.get(self.level)
        given = [name for name in ("county", "municipality", "service") if getattr(self, f"{name}_id")]
        if wanted and given != [wanted]:
            raise ValidationError(
                _("Rollen %(role)s skal knyttes til nøyaktig én enhet av typen %(level)s.")
                % {"role": self.get_role_display(), "level": Level(self.level).label}
            )
        if not wanted and given:
            raise ValidationError(_("Rollen %(role)s knyttes ikke til en enhet.") % {"role": self.get_role_display()})

    def audit_scope(self) -> dict[str, int | None]:
        if self.service is not None:
            return self.service.audit_scope()
        if self.municipality is not None:
            return self.municipality.audit_scope()
        return {"county_id": self.county_id}


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        from django.utils import timezone

        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A personal key for the REST API. Only a SHA-256 hash and a short prefix are stored: the key
    itself is shown once, when made. A token made after the second factor remembers the device
    that was verified, so it keeps working only while that device does (see `api_tokens.py`)."""

    user = models.ForeignKey(User, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("navn"), max_length=100, blank=True)
    prefix = models.CharField(_("begynnelse"), max_length=16, db_index=True)
    key_hash = models.CharField(_("sjekksum"), max_length=64, unique=True)
    # django-otp's persistent id of the device verified in the session that made the token.
    second_factor_device = models.CharField(_("andre faktor"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("utløper"))
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def usable(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > timezone.now()


class EnrolmentCode(models.Model):
    """A one-time code an admin gives a person so they can set up their second factor.

    Without it, a stolen password of an account that has not set up its app yet would be enough to
    set up the attacker's app. Stored as a SHA-256 hash; it expires and works once."""

    user = models.ForeignKey(User, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(_("sjekksum"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, verbose_name=_("laget av"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("utløper"))
    used_at = models.DateTimeField(_("brukt"), null=True, blank=True)

    class Meta:
        verbose_name = _("engangskode for oppsett")
        verbose_name_plural = _("engangskoder for oppsett")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
