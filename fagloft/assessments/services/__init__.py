"""Writes of the assessments app, one function per use case, each in one transaction with audit."""

from fagloft.assessments.services.assessments import (
    TRANSITIONS,
    add_comment,
    add_measure,
    create_assessment,
    start_new_revision,
    transition,
    update_assessment,
    update_entry,
    update_measure,
)
from fagloft.assessments.services.common import WorkflowError
from fagloft.assessments.services.guidance import add_session, origin_for, propose_guidance, update_engagement
from fagloft.assessments.services.meetings import (
    add_action,
    default_agenda,
    schedule_meeting,
    send_reminders,
    set_action_done,
    update_meeting,
)
from fagloft.assessments.services.rules import create_rule, parameter_errors, update_rule

__all__ = [
    "TRANSITIONS", "WorkflowError", "add_action", "add_comment", "add_measure", "add_session", "create_assessment",
    "create_rule", "default_agenda", "origin_for", "parameter_errors", "propose_guidance", "schedule_meeting",
    "send_reminders", "set_action_done", "start_new_revision", "transition", "update_assessment", "update_engagement",
    "update_entry", "update_measure", "update_meeting", "update_rule",
]
