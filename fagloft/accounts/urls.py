from django.urls import path

from fagloft.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.login, name="login"),
    path("logg-ut/", views.logout, name="logout"),
    path("to-faktorer/", views.two_factor_step, name="two-factor"),
    path("min-konto/", views.profile, name="profile"),
    path("min-konto/api-nokkel/", views.api_token, name="api-token"),
    path("min-konto/reservekoder/", views.backup_codes, name="backup-codes"),
]
