"""Pages for SWV staff to read a folder of files at once: upload, then follow the
background task's progress, then the report per file.

The job's page refreshes its progress with htmx while the task runs; without JavaScript a
'Vernieuwen' link does the same (as the document batches, documents/batch_views.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.middleware import HtmxDetails

from opensop.accounts import access
from opensop.imports import bulk, tasks
from opensop.imports.errors import UnreadableFileError
from opensop.imports.forms import BulkUploadForm
from opensop.imports.models import BulkImport

LISTED = 10  # the newest jobs on the upload page; older ones stay reachable by address


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


@require_http_methods(["GET", "HEAD", "POST"])
def forms_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, pk, bulk.BulkKind.FORMS)


@require_http_methods(["GET", "HEAD", "POST"])
def documents_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    return _upload(request, pk, bulk.BulkKind.DOCUMENTS)


def _upload(request: HttpRequest, pk: int, kind: bulk.BulkKind) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "import_forms_in_bulk")
    posted = request.method == "POST"
    form = BulkUploadForm(
        request.POST if posted else None, request.FILES if posted else None, kind=kind
    )
    if form.is_bound and form.is_valid():
        try:
            job = tasks.request_bulk_import(
                request.user,
                swv,
                kind,
                form.named_data(),
                school_year=form.cleaned_data["school_year"] or "",
            )
        except bulk.BulkImportRefusedError as exc:
            raise PermissionDenied(str(exc)) from exc
        except UnreadableFileError as exc:
            form.add_error("uploads", str(exc))
        else:
            return redirect("import-bulk-job", pk=swv.pk, job_pk=job.pk)
    jobs = BulkImport.objects.filter(swv=swv, kind=kind.value).select_related("requested_by")
    return render(
        request,
        f"imports/{kind.value}_bulk.html",
        {"swv": swv, "form": form, "kind": kind, "jobs": jobs[:LISTED]},
        status=400 if form.errors else 200,
    )


@require_safe
def bulk_job(request: HtmxRequest, pk: int, job_pk: int) -> HttpResponse:
    """The job's progress, then its report per file; htmx asks for the status part only."""
    swv = access.swv_for(request.user, pk, "import_forms_in_bulk")
    job = get_object_or_404(BulkImport.objects.select_related("requested_by"), pk=job_pk, swv=swv)
    reports = tasks.reports_of(job)
    context = {
        "swv": swv,
        "job": job,
        "kind": bulk.BulkKind(job.kind),
        "reports": reports,
        "summary": bulk.summary(reports),
    }
    template = "imports/_bulk_status.html" if request.htmx else "imports/bulk_job.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
