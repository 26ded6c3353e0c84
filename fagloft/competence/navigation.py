from django.utils.translation import gettext_lazy as _

from fagloft.competence.permissions import VIEW_OVERVIEW
from fagloft.navigation import NavItem

ITEMS = [NavItem(_("Kompetanse"), "competence:overview", VIEW_OVERVIEW, order=30)]
