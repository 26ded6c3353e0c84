"""Actions on what spans every app."""

from fagloft.accounts.access import define
from fagloft.accounts.roles import Role

VIEW_AUDIT = define(
    "site.view_audit",
    "Read the audit trail of units",
    [Role.ADMIN, Role.COUNTY_ADVISOR],
)
