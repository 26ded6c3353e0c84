from django.urls import path

from fagloft.reports.views import overview, reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_list, name="list"),
    path("ny/", reports.report_create, name="create"),
    path("<int:status_report_id>/", reports.report_detail, name="detail"),
    path("<int:status_report_id>/deler/<int:report_section_id>/", reports.section_edit, name="section-edit"),
    path(
        "<int:status_report_id>/deler/<int:report_section_id>/versjoner/",
        reports.section_history,
        name="section-history",
    ),
    path("<int:status_report_id>/las/", reports.freeze, name="freeze"),
    path("<int:status_report_id>/kommentarer/", reports.comment_add, name="comment"),
    path("<int:status_report_id>/klar/", reports.mark_ready, name="ready"),
    path("<int:status_report_id>/behandling/", reports.handling, name="handling"),
    path("<int:status_report_id>/ar-for-ar/", reports.year_on_year, name="year-on-year"),
    path(
        "<int:status_report_id>/last-ned/<str:report_format>/<str:report_language>/", reports.download, name="download"
    ),
    path("tjenester/<int:service_id>/om-barnevernet/", reports.about_edit, name="about"),
    path("kommuner/<str:municipality_number>/", overview.municipality_page, name="municipality"),
    path("kommuner/<str:municipality_number>/forebygging/", overview.preventive_plan, name="preventive-plan"),
    path("oversikt/", overview.overview_index, name="overview"),
    path("oversikt/landet/", overview.national_overview, name="overview-national"),
    path("oversikt/fylker/<str:county_number>/", overview.county_overview, name="overview-county"),
    path("oversikt/nettverk/<int:overview_network_id>/", overview.network_overview, name="overview-network"),
    path("utkast/", overview.batch_start, name="batch-start"),
    path("utkast/<int:report_batch_id>/", overview.batch_detail, name="batch"),
]
