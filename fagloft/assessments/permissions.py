"""Actions of the assessments app.

Who does what (issue 3): the service leader drafts; the municipal leadership reads and comments;
the county advisor reads, holds the dialogue meeting, marks it discussed and finalises; Bufdir
reads everything. Employees and network coordinators have no access to assessments.
"""

from fagloft.accounts.access import define
from fagloft.accounts.roles import Role

_READERS = [Role.SERVICE_LEADER, Role.MUNICIPAL_LEADER, Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN]

VIEW_ASSESSMENT = define("assessments.view", "Read risk and status assessments", _READERS)
CREATE_ASSESSMENT = define("assessments.create", "Start a risk and status assessment",
                           [Role.SERVICE_LEADER, Role.ADMIN])
EDIT_ASSESSMENT = define("assessments.edit", "Edit a draft assessment, its themes and measures",
                         [Role.SERVICE_LEADER, Role.ADMIN])
SUBMIT_ASSESSMENT = define("assessments.submit", "Submit an assessment to the municipal leadership",
                           [Role.SERVICE_LEADER, Role.ADMIN])
COMMENT_ASSESSMENT = define("assessments.comment", "Comment on an assessment",
                            [Role.MUNICIPAL_LEADER, Role.COUNTY_ADVISOR, Role.ADMIN])
DISCUSS_ASSESSMENT = define("assessments.discuss", "Mark an assessment as discussed in a dialogue meeting",
                            [Role.COUNTY_ADVISOR, Role.ADMIN])
FINALISE_ASSESSMENT = define("assessments.finalise", "Make an assessment final and locked",
                             [Role.COUNTY_ADVISOR, Role.ADMIN])
REVISE_ASSESSMENT = define("assessments.revise", "Start a new version of a final assessment",
                           [Role.SERVICE_LEADER, Role.ADMIN])

VIEW_SIGNAL_RULES = define("assessments.view_rules", "See the signal rules",
                           [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN])
MANAGE_SIGNAL_RULES = define("assessments.manage_rules", "Create and change signal rules (county or national)",
                             [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN])

VIEW_COUNTY_OVERVIEW = define("assessments.county_overview", "See all services' risk levels in a county",
                              [Role.COUNTY_ADVISOR, Role.NATIONAL, Role.ADMIN])
VIEW_NATIONAL_PICTURE = define("assessments.national_picture", "See risk levels across all counties",
                               [Role.NATIONAL, Role.ADMIN])

VIEW_MEETINGS = define("assessments.view_meetings", "See dialogue meetings", _READERS)
MANAGE_MEETINGS = define("assessments.manage_meetings", "Schedule dialogue meetings, write minutes and actions",
                         [Role.COUNTY_ADVISOR, Role.ADMIN])

VIEW_GUIDANCE = define("assessments.view_guidance", "See guidance-team nominations and engagements", _READERS)
NOMINATE_GUIDANCE = define("assessments.nominate_guidance", "Nominate a service for a guidance team",
                           [Role.COUNTY_ADVISOR, Role.ADMIN])
REQUEST_GUIDANCE = define("assessments.request_guidance", "Ask for a guidance team for one's own service",
                          [Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER, Role.ADMIN])
MANAGE_GUIDANCE = define("assessments.manage_guidance", "Record a guidance engagement's period, sessions, outcome",
                         [Role.COUNTY_ADVISOR, Role.ADMIN])
