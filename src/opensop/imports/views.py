"""Reading DUO's school register: upload, a preview of every row, and the confirmation.

Nothing is saved before the confirmation: the preview only reads. The uploaded file waits
in storage (imports/pending.py) until the user confirms or uploads another. One file into
one profile (a filled form, an older document): profile_views.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.imports import pending
from opensop.imports import register_services as register
from opensop.imports.errors import UnreadableFileError
from opensop.imports.forms import UploadForm
from opensop.organisations.models import Swv

REGISTER_HELP = (
    "Het CSV-bestand met schoolvestigingen van DUO (open onderwijsdata), met ; of , "
    "als scheidingsteken. Hoogstens {mb} MB."
)


def _register_form(request: HttpRequest) -> UploadForm:
    mb = int(settings.OPENSOP_IMPORT_MAX_BYTES) // 1_000_000
    return UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        label="Scholenregister van DUO (CSV)",
        help_text=REGISTER_HELP.format(mb=mb),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def register_upload(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "import_register")
    form = _register_form(request)
    if not form.is_bound or not form.is_valid():
        return _register_page(request, swv, form)
    data = form.data_of_file()
    try:
        plan = register.plan_register(swv, register.read_upload(data))
    except UnreadableFileError as exc:
        form.add_error("file", str(exc))
        return _register_page(request, swv, form)
    scope = f"register:{swv.pk}"
    token = pending.keep(request, scope, form.cleaned_data["file"].name or "", data)
    return render(
        request,
        "imports/register_preview.html",
        {"swv": swv, "plan": plan, "token": token, "file_name": form.cleaned_data["file"].name},
    )


def _register_page(request: HttpRequest, swv: Swv, form: UploadForm) -> HttpResponse:
    return render(
        request,
        "imports/register_upload.html",
        {"swv": swv, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def register_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "import_register")
    scope = f"register:{swv.pk}"
    upload = pending.find(request, scope, request.POST.get("token", ""))
    if upload is None:
        messages.error(
            request, "Er wacht geen bestand op bevestiging (meer). Kies het bestand opnieuw."
        )
        return redirect("import-register", pk=swv.pk)
    try:
        plan = register.import_register(request.user, swv, upload.data)
    except register.RegisterImportRefusedError as exc:
        raise PermissionDenied(str(exc)) from exc
    except UnreadableFileError as exc:  # cannot happen after the preview, unless storage broke
        messages.error(request, f"Niet ingelezen: {exc}")
        return redirect("import-register", pk=swv.pk)
    finally:
        pending.drop(request, scope)
    messages.success(request, f"Het scholenregister is ingelezen: {plan.summary()}.")
    return redirect("swv-schools", pk=swv.pk)
