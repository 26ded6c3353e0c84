"""The national data set gives every app rows, valid for the app's rules, in the benchmark users' scope."""

from __future__ import annotations

import pytest

from bench.bench_allpages import all_patterns, coverage, crawl_users
from bench.bench_pages import logged_in_client
from bench.national import LAYERS, TINY, generate_all


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """One tiny national data set for the module's tests (it takes some seconds), rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield generate_all(TINY, show_progress=False)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_app_gets_rows_and_the_volumes_follow_the_size(national):
    from fagloft.assessments.models import Assessment
    from fagloft.competence.models import Employee
    from fagloft.grants.models import Application, Decision
    from fagloft.networks.models import Gathering, Idea, Network
    from fagloft.organizations.models import County
    from fagloft.programmes.models import Enrolment
    from fagloft.statistics.models import IndicatorValue

    assert set(national.rows) == set(LAYERS)
    assert all(count > 0 for count in national.rows.values()), national.rows
    assert abs(Employee.objects.count() - TINY.employees) <= TINY.employees * 0.25
    # A learning network with gatherings and ideas in every county.
    assert Network.objects.count() == County.objects.count() == TINY.counties
    assert Gathering.objects.values("network__county").distinct().count() == TINY.counties
    assert Idea.objects.values("network__county").distinct().count() == TINY.counties
    # Every service serving someone today has this year's assessment, in more than one state.
    year = national.base.latest_year
    assert Assessment.objects.filter(year=year).values("service").distinct().count() >= TINY.municipalities - 4
    assert Assessment.objects.filter(year=year).values("status").distinct().count() > 1
    # Ten years of indicator values for every municipality (the demo's value model writes 10).
    years = set(IndicatorValue.objects.filter(municipality__isnull=False).values_list("year", flat=True))
    assert set(range(year - 9, year + 1)) <= years
    assert IndicatorValue.objects.filter(municipality__isnull=False).values("municipality").distinct().count() == (
        TINY.municipalities
    )
    assert Enrolment.objects.values("year").distinct().count() >= TINY.enrolment_years
    # Decided applications have a decision that matches their status.
    for application in Application.objects.filter(status__in=["granted", "refused"]):
        assert Decision.objects.get(application=application).outcome == application.status


@pytest.mark.django_db
def test_the_benchmark_users_see_their_county_s_pages(national):
    from django.urls import reverse

    from fagloft.networks.models import Network

    county = national.base.largest_county
    network = Network.objects.get(county__number=county)
    advisor = logged_in_client("bench.county_advisor")
    leader = logged_in_client("bench.service_leader")
    coordinator = logged_in_client("bench.network_coordinator")
    for client, url in (
        (advisor, "/"),
        (advisor, f"/fylker/{county}/"),
        (leader, "/"),
        (leader, f"/tjenester/{national.base.bench_service_id}/"),
        (coordinator, reverse("networks:network-detail", args=[network.pk])),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_benchmark_users_have_the_states_that_link_to_every_edit_page(national):
    """Pages linked only in some state: the data set gives the benchmark users that state, so the
    crawl reaches them (a measure on a draft, this year's cost model, an unadopted plan revision, a
    trial of the technology listed first)."""
    from django.urls import reverse
    from django.utils import timezone

    from fagloft.assessments.models import Assessment, FollowUpMeasure
    from fagloft.economy.models import CostModel
    from fagloft.knowledge import queries as knowledge_queries
    from fagloft.knowledge.models import TechnologyTrial
    from fagloft.networks.models import Network
    from fagloft.organizations.models import Service

    service = Service.objects.select_related("host_municipality").get(pk=national.base.bench_service_id)
    measure = FollowUpMeasure.objects.get(assessment__service=service, assessment__status=Assessment.Status.DRAFT)
    assert CostModel.objects.filter(municipality=service.host_municipality, year=timezone.localdate().year).exists()
    network = Network.objects.get(county__number=national.base.largest_county)
    newest = network.plans.order_by("-revision").first()
    assert newest.revision > 1 and not newest.adoptions.exists()
    trial = TechnologyTrial.objects.get(service=service, technology=knowledge_queries.technologies().first())
    leader = logged_in_client("bench.service_leader")
    coordinator = logged_in_client("bench.network_coordinator")
    municipal = logged_in_client("bench.municipal_leader")
    for client, url, link in (
        (
            leader,
            reverse("assessments:detail", args=[measure.assessment_id]),
            reverse("assessments:measure-edit", args=[measure.assessment_id, measure.pk]),
        ),
        (
            municipal,
            reverse("economy:municipality", args=[service.host_municipality_id]),
            reverse("economy:model-edit", args=[service.host_municipality_id]),
        ),
        (
            coordinator,
            reverse("networks:plan-detail", args=[network.pk]),
            reverse("networks:plan-edit", args=[network.pk]),
        ),
        (
            leader,
            reverse("knowledge:technology-detail", args=[trial.technology_id]),
            reverse("knowledge:trial-edit", args=[trial.pk]),
        ),
    ):
        page = client.get(url)
        assert page.status_code == 200 and link in page.content.decode(), (url, link)
        assert client.get(link).status_code == 200, link


@pytest.mark.django_db
def test_the_crawl_is_made_as_the_bench_users_and_knows_every_pattern(national):
    assert crawl_users("national") == [f"bench.{role}" for role in national.base.bench_users]
    patterns = all_patterns()
    assert {"organizations:county-detail", "networks:network-detail"} <= patterns
    assert not any(p.startswith("admin:") for p in patterns)  # the crawl never follows the admin
    reached, missing = coverage({"routes": {"/": "front"}, "patterns": ["front", "other"]})
    assert (reached, missing) == (["front"], ["other"])


@pytest.mark.django_db
def test_the_benchmark_users_have_the_states_that_link_to_the_workflow_pages(national):
    """More pages linked only in some state: a draft call, a draft further-education application,
    an enrolment waiting for the employer (listed under the draft assessment's need), a report ready
    for the council, a generation of drafts, a distance set by hand, a pending library version and
    an employee with two positions (whose profile page is a list, not a redirect)."""
    from django.urls import reverse

    from fagloft.assessments.models import Assessment
    from fagloft.grants.models import Application, Call
    from fagloft.knowledge.models import LibraryVersion
    from fagloft.organising.models import DistanceOverride
    from fagloft.programmes.models import Enrolment, EnrolmentStatus
    from fagloft.reports.models import Batch, Report

    service_id, county = national.base.bench_service_id, national.base.largest_county
    call = Call.objects.get(county__number=county, status=Call.Status.DRAFT)
    application = Application.objects.get(
        call__county__number=county, call__kind=Call.Kind.FURTHER_EDUCATION, status=Application.Status.DRAFT
    )
    draft = Assessment.objects.get(
        service_id=service_id, status=Assessment.Status.DRAFT, year=national.base.latest_year
    )
    enrolment = Enrolment.objects.get(need__assessment=draft, status=EnrolmentStatus.APPLIED)
    ready = Report.objects.get(service_id=service_id, status=Report.Status.READY)
    batch = Batch.objects.get(county__number=county)
    distance = DistanceOverride.objects.get()
    pending = LibraryVersion.objects.get(state=LibraryVersion.State.PENDING)
    for role, page, links in (
        ("county_advisor", ("grants:call-detail", call.pk), [("grants:call-publish", call.pk)]),
        ("service_leader", ("grants:call-list", None), [("grants:application-detail", application.pk)]),
        (
            "service_leader",
            ("grants:application-detail", application.pk),
            [("grants:employer-grants", application.pk)],
        ),
        ("service_leader", ("assessments:detail", draft.pk), [("programmes:enrolment", enrolment.pk)]),
        (
            "service_leader",
            ("programmes:enrolment", enrolment.pk),
            [("programmes:confirm", enrolment.pk), ("programmes:withdraw", enrolment.pk)],
        ),
        ("service_leader", ("front", None), [("reports:handling", ready.pk)]),
        ("service_leader", ("reports:detail", ready.pk), [("reports:handling", ready.pk)]),
        ("county_advisor", ("reports:overview", None), [("reports:batch", batch.pk)]),
        ("admin", ("organising:distances", None), [("organising:distance-delete", distance.pk)]),
        (
            "network_coordinator",
            ("knowledge:library-item", pending.item_id),
            [("knowledge:version-approve", pending.pk), ("knowledge:version-reject", pending.pk)],
        ),
        ("employee", ("competence:overview", None), [("competence:me", None)]),
    ):
        client = logged_in_client(f"bench.{role}")
        url = reverse(page[0], args=[page[1]] if page[1] is not None else [])
        answer = client.get(url)
        assert answer.status_code == 200, (role, url)
        for name, pk in links:
            link = reverse(name, args=[pk] if pk is not None else [])
            assert link in answer.content.decode(), (role, url, link)
            assert client.get(link).status_code == 200, (role, link)
