from django.urls import path

from fagloft.grants.views import applications, assessment, calls, employer_grants, units

app_name = "grants"

urlpatterns = [
    path("", calls.call_list, name="call-list"),
    path("utlysninger/ny/", calls.call_create, name="call-create"),
    path("utlysninger/<int:call_id>/", calls.call_detail, name="call-detail"),
    path("utlysninger/<int:call_id>/endre/", calls.call_edit, name="call-edit"),
    path("utlysninger/<int:call_id>/publiser/", calls.call_publish, name="call-publish"),
    path("utlysninger/<int:call_id>/kriterier/", calls.criterion_add, name="criterion-add"),
    path("utlysninger/<int:call_id>/rangering/", calls.call_ranking, name="call-ranking"),
    path("utlysninger/<int:call_id>/sok/", applications.application_start, name="application-start"),
    path("soknader/<int:application_id>/", applications.application_detail, name="application-detail"),
    path("soknader/<int:application_id>/endre/", applications.application_edit, name="application-edit"),
    path("soknader/<int:application_id>/vilkar/", applications.application_eligibility, name="application-eligibility"),
    path("soknader/<int:application_id>/send-inn/", applications.application_submit, name="application-submit"),
    path("soknader/<int:application_id>/rapport/", applications.report_add, name="report-add"),
    path("soknader/<int:application_id>/studenter/", employer_grants.employer_grant_lines, name="employer-grants"),
    path("soknader/<int:application_id>/vurdering/", assessment.assessment_edit, name="assessment-edit"),
    path("soknader/<int:application_id>/vedtak/", assessment.decision_edit, name="decision-edit"),
    path("soknader/<int:application_id>/vedtaksbrev.docx", assessment.letter_docx, name="letter-docx"),
    path("soknader/<int:application_id>/vedtaksbrev.pdf", assessment.letter_pdf, name="letter-pdf"),
    path("soknader/<int:application_id>/utbetalinger/", assessment.payment_add, name="payment-add"),
    path("rapporter/<int:report_id>/", applications.report_detail, name="report-detail"),
    path("kommuner/<str:municipality_number>/", units.municipality_applications, name="municipality"),
    path("tjenester/<int:service_id>/", units.service_applications, name="service"),
]
