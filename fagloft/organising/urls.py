from django.urls import path

from fagloft.organising import views

app_name = "organising"

urlpatterns = [
    path("", views.index, name="index"),
    path("fylker/<str:county_number>/", views.county, name="county"),
    path("fylker/<str:county_number>/nytt-forslag/", views.proposal_create, name="proposal-create"),
    path("fylker/<str:county_number>/sammenlign/", views.compare, name="compare"),
    path("forslag/<int:proposal_id>/", views.proposal_detail, name="proposal-detail"),
    path("forslag/<int:proposal_id>/status/", views.proposal_status, name="proposal-status"),
    path(
        "forslag/<int:proposal_id>/tjenester/<int:proposed_service_id>/avtale/",
        views.service_agreement,
        name="service-agreement",
    ),
    path(
        "forslag/<int:proposal_id>/tjenester/<int:proposed_service_id>/vedtak/",
        views.service_adoption,
        name="service-adoption",
    ),
    path("avstander/", views.distances, name="distances"),
    path("avstander/<int:override_id>/slett/", views.distance_delete, name="distance-delete"),
]
