from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.organizations.permissions import VIEW_COUNTY

ITEMS = [NavItem(_("Fylker og kommuner"), "organizations:county-list", VIEW_COUNTY, order=10)]
