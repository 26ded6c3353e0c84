"""REST API: /api/v1/organising/proposals/. Creating a proposal starts the task that solves it
(the same use case as the page); reads are scoped to the county (Bufdir and the admin read all)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import visible
from fagloft.accounts.api_fields import PermittedActionsField, page_checked_list
from fagloft.lib.api_errors import refusal
from fagloft.lib.refusals import Refused
from fagloft.organising import model, queries, services
from fagloft.organising.models import Proposal, ProposedService
from fagloft.organising.permissions import PROPOSE, VIEW
from fagloft.organizations.models import County, Municipality


def _members(service: ProposedService) -> list[Any]:
    """The list's members, prefetched into a plain list (`ProposalViewSet.get_queryset`), or else
    read as usual (a proposal just created)."""
    members = getattr(service, "api_members", None)
    return list(service.members.all()) if members is None else members


class ProposedServiceSerializer(serializers.ModelSerializer):
    host = serializers.CharField(source="host.number", read_only=True)
    members: serializers.Field = serializers.SlugRelatedField(many=True, slug_field="number", read_only=True)
    agreement: serializers.Field = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = ProposedService
        fields = ["host", "members", "fte", "fte_estimated", "children", "longest_km", "effect", "agreement"]

    def to_representation(self, instance: ProposedService) -> dict[str, Any]:
        # The same fields as the generic walk, written out: a national list has hundreds of services
        # and DRF's per-field machinery cost about a third of the response.
        fields = self.fields

        def decimal(name: str) -> Any:
            value = getattr(instance, name)
            return None if value is None else fields[name].to_representation(value)

        return {
            "host": instance.host.number,
            # Sorted here, not in SQL: see `ProposalViewSet.get_queryset`.
            "members": sorted(member.number for member in _members(instance)),
            "fte": decimal("fte"),
            "fte_estimated": instance.fte_estimated,
            "children": instance.children,
            "longest_km": decimal("longest_km"),
            "effect": instance.effect,
            "agreement": instance.agreement_id,
        }


class ProposalSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.number", read_only=True)
    services = ProposedServiceSerializer(many=True, read_only=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "county",
            "title",
            "year",
            "rules",
            "status",
            "inputs",
            "services",
            "objective",
            "bound",
            "gap",
            "optimal",
            "seconds",
            "reasons",
            "created_at",
            "permitted_actions",
        ]


class ProposalCreateSerializer(serializers.Serializer):
    county = serializers.CharField(max_length=2)
    title = serializers.CharField(max_length=200)
    measure = serializers.ChoiceField(choices=[model.MEASURE_FTE, model.MEASURE_CHILDREN], default=model.MEASURE_FTE)
    min_fte = serializers.FloatField(min_value=0, max_value=1000, default=model.DEFAULT_MIN_FTE)
    min_children = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    max_km = serializers.FloatField(min_value=1, max_value=3000, default=model.DEFAULT_MAX_KM)
    detour = serializers.FloatField(min_value=1, max_value=3, default=model.DEFAULT_DETOUR)
    keep_cooperations = serializers.BooleanField(default=False)
    within_county = serializers.BooleanField(default=True)
    max_members = serializers.IntegerField(min_value=1, max_value=100, required=False, allow_null=True)
    cost_per_service = serializers.FloatField(min_value=0, max_value=100_000_000, default=0)
    fixed_hosts = serializers.ListField(child=serializers.CharField(max_length=4), default=list, max_length=400)
    alone = serializers.ListField(child=serializers.CharField(max_length=4), default=list, max_length=400)
    time_limit = serializers.FloatField(min_value=1, max_value=120, default=20)


class ProposalViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalSerializer
    lookup_url_kwarg = "proposal_id"
    access = {"list": VIEW, "retrieve": VIEW, "create": PROPOSE}

    def get_queryset(self) -> Any:
        return (
            queries.visible_proposals(self.request.user)
            .prefetch_related(
                # Only the municipalities' numbers are shown (hundreds of rows on a national list).
                Prefetch(
                    "services",
                    queryset=ProposedService.objects.select_related("host").only(
                        "id",
                        "proposal_id",
                        "fte",
                        "fte_estimated",
                        "children",
                        "longest_km",
                        "effect",
                        "agreement_id",
                        "host__id",
                        "host__number",
                        "host__name",
                    ),
                ),
                # Unordered: with `ORDER BY number` SQLite walks every municipality and probes the
                # members for each of the page's services (some 120 000 probes on the national
                # list, 25 ms); the serializer sorts the few numbers of each service instead.
                # Into a list (`to_attr`): a related manager and queryset built per service was a
                # tenth of the national list.
                Prefetch(
                    "services__members",
                    queryset=Municipality.objects.only("id", "number").order_by(),
                    to_attr="api_members",
                ),
            )
            .order_by("-created_at", "-pk")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The page's `permitted_actions` checked together: one query per action, not per proposal.
        return page_checked_list(self, request)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ProposalCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        county = visible(request.user, PROPOSE, County.objects.filter(number=data.pop("county"))).first()
        if county is None:
            raise NotFound(_("Ukjent fylke."))
        title = data.pop("title")
        try:
            proposal = services.start_proposal(request.user, county, title=title, rules=data)
        except Refused as error:
            raise refusal(error) from error
        proposal.refresh_from_db()
        return Response(ProposalSerializer(proposal, context={"request": request}).data, status=status.HTTP_201_CREATED)


ROUTES = [("organising/proposals", ProposalViewSet, "organising-proposal")]
