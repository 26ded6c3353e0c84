"""In the browser, at desktop width and at 390 px: a Tjenestestøtteprogrammet round from start to
end. The county advisor creates the round, chooses the service and plans a gathering; the leader
enrols the whole staff and signs the commitment; the advisor registers attendance and closes the
round. Every page passes axe-core and none scrolls sideways."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fagloft.competence.tests.factories import make_employee
from fagloft.organizations.tests.factories import build_tree
from fagloft.programmes.models import Cohort, CohortService, EnrolmentStatus, Session
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_service_support_round_from_choice_to_completion(page, live_url):
    tree = build_tree()
    today = timezone.localdate()
    staff = [make_employee(tree.service_ab, "Nora", "Nordvik"), make_employee(tree.service_ab, "Per", "Pettersen")]

    # The county advisor creates the round and chooses the service.
    browser_login(page, live_url, tree.users["advisor_x"])
    page.goto(f"{live_url}/programmer/fylker/{tree.county_x.number}/ny-tjenestestotte/")
    assert_accessible(page, "programmes-round-create")
    page.get_by_label("Tittel").fill("Tjenestestøtte Nordfylket")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/programmer/runder/\d+/$"))
    cohort = Cohort.objects.get(title="Tjenestestøtte Nordfylket")
    assert_accessible(page, "programmes-round")
    page.get_by_role("link", name="Velg tjeneste").click()
    page.get_by_label("Tjeneste").select_option(label=tree.service_ab.name)
    assert_accessible(page, "programmes-round-choose")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Tjenesten er valgt ut").first).to_be_visible()
    page.get_by_role("link", name="Ny samling").click()
    page.get_by_label("Dato").fill(today.isoformat())
    page.get_by_label("Tema").fill("Første samling")
    assert_accessible(page, "programmes-session-add")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Samlingen er lagt til").first).to_be_visible()
    participation = CohortService.objects.get(cohort=cohort, service=tree.service_ab)

    # The leader enrols every employee and signs the commitment.
    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["leader_ab"])
    page.goto(f"{live_url}/programmer/deltakelse/{participation.pk}/")
    assert_accessible(page, "programmes-participation")
    page.get_by_role("button", name="Meld på").click()
    expect(page.get_by_text("2 ansatte er meldt på").first).to_be_visible()
    page.get_by_label("Jeg forplikter tjenesten").check()
    assert_accessible(page, "programmes-participation-enrolled")
    page.get_by_role("button", name="Signer").click()
    expect(page.get_by_text("Forpliktelsen er signert").first).to_be_visible()
    participation.refresh_from_db()
    assert participation.status == CohortService.Status.COMMITTED

    # The advisor registers attendance and closes the round.
    page.context.clear_cookies()
    browser_login(page, live_url, tree.users["advisor_x"])
    session = Session.objects.get(cohort=cohort)
    page.goto(f"{live_url}/programmer/samlinger/{session.pk}/oppmote/")
    for employee in staff:
        page.get_by_label(str(employee)).check()
    assert_accessible(page, "programmes-attendance")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Oppmøtet er lagret").first).to_be_visible()
    page.goto(f"{live_url}/programmer/runder/{cohort.pk}/avslutt/")
    page.get_by_label("Jeg har lest hva som vil skje").check()
    assert_accessible(page, "programmes-round-complete")
    page.get_by_role("button", name="Avslutt runden").click()
    expect(page.get_by_text("2 fullførte, 0 fullførte ikke").first).to_be_visible()
    assert_accessible(page, "programmes-round-completed")
    assert set(cohort.enrolments.values_list("status", flat=True)) == {EnrolmentStatus.COMPLETED}
    participation.refresh_from_db()
    assert participation.status == CohortService.Status.COMPLETED


def test_bufdir_sets_a_window_and_reads_study_places_and_coverage(page, live_url):
    tree = build_tree()
    browser_login(page, live_url, tree.users["national"])
    page.goto(f"{live_url}/programmer/studieplasser/")
    assert_accessible(page, "programmes-study-places")
    page.get_by_role("link", name="Ny søknadsperiode").click()
    page.get_by_label("Opptaksår").fill("2031")
    page.get_by_label("Søknadsperioden åpner (norsk tid)").fill("2031-02-01T09:00")
    page.get_by_label("Søknadsfrist (norsk tid)").fill("2031-01-15T23:59")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Søknadsfristen må være etter").first).to_be_visible()
    assert_accessible(page, "programmes-window-error")
    page.get_by_label("Søknadsfrist (norsk tid)").fill("2031-04-15T23:59")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Søknadsperioden er lagret").first).to_be_visible()
    page.goto(f"{live_url}/programmer/sertifisering/")
    assert_accessible(page, "programmes-certification")
    page.goto(f"{live_url}/programmer/sertifisering/fylker/{tree.county_x.number}/")
    assert_accessible(page, "programmes-certification-county")
