from django.utils.translation import gettext_lazy as _

from fagloft.kostra.permissions import UPLOAD
from fagloft.navigation import NavItem

ITEMS = [NavItem(_("KOSTRA 15F"), "kostra:index", UPLOAD, order=45)]
