"""REST API: /api/v1/reports/ — the tilstandsrapport, scoped like the pages (the service and its
municipalities write, the county and Bufdir read). A section's text is changed with PATCH on
/api/v1/reports/{id}/sections/{key}/ (`reports.edit`, the same use case as the page)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from fagloft.accounts.access import can
from fagloft.accounts.api_fields import PageChecksMixin, PermittedActionsField
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.lib.api_errors import refusal
from fagloft.lib.refusals import Refused
from fagloft.reports import queries, services
from fagloft.reports.forms import MAX_TEXT
from fagloft.reports.models import Report, Section
from fagloft.reports.permissions import EDIT, VIEW


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["key", "text", "edited", "version", "updated_at"]

    def to_representation(self, instance: Section) -> dict[str, Any]:
        # The same fields, without DRF's per-field machinery: a page of 30 reports has 400 sections.
        return {
            "key": instance.key,
            "text": instance.text,
            "edited": instance.edited,
            "version": instance.version,
            "updated_at": self.fields["updated_at"].to_representation(instance.updated_at),
        }


class ReportSerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="service.name", read_only=True)
    municipality = serializers.CharField(source="municipality.number", default=None, allow_null=True, read_only=True)
    municipalities: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    sections = SectionSerializer(many=True, read_only=True)
    permitted_actions = PermittedActionsField()

    class Meta:
        model = Report
        fields = [
            "id",
            "title",
            "year",
            "form",
            "status",
            "service",
            "municipality",
            "municipalities",
            "shared_part",
            "figures_date",
            "frozen_at",
            "ready_at",
            "handled_at",
            "version",
            "sections",
            "permitted_actions",
        ]


# Only the columns shown (each timestamp is parsed per row; a page of the list has 400 sections).
SECTION_COLUMNS = ("report_id", "key", "text", "edited", "version", "updated_at")


class SectionChangeSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT, allow_blank=True)
    version = serializers.IntegerField(min_value=0)


class ReportViewSet(PageChecksMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportSerializer
    lookup_url_kwarg = "status_report_id"
    access = {"list": VIEW, "retrieve": VIEW, "section": EDIT}

    def get_queryset(self):
        return (
            queries.visible_reports(self.request.user)
            .prefetch_related(
                "municipalities",
                Prefetch("sections", queryset=Section.objects.only(*SECTION_COLUMNS).order_by("key")),
            )
            .order_by("-year", "pk")
        )

    @extend_schema(request=SectionChangeSerializer, responses=SectionSerializer)
    @action(detail=True, methods=["patch"], url_path=r"sections/(?P<section_key>[a-z_.]+)")
    def section(self, request: Request, section_key: str, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        if not can(request.user, EDIT, report):
            raise DRFPermissionDenied(_("Du kan ikke endre denne rapporten."))
        section = report.sections.filter(key=section_key).first()
        if section is None:
            raise NotFound
        change = SectionChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        try:
            services.save_section(
                request.user,  # type: ignore[arg-type]
                section,
                expected_version=change.validated_data["version"],
                text=change.validated_data["text"],
            )
        except PermissionDenied as error:
            raise DRFPermissionDenied(_("Du kan ikke endre denne rapporten.")) from error
        except ConcurrentEditError as error:
            raise refusal(error, 409) from error
        except Refused as error:
            raise refusal(error, 400) from error
        section.refresh_from_db()
        return Response(SectionSerializer(section).data)


ROUTES = [("reports", ReportViewSet, "status-report")]
