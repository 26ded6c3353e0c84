"""REST API: /api/v1/networks/ and /api/v1/gatherings/, with the same rules as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from fagloft.accounts.access import visible
from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.assessments.models import Assessment
from fagloft.lib.links import links_payload, links_payload_many
from fagloft.networks import queries
from fagloft.networks.models import CompetenceEnvironment, DevelopmentProject, Gathering, Network, OverallPlan
from fagloft.networks.permissions import VIEW_NETWORK, own_coordinated_network_ids


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
        # A list page found these for all its networks at once (`NetworkViewSet.page_context`).
        adopted = self.context.get("networks_with_adopted_plan")
        if adopted is not None:
            return network.pk in adopted
        return queries.plan_adopted_by(network, [])[0]


class NetworkViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = NetworkSerializer
    lookup_url_kwarg = "network_id"
    access = {"list": VIEW_NETWORK, "retrieve": VIEW_NETWORK}

    def get_queryset(self):
        return (
            queries.networks_for(self.request.user, VIEW_NETWORK)
            .prefetch_related("members__municipality", "partners")
            .order_by("pk")
        )

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        # As `queries.plan_adopted_by(network, [])[0]`: some revision the network itself adopted.
        adopted = OverallPlan.objects.filter(
            network__in=[n.pk for n in rows], adoptions__isnull=False, adoptions__municipality__isnull=True
        )
        return {"networks_with_adopted_plan": set(adopted.values_list("network_id", flat=True))}


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


class GatheringViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = GatheringSerializer
    lookup_url_kwarg = "gathering_id"
    access = {"list": VIEW_NETWORK, "retrieve": VIEW_NETWORK}

    def get_queryset(self):
        networks = queries.networks_for(self.request.user, VIEW_NETWORK)
        return (
            Gathering.objects.filter(network__in=networks.values("pk"))
            .select_related("network")
            .prefetch_related("agenda_items")
            .order_by("starts_at", "pk")
        )

    def page_objects(self, rows: list[Any]) -> list[Any]:
        # The rules of the gatherings' actions check their networks too.
        return rows + [gathering.network for gathering in rows]


class ProjectSerializer(serializers.ModelSerializer):
    """A development project with its links: the idea it came from, the overall plan revision,
    the needs it answers, its outcome measures with the values since (from statistics), and the
    applications, decisions, payments and reports of the apps above (`links_payload`)."""

    network: serializers.PrimaryKeyRelatedField[Network] = serializers.PrimaryKeyRelatedField(read_only=True)
    lead_municipality = serializers.CharField(source="lead_municipality.number")
    participants = serializers.SerializerMethodField()
    idea = serializers.SerializerMethodField()
    needs = serializers.SerializerMethodField()
    outcomes = serializers.SerializerMethodField()
    applications = serializers.SerializerMethodField()
    permitted_actions = PermittedActionsField()

    class Meta:
        model = DevelopmentProject
        fields = [
            "id",
            "network",
            "title",
            "description",
            "status",
            "lead_municipality",
            "participants",
            "starts_on",
            "ends_on",
            "idea",
            "overall_plan",
            "needs",
            "outcomes",
            "applications",
            "permitted_actions",
        ]

    def get_participants(self, project: DevelopmentProject) -> list[str]:
        return [m.number for m in project.participants.all()]

    def get_idea(self, project: DevelopmentProject) -> int | None:
        idea = getattr(project, "idea", None)
        return idea.pk if idea is not None else None

    def get_needs(self, project: DevelopmentProject) -> list[dict]:
        return [
            {
                "id": need.pk,
                "assessment": need.assessment_id,
                "service": need.assessment.service_id,
                "kind": need.kind,
                "theme": need.theme.code if need.theme_id and need.theme else None,
                "description": need.description,
            }
            for need in project.needs.all()
        ]

    def get_outcomes(self, project: DevelopmentProject) -> list[dict]:
        return [
            {
                "id": row.outcome.pk,
                "indicator": row.outcome.indicator.code if row.outcome.indicator else None,
                "own_measure": row.outcome.own_measure,
                "measured_for": row.outcome.area,
                "unit": row.unit,
                "baseline": row.baseline,
                "baseline_year": row.baseline_year,
                "target": row.target,
                "target_year": row.target_year,
                "values": [{"year": year, "value": value} for year, value in row.values],
            }
            for row in self._outcome_rows(project)
        ]

    def _outcome_rows(self, project: DevelopmentProject) -> list[queries.OutcomeRow]:
        # A list page computed these for all its projects at once (`ProjectViewSet.page_context`).
        page = self.context.get("project_outcomes")
        if page is not None and project.pk in page:
            return page[project.pk]
        return queries.outcome_values(project)

    def get_applications(self, project: DevelopmentProject) -> list[dict]:
        page = self.context.get("project_links")
        if page is not None and project.pk in page:
            return page[project.pk]
        return links_payload(project, self.context["request"].user)


class ProjectViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProjectSerializer
    lookup_url_kwarg = "project_id"
    access = {"list": VIEW_NETWORK, "retrieve": VIEW_NETWORK}
    filterset_fields = ["network", "status"]

    def get_queryset(self):
        # As `queries.networks_for`: scope and partner rule, then a named coordinator's own networks.
        projects = visible(self.request.user, VIEW_NETWORK, DevelopmentProject.objects.all())
        own = own_coordinated_network_ids(self.request.user)
        if own is not None:
            projects = projects.filter(network_id__in=own)
        return (
            projects.select_related("lead_municipality", "idea", "network")
            .prefetch_related(
                "participants",
                "needs__theme",
                # Only the service the answer names: a whole assessment row decodes its JSON columns.
                Prefetch("needs__assessment", queryset=Assessment.objects.only("id", "service_id")),
            )
            .order_by("title", "pk")
        )

    def page_objects(self, rows: list[Any]) -> list[Any]:
        # The rules of the projects' actions check their networks too.
        return rows + [project.network for project in rows]

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        return {
            "project_outcomes": queries.outcome_values_many(rows),
            "project_links": links_payload_many(rows, self.request.user),
        }


ROUTES = [
    ("networks", NetworkViewSet, "network"),
    ("gatherings", GatheringViewSet, "gathering"),
    ("projects", ProjectViewSet, "project"),
]
