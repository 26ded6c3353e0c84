"""Actions of the assessments app.

Who does what (issue 3): the service leader drafts and submits to the municipal leadership; the
leadership reads, comments and forwards it to the county governor (or sends it back to the
service); the county advisor reads it once forwarded, holds the dialogue meeting, marks it
discussed and finalises; Bufdir reads every forwarded one. Employees and network coordinators have
no access to assessments.
"""

from typing import Any

from fagloft.accounts.access import can, define, define_rule, register_object_actions
from fagloft.accounts.roles import Role

_READERS = [Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN]

# The service side (the service and its municipality) reads its own assessment at every stage.
READ_OWN_ASSESSMENT = define(
    "assessments.read_own",
    "Read one's own service's assessments at every stage",
    [Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.ADMIN],
)

# Statuses in which the county governor and Bufdir read the full text: the municipal leadership
# decides when the assessment leaves the municipality (models.Assessment.Status values).
SHARED_WITH_COUNTY = ("forwarded", "discussed", "final")


def _full_text_readable(user: Any, obj: Any) -> bool:
    if obj._meta.label_lower != "assessments.assessment":
        return True  # the action checked on a unit (may this user read assessments there at all)
    return obj.status in SHARED_WITH_COUNTY or can(user, READ_OWN_ASSESSMENT, obj)


FORWARDED_OR_OWN = define_rule(
    "assessments.forwarded_or_own",
    "The county governor and Bufdir read an assessment only after the municipal leadership forwarded it; "
    "the service and its municipality read it at every stage",
    _full_text_readable,
)

VIEW_ASSESSMENT = define("assessments.view", "Read risk and status assessments", _READERS, rule=FORWARDED_OR_OWN)
CREATE_ASSESSMENT = define(
    "assessments.create", "Start a risk and status assessment", [Role.SERVICE_LEADER, Role.ADMIN]
)
EDIT_ASSESSMENT = define(
    "assessments.edit", "Edit a draft assessment, its themes and measures", [Role.SERVICE_LEADER, Role.ADMIN]
)
SUBMIT_ASSESSMENT = define(
    "assessments.submit", "Submit an assessment to the municipal leadership", [Role.SERVICE_LEADER, Role.ADMIN]
)
REVIEW_ASSESSMENT = define(
    "assessments.review",
    "Municipal leadership: forward a submitted assessment to the county governor, or send it back to the service",
    [Role.MUNICIPAL_LEADER, Role.ADMIN],
)
COMMENT_ASSESSMENT = define(
    "assessments.comment",
    "Comment on an assessment",
    [Role.MUNICIPAL_LEADER, Role.COUNTY_ADVISOR, Role.ADMIN],
    rule=FORWARDED_OR_OWN,
)
DISCUSS_ASSESSMENT = define(
    "assessments.discuss",
    "Mark an assessment as discussed in a dialogue meeting",
    [Role.COUNTY_ADVISOR, Role.ADMIN],
    rule=FORWARDED_OR_OWN,
)
FINALISE_ASSESSMENT = define(
    "assessments.finalise",
    "Make an assessment final and locked",
    [Role.COUNTY_ADVISOR, Role.ADMIN],
    rule=FORWARDED_OR_OWN,
)
REVISE_ASSESSMENT = define(
    "assessments.revise", "Start a new version of a final assessment", [Role.SERVICE_LEADER, Role.ADMIN]
)

VIEW_SIGNAL_RULES = define(
    "assessments.view_rules", "See the signal rules", [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN]
)


def _rule_owner(user: Any, obj: Any) -> bool:
    """A county's rules are the county governor's, the national rules Bufdir's (the admin both)."""
    from fagloft.accounts.access import has_role

    if has_role(user, Role.ADMIN):
        return True
    national = obj._meta.label_lower == "assessments.signalrule" and obj.county_id is None
    return has_role(user, Role.NATIONAL) if national else has_role(user, Role.COUNTY_ADVISOR)


RULE_OWNER = define_rule(
    "assessments.rule_owner", "County rules are changed by the county, national rules by Bufdir", _rule_owner
)
MANAGE_SIGNAL_RULES = define(
    "assessments.manage_rules",
    "Create and change signal rules (a county's by its advisors, the national ones by Bufdir)",
    [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN],
    rule=RULE_OWNER,
)
# National rules apply everywhere, so only Bufdir writes them (a county advisor writes the county's).
MANAGE_NATIONAL_RULES = define(
    "assessments.manage_national_rules", "Create Bufdir's national signal rules", [Role.NATIONAL, Role.ADMIN]
)

VIEW_COUNTY_OVERVIEW = define(
    "assessments.county_overview",
    "See all services' risk levels in a county",
    [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN],
)
VIEW_NATIONAL_PICTURE = define(
    "assessments.national_picture", "See risk levels across all counties", [Role.NATIONAL, Role.ADMIN]
)

VIEW_MEETINGS = define("assessments.view_meetings", "See dialogue meetings", _READERS)
MANAGE_MEETINGS = define(
    "assessments.manage_meetings",
    "Schedule dialogue meetings, write minutes and actions",
    [Role.COUNTY_ADVISOR, Role.ADMIN],
)

VIEW_GUIDANCE = define("assessments.view_guidance", "See guidance-team nominations and engagements", _READERS)
NOMINATE_GUIDANCE = define(
    "assessments.nominate_guidance", "Nominate a service for a guidance team", [Role.COUNTY_ADVISOR, Role.ADMIN]
)
REQUEST_GUIDANCE = define(
    "assessments.request_guidance",
    "Ask for a guidance team for one's own service",
    [Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER, Role.ADMIN],
)
# Either of the two above: the use case `propose_guidance` decides which one it is for the service.
PROPOSE_GUIDANCE = define(
    "assessments.propose_guidance",
    "Nominate or ask for a guidance team",
    [Role.COUNTY_ADVISOR, Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER, Role.ADMIN],
)
# Bufdir runs the guidance teams nationally: it offers, starts and ends engagements everywhere.
MANAGE_GUIDANCE = define(
    "assessments.manage_guidance",
    "Offer a guidance team or turn a request down; start, record and end an engagement",
    [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN],
)
RESPOND_GUIDANCE = define(
    "assessments.respond_guidance",
    "Accept or decline a guidance team offered to one's own service",
    [Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER, Role.ADMIN],
)
MANAGE_RISK_RULE = define(
    "assessments.manage_risk_rule",
    "Change the national rule that suggests the overall risk level from the theme scores",
    [Role.NATIONAL, Role.ADMIN],
)

register_object_actions(
    "assessments.assessment",
    VIEW_ASSESSMENT,
    EDIT_ASSESSMENT,
    SUBMIT_ASSESSMENT,
    REVIEW_ASSESSMENT,
    COMMENT_ASSESSMENT,
    DISCUSS_ASSESSMENT,
    FINALISE_ASSESSMENT,
    REVISE_ASSESSMENT,
)
register_object_actions("assessments.dialoguemeeting", VIEW_MEETINGS, MANAGE_MEETINGS)
register_object_actions("assessments.guidanceengagement", VIEW_GUIDANCE, MANAGE_GUIDANCE, RESPOND_GUIDANCE)
register_object_actions("assessments.need", REQUEST_GUIDANCE)
register_object_actions("assessments.signalrule", VIEW_SIGNAL_RULES, MANAGE_SIGNAL_RULES)
