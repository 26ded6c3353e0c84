"""In the browser: an employee applies for further education inside the window, the leader
confirms as employer, and the provider admits from the class page; every page passes axe-core."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fagloft.competence.tests.factories import give_education, make_employee
from fagloft.organizations.tests.factories import build_tree
from fagloft.programmes.models import Enrolment, EnrolmentStatus
from fagloft.programmes.tests import factories as f
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employee_applies_and_the_provider_admits(page, live_url):
    tree = build_tree()
    today = timezone.localdate()
    f.open_window(today.year, today - datetime.timedelta(days=5), today + datetime.timedelta(days=5))
    provider = f.provider_for(tree)
    allocation = f.make_allocation(today.year, places=1, provider=provider)
    employee = make_employee(tree.service_ab, "Nora", "Nordvik", user=tree.users["employee_ab"])
    give_education(employee)

    browser_login(page, live_url, tree.users["employee_ab"])
    page.goto(f"{live_url}/programmer/")
    assert_accessible(page, "programmes-catalogue")
    page.get_by_role("link", name="Vurdering av barnets beste").first.click()
    assert_accessible(page, "programmes-offer")
    page.get_by_role("link", name=re.compile("^Søk Universitetet")).click()
    page.get_by_label("Begrunnelse").fill("Jeg trenger studiepoengene for kompetansekravene.")
    assert_accessible(page, "programmes-apply")
    page.get_by_role("button", name="Send søknad").click()
    page.wait_for_url(re.compile(r"/programmer/soknader/\d+/$"))
    expect(page.get_by_text("Søknaden er sendt").first).to_be_visible()
    assert_accessible(page, "programmes-application")
    enrolment = Enrolment.objects.get()
    assert enrolment.status == EnrolmentStatus.APPLIED

    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/programmer/soknader/{enrolment.pk}/bekreft/")
    assert_accessible(page, "programmes-confirm")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("bekreftet av arbeidsgiveren").first).to_be_visible()

    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["competence_env"])
    page.goto(f"{live_url}/programmer/studieplasser/{allocation.pk}/")
    assert_accessible(page, "programmes-class")
    page.get_by_role("button", name="Ta opp i prioritert rekkefølge").click()
    expect(page.get_by_text("1 tatt opp, 0 på venteliste").first).to_be_visible()
    assert_accessible(page, "programmes-class-admitted")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ADMITTED
