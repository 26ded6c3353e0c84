from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fagloft.accounts"
    label = "accounts"
    verbose_name = _("Brukere og tilgang")

    def ready(self) -> None:
        from fagloft.accounts import signals  # noqa: F401  (connects the receivers)
