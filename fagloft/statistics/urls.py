from django.urls import path

from fagloft.statistics.views import entry, exports, pages, uploads

app_name = "statistics"

urlpatterns = [
    path("", pages.index, name="index"),
    path("indikatorer/", pages.catalogue, name="catalogue"),
    path("import/", uploads.import_start, name="import"),
    path("import/status/", uploads.import_detail, name="import-detail"),
    path("kommuner/<str:municipality_number>/", pages.municipality, name="municipality"),
    path("kommuner/<str:municipality_number>/eksport/", exports.municipality_export, name="municipality-export"),
    path("fylker/<str:county_number>/", pages.county, name="county"),
    path("fylker/<str:county_number>/eksport/", exports.county_export, name="county-export"),
    path("fylker/<str:county_number>/registrer/", entry.enter_county, name="county-enter"),
    path("tjenester/<int:service_id>/", pages.service, name="service"),
    path("tjenester/<int:service_id>/registrer/", entry.enter_service, name="service-enter"),
]
