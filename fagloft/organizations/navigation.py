from django.utils.translation import gettext_lazy as _

from fagloft.navigation import NavItem
from fagloft.organizations.permissions import SEARCH_MUNICIPALITIES, VIEW_COUNTY

ITEMS = [
    NavItem(_("Fylker og kommuner"), "organizations:county-list", VIEW_COUNTY, order=10),
    NavItem(_("Søk etter kommune"), "organizations:search", SEARCH_MUNICIPALITIES, order=11),
]
