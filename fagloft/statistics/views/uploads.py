"""The SSB upload page: choose the indicator, upload the export, run the import as a task, read the result."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.statistics import upload_jobs
from fagloft.statistics.forms import SsbImportForm
from fagloft.statistics.permissions import IMPORT_SSB
from fagloft.statistics.tasks import import_ssb_file
from fagloft.statistics.views.pages import crumbs


def job_url(job_id: str) -> str:
    return f"{reverse('statistics:import-detail')}?id={job_id}"


@requires(IMPORT_SSB)
def import_start(request: HttpRequest) -> HttpResponse:
    form = SsbImportForm(request.POST, request.FILES) if request.method == "POST" else SsbImportForm()
    if form.is_bound and form.is_valid():
        job = upload_jobs.create(form.cleaned_data["indicator"].code, form.cleaned_data["file"], request.user)
        import_ssb_file.enqueue(job.id)
        return redirect(job_url(job.id))
    return render(
        request,
        "statistics/import_start.html",
        {
            "form": form,
            "recent": upload_jobs.recent(),
            "breadcrumbs": crumbs((_("Import fra SSB"), None)),
        },
        status=400 if form.errors else 200,
    )


@requires(IMPORT_SSB)
def import_detail(request: HttpRequest) -> HttpResponse:
    job = upload_jobs.load(request.GET.get("id", ""))
    if job is None:
        raise Http404
    context = {
        "job": job,
        "breadcrumbs": crumbs((_("Import fra SSB"), reverse("statistics:import")), (job.file_name, None)),
    }
    if request.headers.get("HX-Request"):
        return render(request, "statistics/_import_status.html", context)
    return render(request, "statistics/import_detail.html", context)
