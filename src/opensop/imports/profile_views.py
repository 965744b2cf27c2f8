"""Importing one file into a profile: upload, a preview of what will happen, and the
user's confirmation; the same steps for a filled PDF form and an older profile document.

Nothing is saved before the confirmation: the preview only reads. The uploaded file waits
in storage (imports/pending.py) until the user confirms or uploads another. What differs
per kind of file is in its `Importer`: the service that reads and saves, the templates,
and the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports import document_services as documents_import
from opensop.imports import form_services as forms_import
from opensop.imports import pending
from opensop.imports.document_mapping import OfferOutcome
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import FieldOutcome, shown
from opensop.imports.forms import UploadForm
from opensop.imports.models import ImportedForm
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of
from opensop.refused import Refused


@dataclass(frozen=True)
class Importer:
    kind: str  # "form" or "document": the templates, the URL names, the pending upload
    label: str
    help_text: str  # with {mb}
    what: str  # "formulier", "document": in the messages
    preview: Callable[[Profile, AnyUser, bytes], Any]
    # The preview page's figures (besides profile, preview, token, file_name).
    figures: Callable[[Any], dict[str, object]]
    # Save what the user confirmed: (profile, user, data, file name, revision seen, POST).
    save: Callable[[Profile, AnyUser, bytes, str, int, QueryDict], ImportedForm]
    refused: tuple[type[Exception], ...]
    done: Callable[[ImportedForm], str]

    @property
    def action(self) -> str:
        return f"import_{self.kind}"

    @property
    def url_name(self) -> str:
        return f"import-{self.kind}"


def _form_figures(preview: forms_import.FormPreview) -> dict[str, object]:
    mapping = preview.mapping
    definition = format_of(preview.profile)
    conflicts = [
        (key, definition.entries[key].where, shown(now), shown(new))
        for key, (now, new) in mapping.conflicts.items()
    ]
    return {
        "unknown": mapping.count(FieldOutcome.UNKNOWN),
        "unusable": mapping.count(FieldOutcome.UNUSABLE),
        "conflicts": conflicts,
    }


def _document_figures(preview: documents_import.DocumentPreview) -> dict[str, object]:
    mapping = preview.mapping
    definition = format_of(preview.profile)
    return {
        "taken": mapping.count(OfferOutcome.TAKEN),
        "own": mapping.count(OfferOutcome.OWN),
        "unsure": [o for o in mapping.offers if o.outcome == OfferOutcome.UNSURE],
        "conflicts": [(key, definition.entries[key].where) for key in mapping.conflicts()],
    }


FORM = Importer(
    kind="form",
    label="Ingevuld formulier (PDF)",
    help_text="Het ingevulde PDF-formulier van het schoolondersteuningsprofiel (met "
    "invulvelden). Hoogstens {mb} MB.",
    what="formulier",
    preview=forms_import.preview_form,
    figures=_form_figures,
    save=lambda profile, user, data, name, revision, post: forms_import.import_form(
        profile,
        user,
        data,
        name,
        base_revision=revision,
        overwrite=post.getlist("overwrite"),
    ),
    refused=(forms_import.FormImportRefusedError,),
    done=lambda source: (
        f"Het formulier {source.original_name} is ingelezen: "
        f"{source.answers_taken} antwoorden overgenomen (revisie {source.revision})."
    ),
)
DOCUMENT = Importer(
    kind="document",
    label="Ouder profieldocument (Word, PDF of tekst)",
    help_text="Het oudere ondersteuningsprofiel als Word-document (.docx), als PDF met tekst "
    "(geen scan) of als tekstbestand (.txt). Hoogstens {mb} MB.",
    what="document",
    preview=documents_import.preview_document,
    figures=_document_figures,
    save=lambda profile, user, data, name, revision, post: documents_import.import_document(
        profile,
        user,
        data,
        name,
        base_revision=revision,
        overwrite=post.getlist("overwrite"),
        accept=post.getlist("accept"),
    ),
    refused=(documents_import.DocumentImportRefusedError,),
    done=lambda source: (
        f"Het document {source.original_name} is ingelezen: het aanbod van "
        f"{source.answers_taken} thema’s is overgenomen (revisie {source.revision})."
    ),
)


def _upload_form(request: HttpRequest, importer: Importer) -> UploadForm:
    mb = int(settings.OPENSOP_IMPORT_MAX_BYTES) // 1_000_000
    posted = request.method == "POST"
    return UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        label=importer.label,
        help_text=importer.help_text.format(mb=mb),
    )


def upload(request: HttpRequest, pk: int, importer: Importer) -> HttpResponse:
    profile = access.profile_for(request.user, pk, importer.action)
    form = _upload_form(request, importer)
    if not form.is_bound or not form.is_valid():
        return _upload_page(request, importer, profile, form)
    data = form.data_of_file()
    try:
        preview = importer.preview(profile, request.user, data)
    except UnreadableFileError as exc:
        form.add_error("file", str(exc))
        return _upload_page(request, importer, profile, form)
    except importer.refused as exc:
        raise PermissionDenied(str(exc)) from exc
    name = form.cleaned_data["file"].name or importer.what
    token = pending.keep(request, f"{importer.kind}:{profile.pk}", name, data)
    context = {"profile": profile, "preview": preview, "token": token, "file_name": name}
    return render(
        request, f"imports/{importer.kind}_preview.html", context | importer.figures(preview)
    )


def _upload_page(
    request: HttpRequest, importer: Importer, profile: Profile, form: UploadForm
) -> HttpResponse:
    return render(
        request,
        f"imports/{importer.kind}_upload.html",
        {"profile": profile, "form": form},
        status=400 if form.errors else 200,
    )


def confirm(request: HttpRequest, pk: int, importer: Importer) -> HttpResponse:
    profile = access.profile_for(request.user, pk, importer.action)
    scope = f"{importer.kind}:{profile.pk}"
    waiting = pending.find(request, scope, request.POST.get("token", ""))
    if waiting is None:
        messages.error(
            request,
            f"Er wacht geen {importer.what} op bevestiging (meer). Kies het bestand opnieuw.",
        )
        return redirect(importer.url_name, pk=profile.pk)
    revision = _int(request.POST.get("revision"))
    try:
        source = importer.save(
            profile, request.user, waiting.data, waiting.name, revision, request.POST
        )
    except importer.refused as exc:
        raise PermissionDenied(str(exc)) from exc
    except Refused as exc:  # unreadable, stale preview, refused by the workflow
        messages.error(request, f"Niet ingelezen; er is niets opgeslagen. {exc}")
        return redirect(importer.url_name, pk=profile.pk)
    finally:
        pending.drop(request, scope)
    messages.success(request, importer.done(source))
    return redirect("profile", pk=source.profile_id)


def _int(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        return -1


@require_http_methods(["GET", "HEAD", "POST"])
def form_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return upload(request, pk, FORM)


@require_POST
def form_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return confirm(request, pk, FORM)


@require_http_methods(["GET", "HEAD", "POST"])
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return upload(request, pk, DOCUMENT)


@require_POST
def document_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return confirm(request, pk, DOCUMENT)
