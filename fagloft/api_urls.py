"""The REST API under /api/v1/, collected from each app's `api.py` (ROUTES and URLS)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver
from rest_framework.routers import DefaultRouter

from fagloft.accounts.access import PUBLIC
from fagloft.lib.discovery import app_modules


class Router(DefaultRouter):
    include_root_view = True

    def get_api_root_view(self, api_urls=None):
        # DRF's root lists only the viewsets; the apps' own list views (URLS without a parameter,
        # e.g. competence/requirements/) belong in the index too, or nobody finds them.
        root = {prefix: self.routes[0].name.format(basename=basename) for prefix, _viewset, basename in self.registry}
        for pattern in extra_urls:
            route = str(pattern.pattern)
            if isinstance(pattern, URLPattern) and pattern.name and "<" not in route:
                root[route.rstrip("/")] = pattern.name
        view = self.APIRootView.as_view(api_root_dict=root)
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
