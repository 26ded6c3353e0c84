"""Actions on the tilstandsrapport.

The service leader and the municipal leadership write the reports of their own service and
municipality; the county governor's advisors and Bufdir read every report in their scope (a county,
the nation) and start the batch that drafts reports for a whole county or the nation.
"""

from __future__ import annotations

from fagloft.accounts.access import READ_ROLES, define, register_object_actions
from fagloft.accounts.roles import Role

WRITERS = [Role.ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER]
OVERSEERS = [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR, Role.NATIONAL]

VIEW = define("reports.view", "See the tilstandsrapport of a service or municipality", READ_ROLES)
EDIT = define("reports.edit", "Prepare and edit the tilstandsrapport, freeze its figures", WRITERS)
COMMENT = define("reports.comment", "Comment on a tilstandsrapport before the council", WRITERS)
MARK_READY = define("reports.mark_ready", "Mark the tilstandsrapport ready for the council", WRITERS)
RECORD_HANDLING = define("reports.record_handling", "Record the council's handling of the report", WRITERS)
EDIT_ABOUT = define("reports.edit_about", "Edit the service's standard text about child welfare", WRITERS)
OVERVIEW = define("reports.overview", "See which municipalities have reported, by county or network", OVERSEERS)
GENERATE = define(
    "reports.generate",
    "Generate draft reports for every municipality of a county or the nation",
    [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NATIONAL],
)

register_object_actions("reports.report", EDIT, COMMENT, MARK_READY, RECORD_HANDLING)
