"""After the decision: payments, reports, unspent funds and spending-deadline reminders."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.core import mail
from django.core.management import call_command

from fagloft.grants import queries, services
from fagloft.grants.models import Application, GrantReport
from fagloft.grants.reminders import send_spending_reminders
from fagloft.grants.tests.factories import make_application, make_call, make_decision
from fagloft.lib.refusals import Refused

D = decimal.Decimal


def _follow_up(application: Application) -> queries.FollowUp:
    """The follow-up of a granted application (the tests' decisions all grant)."""
    follow_up = queries.follow_up(application)
    assert follow_up is not None
    return follow_up


@pytest.fixture
def decision(tree):
    call = make_call(tree.county_x, spending_deadline=datetime.date(2027, 12, 31))
    application = make_application(
        call, tree.municipality_a, status=Application.Status.SUBMITTED, contact_email="kontakt@alvik.kommune.no"
    )
    return make_decision(application, amount=100_000)


def test_payments_cannot_exceed_the_granted_amount(tree, decision):
    services.add_payment(tree.users["advisor_x"], decision, amount=D(60_000), paid_on=datetime.date(2027, 1, 10))
    with pytest.raises(Refused, match="innvilget beløp"):
        services.add_payment(tree.users["advisor_x"], decision, amount=D(40_001), paid_on=datetime.date(2027, 6, 1))
    assert _follow_up(decision.application).paid == 60_000


def test_a_final_report_with_less_spent_flags_the_rest_for_repayment(tree, decision):
    application = decision.application
    services.add_report(
        tree.users["leader_ab"], application, kind=GrantReport.Kind.PROGRESS, text="Halvveis", spent=D(30_000)
    )
    assert _follow_up(application).unspent is None  # not known before the final report
    services.add_report(
        tree.users["leader_ab"], application, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=D(82_500)
    )
    assert _follow_up(application).unspent == D(17_500)
    assert queries.repayments_due(application.call) == [(application, D(17_500))]


def test_spending_reminders_are_sent_once_within_the_window(tree, decision):
    assert send_spending_reminders(today=datetime.date(2027, 9, 1), days_before=60) == 0  # too early
    assert send_spending_reminders(today=datetime.date(2027, 11, 15), days_before=60) == 1
    assert mail.outbox[0].to == ["kontakt@alvik.kommune.no"]
    assert "31.12.2027" in mail.outbox[0].subject
    assert send_spending_reminders(today=datetime.date(2027, 11, 16), days_before=60) == 0


def test_no_reminder_once_the_final_report_is_in(tree, decision):
    services.add_report(
        tree.users["leader_ab"], decision.application, kind=GrantReport.Kind.FINAL, text="Ferdig", spent=D(100_000)
    )
    assert send_spending_reminders(today=datetime.date(2027, 11, 15)) == 0


def test_the_reminder_command_runs(tree, decision, capsys):
    call_command("send_grant_reminders", "--days", "60")
    assert "påminnelser" in capsys.readouterr().out


def test_the_reminder_task_sends_through_the_task_backend(tree, decision):
    import time_machine

    from fagloft.grants.tasks import send_spending_reminders_task

    with time_machine.travel(datetime.datetime(2027, 11, 15, 9, tzinfo=datetime.UTC), tick=False):
        result = send_spending_reminders_task.enqueue(days_before=60)
    assert result.return_value == 1 and len(mail.outbox) == 1
