"""REST API: /api/v1/assessments/ with the same actions and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.accounts.api_permissions import PermittedRelatedField
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services, suggestions
from fagloft.assessments.models import (
    Assessment,
    FollowUpMeasure,
    GuidanceEngagement,
    Need,
    RiskLevel,
    Theme,
    ThemeEntry,
)
from fagloft.lib.api_errors import refusal
from fagloft.lib.links import links_payload, links_payload_many
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service


def _rows(instance: Any, attr: str, relation: str) -> list[Any]:
    """A list page's rows prefetched into `attr` (`AssessmentViewSet.get_queryset`), or else the
    relation as usual (a created or updated assessment)."""
    rows = getattr(instance, attr, None)
    return list(getattr(instance, relation).all()) if rows is None else rows


class EntrySerializer(serializers.ModelSerializer):
    theme: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # likelihood × consequence: empty until both are given.
    score = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ThemeEntry
        fields = ["id", "theme", "status_today", "own_judgement", "likelihood", "consequence", "score", "answers"]

    def to_representation(self, instance: ThemeEntry) -> dict[str, Any]:
        # The generic walk's answer written out (tested against it): a page of a hundred
        # assessments has some 1 100 entries, and DRF's per-field machinery was a fifth of the list.
        return {
            "id": instance.pk,
            "theme": instance.theme.code,
            "status_today": instance.status_today,
            "own_judgement": instance.own_judgement,
            "likelihood": instance.likelihood,
            "consequence": instance.consequence,
            "score": instance.score,
            "answers": instance.answers,
        }


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpMeasure
        fields = ["id", "description", "owner", "deadline", "status"]


class NeedSerializer(serializers.ModelSerializer):
    theme: serializers.SlugRelatedField[Theme] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    # What answers the need in the other apps (plan measures, network priorities and projects,
    # grant applications), as `fagloft.lib.links` gives it for this user.
    answered_by = serializers.SerializerMethodField()
    guidance_engagements = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = ["id", "kind", "theme", "description", "position", "answered_by", "guidance_engagements"]

    def to_representation(self, instance: Need) -> dict[str, Any]:
        # The generic walk written out (tested against it), as for the entries.
        theme = instance.theme
        return {
            "id": instance.pk,
            "kind": self.fields["kind"].to_representation(instance.kind),
            "theme": None if theme is None else theme.code,
            "description": instance.description,
            "position": instance.position,
            "answered_by": self.get_answered_by(instance),
            "guidance_engagements": self.get_guidance_engagements(instance),
        }

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string"},
                    "model": {"type": "string"},
                    "id": {},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        }
    )
    def get_answered_by(self, need: Need) -> list[dict[str, Any]]:
        # A list page made these for all its needs at once (`AssessmentViewSet.page_context`).
        page = self.context.get("need_answered_by")
        if page is not None and need.pk in page:
            return page[need.pk]
        return links_payload(need, self.context["request"].user)

    @extend_schema_field(
        {
            "type": "array",
            "items": {"type": "object", "properties": {"id": {"type": "integer"}, "status": {"type": "string"}}},
        }
    )
    def get_guidance_engagements(self, need: Need) -> list[dict[str, Any]]:
        readable = self.context.get("readable_engagements")
        if readable is None:
            user = self.context["request"].user
            readable = {e.pk for e in queries.visible_engagements(user).filter(need=need)}
        engagements = _rows(need, "api_engagements", "guidance_engagements")
        return [{"id": e.pk, "status": e.status} for e in engagements if e.pk in readable]


class AssessmentSerializer(serializers.ModelSerializer):
    # Checked against the view's action before validation, so a write for another unit gets 403
    # rather than a unique-set error that says which assessments exist there.
    service = PermittedRelatedField(queryset=Service.objects.all())
    entries = EntrySerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    needs = NeedSerializer(source="need_items", many=True, read_only=True)
    # Empty until submitted (a draft's suggestion is in `suggestion`).
    suggested_risk_level = serializers.ChoiceField(choices=RiskLevel.choices, allow_blank=True, read_only=True)
    # While a draft, computed from the theme scores now; afterwards as stored at submission.
    suggestion = serializers.SerializerMethodField()
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
            "suggested_risk_level",
            "risk_level_reason",
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
            "needs",
            "suggestion",
            "permitted_actions",
        ]
        read_only_fields = [
            "revision",
            "status",
            "suggested_risk_level",
            "signals_snapshot",
            "submitted_at",
            "forwarded_at",
            "returned_at",
            "discussed_at",
            "finalised_at",
        ]

    def to_representation(self, instance: Assessment) -> dict[str, Any]:
        # The generic walk written out (tested against it): a hundred rows of 23 fields each.
        # Choices, dates and nested lists still go through their fields' own conversion.
        fields = self.fields

        def converted(name: str) -> Any:
            value = getattr(instance, name)
            return None if value is None else fields[name].to_representation(value)

        return {
            "id": instance.pk,
            "service": instance.service_id,
            "year": instance.year,
            "revision": instance.revision,
            "status": converted("status"),
            "version": instance.version,
            "conclusion": instance.conclusion,
            "risk_level": converted("risk_level"),
            "suggested_risk_level": converted("suggested_risk_level"),
            "risk_level_reason": instance.risk_level_reason,
            "leadership_commitment": instance.leadership_commitment,
            "due_date": converted("due_date"),
            "signals_snapshot": instance.signals_snapshot,
            "submitted_at": converted("submitted_at"),
            "forwarded_at": converted("forwarded_at"),
            "returned_at": converted("returned_at"),
            "discussed_at": converted("discussed_at"),
            "finalised_at": converted("finalised_at"),
            "entries": fields["entries"].to_representation(_rows(instance, "api_entries", "entries")),
            "measures": fields["measures"].to_representation(_rows(instance, "api_measures", "measures")),
            "needs": fields["needs"].to_representation(_rows(instance, "api_needs", "need_items")),
            "suggestion": self.get_suggestion(instance),
            "permitted_actions": fields["permitted_actions"].to_representation(instance),
        }

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "level": {"type": "string"},
                "reason": {"type": "string"},
                "differs": {"type": "boolean"},
            },
        }
    )
    def get_suggestion(self, assessment: Assessment) -> dict[str, Any]:
        if assessment.status == Assessment.Status.DRAFT:
            # A list page reads the bands and the rule once (`AssessmentViewSet.page_context`).
            suggestion = suggestions.suggest(
                _rows(assessment, "api_entries", "entries"),
                bands=self.context.get("risk_bands"),
                rule=self.context.get("risk_rule"),
            )
            return suggestions.describe(assessment, suggestion)
        stored = suggestions.Suggestion(assessment.suggested_risk_level, "")
        return suggestions.describe(assessment, stored)


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
    PageChecksMixin,
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
        assessments = queries.visible_assessments(self.request.user)
        if self.action in ("list", "retrieve"):
            # The answer names the service by its key only; the service and its host municipality
            # (a wide row) that `visible_assessments` joins for the pages cost a third of the query.
            assessments = assessments.select_related(None)
        # Into plain lists (`to_attr`): Django otherwise builds a filtered queryset per assessment and
        # per need to hold each one's rows, some 500 clones a page and a fifth of the list's time.
        # The themes are prefetched, not joined: eleven rows shared, not a copy per entry.
        needs = Need.objects.prefetch_related("theme", Prefetch("guidance_engagements", to_attr="api_engagements"))
        return assessments.prefetch_related(
            Prefetch("entries", queryset=ThemeEntry.objects.prefetch_related("theme"), to_attr="api_entries"),
            Prefetch("measures", to_attr="api_measures"),
            Prefetch("need_items", queryset=needs, to_attr="api_needs"),
        ).order_by("-year", "service__name", "-revision")

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # An assessment has many needs, each with links from six apps: as a page of one, each
        # provider answers once for all of them rather than once per need.
        return self.retrieve_with_page_checks(request, *args, **kwargs)

    def page_objects(self, rows: list[Any]) -> list[Any]:
        return rows + [need for assessment in rows for need in _rows(assessment, "api_needs", "need_items")]

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        """What the needs and suggestions of a page read, made once for all its assessments."""
        user = self.request.user
        needs = [need for assessment in rows for need in _rows(assessment, "api_needs", "need_items")]
        context: dict[str, Any] = {
            "need_answered_by": links_payload_many(needs, user),
            "readable_engagements": set(
                queries.visible_engagements(user).filter(need__in=[n.pk for n in needs]).values_list("pk", flat=True)
            )
            if needs
            else set(),
        }
        if any(a.status == Assessment.Status.DRAFT for a in rows):
            context["risk_bands"] = queries.risk_bands()
            context["risk_rule"] = suggestions.current_rule()
        return context

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


class EngagementSerializer(serializers.ModelSerializer):
    service: serializers.PrimaryKeyRelatedField[Service] = serializers.PrimaryKeyRelatedField(read_only=True)
    need: serializers.PrimaryKeyRelatedField[Need] = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = GuidanceEngagement
        fields = [
            "id",
            "service",
            "need",
            "origin",
            "status",
            "reason",
            "answer_note",
            "answered_at",
            "period_start",
            "period_end",
            "committed_time",
            "committed_people",
            "outcome",
            "created_at",
            "permitted_actions",
        ]
        read_only_fields = fields


class GuidanceStepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=sorted(services.GUIDANCE_STEPS))
    version = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EngagementViewSet(PageChecksMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Guidance-team engagements the user may see; Bufdir sees them all. Steps through `step/`."""

    serializer_class = EngagementSerializer
    lookup_url_kwarg = "engagement_id"
    # Each step's own action is checked by its use case (offer, turn_down, start, end: the county
    # or Bufdir; accept, decline: the municipality).
    access = {"list": perms.VIEW_GUIDANCE, "retrieve": perms.VIEW_GUIDANCE, "step": perms.VIEW_GUIDANCE}

    def get_queryset(self) -> Any:
        return queries.visible_engagements(self.request.user).order_by("-created_at")

    @extend_schema(request=GuidanceStepSerializer, responses={200: EngagementSerializer})
    @action(detail=True, methods=["post"], serializer_class=GuidanceStepSerializer)
    def step(self, request: Any, engagement_id: str | None = None) -> Response:
        """Take one step: {"step": "offer"|"turn_down"|"accept"|"decline"|"start"|"end", "version": n,
        "note": "…"} (a note is required to decline or turn down)."""
        engagement = self.get_object()
        serializer = GuidanceStepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.GUIDANCE_USE_CASES[data["step"]](
                request.user, engagement, expected_version=data["version"], note=data.get("note", "")
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du har ikke lov til å ta dette steget.")) from error
        except Refused as error:
            raise refusal(error, 409) from error
        engagement.refresh_from_db()
        return Response(EngagementSerializer(engagement, context={"request": request}).data)


ROUTES = [
    ("assessments", AssessmentViewSet, "assessment"),
    ("guidance-engagements", EngagementViewSet, "guidance-engagement"),
]
__all__ = ["ROUTES"]
