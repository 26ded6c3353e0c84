"""The REST API under /api/v1/, collected from each app's `api.py` (ROUTES and URLS)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver
from rest_framework.routers import DefaultRouter

from fagloft.accounts.access import PUBLIC
from fagloft.lib.discovery import app_modules


class Router(DefaultRouter):
    include_root_view = True

    def get_api_root_view(self, api_urls=None):
        view = super().get_api_root_view(api_urls)
        # as_view() sets `cls` on the view function it returns; the stubs type that as a plain Callable
        view.cls.access = {"get": PUBLIC}  # type: ignore[attr-defined]
        return view


router = Router()
extra_urls: list[URLPattern | URLResolver] = []
for module in app_modules("api").values():
    for prefix, viewset, basename in getattr(module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)
    extra_urls.extend(getattr(module, "URLS", []))

api_urlpatterns = [*extra_urls, *router.urls]
