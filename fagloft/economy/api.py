"""REST API: /api/v1/economy/rates/, /api/v1/economy/responsibilities/, /api/v1/economy/simulations/.

Rates and the responsibility matrix are read by every role in the tree; the administrator changes a
rate with PATCH (the same use case as the page). Simulations are scoped to the municipality: its
leaders read and start them (POST, the same use case as the page), the county reads its county,
Bufdir reads all."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import can, visible
from fagloft.accounts.api_fields import PermittedActionsField
from fagloft.accounts.models import User
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.economy import services
from fagloft.economy.models import CoPaymentRate, Responsibility, ResponsibilityTask, Scenario, SimulationRun
from fagloft.economy.permissions import MANAGE_RATES, RUN_SIMULATION, VIEW_COSTS, VIEW_REFERENCE
from fagloft.lib.api_errors import refusal
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Municipality


class NationalReference:
    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # National reference data belongs to no unit of the tree; `has_permission` checked the action.
        return None


class RateSerializer(serializers.ModelSerializer):
    permitted_actions = PermittedActionsField()
    version = serializers.IntegerField(required=False)

    class Meta:
        model = CoPaymentRate
        fields = [
            "id",
            "kind",
            "year",
            "monthly_rate",
            "existing_placement_rate",
            "confirmed",
            "source",
            "note",
            "version",
            "permitted_actions",
        ]
        read_only_fields = ["id", "kind", "year"]


class RateViewSet(NationalReference, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RateSerializer
    lookup_url_kwarg = "copayment_rate_id"
    # PUT is not offered (http_method_names); the router still maps it, so it is declared too.
    access = {
        "list": VIEW_REFERENCE,
        "retrieve": VIEW_REFERENCE,
        "partial_update": MANAGE_RATES,
        "update": MANAGE_RATES,
    }
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        rates = CoPaymentRate.objects.order_by("kind", "year")
        return rates if can(self.request.user, VIEW_REFERENCE) else rates.none()  # national reference data

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rate = self.get_object()
        serializer = self.get_serializer(rate, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = {k: v for k, v in serializer.validated_data.items() if k in services.RATE_FIELDS}
        try:
            services.update_rate(
                cast(User, request.user), rate, version=serializer.validated_data.get("version"), **values
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied() from error
        except ConcurrentEditError as error:
            raise refusal(error, 409) from error
        except Refused as error:
            raise refusal(error) from error
        rate.refresh_from_db()
        return Response(self.get_serializer(rate).data)


class CellSerializer(serializers.ModelSerializer):
    # Plain codes (state, municipality, shared, state_copayment, not_stated): one choice set used by two
    # fields would otherwise appear twice in the schema under two names.
    responsible = serializers.CharField(
        read_only=True, help_text="state, municipality, shared, state_copayment or not_stated"
    )
    payer = serializers.CharField(
        read_only=True, help_text="state, municipality, shared, state_copayment or not_stated"
    )

    class Meta:
        model = Responsibility
        fields = ["regime", "responsible", "payer", "source_text", "source"]


class TaskSerializer(serializers.ModelSerializer):
    cells = CellSerializer(many=True, read_only=True)

    class Meta:
        model = ResponsibilityTask
        fields = ["id", "code", "order", "name", "name_reconstructed", "note", "cells"]


class ResponsibilityViewSet(NationalReference, viewsets.ReadOnlyModelViewSet):
    serializer_class = TaskSerializer
    lookup_url_kwarg = "responsibility_task_id"
    access = {"list": VIEW_REFERENCE, "retrieve": VIEW_REFERENCE}

    def get_queryset(self) -> Any:
        tasks = ResponsibilityTask.objects.prefetch_related("cells").order_by("order")
        return tasks if can(self.request.user, VIEW_REFERENCE) else tasks.none()  # national reference data


class SimulationSerializer(serializers.ModelSerializer):
    municipality_number = serializers.CharField(source="municipality.number", read_only=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = SimulationRun
        fields = [
            "id",
            "municipality",
            "municipality_number",
            "year",
            "years",
            "runs",
            "seed",
            "scenario",
            "scenario_name",
            "status",
            "done_runs",
            "cost_model_version",
            "inputs",
            "results",
            "created_at",
            "finished_at",
            "permitted_actions",
        ]
        read_only_fields = fields


class StartSimulationSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    runs = serializers.IntegerField(min_value=1000, max_value=services.MAX_RUNS, default=20_000)
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, default=1)
    years = serializers.IntegerField(min_value=1, max_value=5, required=False)
    scenario = serializers.PrimaryKeyRelatedField(queryset=Scenario.objects.all(), required=False, allow_null=True)


class SimulationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SimulationSerializer
    lookup_url_kwarg = "simulation_id"
    access = {"list": VIEW_COSTS, "retrieve": VIEW_COSTS, "create": RUN_SIMULATION}

    def get_queryset(self) -> Any:
        runs = SimulationRun.objects.select_related("municipality").order_by("-created_at", "-pk")
        runs = visible(self.request.user, VIEW_COSTS, runs)
        number = self.request.query_params.get("municipality")
        return runs.filter(municipality__number=number) if number else runs

    def get_serializer_class(self) -> Any:
        return StartSimulationSerializer if self.action == "create" else SimulationSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        start = StartSimulationSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        data = dict(start.validated_data)
        unit = data.pop("municipality")
        if not can(request.user, VIEW_COSTS, unit):
            raise DRFPermissionDenied()
        try:
            run = services.start_simulation(cast(User, request.user), unit, **data)
        except PermissionDenied as error:
            raise DRFPermissionDenied() from error
        except Refused as error:
            raise refusal(error) from error
        run.refresh_from_db()
        return Response(SimulationSerializer(run, context={"request": request}).data, status=201)


ROUTES = [
    ("economy/rates", RateViewSet, "economy-rate"),
    ("economy/responsibilities", ResponsibilityViewSet, "economy-responsibility"),
    ("economy/simulations", SimulationViewSet, "economy-simulation"),
]
