from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KostraConfig(AppConfig):
    name = "fagloft.kostra"
    label = "kostra"
    verbose_name = _("KOSTRA 15F")
