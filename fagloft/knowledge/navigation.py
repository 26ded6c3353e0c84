from django.utils.translation import gettext_lazy as _

from fagloft.knowledge.permissions import VIEW
from fagloft.navigation import NavItem

ITEMS = [NavItem(_("Kunnskap"), "knowledge:bank", VIEW, order=70)]
