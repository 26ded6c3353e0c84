from django.urls import path

from fagloft.kostra import views

app_name = "kostra"

urlpatterns = [
    path("", views.index, name="index"),
    path("kontroller/<int:run_id>/", views.run_detail, name="run"),
    path("kontroller/<int:run_id>/status/", views.run_status, name="run-status"),
    path("kontroller/<int:run_id>/lagre/", views.store, name="store"),
    path("kontroller/<int:run_id>/kontrollresultater.pdf", views.run_pdf, name="run-pdf"),
    path("kontroller/<int:run_id>/kontrollresultater.xlsx", views.run_xlsx, name="run-xlsx"),
]
