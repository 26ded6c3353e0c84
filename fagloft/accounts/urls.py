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
    path("min-konto/passord/", views.password_change, name="password-change"),
    path("glemt-passord/", views.password_reset, name="password-reset"),
    path("glemt-passord/sendt/", views.password_reset_sent, name="password-reset-sent"),
    path("nytt-passord/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("nytt-passord/ferdig/", views.password_reset_complete, name="password-reset-complete"),
]
