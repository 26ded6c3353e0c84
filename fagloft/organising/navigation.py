from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.organising.permissions import VIEW

ITEMS = [NavItem(_("Organisering"), "organising:index", VIEW, order=75)]
