"""Writes for learning networks: one function per use case, each in one transaction with its audit row."""

from fagloft.networks.services.gatherings import (
    add_agenda_item,
    add_gathering_document,
    create_gathering,
    invite_to_gathering,
    register_for_gathering,
    save_minutes,
    send_gathering_reminders,
    set_attendance,
    update_gathering,
)
from fagloft.networks.services.ideas import (
    comment_on_idea,
    prioritise_idea,
    propose_idea,
    support_idea,
)
from fagloft.networks.services.network import (
    add_contact,
    add_network_role,
    create_network,
    give_consent,
    update_network,
    withdraw_consent,
)
from fagloft.networks.services.plan import new_plan_revision, record_adoption, save_plan
from fagloft.networks.services.projects import (
    add_group_meeting,
    add_group_member,
    add_milestone,
    add_status_report,
    create_professional_group,
    create_project,
    idea_to_project,
    save_final_report,
)

__all__ = [
    "add_agenda_item", "add_contact", "add_gathering_document", "add_group_meeting", "add_group_member",
    "add_milestone", "add_network_role", "add_status_report", "comment_on_idea", "create_gathering",
    "create_network", "create_professional_group", "create_project", "give_consent", "idea_to_project",
    "invite_to_gathering", "new_plan_revision", "prioritise_idea", "propose_idea", "record_adoption",
    "register_for_gathering", "save_final_report", "save_minutes", "save_plan", "send_gathering_reminders",
    "set_attendance", "support_idea", "update_gathering", "update_network", "withdraw_consent",
]
