from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.statistics.permissions import VIEW_STATISTICS

ITEMS = [NavItem(_("Statistikk"), "statistics:index", VIEW_STATISTICS, order=20)]
