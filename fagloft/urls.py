from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from fagloft import views
from fagloft.accounts.access import PUBLIC, requires
from fagloft.api_urls import api_urlpatterns

admin.site.site_header = "Fagløft – drift"

# Under /api/ errors answer JSON problem details; elsewhere Django's pages.
handler400 = "fagloft.lib.api_errors.handler400"
handler403 = "fagloft.lib.api_errors.handler403"
handler404 = "fagloft.lib.api_errors.handler404"
handler500 = "fagloft.lib.api_errors.handler500"

urlpatterns = [
    path("", views.front, name="front"),
    path("i18n/sprak/", views.set_language, name="set-language"),
    path("helse/", views.health, name="health"),
    path("konto/", include("fagloft.accounts.urls")),
    path("", include("fagloft.organizations.urls")),
    path("drift/import/", include("fagloft.organizations.import_urls")),
    path("statistikk/", include("fagloft.statistics.urls")),
    path("kostra/", include("fagloft.kostra.urls")),
    path("vurderinger/", include("fagloft.assessments.urls")),
    path("kompetanse/", include("fagloft.competence.urls")),
    path("nettverk/", include("fagloft.networks.urls")),
    path("tilskudd/", include("fagloft.grants.urls")),
    path("programmer/", include("fagloft.programmes.urls")),
    path("kunnskap/", include("fagloft.knowledge.urls")),
    path("okonomi/", include("fagloft.economy.urls")),
    path("organisering/", include("fagloft.organising.urls")),
    path("rapporter/", include("fagloft.reports.urls")),
    path("", include("fagloft.site.urls")),
    path("api/v1/", include(api_urlpatterns)),
    path("api/v1/schema/", requires(PUBLIC)(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/v1/docs/", requires(PUBLIC)(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    # Our template: drf-spectacular's links Google Fonts (everything is served from the app).
    path(
        "api/v1/redoc/",
        requires(PUBLIC)(SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")),
        name="api-redoc",
    ),
    path("drift/admin/", admin.site.urls),
]

if __import__("django.conf").conf.settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
