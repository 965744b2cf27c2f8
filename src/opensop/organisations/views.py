"""Pages for SWV staff: the schools of their SWV with each school's latest profile,
adding a school and changing one. Deleting is not offered: profiles belong to a school.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from opensop.accounts import access
from opensop.cycle.terms import TermsBook
from opensop.organisations import services
from opensop.organisations.forms import ParentHelpForm, SchoolForm
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile


@dataclass(frozen=True)
class SchoolRow:
    school: School
    latest: Profile | None
    state_label: str = ""  # the latest profile's state in the words of its year's regime


def school_rows(swv: Swv) -> list[SchoolRow]:
    """Every school of `swv` with its latest profile: three queries, however many schools."""
    newest_first = Profile.objects.order_by("-school_year", "-edition")
    schools = swv.schools.select_related("board").prefetch_related(
        Prefetch("profiles", queryset=newest_first[:1], to_attr="latest_profiles")
    )
    book = TermsBook([swv.pk])
    rows = []
    for school in schools:
        latest = next(iter(getattr(school, "latest_profiles", [])), None)
        label = book.state_label(swv.pk, latest) if latest is not None else ""
        rows.append(SchoolRow(school, latest, label))
    return rows


@require_safe
def schools(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_schools")
    return render(request, "organisations/schools.html", {"swv": swv, "rows": school_rows(swv)})


@require_http_methods(["GET", "HEAD", "POST"])
def add_school(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_schools")
    form = SchoolForm(request.POST if request.method == "POST" else None)
    if form.is_bound and _saved(
        request, form, lambda s, b: services.add_school(swv, s, b, request.user)
    ):
        messages.success(request, f"{form.instance.name} is toegevoegd.")
        return redirect("swv-schools", pk=swv.pk)
    return _form_page(request, swv, form, title="School toevoegen")


@require_http_methods(["GET", "HEAD", "POST"])
def edit_school(request: HttpRequest, pk: int, school_pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_schools")
    school = get_object_or_404(School, pk=school_pk, swv=swv)
    title = f"{school.name} wijzigen"  # before the form writes what was typed into `school`
    form = SchoolForm(request.POST if request.method == "POST" else None, instance=school)
    if form.is_bound and _saved(
        request, form, lambda s, b: services.update_school(s, b, request.user)
    ):
        messages.success(request, f"De gegevens van {form.instance.name} zijn opgeslagen.")
        return redirect("swv-schools", pk=swv.pk)
    return _form_page(request, swv, form, title=title)


SaveSchool = Callable[[School, Board | services.NewBoard], School]


def _saved(request: HttpRequest, form: SchoolForm, save: SaveSchool) -> bool:
    if not form.is_valid():
        return False
    try:
        save(form.save(commit=False), form.chosen_board())
    except ValidationError as exc:
        # Someone saved the same numbers between our check and our save.
        form.add_error(None, exc.messages)
        return False
    except services.SchoolError as exc:
        raise PermissionDenied(str(exc)) from exc
    return True


def _form_page(request: HttpRequest, swv: Swv, form: SchoolForm, *, title: str) -> HttpResponse:
    return render(
        request,
        "organisations/school_form.html",
        {"swv": swv, "form": form, "title": title},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def parent_help(request: HttpRequest, pk: int) -> HttpResponse:
    """The SWV's ouder- en jeugdsteunpunt: its contact details in every schoolgids chapter."""
    swv = access.swv_for(request.user, pk, "edit_parent_help")
    form = ParentHelpForm(request.POST if request.method == "POST" else None, instance=swv)
    if form.is_bound and form.is_valid():
        services.update_parent_help(swv, form.cleaned_data, request.user)
        messages.success(request, "De gegevens van het steunpunt zijn opgeslagen.")
        return redirect("swv-parent-help", pk=swv.pk)
    return render(
        request,
        "organisations/parent_help.html",
        {"swv": Swv.objects.get(pk=swv.pk), "form": form},
        status=400 if form.errors else 200,
    )
