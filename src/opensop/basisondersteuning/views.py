"""The SWV's basisondersteuning page: versions published so far, and the draft of the next."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.basisondersteuning import services
from opensop.basisondersteuning.forms import DraftForm, PartFormSet
from opensop.basisondersteuning.models import BaseSupportVersion
from opensop.basisondersteuning.text import BaseSupportError, PartChange, changes
from opensop.organisations.models import Swv


@dataclass(frozen=True)
class VersionRow:
    version: BaseSupportVersion
    changes: list[PartChange]


def _rows(swv: Swv) -> list[VersionRow]:
    versions = list(swv.base_support_versions.select_related("published_by").order_by("number"))
    rows = [
        VersionRow(v, changes(versions[i - 1].as_text(), v.as_text()) if i else [])
        for i, v in enumerate(versions)
    ]
    return rows[::-1]


@dataclass(frozen=True)
class Readers:
    version: BaseSupportVersion
    schools: list[services.SchoolReading]

    @property
    def read(self) -> int:
        return sum(1 for s in self.schools if s.acknowledgement is not None)


def _readers(swv: Swv) -> Readers | None:
    version = services.newest_version(swv)
    return Readers(version, services.readers_of(version)) if version is not None else None


@require_http_methods(["GET", "HEAD", "POST"])
def base_support(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "keep_base_support")
    draft = services.draft_or_start(swv)
    if request.method == "POST":
        form = DraftForm(request.POST)
        parts = PartFormSet(request.POST, prefix="onderdeel")
        if form.is_valid() and parts.is_valid():
            chosen = [p for p in (f.part() for f in parts.forms if f.is_valid()) if p]
            try:
                services.save_draft(
                    swv,
                    request.user,
                    form.cleaned_data["title"],
                    chosen,
                    form.cleaned_data["valid_from"],
                )
            except BaseSupportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, "Het concept is opgeslagen. Publiceer het als het klaar is."
                )
                return redirect("swv-base-support", pk=swv.pk)
    else:
        form = DraftForm(initial={"title": draft.title, "valid_from": draft.valid_from})
        parts = PartFormSet(initial=draft.parts, prefix="onderdeel")
    return render(
        request,
        "basisondersteuning/page.html",
        {
            "swv": swv,
            "form": form,
            "parts": parts,
            "draft_saved": draft.pk is not None,
            "rows": _rows(swv),
            "readers": _readers(swv),
        },
        status=400 if form.errors or parts.total_error_count() else 200,
    )


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "keep_base_support")
    try:
        version = services.publish_draft(swv, request.user)
    except BaseSupportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Versie {version.number} is gepubliceerd. Alle profielen van na "
            f"{version.valid_from:%d-%m-%Y} tonen haar.",
        )
    return redirect("swv-base-support", pk=swv.pk)


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """A school editor marks the SWV's new basisondersteuning as read for their school."""
    profile = access.profile_for(request.user, pk, "acknowledge_base_support")
    try:
        version_id = int(request.POST.get("version", ""))
    except ValueError:
        version_id = 0
    try:
        read = services.acknowledge_version(profile, request.user, version_id)
    except BaseSupportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Versie {read.version.number} van de basisondersteuning is gelezen. "
            "Het samenwerkingsverband ziet dat.",
        )
    return redirect("profile", pk=profile.pk)
