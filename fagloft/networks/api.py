"""REST API: /api/v1/networks/ and /api/v1/gatherings/, with the same rules as the pages."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from fagloft.accounts.api_fields import PermittedActionsField
from fagloft.networks import queries
from fagloft.networks.models import CompetenceEnvironment, Gathering, Network
from fagloft.networks.permissions import VIEW_NETWORK


class NetworkSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.name")
    members = serializers.SerializerMethodField()
    partners: serializers.SlugRelatedField[CompetenceEnvironment] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    plan_adopted_by_network = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Network
        fields = [
            "id",
            "name",
            "county",
            "strand",
            "description",
            "members",
            "partners",
            "plan_adopted_by_network",
            "permitted_actions",
        ]

    def get_members(self, network: Network) -> list[str]:
        return [member.municipality.number for member in network.members.all()]

    def get_plan_adopted_by_network(self, network: Network) -> bool:
        return queries.plan_adopted_by(network, [])[0]


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkSerializer
    lookup_url_kwarg = "network_id"
    access = {"list": VIEW_NETWORK, "retrieve": VIEW_NETWORK}

    def get_queryset(self):
        return (
            queries.networks_for(self.request.user, VIEW_NETWORK)
            .prefetch_related("members__municipality", "partners")
            .order_by("pk")
        )


class GatheringSerializer(serializers.ModelSerializer):
    network: serializers.PrimaryKeyRelatedField[Network] = serializers.PrimaryKeyRelatedField(read_only=True)
    agenda = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Gathering
        fields = [
            "id",
            "network",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_link",
            "description",
            "agenda",
            "permitted_actions",
        ]

    def get_agenda(self, gathering: Gathering) -> list[str]:
        return [item.title for item in gathering.agenda_items.all()]


class GatheringViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GatheringSerializer
    lookup_url_kwarg = "gathering_id"
    access = {"list": VIEW_NETWORK, "retrieve": VIEW_NETWORK}

    def get_queryset(self):
        networks = queries.networks_for(self.request.user, VIEW_NETWORK)
        return (
            Gathering.objects.filter(network__in=networks.values("pk"))
            .prefetch_related("agenda_items")
            .order_by("starts_at", "pk")
        )


ROUTES = [("networks", NetworkViewSet, "network"), ("gatherings", GatheringViewSet, "gathering")]
