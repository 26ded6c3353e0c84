from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.site.permissions import VIEW_AUDIT

ITEMS = [
    NavItem(_("Endringslogg"), "site:audit-log", VIEW_AUDIT, order=90),
]
