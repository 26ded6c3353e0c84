"""REST API: /api/v1/indicators/ and /api/v1/indicator-values/, with the same rules as the pages.

`/api/v1/indicator-values/` filters: `municipality=NNNN`, `county=NN` (the county's own values; add
`level=municipality` for the values of its municipalities), `service=ID`, `national=true`,
`indicator=CODE`, `year=YYYY`, `source=ssb|kostra_15f|manual|computed`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from fagloft.accounts.access import can, scope_q, visible
from fagloft.lib.api_limits import LimitOffsetPagination
from fagloft.organizations.models import County, CountyMembershipPeriod, Municipality, Service
from fagloft.statistics import bounds
from fagloft.statistics.models import Indicator, IndicatorValue
from fagloft.statistics.permissions import API_INDICATORS, API_VALUES
from fagloft.statistics.queries import visible_values


class IndicatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_nb",
            "name_nn",
            "name_en",
            "definition",
            "numerator",
            "denominator",
            "unit",
            "decimals",
            "better",
            "source",
            "ssb_table",
            "source_note",
            "levels",
            "aggregation",
            "scale",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator: serializers.SlugRelatedField[Indicator] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    county: serializers.SlugRelatedField[County] = serializers.SlugRelatedField(slug_field="number", read_only=True)
    service: serializers.PrimaryKeyRelatedField[Service] = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "year",
            "half",
            "service",
            "municipality",
            "county",
            "is_national",
            "value",
            "numerator",
            "denominator",
            "source",
            "source_detail",
            "is_preliminary",
            "recorded_at",
        ]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    lookup_field = "code"
    lookup_url_kwarg = "indicator_code"
    filter_backends: list[Any] = []
    access = {"list": API_INDICATORS, "retrieve": API_INDICATORS}

    def get_queryset(self) -> QuerySet[Indicator]:
        # The catalogue is national reference data: every role that reads statistics sees all of it.
        return Indicator.objects.filter(is_active=True)

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # No object scope: an indicator belongs to no unit of the tree. The action itself was
        # checked by `has_permission` before the object was looked up.
        return None


def _digits(value: str, width: int, name: str) -> str:
    if not value.isdigit() or len(value) != width:
        raise ValidationError({name: f"«{value}» må være {width} sifre."})
    return value


class _CountedPagination(LimitOffsetPagination):
    """The default pagination, with the count given by the view when it has one."""

    known_count: int | None = None

    def get_count(self, queryset: Any) -> int:
        return super().get_count(queryset) if self.known_count is None else self.known_count


# Up to this many values a scoped list reads its page through the unit-key index and sorts the
# rows; above it, walking the indicators in order (the plain query) is cheaper.
_SORT_BY_UNIT_KEY_UP_TO = 5000


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.STR, description="Indicator code."),
            OpenApiParameter("municipality", OpenApiTypes.STR, pattern=r"^\d{4}$", description="Municipality number."),
            OpenApiParameter(
                "county",
                OpenApiTypes.STR,
                pattern=r"^\d{2}$",
                description="County number: the county's own values (see `level`).",
            ),
            OpenApiParameter(
                "level",
                OpenApiTypes.STR,
                enum=["municipality"],
                description="With `county`: the values of the county's municipalities instead.",
            ),
            OpenApiParameter("service", OpenApiTypes.INT, description="Service id."),
            OpenApiParameter("national", OpenApiTypes.BOOL, description="Only the national values."),
            OpenApiParameter("year", OpenApiTypes.INT, description="Year."),
            OpenApiParameter(
                "source",
                OpenApiTypes.STR,
                enum=[choice for choice, _label in IndicatorValue.Source.choices],
                description="Where the value comes from.",
            ),
        ]
    )
)
class IndicatorValueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = IndicatorValueSerializer
    filter_backends: list[Any] = []
    pagination_class = _CountedPagination
    access = {"list": API_VALUES}

    def paginate_queryset(self, queryset: Any) -> Any:
        """`visible_values` places a value by its unit's key columns, which no index answers
        together: SQLite read all 150 000 values to count a municipal leader's 1 200 (30 ms), and
        walked many of them for each page. The same units as `unit_key` values (the key
        `IndicatorValue.save` and the publisher store, and the one the statistics pages read by)
        narrow the count to an index search. `visible_values`' own filter stays, so the
        narrowing can only ever drop rows, never add any."""
        narrowed = self._by_unit_key(queryset)
        paginator = self.paginator
        if narrowed is None or not isinstance(paginator, _CountedPagination):
            return super().paginate_queryset(queryset)
        paginator.known_count = narrowed.count()
        small = paginator.known_count <= _SORT_BY_UNIT_KEY_UP_TO
        return super().paginate_queryset(narrowed if small else queryset)

    def _by_unit_key(self, values: QuerySet[IndicatorValue]) -> QuerySet[IndicatorValue] | None:
        """`values` limited to the unit keys of what the user may see; None for a global role
        (every value) or a user who sees none (nothing to narrow)."""
        user = self.request.user
        if not can(user, API_VALUES) or scope_q(user, API_VALUES, IndicatorValue) is None:
            return None

        def keys(model: Any, prefix: str) -> Any:
            units = visible(user, API_VALUES, model.objects.all())
            return units.annotate(key=Concat(Value(prefix), Cast("pk", CharField()))).values("key")

        return values.filter(
            Q(unit_key=IndicatorValue.key_for(is_national=True))
            | Q(unit_key__in=keys(Service, "s:"))
            | Q(unit_key__in=keys(Municipality, "m:"))
            | Q(unit_key__in=keys(County, "c:"))
        )

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        values = (
            visible_values(self.request.user, API_VALUES)
            .select_related("indicator", "municipality", "county")
            # `code` makes the indicators' order total, so the database can walk the indicators in order
            # (fagloft/site/planner.py) instead of sorting every value for each page.
            .order_by("indicator__sort_order", "indicator__code", "unit_key", "year", "half")
        )
        return self._filtered(values, self.request.query_params)

    def _filtered(self, values: QuerySet[IndicatorValue], params: Any) -> QuerySet[IndicatorValue]:
        if params.get("indicator"):
            values = values.filter(indicator__code=params["indicator"])
        if params.get("municipality"):
            values = values.filter(municipality__number=_digits(params["municipality"], 4, "municipality"))
        if params.get("county"):
            number = _digits(params["county"], 2, "county")
            if params.get("level") == "municipality":
                members = CountyMembershipPeriod.objects.valid_on().filter(county__number=number)
                values = values.filter(municipality__in=members.values("municipality"))
            else:
                values = values.filter(county__number=number)
        if params.get("service"):
            # Bounded too: a 30-digit id overflows the database's integer and would answer 500.
            if not params["service"].isdigit() or len(params["service"]) > 18:
                raise ValidationError({"service": "Tjenesten oppgis med id (et heltall)."})
            values = values.filter(service_id=int(params["service"]))
        if params.get("national") in ("true", "1"):
            values = values.filter(is_national=True)
        if params.get("year"):
            year = params["year"]
            if not (year.isdigit() and len(year) <= 4 and bounds.year_problem(int(year)) is None):
                raise ValidationError(
                    {"year": f"Året må være et heltall fra {bounds.EARLIEST_YEAR} til {bounds.LATEST_YEAR}."}
                )
            values = values.filter(year=int(year))
        if params.get("source"):
            values = values.filter(source=params["source"])
        return values


ROUTES = [
    ("indicators", IndicatorViewSet, "indicator"),
    ("indicator-values", IndicatorValueViewSet, "indicator-value"),
]
