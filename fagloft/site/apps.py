from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """What spans every app: the change log across the site and the `fagloft demo` command."""

    name = "fagloft.site"
    label = "site"
    verbose_name = _("Fagløft som helhet")
