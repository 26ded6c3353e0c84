"""The admin's import page: upload a reference file, run the import as a task, follow its status."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.lib import jobs
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.importers.forms import ImportForm
from fagloft.organizations.permissions import IMPORT_REFERENCE_DATA
from fagloft.organizations.tasks import import_reference_file


def job_url(job_id: str) -> str:
    return f"{reverse('imports:detail')}?id={job_id}"


@requires(IMPORT_REFERENCE_DATA)
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        job = jobs.create(form.cleaned_data["kind"], form.cleaned_data["file"], form.options(), request.user)
        import_reference_file.enqueue(job.id)
        return redirect(job_url(job.id))
    return render(
        request,
        "organizations/imports/start.html",
        {
            "form": form,
            "recent": jobs.recent(),
            "breadcrumbs": breadcrumbs((_("Import av referansedata"), None)),
        },
        status=400 if form.errors else 200,
    )


@requires(IMPORT_REFERENCE_DATA)
def import_detail(request: HttpRequest) -> HttpResponse:
    job = jobs.load(request.GET.get("id", ""))
    if job is None:
        raise Http404
    context = {
        "job": job,
        "breadcrumbs": breadcrumbs((_("Import av referansedata"), reverse("imports:start")), (job.file_name, None)),
    }
    if request.headers.get("HX-Request"):
        return render(request, "organizations/imports/_status.html", context)
    return render(request, "organizations/imports/detail.html", context)
