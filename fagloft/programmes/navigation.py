from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.programmes.permissions import VIEW_OFFERS

ITEMS = [NavItem(_("Programmer"), "programmes:index", VIEW_OFFERS, order=62)]
