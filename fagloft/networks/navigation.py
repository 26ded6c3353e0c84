from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.networks.permissions import VIEW_NETWORK

ITEMS = [NavItem(_("Læringsnettverk"), "networks:network-list", VIEW_NETWORK, order=60)]
