"""REST API: /api/v1/calls/ and /api/v1/applications/. Assessments are never exposed here.

A draft application's text and co-financing can be changed with PATCH (`grants.apply`, the same use
case as the page). Amounts carry the bounds of their columns (whole kroner, `max_digits`), so a
value the database cannot hold is a 400 at the field and never a stored row."""

from __future__ import annotations

import decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.assessments.models import Need
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.grants import queries, services
from fagloft.grants.forms import LONG_TEXT, largest
from fagloft.grants.models import Application, BudgetLine, Call, Criterion, GrantReport
from fagloft.grants.permissions import APPLY, VIEW_APPLICATION, VIEW_CALL
from fagloft.grants.queries import ZERO
from fagloft.lib.api_errors import refusal
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Municipality


def money(model: type[models.Model], field: str, **kwargs: Any) -> serializers.DecimalField:
    column = model._meta.get_field(field)
    assert isinstance(column, models.DecimalField)
    return serializers.DecimalField(
        max_digits=column.max_digits, decimal_places=0, min_value=0, max_value=largest(model, field), **kwargs
    )


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "automatic"]


class CallSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name", default=None, allow_null=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    closes_at = serializers.DateTimeField(read_only=True)
    budget = money(Call, "budget")
    max_per_student = money(Call, "max_per_student", allow_null=True, required=False)
    cost_kinds = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    def get_cost_kinds(self, call: Call) -> list[str]:
        """The budget categories the call covers (its own choice, or the default for its kind)."""
        return call.allowed_categories()

    class Meta:
        model = Call
        fields = [
            "id",
            "county",
            "kind",
            "title",
            "text",
            "budget",
            "opens_on",
            "deadline",
            "closes_at",
            "spending_deadline",
            "reporting_duties",
            "max_per_student",
            "cost_kinds",
            "status",
            "criteria",
            "permitted_actions",
        ]


class CallViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer
    lookup_url_kwarg = "call_id"
    access = {"list": VIEW_CALL, "retrieve": VIEW_CALL}

    def get_queryset(self):
        return queries.calls_for(self.request.user).prefetch_related("criteria").order_by("pk")


class BudgetLineSerializer(serializers.ModelSerializer):
    amount = money(BudgetLine, "amount")

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount", "student"]

    def to_representation(self, instance: BudgetLine) -> dict[str, Any]:
        # The generic walk written out (tested against it): some 300 lines on a page.
        fields = self.fields
        return {
            "category": fields["category"].to_representation(instance.category),
            "description": instance.description,
            "amount": None if instance.amount is None else fields["amount"].to_representation(instance.amount),
            "student": instance.student,
        }


class ApplicationSerializer(serializers.ModelSerializer):
    """Everything the applicant wrote, for the applicant and the county alike: no scores, comments or
    ranking."""

    network = serializers.CharField(source="network.name", default=None, read_only=True, allow_null=True)
    lead_municipality = serializers.CharField(source="lead_municipality.number", read_only=True)
    participants: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )
    partner = serializers.CharField(source="partner.name", default=None, read_only=True, allow_null=True)
    description = serializers.CharField(max_length=LONG_TEXT, allow_blank=True, required=False)
    goals = serializers.CharField(max_length=LONG_TEXT, allow_blank=True, required=False)
    co_financing = money(Application, "co_financing")
    # The `listed_*` lists come from `Prefetch(..., to_attr=...)` (`ApplicationViewSet.get_queryset`):
    # plain lists, without the queryset per application and relation that a plain prefetch makes.
    budget_lines = BudgetLineSerializer(many=True, read_only=True, source="listed_budget_lines")
    # A sum of up to 30 lines of 12 digits each: two more digits than one line.
    requested = serializers.DecimalField(max_digits=14, decimal_places=0, read_only=True, default=decimal.Decimal(0))
    decision = serializers.SerializerMethodField()
    project = serializers.SerializerMethodField()
    reports = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    def to_representation(self, instance: Application) -> Any:
        # What the pages show as applied for: the budget lines and the employer grant per admitted
        # student (`queries.requested`), not only the annotated budget sum. The list reads the
        # employer grant as a sum in SQL (`employer_grant_total`) instead of loading its lines.
        budget = sum((line.amount for line in instance.listed_budget_lines), ZERO)  # type: ignore[attr-defined]
        employer = instance.employer_grant_total or ZERO  # type: ignore[attr-defined]
        instance.requested = budget + employer  # type: ignore[attr-defined]
        return self._written_out(instance)

    def _written_out(self, instance: Application) -> dict[str, Any]:
        # DRF's generic walk written out (tested against it): a hundred rows of twenty fields.
        # Choices, dates and amounts still go through their fields' own conversion.
        fields = self.fields

        def converted(name: str) -> Any:
            value = getattr(instance, name)
            return None if value is None else fields[name].to_representation(value)

        network, partner = instance.network, instance.partner
        return {
            "id": instance.pk,
            "call": instance.call_id,
            "network": None if network is None else network.name,
            "title": instance.title,
            "lead_municipality": instance.lead_municipality.number,
            "participants": [municipality.number for municipality in instance.participants.all()],
            "partner": None if partner is None else partner.name,
            "status": converted("status"),
            "submitted_at": converted("submitted_at"),
            "description": instance.description,
            "goals": instance.goals,
            "co_financing": converted("co_financing"),
            "co_financing_note": instance.co_financing_note,
            "contact_email": instance.contact_email,
            "budget_lines": fields["budget_lines"].to_representation(instance.listed_budget_lines),  # type: ignore[attr-defined]
            "requested": converted("requested"),
            "decision": self.get_decision(instance),
            "project": self.get_project(instance),
            "reports": self.get_reports(instance),
            "permitted_actions": fields["permitted_actions"].to_representation(instance),
        }

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "network",
            "title",
            "lead_municipality",
            "participants",
            "partner",
            "status",
            "submitted_at",
            "description",
            "goals",
            "co_financing",
            "co_financing_note",
            "contact_email",
            "budget_lines",
            "requested",
            "decision",
            "project",
            "reports",
            "permitted_actions",
        ]
        read_only_fields = ["call", "status", "submitted_at"]

    def get_project(self, application: Application) -> dict | None:
        """The development project the funds are for, with the assessment needs it answers (the
        call's criterion «forankring i risiko- og tilstandsvurderinger»)."""
        project = application.project
        if project is None:
            return None
        needs = sorted(
            project.listed_needs,  # type: ignore[attr-defined]
            key=lambda n: (n.assessment.service.name, n.position, n.pk),
        )
        return {
            "id": project.pk,
            "title": project.title,
            "status": project.status,
            "network": project.network.name,
            "needs": [
                {
                    "id": need.pk,
                    "kind": need.kind,
                    "theme": str(need.theme) if need.theme else None,
                    "description": need.description,
                    "assessment": need.assessment_id,
                    "year": need.assessment.year,
                    "service": need.assessment.service.name,
                }
                for need in needs
            ],
        }

    def get_reports(self, application: Application) -> list[dict]:
        return [
            {
                "id": report.pk,
                "kind": report.kind,
                "spent": str(report.spent),
                "sent_at": report.created_at.isoformat(),
                "outcomes": report.outcomes,
                "outcome_comment": report.outcome_comment,
            }
            for report in application.listed_reports  # type: ignore[attr-defined]
        ]

    def get_decision(self, application: Application) -> dict | None:
        decision = getattr(application, "decision", None)
        if decision is None:
            return None
        return {
            "outcome": decision.outcome,
            "amount": str(decision.amount),
            "decided_on": str(decision.decided_on),
            "conditions": decision.conditions,
            "reasons": decision.reasons,
        }


class ApplicationChangeSerializer(serializers.Serializer):
    """What PATCH may change on a draft; `version` is the one the client read (optimistic locking)."""

    version = serializers.IntegerField()
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=LONG_TEXT, allow_blank=True, required=False)
    goals = serializers.CharField(max_length=LONG_TEXT, allow_blank=True, required=False)
    co_financing = money(Application, "co_financing", required=False)
    co_financing_note = serializers.CharField(max_length=300, allow_blank=True, required=False)
    contact_email = serializers.EmailField(max_length=254, allow_blank=True, required=False)


# Columns of the application's related rows that the API never writes out.
_UNSHOWN = (
    "lead_municipality__kostra_group",
    "network__description",
    "project__description",
    "project__goals",
    "project__final_report",
    "project__evaluation",
    "project__network__description",
)
_BUDGET_LINE_COLUMNS = ("id", "application_id", "category", "description", "amount", "student", "employee_id")
_NEED_COLUMNS = (
    "id",
    "kind",
    "description",
    "position",
    "theme",
    "assessment__year",
    "assessment__service__name",
)


class ApplicationViewSet(PageChecksMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ApplicationSerializer
    lookup_url_kwarg = "application_id"
    access = {"list": VIEW_APPLICATION, "retrieve": VIEW_APPLICATION, "partial_update": APPLY}

    def get_queryset(self):
        # Only what the serializer writes out: a page has a hundred applications, each with its
        # participants, budget lines and reports, and the big text columns of the call and the
        # project (never shown here) would otherwise be read and converted for every row.
        return (
            queries.applications_for(self.request.user)
            .select_related(None)
            .select_related("lead_municipality", "network", "partner", "decision", "project__network")
            .defer(*_UNSHOWN)
            .prefetch_related(
                # Not a list: the schema takes the participants' title from the relation.
                Prefetch("participants", queryset=Municipality.objects.only("id", "number")),
                Prefetch(
                    "budget_lines",
                    queryset=BudgetLine.objects.only(*_BUDGET_LINE_COLUMNS),
                    to_attr="listed_budget_lines",
                ),
                Prefetch(
                    "reports", queryset=GrantReport.objects.defer("text", "submitted_by"), to_attr="listed_reports"
                ),
                Prefetch(
                    "project__needs",
                    queryset=Need.objects.select_related("theme", "assessment__service").only(*_NEED_COLUMNS),
                    to_attr="listed_needs",
                ),
            )
            # The employer grant per admitted student only counts towards `requested`: one sum per
            # row in SQL rather than a model per line.
            .annotate(employer_grant_total=queries.employer_grant_sum())
            .order_by("pk")
        )

    @extend_schema(request=ApplicationChangeSerializer, responses=ApplicationSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        application = self.get_object()
        change = ApplicationChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        values = dict(change.validated_data)
        version = values.pop("version")
        # Participants and budget lines stay as they are; the page writes those.
        lines = [
            (line.category, line.description, line.amount, line.student, line.employee_id)
            for line in application.budget_lines.all()
        ]
        try:
            services.save_application(
                request.user,
                application,
                expected_version=version,
                participants=list(application.participants.all()),
                budget_lines=lines,
                **values,
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du kan ikke endre denne søknaden.")) from error
        except ConcurrentEditError as error:
            raise refusal(error, 409) from error
        except Refused as error:
            raise refusal(error, 400) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data)


ROUTES = [("calls", CallViewSet, "call"), ("applications", ApplicationViewSet, "application")]
