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

    def to_representation(self, instance: Report) -> dict[str, Any]:
        page = self.context.get("report_rows")
        if page is None or instance.pk not in page:
            # A single report (retrieve): DRF's field walk, which the list is tested against.
            return super().to_representation(instance)
        # A list page: the sections and municipalities read for the whole page as plain rows
        # (`ReportViewSet.page_context`); building a model per section was half the list's time.
        fields = self.fields

        def converted(name: str) -> Any:
            value = getattr(instance, name)
            return None if value is None else fields[name].to_representation(value)

        sections, municipalities = page[instance.pk]
        return {
            "id": instance.pk,
            "title": instance.title,
            "year": instance.year,
            "form": converted("form"),
            "status": converted("status"),
            "service": instance.service.name,
            "municipality": None if instance.municipality is None else instance.municipality.number,
            "municipalities": municipalities,
            "shared_part": instance.shared_part_id,
            "figures_date": converted("figures_date"),
            "frozen_at": converted("frozen_at"),
            "ready_at": converted("ready_at"),
            "handled_at": converted("handled_at"),
            "version": instance.version,
            "sections": sections,
            "permitted_actions": fields["permitted_actions"].to_representation(instance),
        }

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
        reports = queries.visible_reports(self.request.user).order_by("-year", "pk")
        if self.action == "list":
            return reports  # a list page reads its sections and municipalities itself (`page_context`)
        return reports.prefetch_related(
            "municipalities",
            Prefetch("sections", queryset=Section.objects.only(*SECTION_COLUMNS).order_by("key")),
        )

    def page_context(self, rows: list[Any]) -> dict[str, Any]:
        """Each report's sections (as `SectionSerializer` writes them) and municipality numbers."""
        page: dict[int, tuple[list[dict[str, Any]], list[str]]] = {report.pk: ([], []) for report in rows}
        updated = serializers.DateTimeField()
        columns = SECTION_COLUMNS
        for report_id, key, text, edited, version, updated_at in (
            Section.objects.filter(report__in=list(page)).order_by("report_id", "key").values_list(*columns)
        ):
            page[report_id][0].append(
                {
                    "key": key,
                    "text": text,
                    "edited": edited,
                    "version": version,
                    "updated_at": updated.to_representation(updated_at),
                }
            )
        through = Report.municipalities.through
        for report_id, number in (
            through.objects.filter(report__in=list(page))
            .order_by("report_id", "municipality__number")
            .values_list("report_id", "municipality__number")
        ):
            page[report_id][1].append(number)
        return {"report_rows": page}

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
