"""REST API: /api/v1/calls/ and /api/v1/applications/. Assessments are never exposed here."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from fagloft.grants import queries
from fagloft.grants.models import Application, Call, Criterion
from fagloft.grants.permissions import VIEW_APPLICATION, VIEW_CALL


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "automatic"]


class CallSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name", default=None)
    criteria = CriterionSerializer(many=True, read_only=True)
    closes_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Call
        fields = ["id", "county", "kind", "title", "text", "budget", "opens_on", "deadline", "closes_at",
                  "spending_deadline", "reporting_duties", "max_per_student", "status", "criteria"]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer
    lookup_url_kwarg = "call_id"
    access = {"list": VIEW_CALL, "retrieve": VIEW_CALL}

    def get_queryset(self):
        return queries.calls_for(self.request.user).prefetch_related("criteria").order_by("pk")


class ApplicationSerializer(serializers.ModelSerializer):
    """What the applicant and the county both may see: no scores, comments or ranking."""

    lead_municipality = serializers.CharField(source="lead_municipality.number")
    participants = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    partner = serializers.CharField(source="partner.name", default=None)
    requested = serializers.DecimalField(max_digits=12, decimal_places=0, read_only=True, default=0)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "call", "network", "title", "lead_municipality", "participants", "partner", "status",
                  "submitted_at", "co_financing", "requested", "decision"]

    def get_decision(self, application: Application) -> dict | None:
        decision = getattr(application, "decision", None)
        if decision is None:
            return None
        return {"outcome": decision.outcome, "amount": str(decision.amount), "decided_on": str(decision.decided_on)}


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer
    lookup_url_kwarg = "application_id"
    access = {"list": VIEW_APPLICATION, "retrieve": VIEW_APPLICATION}

    def get_queryset(self):
        return queries.applications_for(self.request.user).select_related("partner", "decision").prefetch_related(
            "participants").order_by("pk")


ROUTES = [("calls", CallViewSet, "call"), ("applications", ApplicationViewSet, "application")]
