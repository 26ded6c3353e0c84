"""Search for a municipality by name or number. The page includes the results fragment; an htmx
request gets only the fragment, from the same view and the same permission check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations import queries
from fagloft.organizations.forms import SearchForm
from fagloft.organizations.permissions import SEARCH_MUNICIPALITIES


@requires(SEARCH_MUNICIPALITIES)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "query": text,
        "results": queries.search_municipalities(request.user, text),
        "breadcrumbs": breadcrumbs((_("Søk"), None)),
    }
    # A history restore asks for the whole page, although it comes from htmx.
    fragment = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    if fragment and not request.headers.get("HX-Boosted"):
        return render(request, "organizations/_search_results.html", context)
    return render(request, "organizations/search.html", context)
