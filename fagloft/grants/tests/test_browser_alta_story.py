"""In the browser: Alta's leader follows the thread of issue 10 from the 2024 assessment to the 2025
assessment — need → plan measure → network project → grant application → final report with outcome
values → the municipality's hub → next year's assessment. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest

from fagloft.accounts.roles import Role
from fagloft.assessments import demo as assessments_demo
from fagloft.competence import demo as competence_demo
from fagloft.grants import demo as grants_demo
from fagloft.grants.models import Application, GrantReport
from fagloft.networks import demo as networks_demo
from fagloft.organizations import demo as organizations_demo
from fagloft.organizations.tests.factories import make_user
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_altas_leader_follows_the_thread_from_one_assessment_to_the_next(page, live_url):
    ctx = organizations_demo.build_context(None, log=lambda message: None)
    for builder in (assessments_demo, networks_demo, competence_demo, grants_demo):
        builder.build(ctx)
    alta = ctx.services[0]
    leader = make_user("leder.alta.test", Role.SERVICE_LEADER, alta)
    assessment_2024 = ctx.extra["alta_assessment_2024"]
    project = ctx.extra["alta_project"]
    application = Application.objects.get(project=project)
    report = application.reports.get(kind=GrantReport.Kind.FINAL)

    need = next(n for n in ctx.extra["alta_needs_2024"] if n.kind == "project")
    browser_login(page, live_url, leader)
    page.goto(f"{live_url}/vurderinger/{assessment_2024.pk}/")
    assert_accessible(page, "story-assessment-2024")
    item = page.locator(f"#behov-{need.pk}")
    # The need leads to the plan measure that answers it...
    measure_url = item.locator("a[href^='/kompetanse/']").first.get_attribute("href", timeout=5000)
    page.goto(f"{live_url}{measure_url}")
    assert_accessible(page, "story-plan-measure")
    page.go_back()
    # ...and to the network's project.
    page.locator(f"#behov-{need.pk} a[href='/nettverk/prosjekter/{project.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/nettverk/prosjekter/{project.pk}/$"))
    assert_accessible(page, "story-project")
    page.locator(f"a[href='/tilskudd/soknader/{application.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/tilskudd/soknader/{application.pk}/$"))
    assert page.get_by_text("Forankring i risiko- og tilstandsvurderinger").is_visible()
    assert_accessible(page, "story-application")
    page.locator(f"a[href='/tilskudd/rapporter/{report.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/tilskudd/rapporter/{report.pk}/$"))
    assert page.get_by_role("heading", name="Resultatmål slik de sto i rapporten").is_visible()
    assert_accessible(page, "story-report")
    # From the lead municipality's hub to the assessments, and next year's assessment.
    page.get_by_role("link", name=application.lead_municipality.name).first.click()
    page.wait_for_url(re.compile(rf"/kommuner/{application.lead_municipality.number}/$"))
    assert_accessible(page, "story-municipality-hub")
    page.locator("nav.fl-hub a[href^='/vurderinger/']").first.click()
    assert_accessible(page, "story-assessments")
    row = page.locator("tr").filter(has=page.get_by_role("cell", name=str(assessment_2024.year + 1), exact=True))
    later = row.locator("a[href^='/vurderinger/']").first
    later.click()
    page.wait_for_url(re.compile(r"/vurderinger/\d+/$"))
    assert f"/vurderinger/{assessment_2024.pk}/" not in page.url
    # The 2025 assessment shows what came of the 2024 need: the project, and the grant.
    assert page.locator(f"a[href='/nettverk/prosjekter/{project.pk}/']").count() >= 1
    assert_accessible(page, "story-assessment-2025")
