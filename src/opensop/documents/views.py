"""Downloads: the full profile and the summary for parents, as a web page and as PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from opensop.accounts import access
from opensop.documents import services
from opensop.documents.models import Kind

KINDS = {"profiel": Kind.FULL, "samenvatting": Kind.SUMMARY}


def _kind(name: str) -> Kind:
    if name not in KINDS:
        raise Http404
    return KINDS[name]


def document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The document as an accessible web page: the same content as the PDF."""
    profile = access.profile_for(request.user, pk)
    return HttpResponse(services.document_html(profile, _kind(kind)))


def document_pdf(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    profile = access.profile_for(request.user, pk)
    chosen = _kind(kind)
    response = HttpResponse(services.document_pdf(profile, chosen), content_type="application/pdf")
    name = services.file_name(profile, chosen)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    # A concept changes with every save; an adopted document never does.
    response["Cache-Control"] = (
        "private, no-cache" if profile.state not in services.FROZEN else ("private, max-age=3600")
    )
    return response
