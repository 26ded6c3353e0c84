"""Actions of the kostra app.

Only the service leader (and the admin) uploads files and reads the reports, and a report is
visible only to the user who uploaded it (the rule `UPLOADER`, and `queries.own_runs` for lists).
County and Bufdir see only the figures a service chose to store, through the statistics app.
"""

from typing import Any

from fagloft.accounts.access import define, define_rule, register_object_actions
from fagloft.accounts.roles import Role


def _is_uploader(user: Any, obj: Any) -> bool:
    from fagloft.kostra.models import ValidationRun

    # On a service (the unit one uploads for) only roles and scope count; on a run, whose it is.
    return not isinstance(obj, ValidationRun) or obj.uploaded_by_id == user.pk


UPLOADER = define_rule("kostra.uploader", "The user who uploaded the file (reports are private to them)", _is_uploader)

UPLOAD = define(
    "kostra.upload",
    "Upload a KOSTRA 15F file for a service and read one's own validation reports",
    [Role.SERVICE_LEADER, Role.ADMIN],
    rule=UPLOADER,
)
STORE_FIGURES = define(
    "kostra.store_figures",
    "Store the figures derived from a 15F file as the service's indicator values",
    [Role.SERVICE_LEADER, Role.ADMIN],
    rule=UPLOADER,
)

register_object_actions("kostra.validationrun", STORE_FIGURES)
