from django.utils.translation import gettext_lazy as _

from fagloft.economy.permissions import VIEW_REFERENCE
from fagloft.navigation import NavItem

ITEMS = [NavItem(_("Økonomi"), "economy:index", VIEW_REFERENCE, order=75)]
