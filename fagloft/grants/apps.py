from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "fagloft.grants"
    label = "grants"
    verbose_name = _("Tilskudd")

    def ready(self) -> None:
        # Employer grant lines draw from programmes' ceiling; programmes sits below grants and
        # cannot ask, so grants tells it what students already have (no ceiling below that).
        from fagloft.grants import employer_grants
        from fagloft.programmes import services as programme_services

        programme_services.register_ceiling_use(employer_grants.highest_per_student)
