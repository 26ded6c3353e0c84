"""REST API for the organisation tree, with the same actions and scoping as the pages.

/api/v1/counties/, /api/v1/municipalities/ (?county=NN, ?valid_on=YYYY-MM-DD),
/api/v1/municipalities/{number}/ (with population series and county history), /api/v1/services/.
"""

from __future__ import annotations

import datetime
from typing import cast

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from fagloft.accounts.access import visible
from fagloft.organizations import serializers
from fagloft.organizations.models import (
    County,
    CountyMembershipPeriod,
    Municipality,
    Population,
    Service,
    ServiceCoverage,
    ValidityQuerySet,
)
from fagloft.organizations.permissions import VIEW_COUNTY, VIEW_MUNICIPALITY, VIEW_SERVICE


def _date_param(value: str | None, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: f"Ugyldig dato «{value}». Bruk formatet ÅÅÅÅ-MM-DD."}) from None


class CountyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CountySerializer
    lookup_field = "number"
    lookup_url_kwarg = "county_number"
    filter_backends: list = []
    access = {"list": VIEW_COUNTY, "retrieve": VIEW_COUNTY}

    def get_queryset(self) -> QuerySet[County]:
        return visible(self.request.user, VIEW_COUNTY, County.objects.order_by("number"))


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "county", OpenApiTypes.STR, description="County number: the municipalities in it on `valid_on`."
            ),
            OpenApiParameter("valid_on", OpenApiTypes.DATE, description="Only municipalities valid on this date."),
        ]
    )
)
class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "number"
    lookup_url_kwarg = "municipality_number"
    filter_backends: list = []
    access = {"list": VIEW_MUNICIPALITY, "retrieve": VIEW_MUNICIPALITY}

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MunicipalityDetailSerializer
        return serializers.MunicipalitySerializer

    def get_queryset(self) -> QuerySet[Municipality]:
        queryset: QuerySet[Municipality] = Municipality.objects.select_related("county").order_by("number")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("populations", queryset=Population.objects.order_by("year")),
                Prefetch(
                    "county_periods",
                    queryset=CountyMembershipPeriod.objects.select_related("county").order_by("valid_from"),
                ),
                "predecessors",
                "successors",
            )
        else:
            queryset = self._filtered(queryset)
        return visible(self.request.user, VIEW_MUNICIPALITY, queryset)

    def _filtered(self, queryset: QuerySet[Municipality]) -> QuerySet[Municipality]:
        params = self.request.query_params
        day = _date_param(params.get("valid_on"), "valid_on")
        if day is not None:
            # Municipality.objects is a ValidityQuerySet manager, and filtering keeps the class
            queryset = cast(ValidityQuerySet, queryset).valid_on(day)
        if params.get("county"):
            periods = CountyMembershipPeriod.objects.valid_on(day).filter(county__number=params["county"])
            queryset = queryset.filter(pk__in=periods.values("municipality"))
        return queryset


class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ServiceSerializer
    lookup_url_kwarg = "service_id"
    filter_backends: list = []
    access = {"list": VIEW_SERVICE, "retrieve": VIEW_SERVICE}

    def get_queryset(self) -> QuerySet[Service]:
        coverages = ServiceCoverage.objects.select_related("municipality", "district").order_by(
            "municipality__number", "valid_from"
        )
        queryset = (
            Service.objects.select_related("host_municipality")
            .prefetch_related(Prefetch("coverages", queryset=coverages))
            .order_by("name")
        )
        return visible(self.request.user, VIEW_SERVICE, queryset)


ROUTES = [
    ("counties", CountyViewSet, "county"),
    ("municipalities", MunicipalityViewSet, "municipality"),
    ("services", ServiceViewSet, "service"),
]
