from django.urls import path

from fagloft.assessments.views import assessments, guidance, meetings, overview, rules

app_name = "assessments"

urlpatterns = [
    path("", assessments.assessment_list, name="list"),
    path("ny/", assessments.assessment_create, name="create"),
    path("<int:assessment_id>/", assessments.assessment_detail, name="detail"),
    path("<int:assessment_id>/pdf/", assessments.assessment_pdf, name="pdf"),
    path("<int:assessment_id>/excel/", assessments.assessment_xlsx, name="xlsx"),
    path("<int:assessment_id>/rediger/", assessments.assessment_edit, name="edit"),
    path("<int:assessment_id>/tema/<int:theme_entry_id>/", assessments.entry_edit, name="entry-edit"),
    path("<int:assessment_id>/tiltak/", assessments.measure_add, name="measure-add"),
    path("<int:assessment_id>/tiltak/<int:follow_up_id>/", assessments.measure_edit, name="measure-edit"),
    path("<int:assessment_id>/kommentarer/", assessments.comment_add, name="comment-add"),
    path("<int:assessment_id>/send-inn/", assessments.submit, name="submit"),
    path("<int:assessment_id>/trekk-tilbake/", assessments.withdraw, name="withdraw"),
    path("<int:assessment_id>/til-statsforvalteren/", assessments.forward, name="forward"),
    path("<int:assessment_id>/send-tilbake/", assessments.send_back, name="send-back"),
    path("<int:assessment_id>/droftet/", assessments.discuss, name="discuss"),
    path("<int:assessment_id>/endelig/", assessments.finalise, name="finalise"),
    path("<int:assessment_id>/ny-versjon/", assessments.revise, name="revise"),
    path("fylke/<str:county_number>/", overview.county_overview, name="county-overview"),
    path("hele-landet/", overview.national_picture, name="national"),
    path("dialogmoter/", meetings.meeting_list, name="meeting-list"),
    path("dialogmoter/nytt/", meetings.meeting_create, name="meeting-create"),
    path("dialogmoter/<int:meeting_id>/", meetings.meeting_detail, name="meeting-detail"),
    path("dialogmoter/<int:meeting_id>/referat/", meetings.meeting_edit, name="meeting-edit"),
    path("dialogmoter/<int:meeting_id>/oppfolging/", meetings.action_add, name="action-add"),
    path("dialogmoter/<int:meeting_id>/oppfolging/<int:action_id>/", meetings.action_done, name="action-done"),
    path("veiledningsteam/", guidance.guidance_list, name="guidance-list"),
    path("veiledningsteam/nytt/", guidance.guidance_create, name="guidance-create"),
    path("veiledningsteam/<int:engagement_id>/", guidance.guidance_detail, name="guidance-detail"),
    path("veiledningsteam/<int:engagement_id>/endre/", guidance.guidance_edit, name="guidance-edit"),
    path("veiledningsteam/<int:engagement_id>/moter/", guidance.session_add, name="session-add"),
    path("signalregler/", rules.rule_list, name="rule-list"),
    path("signalregler/ny/", rules.rule_create, name="rule-create"),
    path("signalregler/<int:rule_id>/", rules.rule_edit, name="rule-edit"),
]
