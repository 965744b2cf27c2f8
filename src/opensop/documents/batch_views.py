"""Pages for SWV staff: start a batch of documents, follow it, download its ZIP.

A batch's page refreshes its progress with htmx while the batch runs; without JavaScript
a 'Vernieuwen' link does the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.middleware import HtmxDetails

from opensop.accounts import access
from opensop.documents import batches, tasks
from opensop.documents.forms import BatchForm
from opensop.documents.models import BatchKinds, DocumentBatch
from opensop.organisations.models import Swv

LISTED = 50  # the newest batches on the page; older ones stay reachable by their address


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


@require_http_methods(["GET", "HEAD", "POST"])
def batches_page(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "download_documents")
    form = BatchForm(swv, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            batch = tasks.request_batch(
                request.user,
                swv,
                form.cleaned_data["school_year"],
                BatchKinds(form.cleaned_data["kinds"]),
                board=form.cleaned_data["board"],
            )
        except tasks.BatchError as exc:
            raise PermissionDenied(str(exc)) from exc
        return redirect("swv-document-batch", pk=swv.pk, batch_pk=batch.pk)
    listed = (
        DocumentBatch.objects.filter(swv=swv)
        .select_related("board", "requested_by")
        .prefetch_related("schools")[:LISTED]
    )
    return render(
        request,
        "documents/batches.html",
        {"swv": swv, "form": form, "batches": listed, "listed": LISTED},
        status=400 if form.errors else 200,
    )


def _batch(request: HttpRequest, pk: int, batch_pk: int) -> tuple[Swv, DocumentBatch]:
    swv = access.swv_for(request.user, pk, "download_documents")
    batch = get_object_or_404(
        DocumentBatch.objects.select_related("board", "requested_by"), pk=batch_pk, swv=swv
    )
    return swv, batch


@require_safe
def batch_page(request: HtmxRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The batch's state and progress; htmx asks for the status part only, every 2 s."""
    swv, batch = _batch(request, pk, batch_pk)
    template = "documents/_batch_status.html" if request.htmx else "documents/batch.html"
    response = render(request, template, {"swv": swv, "batch": batch})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def batch_zip(request: HttpRequest, pk: int, batch_pk: int) -> FileResponse:
    _, batch = _batch(request, pk, batch_pk)
    if not batch.downloadable:
        raise Http404  # waiting, running or failed: there is no (whole) ZIP to offer
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename=batches.zip_name(batch))
