from django.urls import path

from fagloft.competence.views import mapping, overview, plans, privacy, staff

app_name = "competence"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("landet/", overview.national_overview, name="nation"),
    path("fylker/<str:county_number>/", overview.county_overview, name="county"),
    path("kommuner/<str:municipality_number>/", overview.municipality_overview, name="municipality"),
    path("nettverk/<int:network_id>/", overview.network_overview, name="network-mapping"),
    path("innstillinger/", overview.settings_page, name="settings"),
    path("publiser/", overview.publish_page, name="publish"),
    path("tjenester/<int:service_id>/", overview.service_overview, name="service"),
    path("tjenester/<int:service_id>/kompetansekrav/", overview.requirement_page, name="requirements"),
    path("tjenester/<int:service_id>/ansatte/", staff.staff_list, name="staff"),
    path("tjenester/<int:service_id>/ansatte/ny/", staff.employee_create, name="employee-create"),
    path("tjenester/<int:service_id>/ansatte/import/", staff.staff_import, name="staff-import"),
    path("tjenester/<int:service_id>/ansatte/eksport/", staff.staff_export, name="staff-export"),
    path("tjenester/<int:service_id>/ledige-stillinger/", staff.vacancy_add, name="vacancy-add"),
    path("ledige-stillinger/<int:vacancy_id>/besatt/", staff.vacancy_fill, name="vacancy-fill"),
    path("tjenester/<int:service_id>/kartlegging/", mapping.round_list, name="rounds"),
    path("tjenester/<int:service_id>/planer/", plans.plan_list, name="plans"),
    path("ansatte/<int:employee_id>/", staff.employee_detail, name="employee"),
    path("ansatte/<int:employee_id>/eksport.json", privacy.employee_data_json, name="employee-json"),
    path("ansatte/<int:employee_id>/slett-personopplysninger/", privacy.employee_erase, name="employee-erase"),
    path("ansatte/<int:employee_id>/<str:kind>/ny/", staff.item_add, name="item-add"),
    path("ansatte/<int:employee_id>/<str:kind>/<int:item_id>/slett/", staff.item_delete, name="item-delete"),
    path("meg/", privacy.my_profile, name="me"),
    path("meg/eksport.json", privacy.my_data_json, name="me-json"),
    path("meg/eksport.pdf", privacy.my_data_pdf, name="me-pdf"),
    path("kartlegging/<int:round_id>/", mapping.round_detail, name="round"),
    path("kartlegging/<int:round_id>/mine-svar/", mapping.round_answer, name="round-answer"),
    path("kartlegging/<int:round_id>/vurdering/<int:employee_id>/", mapping.round_assess, name="round-assess"),
    path("kartlegging/<int:round_id>/avslutt/", mapping.round_close, name="round-close"),
    path("planer/<int:plan_id>/", plans.plan_detail, name="plan"),
    path("planer/<int:plan_id>/pdf/", plans.plan_pdf, name="plan-pdf"),
    path("planer/<int:plan_id>/excel/", plans.plan_xlsx, name="plan-xlsx"),
    path("planer/<int:plan_id>/behov/", plans.plan_gaps, name="plan-gaps"),
    path("planer/<int:plan_id>/tiltak/<int:measure_id>/", plans.measure_edit, name="measure"),
]
