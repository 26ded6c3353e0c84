"""REST API: /api/v1/interventions/, /api/v1/offers/?municipality=, /api/v1/coverage/?municipality=NNNN,
/api/v1/library/, /api/v1/technology/ and /api/v1/deadlines/ (read-only; the pages write)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import can, visible
from fagloft.accounts.api_fields import PermittedActionsField
from fagloft.accounts.api_schema import problem_response
from fagloft.knowledge import coverage_cache, evidence, queries
from fagloft.knowledge.models import CaseDeadline, Intervention, LibraryItem, Offer, Technology
from fagloft.knowledge.permissions import VIEW, VIEW_LIBRARY, VIEW_OFFERS
from fagloft.lib.links import links_payload
from fagloft.organizations.models import Municipality


class InterventionSerializer(serializers.ModelSerializer):
    levels = serializers.ListField(child=serializers.CharField(), read_only=True)
    categories: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    evidence = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Intervention
        fields = [
            "id",
            "name",
            "short_name",
            "description",
            "age_from",
            "age_to",
            "problem",
            "levels",
            "categories",
            "evidence",
            "certification_required",
            "certifier",
            "provider_type",
            "source_url",
            "links",
            "permitted_actions",
        ]

    def get_evidence(self, obj: Intervention) -> dict[str, Any]:
        return {
            "scale": obj.evidence_scale,
            "level": obj.evidence_level,
            "label": evidence.label(obj.evidence_scale, obj.evidence_level),
            "url": obj.evidence_url,
            "reviewed_on": obj.evidence_reviewed_on,
        }

    def get_links(self, obj: Intervention) -> list[dict[str, Any]]:
        return links_payload(obj, self.context["request"].user)


class NationalCatalogue(viewsets.ReadOnlyModelViewSet):
    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # National reference data belongs to no unit of the tree; `has_permission` checked the action.
        return None


class InterventionViewSet(NationalCatalogue):
    serializer_class = InterventionSerializer
    lookup_url_kwarg = "intervention_id"
    access = {"list": VIEW, "retrieve": VIEW}

    def get_queryset(self) -> QuerySet[Intervention]:
        params = self.request.query_params
        return queries.interventions(
            params.get("q", "")[:100],
            params.get("level", ""),
            params.get("category", "")[:5],
            params.get("evidence", ""),
        ).order_by("pk")


class OfferSerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="service.name", read_only=True)
    intervention = serializers.CharField(source="intervention.name", read_only=True)
    intervention_id = serializers.IntegerField(read_only=True)
    agreement = serializers.CharField(source="agreement.title", default=None, read_only=True, allow_null=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "service_id",
            "service",
            "intervention_id",
            "intervention",
            "delivery",
            "agreement",
            "provider_name",
            "capacity",
            "capacity_unit",
            "waiting_weeks",
            "permitted_actions",
        ]


MUNICIPALITY = OpenApiParameter("municipality", str, description="Kommunenummer (fire sifre)")


class OfferViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OfferSerializer
    lookup_url_kwarg = "service_offer_id"
    access = {"list": VIEW_OFFERS, "retrieve": VIEW_OFFERS}

    def get_queryset(self) -> QuerySet[Offer]:
        number = self.request.query_params.get("municipality", "")[:4]
        if number:
            municipality = Municipality.objects.filter(number=number).first()
            if municipality is None:
                return Offer.objects.none()
            return queries.offers_in_municipality(self.request.user, municipality).order_by("pk")
        return queries.offers_for(self.request.user).order_by("pk")

    @extend_schema(parameters=[MUNICIPALITY])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


def coverage_payload(municipality: Municipality, item: dict[str, Any]) -> dict[str, Any]:
    return {"municipality": municipality.number, "name": municipality.name, **item}


class CoverageViewSet(viewsets.ViewSet):
    """Coverage of one municipality (`?municipality=NNNN`), or of every municipality the user may see."""

    access = {"list": VIEW_OFFERS}

    @extend_schema(
        parameters=[MUNICIPALITY],
        responses={
            200: {"type": "object"},  # per municipality; a list action, so the schema lists them
            **problem_response(404, "No such municipality within the user's reach."),
        },
    )
    def list(self, request: Request) -> Response | HttpResponse:
        municipalities = visible(request.user, VIEW_OFFERS, Municipality.objects.valid_on()).order_by("number")
        number = request.query_params.get("municipality", "")[:4]
        if number:
            municipalities = municipalities.filter(number=number)
            if not municipalities.exists():
                raise Http404
        chosen = list(municipalities.only("pk", "number", "name"))
        today = timezone.localdate()
        if number:
            # One municipality: computing it directly is cheaper than the whole country's cache.
            items = queries.coverage_for([m.pk for m in chosen], today)
            figures = {pk: coverage_cache.payload(item) for pk, item in items.items()}
            return Response([coverage_payload(m, figures[m.pk]) for m in chosen])
        version = coverage_cache.version_key(today)
        if request.accepted_renderer.format != "json":  # the browsable API
            figures = coverage_cache.payloads([m.pk for m in chosen], today, version)
            return Response([coverage_payload(m, figures[m.pk]) for m in chosen])
        # The whole list as JSON, kept with the cached coverage (same data version) for the set of
        # municipalities this user sees: encoding ~1 MB on every request would cost more than the rules.
        shown = ",".join(str(m.pk) for m in chosen)
        key = "knowledge:coverage-json:" + hashlib.sha256(f"{version}|{shown}".encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            figures = coverage_cache.payloads([m.pk for m in chosen], today, version)
            body = JSONRenderer().render([coverage_payload(m, figures[m.pk]) for m in chosen])
            cache.set(key, body, coverage_cache.TIMEOUT_SECONDS)
        return HttpResponse(body, content_type="application/json")


class LibrarySerializer(serializers.ModelSerializer):
    network = serializers.CharField(source="network.name", default=None, read_only=True)
    published_version = serializers.IntegerField(source="published_version.number", default=None, read_only=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = LibraryItem
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "network",
            "owner_name",
            "licence",
            "last_reviewed_on",
            "status",
            "published_version",
            "downloads",
            "permitted_actions",
        ]


class LibraryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = LibrarySerializer
    lookup_url_kwarg = "library_item_id"
    access = {"list": VIEW_LIBRARY, "retrieve": VIEW_LIBRARY}

    def get_queryset(self) -> QuerySet[LibraryItem]:
        qs = queries.library_for(self.request.user, self.request.query_params.get("q", "")[:100])
        return qs.filter(status=LibraryItem.Status.PUBLISHED).order_by("pk")


class TechnologySerializer(serializers.ModelSerializer):
    trials = serializers.SerializerMethodField()

    class Meta:
        model = Technology
        fields = ["id", "name", "purpose", "description", "supplier", "cost_per_year", "cost_note", "url", "trials"]

    def get_trials(self, obj: Technology) -> list[dict[str, Any]]:
        user = self.context["request"].user
        return (
            [
                {
                    "service": t.service.name,
                    "status": t.status,
                    "result": t.result,
                    "started_on": t.started_on,
                    "ended_on": t.ended_on,
                    "evaluation": t.evaluation,
                }
                for t in queries.trials_for(user, obj)
            ]
            if can(user, VIEW_OFFERS)
            else []
        )


class TechnologyViewSet(NationalCatalogue):
    serializer_class = TechnologySerializer
    lookup_url_kwarg = "technology_id"
    access = {"list": VIEW, "retrieve": VIEW}

    def get_queryset(self) -> QuerySet[Technology]:
        return queries.technologies(self.request.query_params.get("q", "")[:100]).order_by("pk")


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseDeadline
        fields = [
            "code",
            "phase",
            "section",
            "title",
            "rule",
            "limit_days",
            "limit_months",
            "special_limit_months",
            "ssb_rule",
            "source_title",
            "source_url",
            "guidance_url",
            "indicator_codes",
        ]


class DeadlineViewSet(NationalCatalogue):
    serializer_class = DeadlineSerializer
    lookup_field = "code"
    lookup_url_kwarg = "deadline_code"
    access = {"list": VIEW, "retrieve": VIEW}

    def get_queryset(self) -> QuerySet[CaseDeadline]:
        return CaseDeadline.objects.order_by("position", "code")


ROUTES = [
    ("interventions", InterventionViewSet, "intervention"),
    ("offers", OfferViewSet, "offer"),
    ("coverage", CoverageViewSet, "coverage"),
    ("library", LibraryViewSet, "library"),
    ("technology", TechnologyViewSet, "technology"),
    ("deadlines", DeadlineViewSet, "deadline"),
]
