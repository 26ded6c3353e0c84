from django.utils.translation import gettext_lazy as _

from fagloft.assessments import permissions as perms
from fagloft.navigation import NavItem

ITEMS = [
    NavItem(_("Risiko og tilstand"), "assessments:list", perms.VIEW_ASSESSMENT, order=40),
    NavItem(_("Hele landet"), "assessments:national", perms.VIEW_NATIONAL_PICTURE, order=41),
]
