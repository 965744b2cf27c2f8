"""Pages around one profile: the list of profiles a user may see, a profile, its workflow steps."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from opensop.accounts import access
from opensop.basisondersteuning.services import (
    reference_date,
    shown_format_of,
    unread_version,
    version_on,
)
from opensop.cycle.terms import TermsBook, deadline_of, terms_for
from opensop.documents.content import contact_lines
from opensop.formats.changes import facts_of, facts_of_check
from opensop.formats.definition import AnyItem, FixedTextItem, FormatDefinition, Section
from opensop.formats.profile import ProfileCheck, evaluate_answers
from opensop.imports.duo.services import open_duo_proposal
from opensop.imports.duo.views import duo_sources
from opensop.organisations import services as school_services
from opensop.profiles import editing, presentation
from opensop.profiles.history import DECIDED, ChangesSince, changes_since_previous
from opensop.profiles.models import Profile, State
from opensop.profiles.published import latest_published_profiles
from opensop.profiles.registry import format_of
from opensop.workflow import services
from opensop.workflow.models import StateChange


def home(request: HttpRequest) -> HttpResponse:
    profiles = access.readable_profiles(request.user).order_by(
        "school__name", "-school_year", "-edition"
    )
    if not request.user.is_authenticated:
        # The public sees what the public pages show (profiles/published.py): not the
        # profile of a school that left its SWV, and per school only the newest.
        profiles = latest_published_profiles().order_by("school__name")
    shown = list(profiles.select_related("school__swv"))
    book = TermsBook(p.school.swv_id for p in shown)
    for profile in shown:
        profile.state_text = book.state_label(profile.school.swv_id, profile)  # type: ignore[attr-defined]
    return render(request, "profiles/home.html", {"profiles": shown})


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.profile_for(request.user, pk)
    definition, in_force = shown_format_of(profile)
    check = evaluate_answers(definition, profile.answers)
    steps = [
        step for step, may in access.ACTIONS.items() if step in STEPS and may(request.user, profile)
    ]
    history = list(StateChange.objects.filter(profile=profile).select_related("actor"))
    terms = terms_for(profile)
    for change in history:
        change.from_label = terms.state_label(change.from_state)  # type: ignore[attr-defined]
        change.to_label = terms.state_label(change.to_state)  # type: ignore[attr-defined]
    return render(
        request,
        "profiles/detail.html",
        {
            "profile": profile,
            "definition": definition,
            "terms": terms_for(profile),
            "state_label": terms_for(profile).state_label(profile.state),
            "deadline": deadline_of(profile.school.swv, profile.school_year),
            "check": check,
            "steps": steps,
            "decisions": profile.council_decisions.all()
            if access.may_read_history(request.user, profile)
            else [],
            "current_decision": services.current_decision(profile),
            "duo_values": duo_sources(profile, definition)
            if access.may_read_history(request.user, profile)
            else [],
            "history": history,
            "today": timezone.localdate().isoformat(),
            "can_edit": access.may_edit(request.user, profile),
            "in_force": in_force,
            "base_support_news": unread_version(profile.school)
            if access.is_school_side_of(request.user, profile)
            else None,
            "can_acknowledge": access.may_acknowledge_base_support(request.user, profile),
            "duo_proposal": open_duo_proposal(profile)
            if access.may_prefill_from_duo(request.user, profile)
            else None,
            "can_download_chapter": access.may_download_chapter(request.user, profile),
            "contact_person": _contact_person(definition, check)
            if access.may_choose_public_contact_person(request.user, profile.school)
            else None,
            "can_read_history": access.may_read_history(request.user, profile),
            "next_year": next_school_year(profile.school_year)
            if access.may_start_profile(request.user, profile.school)
            and not profile.school.profiles.filter(school_year__gt=profile.school_year).exists()
            else None,
            "changes": _changes_since_previous(request, profile, check),
            "first_section": next(
                (s.number for s in definition.all_sections() if editing.editable_items(s)), None
            ),
        },
    )


def _changes_since_previous(
    request: HttpRequest, profile: Profile, check: ProfileCheck
) -> ChangesSince | None:
    """What changed since the previous profile the reader may read (profiles/history.py);
    this profile's facts from the check the page shows anyway."""
    readable = access.readable_profiles(request.user).filter(
        school_id=profile.school_id, school_year__lt=profile.school_year, state__in=DECIDED
    )
    return changes_since_previous(
        profile,
        readable,
        lambda p: (
            facts_of_check(check) if p.pk == profile.pk else facts_of(format_of(p), p.answers)
        ),
    )


def _date(request: HttpRequest, field: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.POST.get(field, ""))
    except ValueError as exc:
        raise services.WorkflowError("Vul een geldige datum in (JJJJ-MM-DD).") from exc


STEPS: dict[str, Callable[[HttpRequest, Profile], Profile]] = {
    "submit_for_advice": lambda r, p: services.submit_for_advice(p, r.user),
    "record_advice": lambda r, p: services.record_advice(
        p,
        r.user,
        _date(r, "advice_date"),
        r.POST.get("advice_text", ""),
        outcome=r.POST.get("outcome"),
        document=r.FILES.get("advice_file"),
    ),
    "adopt": lambda r, p: services.adopt(
        p,
        r.user,
        _date(r, "adopted_on"),
        r.POST.get("signatory_school", ""),
        r.POST.get("signatory_board", ""),
        deviation_reason=r.POST.get("deviation_reason", ""),
    ),
    "return_to_concept": lambda r, p: services.return_to_concept(
        p, r.user, r.POST.get("reason", "")
    ),
    "publish": lambda r, p: services.publish(p, r.user),
    "start_correction": lambda r, p: services.start_correction(p, r.user),
}
# What happened, for the steps whose words do not depend on the council (see _done).
STEP_DONE = {
    "adopt": "Het profiel is vastgesteld.",
    "return_to_concept": "Het profiel is teruggezet naar concept.",
    "publish": "Het profiel is gepubliceerd.",
    "start_correction": (
        "Er is een nieuwe versie gemaakt om te corrigeren; de gepubliceerde blijft zichtbaar."
    ),
}


@require_POST
def profile_step(request: HttpRequest, pk: int, step: str) -> HttpResponseRedirect:
    if step not in STEPS:
        return redirect("profile", pk=pk)
    profile = access.profile_for(request.user, pk, step)
    try:
        result = STEPS[step](request, profile)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("profile", pk=pk)
    messages.success(request, _done(step, result))
    return redirect("profile", pk=result.pk)


def _done(step: str, profile: Profile) -> str:
    """What happened, in the words of the profile's regime and participation step."""
    terms = terms_for(profile)
    if step == "submit_for_advice":
        return f"Het {terms.short} ligt nu {terms.waiting}."
    if step == "record_advice" and profile.state == State.CONCEPT:
        return f"De {terms.body} stemt niet in: het {terms.short} is teruggezet naar concept."
    if step == "record_advice":
        decided = "De instemming" if terms.consent else "Het advies"
        return f"{decided} van de {terms.body} is vastgelegd."
    return STEP_DONE[step].replace("Het profiel", f"Het {terms.short}")


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass
class SectionSave:
    """The outcome of posting one section: what to show in the fields and beside them."""

    profile: Profile
    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflict: services.StaleRevisionError | None = None
    saved: bool = False
    typed: dict[str, Any] = field(default_factory=dict)  # readable changes, for the check


def edit_section(request: HtmxRequest, pk: int, number: str) -> HttpResponse:
    """One section of the format as a form; saving is all or nothing and never over a newer save.

    With JavaScript, htmx posts the same form while the user types (autosave) and gets back
    the save state, the new revision and the live panel; without it, the button saves.
    """
    profile = access.profile_for(request.user, pk, "edit")
    definition, _ = shown_format_of(profile)
    section = editing.find_section(definition, number)
    if section is None:
        raise Http404
    items = editing.editable_items(section)
    if request.method != "POST":
        outcome = SectionSave(profile, editing.current_values(items, profile.answers))
        return _section_response(request, definition, section, items, outcome)
    try:
        outcome = _save_section(request, profile, definition, items)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        if request.htmx:
            return HttpResponseClientRedirect(reverse("profile", args=[pk]))
        return redirect("profile", pk=pk)
    if outcome.saved and not request.htmx:
        messages.success(request, f"Sectie {section.number} is opgeslagen.")
        return redirect("edit-section", pk=pk, number=number)
    return _section_response(request, definition, section, items, outcome)


def _save_section(
    request: HttpRequest, profile: Profile, definition: FormatDefinition, items: list[AnyItem]
) -> SectionSave:
    changes, errors = editing.answers_from_post(items, request.POST)
    # Typed input that could not be read stays in its field, so nothing is lost.
    typed = {k: request.POST.get(f"a-{k}") for k in errors if f"a-{k}" in request.POST}
    outcome = SectionSave(profile, {**changes, **typed}, errors, typed=changes)
    if errors:
        return outcome
    # "Save mine anyway" after a conflict: the user saw what changed and chose their input.
    base = request.POST.get("overwrite") or request.POST.get("revision", "-1")
    try:
        outcome.profile = services.save_answers(profile, request.user, changes, int(base))
    except services.StaleRevisionError as exc:
        outcome.conflict = exc
    except services.InvalidAnswersError as exc:
        outcome.errors = editing.field_errors_by_item(exc.problems)
    else:
        outcome.saved = True
    return outcome


def _section_context(
    definition: FormatDefinition, section: Section, items: list[AnyItem], outcome: SectionSave
) -> dict[str, Any]:
    profile = outcome.profile
    check = evaluate_answers(definition, {**profile.answers, **outcome.typed})
    conflict = outcome.conflict
    return {
        "profile": profile,
        "definition": definition,
        "section": section,
        "fixed_texts": [item for item in section.items if isinstance(item, FixedTextItem)],
        "base_support": version_on(profile.school.swv, reference_date(profile)),
        "widgets": [
            editing.widget_for(item, outcome.values.get(item.key), outcome.errors.get(item.key, []))
            for item in items
        ],
        "has_errors": bool(outcome.errors),
        "panel": presentation.section_panel(definition, section.number, check),
        "sections": editing.section_progress(definition, check.missing),
        "missing": {p.item_key for p in check.missing},
        "conflict": conflict,
        "conflict_rows": presentation.conflict_rows(
            definition, conflict.changed_keys, outcome.typed, conflict.current_answers
        )
        if conflict
        else [],
        "saved": outcome.saved,
        "now": timezone.localtime(),
    }


def _section_response(
    request: HtmxRequest,
    definition: FormatDefinition,
    section: Section,
    items: list[AnyItem],
    outcome: SectionSave,
) -> HttpResponse:
    """The whole page; or for htmx (autosave) the save state with out-of-band swaps for the
    revision, the errors and the live panel, always 200 so htmx swaps it in."""
    context = _section_context(definition, section, items, outcome)
    if request.htmx:
        return render(request, "profiles/autosave_result.html", context)
    status = 400 if outcome.errors else 409 if outcome.conflict else 200
    return render(request, "profiles/edit_section.html", context, status=status)


def next_school_year(year: str) -> str:
    first = int(year.split("-", maxsplit=1)[0]) + 1
    return f"{first}-{first + 1}"


@require_POST
def start_next_year(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Start next school year's profile from this one (the school's latest)."""
    profile = access.profile_for(request.user, pk)
    if not access.may_start_profile(request.user, profile.school):
        raise PermissionDenied
    year = next_school_year(profile.school_year)
    source = services.prefill_source(profile.school)
    try:
        new = services.start_profile(profile.school_id, year, request.user)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("profile", pk=pk)
    messages.success(
        request,
        f"Het profiel voor {year} staat klaar"
        + (f", met de antwoorden van {source.school_year}." if source else "."),
    )
    return redirect("profile", pk=new.pk)


@require_POST
def choose_contact_person(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """A school editor chooses whether the school's public pages name its contact person."""
    profile = access.profile_for(request.user, pk)
    if not access.may_choose_public_contact_person(request.user, profile.school):
        raise PermissionDenied
    shown = request.POST.get("tonen") == "ja"
    try:
        school_services.choose_public_contact_person(profile.school, shown, request.user)
    except school_services.SchoolError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            "De openbare pagina van de school noemt nu de contactpersoon."
            if shown
            else "De openbare pagina van de school noemt nu geen contactpersoon meer.",
        )
    return redirect("profile", pk=pk)


def _contact_person(definition: FormatDefinition, check: ProfileCheck) -> list[tuple[str, str]]:
    """The contact answers that name a person: what the public pages show only by choice."""
    everything = contact_lines(definition, check.values, with_person=True)
    general = set(contact_lines(definition, check.values, with_person=False))
    return [line for line in everything if line not in general]


def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every save of a profile: who, when, which answers; or the history of one answer."""
    profile = access.profile_for(request.user, pk, "read_history")
    definition = format_of(profile)
    key = request.GET.get("vraag", "")
    entry = definition.entries.get(key)
    saves = profile.revisions.select_related("author").order_by("-number")
    rows = []
    for save in saves:
        if entry is not None and key not in save.changed_keys:
            continue
        rows.append(
            {
                "revision": save,
                "changed": [
                    (k, definition.entries[k].item.label)
                    for k in save.changed_keys
                    if k in definition.entries
                ],
                "value": presentation.answer_text(entry.item, save.answers.get(key))
                if entry
                else "",
            }
        )
    return render(
        request,
        "profiles/revisions.html",
        {"profile": profile, "rows": rows, "item": entry.item if entry else None, "key": key},
    )
