from django.urls import path

from fagloft.organizations.views import units

app_name = "organizations"

urlpatterns = [
    path("fylker/", units.county_list, name="county-list"),
    path("fylker/<str:county_number>/", units.county_detail, name="county-detail"),
    path("kommuner/<str:municipality_number>/", units.municipality_detail, name="municipality-detail"),
    path("tjenester/<int:service_id>/", units.service_detail, name="service-detail"),
]
