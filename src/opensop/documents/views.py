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


# ------------------------------------------------------------------ the schoolgids chapter

CHAPTER_FORMS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def chapter(request: HttpRequest, pk: int) -> HttpResponse:
    """The chapter for the schoolgids as an accessible web page (for the school's website)."""
    profile = access.profile_for(request.user, pk, "download_chapter")
    return HttpResponse(services.chapter_html(profile))


def chapter_download(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The same chapter as Word (to paste into the schoolgids) or as tagged PDF."""
    profile = access.profile_for(request.user, pk, "download_chapter")
    if extension not in CHAPTER_FORMS:
        raise Http404
    data = services.chapter_word(profile) if extension == "docx" else services.chapter_pdf(profile)
    response = HttpResponse(data, content_type=CHAPTER_FORMS[extension])
    name = services.chapter_file_name(profile, extension)
    disposition = "attachment" if extension == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, max-age=600"
    return response
