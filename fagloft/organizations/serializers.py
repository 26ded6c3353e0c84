"""API representations of the organisation tree. Municipalities and counties are identified by their
official numbers, which is what other systems (SSB, KOSTRA) use."""

from __future__ import annotations

from rest_framework import serializers

from fagloft.organizations.models import County, District, Municipality, Population, Service, ServiceCoverage


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["number", "name", "valid_from", "valid_to"]


class CountyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["number", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    county = CountyRefSerializer(read_only=True, help_text="The county it belongs to now (or last belonged to).")

    class Meta:
        model = Municipality
        fields = ["number", "name", "valid_from", "valid_to", "county", "kostra_group"]


class PopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Population
        fields = ["year", "total", "children", "by_age", "source"]


class CountyPeriodSerializer(serializers.Serializer):
    county = CountyRefSerializer()
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)


class MunicipalityDetailSerializer(MunicipalitySerializer):
    population = PopulationSerializer(
        source="populations", many=True, read_only=True, help_text="Residents on 1 January by year (SSB table 07459)."
    )
    county_history = CountyPeriodSerializer(source="county_periods", many=True, read_only=True)
    predecessors: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    successors: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )

    class Meta(MunicipalitySerializer.Meta):
        fields = [*MunicipalitySerializer.Meta.fields, "population", "county_history", "predecessors", "successors"]


class CoverageSerializer(serializers.ModelSerializer):
    municipality: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    # A coverage of one city district (bydel); null for the whole municipality.
    district: serializers.SlugRelatedField[District] = serializers.SlugRelatedField(
        slug_field="number", read_only=True, allow_null=True
    )
    district_name = serializers.CharField(source="district.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = ServiceCoverage
        fields = ["municipality", "municipality_name", "district", "district_name", "valid_from", "valid_to"]


class ServiceSerializer(serializers.ModelSerializer):
    host_municipality: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    coverage = CoverageSerializer(source="coverages", many=True, read_only=True)

    class Meta:
        model = Service
        fields = ["id", "name", "host_municipality", "leader_name", "email", "phone", "address", "is_demo", "coverage"]
