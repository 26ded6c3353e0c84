"""The REST API under /api/v1/, collected from each app's `api.py` (ROUTES and URLS)."""

from __future__ import annotations

import importlib

from django.apps import apps
from rest_framework.routers import DefaultRouter

from fagloft.accounts.access import PUBLIC


class Router(DefaultRouter):
    include_root_view = True

    def get_api_root_view(self, api_urls=None):
        view = super().get_api_root_view(api_urls)
        view.cls.access = {"get": PUBLIC}
        return view


router = Router()
extra_urls = []
for config in apps.get_app_configs():
    if not config.name.startswith("fagloft."):
        continue
    try:
        module = importlib.import_module(f"{config.name}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{config.name}.api":
            raise
        continue
    for prefix, viewset, basename in getattr(module, "ROUTES", []):
        router.register(prefix, viewset, basename=basename)
    extra_urls.extend(getattr(module, "URLS", []))

api_urlpatterns = [*extra_urls, *router.urls]
