"""REST API: /api/v1/assessments/ with the same actions and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.response import Response

from fagloft.accounts.access import can
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.models import Assessment, FollowUpMeasure, ThemeEntry
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.organizations.models import Service


class EntrySerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    score = serializers.IntegerField(read_only=True)

    class Meta:
        model = ThemeEntry
        fields = ["id", "theme", "status_today", "own_judgement", "likelihood", "consequence", "score", "answers"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpMeasure
        fields = ["id", "description", "owner", "deadline", "status"]


class AssessmentSerializer(serializers.ModelSerializer):
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    entries = EntrySerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "service", "year", "revision", "status", "version", "conclusion", "risk_level", "needs",
                  "leadership_commitment", "due_date", "signals_snapshot", "submitted_at", "discussed_at",
                  "finalised_at", "entries", "measures"]
        read_only_fields = ["revision", "status", "signals_snapshot", "submitted_at", "discussed_at",
                            "finalised_at"]


class TransitionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=sorted(services.TRANSITIONS))
    version = serializers.IntegerField()


EDITABLE = set(services.assessments.ASSESSMENT_FIELDS)


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Assessments are never deleted: a final one is kept, and changes make a new version."""

    serializer_class = AssessmentSerializer
    lookup_url_kwarg = "assessment_id"
    access = {
        "list": perms.VIEW_ASSESSMENT, "retrieve": perms.VIEW_ASSESSMENT, "create": perms.CREATE_ASSESSMENT,
        "update": perms.EDIT_ASSESSMENT, "partial_update": perms.EDIT_ASSESSMENT,
        # Each step's own action is checked by the service (submit, withdraw, discuss, finalise).
        "transition": perms.VIEW_ASSESSMENT,
    }

    def get_queryset(self) -> Any:
        return queries.visible_assessments(self.request.user).prefetch_related(
            "entries__theme", "measures").order_by("-year", "service__name", "-revision")

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = serializer.validated_data["service"]
        if not can(request.user, perms.CREATE_ASSESSMENT, service):
            raise DRFPermissionDenied(_("Du kan ikke lage vurderinger for denne tjenesten."))
        try:
            assessment = services.create_assessment(request.user, service=service,
                                                    year=serializer.validated_data["year"],
                                                    due_date=serializer.validated_data.get("due_date"))
        except services.WorkflowError as error:
            return Response({"detail": error.message}, status=status.HTTP_400_BAD_REQUEST)
        values = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE and k != "due_date"}
        if values:
            services.update_assessment(request.user, assessment, expected_version=assessment.version, **values)
        return Response(self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data,
                        status=status.HTTP_201_CREATED)

    def update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        serializer = self.get_serializer(assessment, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        expected = request.data.get("version")
        if expected is None:
            return Response({"version": [_("Oppgi versjonen du endrer (feltet «version»).")]},
                            status=status.HTTP_400_BAD_REQUEST)
        values = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE}
        try:
            services.update_assessment(request.user, assessment, expected_version=int(expected), **values)
        except ConcurrentEditError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        except services.WorkflowError as error:
            return Response({"detail": error.message}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data)

    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request: Any, assessment_id: str | None = None) -> Response:
        """Take one workflow step: {"step": "submit"|"withdraw"|"discuss"|"finalise", "version": n}."""
        assessment = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.transition(request.user, assessment, serializer.validated_data["step"],
                                expected_version=serializer.validated_data["version"])
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du har ikke lov til å ta dette steget.")) from error
        except (ConcurrentEditError, services.WorkflowError) as error:
            return Response({"detail": getattr(error, "message", str(error))}, status=status.HTTP_409_CONFLICT)
        return Response(AssessmentSerializer(self.get_queryset().get(pk=assessment.pk)).data)


ROUTES = [("assessments", AssessmentViewSet, "assessment")]
__all__ = ["ROUTES"]
