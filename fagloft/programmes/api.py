"""REST API: /api/v1/programmes/ (the catalogue, any signed-in user), /api/v1/study-places/,
/api/v1/study-place-years/ (national places, allocated, used, window and ceiling per year),
/api/v1/enrolments/ (own, the service's for its leader, a provider's participants; the county and
Bufdir read aggregates at /api/v1/programme-progress/ instead), /api/v1/programme-rounds/."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagloft.accounts.access import visible
from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.lib.links import links_payload, links_payload_many
from fagloft.organizations.models import County
from fagloft.programmes import queries
from fagloft.programmes.models import Cohort, Enrolment, Offer, StudyPlaceAllocation
from fagloft.programmes.permissions import VIEW_COHORTS, VIEW_ENROLMENT, VIEW_OFFERS, VIEW_PROGRESS


@extend_schema_serializer(component_name="ProgrammeOffer")
class OfferSerializer(serializers.ModelSerializer):
    topic = serializers.CharField(source="topic.code", default=None, read_only=True, allow_null=True)
    provider = serializers.CharField(source="provider_label", read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "code",
            "kind",
            "title",
            "description",
            "topic",
            "provider",
            "level",
            "ects",
            "length",
            "delivery",
            "place",
            "starts_on",
            "ends_on",
            "places",
            "cost",
            "target_group",
            "requirement_route",
            "coverage_per_1000_children",
            "renewal_years",
            "source_url",
        ]


class OfferViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OfferSerializer
    lookup_url_kwarg = "programme_offer_id"
    access = {"list": VIEW_OFFERS, "retrieve": VIEW_OFFERS}

    def get_queryset(self) -> Any:
        # National catalogue: every signed-in user reads the published offers.
        return queries.published_offers().order_by("pk")

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # National reference data: it belongs to no unit of the tree. The action itself was checked
        # by `has_permission` before the object was looked up.
        return None


class StudyPlacesSerializer(serializers.ModelSerializer):
    """A class as the study places page shows it: programme, institution, places, admitted (used)
    and free."""

    offer = serializers.CharField(source="offer.code", read_only=True)
    offer_title = serializers.CharField(source="offer.title", read_only=True)
    provider = serializers.CharField(source="provider.name", default=None, read_only=True, allow_null=True)
    free = serializers.IntegerField(read_only=True)

    class Meta:
        model = StudyPlaceAllocation
        fields = [
            "id",
            "year",
            "offer",
            "offer_title",
            "provider",
            "institution",
            "places",
            "admitted",
            "free",
            "starts_on",
            "ends_on",
            "version",
        ]


class StudyPlacesViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StudyPlacesSerializer
    lookup_url_kwarg = "allocation_id"
    access = {"list": VIEW_OFFERS, "retrieve": VIEW_OFFERS}
    filterset_fields = ["year"]

    def get_queryset(self) -> Any:
        return queries.allocations().order_by("-year", "pk")

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # National reference data: it belongs to no unit of the tree. The action itself was checked
        # by `has_permission` before the object was looked up.
        return None


class StudyPlaceYearSerializer(serializers.Serializer):
    """One intake year of `queries.study_place_years` (the study places page's first table)."""

    year = serializers.IntegerField()
    places = serializers.IntegerField(allow_null=True)
    approximate = serializers.BooleanField(allow_null=True)
    allocated = serializers.IntegerField()
    admitted = serializers.IntegerField()
    free = serializers.IntegerField(allow_null=True)
    classes = serializers.IntegerField()
    window_opens_at = serializers.DateTimeField(allow_null=True)
    window_closes_at = serializers.DateTimeField(allow_null=True)
    window_confirmed = serializers.BooleanField(allow_null=True)
    grant_ceiling = serializers.DecimalField(max_digits=9, decimal_places=0, allow_null=True)
    grant_ceiling_confirmed = serializers.BooleanField(allow_null=True)


class StudyPlaceYearsView(APIView):
    """National places per year with what is allocated and used, the window and the ceiling."""

    access = {"get": VIEW_OFFERS}

    @extend_schema(responses={200: StudyPlaceYearSerializer(many=True)})
    def get(self, request: Request) -> Response:
        rows = [
            {
                "year": item.year,
                "places": item.places,
                "approximate": item.row.approximate if item.row else None,
                "allocated": item.allocated,
                "admitted": item.admitted,
                "free": item.free,
                "classes": item.classes,
                "window_opens_at": item.window.opens_at if item.window else None,
                "window_closes_at": item.window.closes_at if item.window else None,
                "window_confirmed": item.window.confirmed if item.window else None,
                "grant_ceiling": item.ceiling.amount if item.ceiling else None,
                "grant_ceiling_confirmed": item.ceiling.confirmed if item.ceiling else None,
            }
            for item in queries.study_place_years()
        ]
        return Response(StudyPlaceYearSerializer(rows, many=True).data)


class EnrolmentSerializer(serializers.ModelSerializer):
    employee = serializers.CharField(source="employee.name", read_only=True)
    offer = serializers.CharField(source="offer.code", read_only=True)
    permitted_actions = PermittedActionsField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "employee",
            "service",
            "offer",
            "allocation",
            "cohort",
            "year",
            "status",
            "priority",
            "priority_reason",
            "applied_at",
            "employer_confirmed_on",
            "waitlist_position",
            "ects_passed",
            "completed_on",
            "certified_on",
            "renewal_due_on",
            "plan_measure",
            "need",
            "permitted_actions",
            "links",
        ]

    def get_links(self, enrolment: Enrolment) -> list[dict[str, Any]]:
        # A list page made these for all its enrolments at once (`EnrolmentViewSet.page_context`).
        page = self.context.get("enrolment_links")
        if page is not None and enrolment.pk in page:
            return page[enrolment.pk]
        return links_payload(enrolment, self.context["request"].user)


class EnrolmentViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EnrolmentSerializer
    lookup_url_kwarg = "enrolment_id"
    access = {"list": VIEW_ENROLMENT, "retrieve": VIEW_ENROLMENT}
    filterset_fields = ["year", "status", "service"]

    def get_queryset(self) -> Any:
        # The answer names the employee and the offer; the other relations by key only (the pages'
        # joined service, allocation and cohort rows were a third of the list's time).
        return (
            queries.visible_enrolments(self.request.user)
            .select_related(None)
            .select_related("employee", "offer")
            .order_by("-year", "pk")
        )

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        return {"enrolment_links": links_payload_many(rows, self.request.user)}


class CohortSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.number", read_only=True)
    offer = serializers.CharField(source="offer.code", read_only=True)
    services = serializers.SerializerMethodField()
    sessions = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "kind",
            "title",
            "year",
            "county",
            "network",
            "offer",
            "starts_on",
            "ends_on",
            "planned_staff_days",
            "planned_leader_days",
            "status",
            "services",
            "sessions",
            "permitted_actions",
        ]

    def get_services(self, cohort: Cohort) -> list[dict[str, Any]]:
        return [
            {"service": p.service_id, "status": p.status, "commitment_signed_on": p.commitment_signed_on}
            for p in cohort.services.all()
        ]

    def get_sessions(self, cohort: Cohort) -> list[dict[str, Any]]:
        return [{"held_on": s.held_on, "title": s.title, "audience": s.audience} for s in cohort.sessions.all()]


class CohortViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CohortSerializer
    lookup_url_kwarg = "cohort_id"
    access = {"list": VIEW_COHORTS, "retrieve": VIEW_COHORTS}

    def get_queryset(self) -> Any:
        return (
            queries.visible_cohorts(self.request.user).prefetch_related("services", "sessions").order_by("-year", "pk")
        )


class ProgressYearSerializer(serializers.Serializer):
    """One year of `queries.YearRow`; counts under five are null (the five-person rule)."""

    year = serializers.IntegerField()
    applied = serializers.IntegerField(allow_null=True)
    admitted = serializers.IntegerField(allow_null=True)
    waitlisted = serializers.IntegerField(allow_null=True)
    completed = serializers.IntegerField(allow_null=True)
    requirement_priority = serializers.IntegerField(allow_null=True)
    places = serializers.IntegerField(allow_null=True)


class ProgressSerializer(serializers.Serializer):
    county = serializers.CharField(allow_null=True)
    employees = serializers.IntegerField(allow_null=True)
    with_further_education = serializers.IntegerField(allow_null=True)
    forecast = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True)
    forecast_share = serializers.FloatField(allow_null=True)
    target_percent = serializers.FloatField(allow_null=True)
    requirement_share = serializers.FloatField(allow_null=True)
    years = ProgressYearSerializer(many=True)


class ProgressView(APIView):
    """Aggregates (five-person rule) for the nation, or a county with `?county=<number>`."""

    access = {"get": VIEW_PROGRESS}

    @extend_schema(responses={200: ProgressSerializer})
    def get(self, request: Request) -> Response:
        number = request.query_params.get("county")
        unit = None
        if number:
            unit = get_object_or_404(visible(request.user, VIEW_PROGRESS, County.objects.all()), number=number)
        progress = queries.progress(queries.services_of(unit))
        return Response(
            {
                "county": number or None,
                "employees": progress.employees,
                "with_further_education": progress.with_further_education,
                "forecast": progress.forecast,
                "share": progress.share,
                "forecast_share": progress.forecast_share,
                "target_percent": progress.target_percent,
                "requirement_share": progress.requirement_share,
                "years": [vars(row) for row in progress.years],
            }
        )


ROUTES = [
    ("programmes", OfferViewSet, "programme-offer"),
    ("study-places", StudyPlacesViewSet, "study-places"),
    ("enrolments", EnrolmentViewSet, "enrolment"),
    ("programme-rounds", CohortViewSet, "programme-round"),
]
URLS = [
    path("programme-progress/", ProgressView.as_view(), name="programme-progress"),
    path("study-place-years/", StudyPlaceYearsView.as_view(), name="study-place-years"),
]
