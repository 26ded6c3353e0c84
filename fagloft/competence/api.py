"""REST API: staff (leaders only), requirement status per service, mapping rounds (aggregated)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagloft.accounts.access import can, visible
from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.accounts.api_schema import problem_response
from fagloft.audit.models import AuditEvent
from fagloft.competence import figures_cache, queries, requirements
from fagloft.competence.models import (
    Certification,
    CompetencePlan,
    Education,
    Employee,
    FurtherEducation,
    MappingRound,
    PlanMeasure,
)
from fagloft.competence.permissions import VIEW_OVERVIEW, VIEW_PLAN, VIEW_PROFILE, VIEW_STAFF
from fagloft.competence.read_audit import record_bulk_reads
from fagloft.lib.api_limits import LimitOffsetPagination
from fagloft.organizations.models import Service

if TYPE_CHECKING:
    from fagloft.accounts.models import User

MAX_ID = 2**31 - 1


class EducationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Education
        fields = ["level", "field", "year", "institution", "status"]


class FurtherEducationSerializer(serializers.ModelSerializer):
    class Meta:
        model = FurtherEducation
        fields = ["programme", "title", "ects", "year", "status"]


class CertificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["method", "year"]


class EmployeeSerializer(serializers.ModelSerializer):
    permitted_actions = PermittedActionsField()
    educations = EducationSerializer(many=True, read_only=True)
    further_educations = FurtherEducationSerializer(many=True, read_only=True)
    certifications = CertificationSerializer(many=True, read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "service",
            "first_name",
            "last_name",
            "email",
            "position",
            "fte_percent",
            "started_on",
            "ended_on",
            "does_core_tasks",
            "prior_experience_years",
            "languages",
            "sami_competence",
            "educations",
            "further_educations",
            "certifications",
            "permitted_actions",
        ]


class EmployeeViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    """The staff of the services the user leads, and the user's own records. The municipality's
    leadership, county and national roles get nothing here (aggregates only)."""

    serializer_class = EmployeeSerializer
    lookup_url_kwarg = "employee_id"
    access = {"list": VIEW_PROFILE, "retrieve": VIEW_PROFILE}
    filterset_fields = ["service", "position"]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            # The schema generator asks without a user; the model is all it needs.
            return Employee.objects.none()
        # DeclaredActionPermission let the request through for VIEW_PROFILE, which no anonymous user has.
        user = cast("User", self.request.user)
        base = Employee.objects.filter(anonymised_at__isnull=True)
        led = visible(user, VIEW_STAFF, base).values("pk")
        own = visible(user, VIEW_PROFILE, base.filter(user=user)).values("pk")
        return queries.employees_with_courses(base.filter(Q(pk__in=led) | Q(pk__in=own))).order_by("pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        # Someone reading their own record is not a bulk read of other people's data.
        rows = response.data.get("results", response.data) if isinstance(response.data, dict) else response.data
        own = self._own_ids()
        others = [row["service"] for row in rows if row["id"] not in own]
        record_bulk_reads(request.user, AuditEvent.Verb.VIEW, others, "API /api/v1/employees/")
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        if response.data["id"] not in self._own_ids():
            record_bulk_reads(request.user, AuditEvent.Verb.VIEW, [response.data["service"]], "API /api/v1/employees/")
        return response

    def _own_ids(self) -> set[int]:
        user = cast("User", self.request.user)
        return set(Employee.objects.filter(user=user).values_list("pk", flat=True))


class MappingRoundSerializer(serializers.ModelSerializer):
    results = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = MappingRound
        fields = ["id", "service", "title", "opened_on", "closes_on", "state", "results", "permitted_actions"]

    def get_results(self, obj: MappingRound) -> list[dict[str, Any]]:
        # A list page computed these for all its rounds at once (`MappingRoundViewSet.page_context`).
        page = self.context.get("round_results")
        if page is not None and obj.pk in page:
            rows = page[obj.pk]
        else:
            rows = queries.mapping_results([obj.service_id], round_ids=[obj.pk])
        return [
            {
                "area": r.area.code,
                "respondents": r.respondents if not r.suppressed else None,
                "suppressed": r.suppressed,
                "self_mean": r.self_mean,
                "leader_mean": r.leader_mean,
            }
            for r in rows
        ]


class MappingRoundViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    """Mapping rounds with results per area; groups under the privacy threshold are suppressed."""

    serializer_class = MappingRoundSerializer
    lookup_url_kwarg = "round_id"
    access = {"list": VIEW_OVERVIEW, "retrieve": VIEW_OVERVIEW}
    filterset_fields = ["service", "state"]

    def get_queryset(self) -> Any:
        return visible(self.request.user, VIEW_OVERVIEW, MappingRound.objects.order_by("-opened_on", "pk"))

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        return {"round_results": queries.mapping_results_per_round([r.pk for r in rows])}


class RequirementsView(APIView):
    """The services' share meeting the competence requirements. Without `?service=`, a page of
    every service within reach (the share now); with it, one service per year up to 2031, and per
    person only for those who may see the staff."""

    access = {"get": VIEW_OVERVIEW}

    @extend_schema(
        parameters=[
            OpenApiParameter("service", int, required=False, description="One service, with years and people."),
            OpenApiParameter("limit", int, required=False),
            OpenApiParameter("offset", int, required=False),
        ],
        responses={200: dict, **problem_response(404, "No such service within the user's reach.")},
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("service")
        services = visible(request.user, VIEW_OVERVIEW, Service.objects.all())
        today = timezone.localdate()
        if raw is None:
            return self._list(request, services.order_by("name", "pk"), today)
        try:
            service_id = int(raw)
        except ValueError:
            service_id = 0
        # Bounded to the id column: a 30-digit number is no service and must not reach the database.
        if not 1 <= service_id <= MAX_ID:
            raise ValidationError({"service": "Oppgi tjenestens id som et tall, for eksempel ?service=12."})
        service = get_object_or_404(services, pk=service_id)
        figures = queries.figures_for([service.pk], today)[service.pk]
        data: dict[str, Any] = {
            "service": service.pk,
            "date": today,
            "applicable": figures.applicable,
            "meets_now": figures.meets_now,
            "by_year": figures.requirement_rows,
        }
        if can(request.user, VIEW_STAFF, service):
            data["people"] = [_person(row) for row in queries.requirement_list(service, today)]
        return Response(data)

    def _list(self, request: Request, services: Any, today: Any) -> Response:
        paginator = LimitOffsetPagination()
        page = cast(list[Service], paginator.paginate_queryset(services.only("pk", "name"), request, view=self))
        ids = [s.pk for s in page]
        # Walking every employment period of a page of services is ~50 ms; the figures change only
        # with the staff registers, whose data version keys the cache.
        shares = figures_cache.cached("requirement-shares", ids, lambda: queries.requirement_shares(ids, today), today)
        detail = reverse("competence-requirements")
        rows = [
            {
                "service": s.pk,
                "name": s.name,
                "date": today,
                "applicable": shares[s.pk][0],
                "meets_now": shares[s.pk][1],
                "url": request.build_absolute_uri(f"{detail}?service={s.pk}"),
            }
            for s in page
        ]
        return paginator.get_paginated_response(rows)


def _person(row: queries.PersonRequirement) -> dict[str, Any]:
    status: requirements.RequirementStatus = row.status
    return {
        "employee": row.employee.pk,
        "name": row.employee.name,
        "meets_now": status.meets_now,
        "route": status.route,
        "met_on": status.met_on,
        "deadline": status.deadline,
        "missing": status.missing,
        "exempt": status.exempt,
    }


class PlanMeasureSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.code", default=None, read_only=True, allow_null=True)

    class Meta:
        model = PlanMeasure
        fields = [
            "id",
            "kind",
            "description",
            "area",
            "origin",
            "need",
            "follow_up",
            "owner",
            "cost",
            "due_on",
            "state",
        ]


class CompetencePlanSerializer(serializers.ModelSerializer):
    """A competence plan with the assessment and network plan revision it builds on, and where each
    measure came from (`origin`, and the `need` it answers)."""

    measures = PlanMeasureSerializer(many=True, read_only=True)
    network_plan_adopted_by_network = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = CompetencePlan
        fields = [
            "id",
            "service",
            "title",
            "start_year",
            "end_year",
            "summary",
            "assessment",
            "network_plan",
            "network_plan_adopted_by_network",
            "measures",
            "permitted_actions",
        ]

    def get_network_plan_adopted_by_network(self, plan: CompetencePlan) -> bool | None:
        if plan.network_plan is None:
            return None
        return any(a.municipality_id is None for a in plan.network_plan.adoptions.all())


class CompetencePlanViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CompetencePlanSerializer
    lookup_url_kwarg = "plan_id"
    access = {"list": VIEW_PLAN, "retrieve": VIEW_PLAN}
    filterset_fields = ["service"]

    def get_queryset(self) -> Any:
        return visible(
            self.request.user,
            VIEW_PLAN,
            CompetencePlan.objects.select_related("network_plan")
            .prefetch_related("measures__area", "network_plan__adoptions")
            .order_by("-start_year", "pk"),
        )


ROUTES = [
    ("employees", EmployeeViewSet, "employee"),
    ("competence/plans", CompetencePlanViewSet, "competence-plan"),
    ("competence/mapping-rounds", MappingRoundViewSet, "competence-mapping-round"),
]
URLS = [path("competence/requirements/", RequirementsView.as_view(), name="competence-requirements")]

__all__ = ["ROUTES", "URLS"]
