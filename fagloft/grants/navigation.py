from django.utils.translation import gettext_lazy as _

from fagloft.grants.permissions import VIEW_CALL
from fagloft.navigation import NavItem

ITEMS = [NavItem(_("Tilskudd"), "grants:call-list", VIEW_CALL, order=65)]
