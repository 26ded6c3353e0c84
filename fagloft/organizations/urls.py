from django.urls import path

from fagloft.organizations.views import agreements, search, service_edit, units

app_name = "organizations"

urlpatterns = [
    path("fylker/", units.county_list, name="county-list"),
    path("fylker/<str:county_number>/", units.county_detail, name="county-detail"),
    path("fylker/<str:county_number>/avtaler/", agreements.county_agreements, name="county-agreements"),
    path("kommuner/<str:municipality_number>/", units.municipality_detail, name="municipality-detail"),
    path(
        "kommuner/<str:municipality_number>/avtaler/",
        agreements.municipality_agreements,
        name="municipality-agreements",
    ),
    path("tjenester/<int:service_id>/", units.service_detail, name="service-detail"),
    path("tjenester/<int:service_id>/endre/", service_edit.service_edit, name="service-edit"),
    path("avtaler/ny/", agreements.agreement_create, name="agreement-create"),
    path("avtaler/<int:agreement_id>/", agreements.agreement_detail, name="agreement-detail"),
    path("avtaler/<int:agreement_id>/endre/", agreements.agreement_edit, name="agreement-edit"),
    path("avtaler/<int:agreement_id>/dokument/", agreements.agreement_document, name="agreement-document"),
    path("sok/", search.search, name="search"),
]
