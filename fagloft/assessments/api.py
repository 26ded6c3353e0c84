"""REST API: /api/v1/assessments/ with the same actions and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fagloft.accounts.api_fields import PermittedActionsField
from fagloft.accounts.api_permissions import PermittedRelatedField
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.models import Assessment, FollowUpMeasure, Theme, ThemeEntry
from fagloft.lib.api_errors import refusal
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service


class EntrySerializer(serializers.ModelSerializer):
    theme: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # likelihood × consequence: empty until both are given.
    score = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ThemeEntry
        fields = ["id", "theme", "status_today", "own_judgement", "likelihood", "consequence", "score", "answers"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpMeasure
        fields = ["id", "description", "owner", "deadline", "status"]


class AssessmentSerializer(serializers.ModelSerializer):
    # Checked against the view's action before validation, so a write for another unit gets 403
    # rather than a unique-set error that says which assessments exist there.
    service = PermittedRelatedField(queryset=Service.objects.all())
    entries = EntrySerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    # The version the client loaded; required when changing (a stale one answers 409).
    version = serializers.IntegerField(required=False)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "service",
            "year",
            "revision",
            "status",
            "version",
            "conclusion",
            "risk_level",
            "needs",
            "leadership_commitment",
            "due_date",
            "signals_snapshot",
            "submitted_at",
            "forwarded_at",
            "returned_at",
            "discussed_at",
            "finalised_at",
            "entries",
            "measures",
            "permitted_actions",
        ]
        read_only_fields = [
            "revision",
            "status",
            "signals_snapshot",
            "submitted_at",
            "forwarded_at",
            "returned_at",
            "discussed_at",
            "finalised_at",
        ]


class TransitionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=sorted(services.TRANSITIONS))
    version = serializers.IntegerField()
    # The municipal leadership's comment when forwarding (optional) or sending back (required).
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


# The step answers the whole assessment, or (when the user no longer sees it) only its id and status.
# The components named here are the ones the list and detail operations register.
TRANSITION_RESULT = {
    "anyOf": [
        {"$ref": "#/components/schemas/Assessment"},
        {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "status": {"$ref": "#/components/schemas/AssessmentStatusEnum"}},
            "required": ["id", "status"],
        },
    ]
}

EDITABLE = set(services.assessments.ASSESSMENT_FIELDS)


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Assessments are never deleted: a final one is kept, and changes make a new version."""

    serializer_class = AssessmentSerializer
    lookup_url_kwarg = "assessment_id"
    access = {
        "list": perms.VIEW_ASSESSMENT,
        "retrieve": perms.VIEW_ASSESSMENT,
        "create": perms.CREATE_ASSESSMENT,
        "update": perms.EDIT_ASSESSMENT,
        "partial_update": perms.EDIT_ASSESSMENT,
        # Each step's own action is checked by its use case (submit, withdraw, forward, send_back,
        # discuss, finalise).
        "transition": perms.VIEW_ASSESSMENT,
    }

    def get_queryset(self) -> Any:
        return (
            queries.visible_assessments(self.request.user)
            .prefetch_related("entries__theme", "measures")
            .order_by("-year", "service__name", "-revision")
        )

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = serializer.validated_data["service"]
        values = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE and k != "due_date"}
        try:
            assessment = services.create_assessment(
                request.user,
                service=service,
                year=serializer.validated_data["year"],
                due_date=serializer.validated_data.get("due_date"),
            )
            if values:
                services.update_assessment(request.user, assessment, expected_version=assessment.version, **values)
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du kan ikke lage vurderinger for denne tjenesten.")) from error
        except Refused as error:
            raise refusal(error, 400) from error
        return Response(
            self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data, status=status.HTTP_201_CREATED
        )

    def update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        serializer = self.get_serializer(assessment, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        expected = serializer.validated_data.get("version")
        if expected is None:
            raise ValidationError({"version": [_("Oppgi versjonen du endrer (feltet «version»).")]})
        values = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE}
        try:
            services.update_assessment(request.user, assessment, expected_version=expected, **values)
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du kan ikke endre denne vurderingen.")) from error
        except Refused as error:
            raise refusal(error, 409) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data)

    @extend_schema(
        request=TransitionSerializer,
        responses={
            200: OpenApiResponse(
                TRANSITION_RESULT,
                description=(
                    "The assessment after the step; only its id and status if the user no longer sees it "
                    "(a county user after sending it back)."
                ),
            )
        },
    )
    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request: Any, assessment_id: str | None = None) -> Response:
        """Take one workflow step: {"step": "submit"|"withdraw"|"forward"|"send_back"|"discuss"|"finalise",
        "version": n, "comment": "…"} (the comment only for forward and send_back)."""
        assessment = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = serializer.validated_data["step"]
        extra = {"comment": serializer.validated_data.get("comment", "")} if step in services.COMMENTED_STEPS else {}
        try:
            services.STEPS[step](
                request.user, assessment, expected_version=serializer.validated_data["version"], **extra
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du har ikke lov til å ta dette steget.")) from error
        except Refused as error:
            raise refusal(error, 409) from error
        # After forwarding, the service side still reads it; after sending back, a county user
        # would no longer: answer with what the user may still see.
        fresh = self.get_queryset().filter(pk=assessment.pk).first()
        if fresh is None:
            return Response({"id": assessment.pk, "status": assessment.status})
        return Response(AssessmentSerializer(fresh, context={"request": request}).data)


ROUTES = [("assessments", AssessmentViewSet, "assessment")]
__all__ = ["ROUTES"]
