from django.urls import path

from fagloft.site import views

app_name = "site"

urlpatterns = [
    path("endringslogg/", views.audit_log_page, name="audit-log"),
]
