"""Pages to import an older profile document: upload, preview per offer, confirmation.

The same steps as a filled form (views.py): nothing is saved before the confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.imports import document_services as documents_import
from opensop.imports import pending
from opensop.imports.document_mapping import OfferOutcome
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_services import PreviewOutdatedError
from opensop.imports.forms import UploadForm
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of
from opensop.workflow.services import WorkflowError

DOCUMENT_HELP = (
    "Het oudere ondersteuningsprofiel als Word-document (.docx), als PDF met tekst (geen "
    "scan) of als tekstbestand (.txt). Hoogstens {mb} MB."
)


def _upload_form(request: HttpRequest) -> UploadForm:
    mb = int(settings.OPENSOP_IMPORT_MAX_BYTES) // 1_000_000
    return UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        label="Ouder profieldocument (Word, PDF of tekst)",
        help_text=DOCUMENT_HELP.format(mb=mb),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.profile_for(request.user, pk, "import_document")
    form = _upload_form(request)
    if not form.is_bound or not form.is_valid():
        return _page(request, profile, form)
    data = form.data_of_file()
    try:
        preview = documents_import.preview_document(profile, request.user, data)
    except UnreadableFileError as exc:
        form.add_error("file", str(exc))
        return _page(request, profile, form)
    name = form.cleaned_data["file"].name or "document.txt"
    token = pending.keep(request, f"document:{profile.pk}", name, data)
    definition = format_of(profile)
    mapping = preview.mapping
    conflicts = [(key, definition.entries[key].where) for key in mapping.conflicts()]
    return render(
        request,
        "imports/document_preview.html",
        {
            "profile": profile,
            "preview": preview,
            "token": token,
            "file_name": name,
            "taken": mapping.count(OfferOutcome.TAKEN),
            "own": mapping.count(OfferOutcome.OWN),
            "unsure": [o for o in mapping.offers if o.outcome == OfferOutcome.UNSURE],
            "conflicts": conflicts,
        },
    )


def _page(request: HttpRequest, profile: Profile, form: UploadForm) -> HttpResponse:
    return render(
        request,
        "imports/document_upload.html",
        {"profile": profile, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def document_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.profile_for(request.user, pk, "import_document")
    scope = f"document:{profile.pk}"
    upload = pending.find(request, scope, request.POST.get("token", ""))
    if upload is None:
        messages.error(
            request, "Er wacht geen document op bevestiging (meer). Kies het bestand opnieuw."
        )
        return redirect("import-document", pk=profile.pk)
    try:
        source = documents_import.import_document(
            profile,
            request.user,
            upload.data,
            upload.name,
            base_revision=_int(request.POST.get("revision")),
            overwrite=request.POST.getlist("overwrite"),
            accept=request.POST.getlist("accept"),
        )
    except documents_import.DocumentImportRefusedError as exc:
        raise PermissionDenied(str(exc)) from exc
    except (UnreadableFileError, WorkflowError, PreviewOutdatedError) as exc:
        messages.error(request, f"Niet ingelezen; er is niets opgeslagen. {exc}")
        return redirect("import-document", pk=profile.pk)
    finally:
        pending.drop(request, scope)
    messages.success(
        request,
        f"Het document {source.original_name} is ingelezen: het aanbod van "
        f"{source.answers_taken} thema’s is overgenomen (revisie {source.revision}).",
    )
    return redirect("profile", pk=source.profile_id)


def _int(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        return -1
