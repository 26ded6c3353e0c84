from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.reports.permissions import VIEW

ITEMS = [NavItem(_("Tilstandsrapporter"), "reports:list", VIEW, order=90)]
