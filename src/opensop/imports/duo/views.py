"""A school's figures proposed from a DUO open-data file, and the SWV's one file for all its
schools: upload, a proposal or report to check, then confirm (services.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.cycle.models import DuoProposal, DuoValue
from opensop.cycle.services import CycleError
from opensop.formats.definition import FormatDefinition
from opensop.imports.duo import services
from opensop.imports.duo.figures import Proposal, read_duo_figures
from opensop.imports.duo.region import read_for_swv
from opensop.imports.errors import UnreadableFileError
from opensop.organisations.models import Swv
from opensop.overview.region import current_school_year, school_years
from opensop.profiles import editing
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of, registry
from opensop.workflow import services as workflow
from opensop.workflow.services import DuoTake

# ------------------------------------------------------------------ figures from DUO
# The school editor uploads a DUO open-data CSV; the page proposes a value per item the
# format names (`prefill:`); the editor confirms or corrects each and takes them over.
# The proposal travels signed in the form: nothing is stored until the editor confirms.

DUO_SALT = "opensop.cycle.duo"


@dataclass(frozen=True)
class ProposalRow:
    proposal: Proposal
    name: str  # the input's name, as the section editor names it
    value: str  # as typed into the input
    date_input: bool
    errors: list[str]


@require_http_methods(["GET", "POST"])
def duo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.profile_for(request.user, pk, "prefill_from_duo")
    definition = format_of(profile)
    upload = request.FILES.get("file")
    if request.method != "POST":
        proposal = services.open_duo_proposal(profile)
        if proposal is not None and request.GET.get("voorstel"):
            return _swv_proposal_page(request, profile, definition, proposal)
        return _upload_page(request, profile, definition, proposal=proposal)
    if upload is None:
        return _upload_page(request, profile, definition, "Kies een CSV-bestand van DUO.", 400)
    try:
        reading = read_duo_figures(
            upload.read(),
            definition,
            profile.school.brin,
            profile.school.location,
            settings.OPENSOP_IMPORT_MAX_BYTES,
        )
    except UnreadableFileError as exc:
        return _upload_page(request, profile, definition, f"{upload.name}: {exc}", 400)
    token = signing.dumps(
        {
            "file": upload.name,
            "date": reading.source_date.isoformat() if reading.source_date else None,
            "proposed": {p.item_key: p.value for p in reading.proposals},
            "revision": profile.revision,
        },
        salt=DUO_SALT,
    )
    rows = [
        _row(definition, p, editing.shown_value(definition.item(p.item_key), p.value), [])
        for p in reading.proposals
    ]
    return render(
        request,
        "imports/duo/duo_proposal.html",
        {"profile": profile, "reading": reading, "rows": rows, "token": token, "file": upload.name},
    )


def _row(
    definition: FormatDefinition, proposal: Proposal, value: str, errors: list[str]
) -> ProposalRow:
    kind = getattr(definition.item(proposal.item_key), "kind", "")
    return ProposalRow(proposal, f"a-{proposal.item_key}", value, kind == "date", errors)


def _upload_page(
    request: HttpRequest,
    profile: Profile,
    definition: FormatDefinition,
    error: str = "",
    status: int = 200,
    *,
    proposal: DuoProposal | None = None,
) -> HttpResponse:
    columns = sorted({c for rule in definition.prefill for c in rule.columns})
    return render(
        request,
        "imports/duo/duo_upload.html",
        {
            "profile": profile,
            "definition": definition,
            "columns": columns,
            "error": error,
            "proposal": proposal,
        },
        status=status,
    )


def _swv_proposal_page(
    request: HttpRequest, profile: Profile, definition: FormatDefinition, proposal: DuoProposal
) -> HttpResponse:
    """The values the SWV read in for this school, to confirm or correct as any proposal."""
    proposed = {k: v for k, v in proposal.proposed.items() if _asks(definition, k)}
    token = signing.dumps(
        {
            "file": proposal.source_file,
            "date": proposal.source_date.isoformat() if proposal.source_date else None,
            "proposed": proposed,
            "revision": profile.revision,
            "proposal": proposal.pk,
        },
        salt=DUO_SALT,
    )
    rows = []
    for key, value in proposed.items():
        item = definition.item(key)
        shown = editing.shown_value(item, value)
        rows.append(_row(definition, Proposal(key, item.label, value, shown, ""), shown, []))
    return render(
        request,
        "imports/duo/duo_proposal.html",
        {
            "profile": profile,
            "rows": rows,
            "token": token,
            "file": proposal.source_file,
            "swv_proposal": proposal,
        },
    )


def _asks(definition: FormatDefinition, key: str) -> bool:
    return any(rule.item == key for rule in definition.prefill)


@require_POST
def duo_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.profile_for(request.user, pk, "prefill_from_duo")
    definition = format_of(profile)
    try:
        sent = signing.loads(request.POST.get("token", ""), salt=DUO_SALT)
    except signing.BadSignature:
        messages.error(
            request, "Dit voorstel is niet (meer) geldig; lees het DUO-bestand opnieuw in."
        )
        return redirect("duo-upload", pk=pk)
    proposed: dict[str, Any] = sent["proposed"]
    chosen = [k for k in request.POST.getlist("take") if k in proposed]
    taken, errors = [], {}
    for key in chosen:
        try:
            value = editing.read_simple(definition.item(key), request.POST.get(f"a-{key}", ""))
        except editing.FieldError as exc:
            errors[key] = [str(exc)]
            continue
        taken.append(DuoTake(key, proposed[key], value))
    source_date = datetime.date.fromisoformat(sent["date"]) if sent["date"] else None
    if not errors:
        try:
            workflow.take_duo_values(
                profile,
                request.user,
                taken,
                source_file=sent["file"],
                source_date=source_date,
                base_revision=sent["revision"],
                proposal_id=sent.get("proposal"),
            )
        except workflow.InvalidAnswersError as exc:
            errors = editing.field_errors_by_item(exc.problems)
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
            return redirect("profile", pk=pk)
        else:
            messages.success(request, f"{len(taken)} waarde(n) uit {sent['file']} overgenomen.")
            return redirect("profile", pk=pk)
    return _proposal_again(request, profile, definition, sent, errors)


def _proposal_again(
    request: HttpRequest,
    profile: Profile,
    definition: FormatDefinition,
    sent: dict[str, Any],
    errors: dict[str, list[str]],
) -> HttpResponse:
    """The same proposal with what was typed and what is wrong beside it; nothing saved."""
    rows = []
    for key, value in sent["proposed"].items():
        item = definition.item(key)
        proposal = Proposal(key, item.label, value, editing.shown_value(item, value), "")
        rows.append(
            _row(definition, proposal, request.POST.get(f"a-{key}", ""), errors.get(key, []))
        )
    return render(
        request,
        "imports/duo/duo_proposal.html",
        {
            "profile": profile,
            "rows": rows,
            "token": request.POST.get("token", ""),
            "file": sent["file"],
            "has_errors": True,
            "taken": request.POST.getlist("take"),
        },
        status=400,
    )


# ------------------------------------------------------------------ one DUO file for the SWV
# SWV staff upload one DUO file; the report shows per school what it proposes, which rows
# belong to no school of the SWV and which could not be read. Only on confirm is the
# proposal stored beside each concept (services.propose_duo_values), all or nothing; each
# school then confirms or corrects it on its own DUO page.

SWV_DUO_SALT = "opensop.cycle.swv-duo"


@require_http_methods(["GET", "POST"])
def swv_duo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "propose_duo_figures")
    years = _years_of(swv)
    year = request.POST.get("school_year") or request.GET.get("jaar") or years[0]
    upload = request.FILES.get("file")
    if request.method != "POST":
        return _swv_upload_page(request, swv, years, year)
    if year not in years:
        return _swv_upload_page(request, swv, years, year, "Kies een schooljaar uit de lijst.")
    if upload is None:
        return _swv_upload_page(request, swv, years, year, "Kies een CSV-bestand van DUO.")
    try:
        report = read_for_swv(swv, year, upload.read(), settings.OPENSOP_IMPORT_MAX_BYTES)
    except UnreadableFileError as exc:
        return _swv_upload_page(request, swv, years, year, f"{upload.name}: {exc}")
    token = signing.dumps(
        {
            "file": upload.name,
            "year": year,
            "date": report.source_date.isoformat() if report.source_date else None,
            "proposals": {
                str(row.profile.pk): {p.item_key: p.value for p in row.reading.proposals}
                for row in report.to_propose
                if row.profile is not None and row.reading is not None
            },
        },
        salt=SWV_DUO_SALT,
        compress=True,
    )
    return render(
        request,
        "imports/duo/swv_duo_report.html",
        {"swv": swv, "report": report, "token": token, "file": upload.name},
    )


def _years_of(swv: Swv) -> list[str]:
    current = current_school_year(timezone.localdate())
    return sorted({current, *school_years(swv)}, reverse=True)


def _swv_upload_page(
    request: HttpRequest, swv: Swv, years: list[str], year: str, error: str = ""
) -> HttpResponse:
    definition = registry().get(swv.format_id, swv.format_version)
    rules = definition.prefill if definition is not None else []
    columns = sorted({c for rule in rules for c in rule.columns})
    return render(
        request,
        "imports/duo/swv_duo_upload.html",
        {"swv": swv, "years": years, "year": year, "columns": columns, "error": error},
        status=400 if error else 200,
    )


@require_POST
def swv_duo_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "propose_duo_figures")
    try:
        sent = signing.loads(request.POST.get("token", ""), salt=SWV_DUO_SALT)
    except signing.BadSignature:
        messages.error(request, "Dit voorstel is niet (meer) geldig; lees het bestand opnieuw in.")
        return redirect("swv-duo", pk=pk)
    proposals = [
        services.ProposedFigures(int(profile_id), values)
        for profile_id, values in sent["proposals"].items()
    ]
    actor = request.user if isinstance(request.user, User) else None
    try:
        count = services.propose_duo_values(
            swv,
            actor,
            sent["year"],
            proposals,
            source_file=sent["file"],
            source_date=datetime.date.fromisoformat(sent["date"]) if sent["date"] else None,
        )
    except CycleError as exc:
        messages.error(request, str(exc))
        return redirect("swv-duo", pk=pk)
    messages.success(
        request,
        f"De cijfers uit {sent['file']} staan klaar bij {count} "
        f"{'school' if count == 1 else 'scholen'}. Elke school bekijkt ze en neemt ze over.",
    )
    return redirect("swv-schools", pk=pk)


# ------------------------------------------------------------------ on the profile page


@dataclass(frozen=True)
class DuoShown:
    row: DuoValue
    label: str
    shown: str
    proposed: str


def duo_sources(profile: Profile, definition: FormatDefinition) -> list[DuoShown]:
    """For the profile page: the newest DUO source of each answer still as it was taken over."""
    newest: dict[str, DuoValue] = {}
    for row in profile.duo_values.order_by("-taken_at", "-pk"):
        newest.setdefault(row.item_key, row)
    shown = []
    for key, row in newest.items():
        entry = definition.entries.get(key)
        if entry is None or profile.answers.get(key) != row.value:
            continue  # changed by hand since: DUO is no longer its source
        item = entry.item
        shown.append(
            DuoShown(
                row,
                item.label,
                editing.shown_value(item, row.value),
                editing.shown_value(item, row.proposed),
            )
        )
    return shown
