"""Actions of the kostra app.

Only the service leader (and the admin) uploads files and reads the reports, and a report is
visible only to the user who uploaded it (enforced in `queries.own_runs`). County and Bufdir see
only the figures a service chose to store, through the statistics app.
"""

from fagloft.accounts.access import define
from fagloft.accounts.roles import Role

UPLOAD = define(
    "kostra.upload", "Upload a KOSTRA 15F file for a service and read one's own validation reports",
    [Role.SERVICE_LEADER, Role.ADMIN],
)
STORE_FIGURES = define(
    "kostra.store_figures", "Store the figures derived from a 15F file as the service's indicator values",
    [Role.SERVICE_LEADER, Role.ADMIN],
)
