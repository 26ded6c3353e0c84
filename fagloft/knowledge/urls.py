from django.urls import path

from fagloft.knowledge.views import bank, coordinators, coverage, curation, deadlines, library, offers, technology

app_name = "knowledge"

urlpatterns = [
    path("", bank.bank, name="bank"),
    path("tiltak/nytt/", bank.intervention_create, name="intervention-create"),
    path("tiltak/<int:intervention_id>/", bank.intervention_detail, name="intervention-detail"),
    path("tiltak/<int:intervention_id>/endre/", bank.intervention_edit, name="intervention-edit"),
    path("tiltak/<int:intervention_id>/koble/", bank.intervention_link, name="intervention-link"),
    path("tjenester/<int:service_id>/tilbud/", offers.service_offers, name="service-offers"),
    path("tjenester/<int:service_id>/tilbud/nytt/", offers.offer_create, name="offer-create"),
    path("tilbud/<int:service_offer_id>/endre/", offers.offer_edit, name="offer-edit"),
    path("tilbud/<int:service_offer_id>/fjern/", offers.offer_delete, name="offer-delete"),
    path("dekning/", coverage.national_coverage, name="national-coverage"),
    path("dekning/publiser/", coverage.publish, name="publish-coverage"),
    path("fylker/<str:county_number>/dekning/", coverage.county_coverage, name="county-coverage"),
    path("kommuner/<str:municipality_number>/dekning/", coverage.municipality_coverage, name="municipality-coverage"),
    path("kommuner/<str:municipality_number>/eiere/", coverage.level_owner, name="level-owner"),
    path("kommuner/<str:municipality_number>/behov/", coverage.gap_need, name="gap-need"),
    path("bibliotek/", library.library, name="library"),
    path("bibliotek/ny/", library.item_create, name="library-create"),
    path("bibliotek/<int:library_item_id>/", library.item_detail, name="library-item"),
    path("bibliotek/<int:library_item_id>/versjon/", library.version_add, name="version-add"),
    path("bibliotek/<int:library_item_id>/koble/", library.item_link, name="library-link"),
    path("bibliotek/versjoner/<int:library_version_id>/godkjenn/", library.version_approve, name="version-approve"),
    path("bibliotek/versjoner/<int:library_version_id>/avvis/", library.version_reject, name="version-reject"),
    path("bibliotek/versjoner/<int:library_version_id>/fil/", library.version_file, name="version-file"),
    path("bibliotek/koordinatorer/", coordinators.coordinators, name="coordinators"),
    path(
        "bibliotek/nettverk/<int:library_network_id>/koordinatorer/",
        coordinators.network_coordinators,
        name="network-coordinators",
    ),
    path(
        "bibliotek/koordinatorer/<int:library_coordinator_id>/fjern/",
        coordinators.coordinator_remove,
        name="coordinator-remove",
    ),
    path("teknologi/", technology.technology, name="technology"),
    path("teknologi/ny/", technology.technology_create, name="technology-create"),
    path("teknologi/<int:technology_id>/", technology.technology_detail, name="technology-detail"),
    path("teknologi/<int:technology_id>/utproving/", technology.trial_create, name="trial-create"),
    path("utprovinger/<int:technology_trial_id>/endre/", technology.trial_edit, name="trial-edit"),
    path("anbefalte/", curation.recommended, name="recommended"),
    path("anbefalte/nytt/", curation.recommended_create, name="recommended-create"),
    path("anbefalte/<int:recommended_measure_id>/endre/", curation.recommended_edit, name="recommended-edit"),
    path("frister/", deadlines.deadlines, name="deadlines"),
    path("frister/<slug:deadline_code>/endre/", curation.deadline_edit, name="deadline-edit"),
    path("tjenester/<int:service_id>/frister/", deadlines.service_deadlines, name="service-deadlines"),
]
