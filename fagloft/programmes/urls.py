from django.urls import path

from fagloft.programmes.views import catalogue, cohorts, enrolments, progress

app_name = "programmes"

urlpatterns = [
    path("", catalogue.index, name="index"),
    path("tilbud/nytt/", catalogue.offer_create, name="offer-create"),
    path("tilbud/<int:programme_offer_id>/", catalogue.offer_detail, name="offer"),
    path("tilbud/<int:programme_offer_id>/endre/", catalogue.offer_edit, name="offer-edit"),
    path("studieplasser/<int:allocation_id>/", enrolments.allocation_detail, name="allocation"),
    path("studieplasser/<int:allocation_id>/sok/", enrolments.apply, name="apply"),
    path("mine/", enrolments.mine, name="mine"),
    path("soknader/<int:enrolment_id>/", enrolments.enrolment_detail, name="enrolment"),
    path("soknader/<int:enrolment_id>/bekreft/", enrolments.confirm_employer, name="confirm"),
    path("soknader/<int:enrolment_id>/trekk/", enrolments.withdraw, name="withdraw"),
    path("soknader/<int:enrolment_id>/opptak/", enrolments.decide, name="decide"),
    path("soknader/<int:enrolment_id>/resultat/", enrolments.completion, name="completion"),
    path("tjenester/<int:service_id>/", enrolments.service_page, name="service"),
    path("runder/", cohorts.cohort_list, name="cohorts"),
    path("runder/<int:cohort_id>/", cohorts.cohort_detail, name="cohort"),
    path("runder/<int:cohort_id>/velg/", cohorts.choose, name="choose"),
    path("runder/<int:cohort_id>/samlinger/ny/", cohorts.session_add, name="session-add"),
    path("runder/<int:cohort_id>/avslutt/", cohorts.cohort_complete, name="cohort-complete"),
    path("runder/<int:cohort_id>/tjenester/<int:service_id>/meld-paa/", cohorts.cohort_enrol, name="cohort-enrol"),
    path("fylker/<str:county_number>/ny-tjenestestotte/", cohorts.round_create, name="round-create"),
    path("fylker/<str:county_number>/ny-runde/", cohorts.cohort_create, name="cohort-create"),
    path("deltakelse/<int:participation_id>/", cohorts.participation, name="participation"),
    path("samlinger/<int:session_id>/oppmote/", cohorts.attendance, name="attendance"),
    path("fremdrift/", progress.nation, name="progress"),
    path("fremdrift/fylker/<str:county_number>/", progress.county, name="progress-county"),
    path("fremdrift/kommuner/<str:municipality_number>/", progress.municipality, name="progress-municipality"),
    path("fremdrift/tjenester/<int:service_id>/", progress.service, name="progress-service"),
    path("fremdrift/nettverk/<int:learning_network_id>/", progress.network, name="progress-network"),
]
