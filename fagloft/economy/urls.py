from django.urls import path

from fagloft.economy import views

app_name = "economy"

urlpatterns = [
    path("", views.index, name="index"),
    path("ansvar/", views.responsibilities, name="responsibilities"),
    path("ansvar/<int:responsibility_task_id>/", views.responsibility_task, name="responsibility-task"),
    path("satser/", views.rates, name="rates"),
    path("satser/ny/", views.rate_create, name="rate-create"),
    path("satser/<int:copayment_rate_id>/endre/", views.rate_edit, name="rate-edit"),
    path("scenarioer/", views.scenarios, name="scenarios"),
    path("scenarioer/<int:cost_scenario_id>/endre/", views.scenario_edit, name="scenario-edit"),
    path("kommuner/<int:economy_municipality_id>/", views.municipality, name="municipality"),
    path("kommuner/<int:economy_municipality_id>/modell/ny/", views.model_create, name="model-create"),
    path("kommuner/<int:economy_municipality_id>/modell/", views.model_edit, name="model-edit"),
    path("kommuner/<int:economy_municipality_id>/simuleringer/ny/", views.run_start, name="run-start"),
    path("simuleringer/<int:simulation_id>/", views.run_detail, name="run"),
    path("simuleringer/<int:simulation_id>/status/", views.run_status, name="run-status"),
    path("samarbeid/", views.pool, name="pool"),
]
