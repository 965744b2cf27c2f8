"""The SWV's regional overview: status, norms and coverage of support, and their exports.

For the SWV's staff and site admins, and read-only for the SWV's inspectorate. Every
page reads stored summaries in a fixed number of queries, however many schools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from opensop.accounts import access
from opensop.cycle.reminders import SchoolChoice, reminders_due, send_reminders
from opensop.organisations.models import Swv
from opensop.overview import export, services
from opensop.overview.changes import changes_report
from opensop.overview.expertise import expertise_report
from opensop.overview.forms import NationalFilter, OverviewFilter, ThresholdForm
from opensop.overview.national import national_report, national_years
from opensop.overview.region import (
    current_school_year,
    load_region,
    region_writes,
    school_years,
    schools_of,
)
from opensop.overview.reports import REPORTS as BASE_REPORTS
from opensop.overview.tables import Report

FILTER_KEYS = ("jaar", "sector", "bestuur", "gemeente")
VIEWS = [
    ("status", "overview-status", "Status"),
    ("normen", "overview-norms", "Normen"),
    ("dekking", "overview-coverage", "Dekkend aanbod"),
    ("veranderd", "overview-changes", "Wat is er veranderd"),
    ("deskundigheid", "overview-expertise", "Deskundigheid en netwerk"),
]
REPORTS = {**BASE_REPORTS, "veranderd": changes_report, "deskundigheid": expertise_report}
# Pages that read their own stored facts and show no norms, needs or completeness.
NO_SUMMARIES = {"veranderd", "deskundigheid"}
EXPORTS = {"xlsx": export.XLSX_TYPE, "csv": export.CSV_TYPE}


@dataclass(frozen=True)
class Selection:
    swv: Swv
    report: Report
    form: OverviewFilter


def _filter_form(swv: Swv, data: QueryDict) -> OverviewFilter:
    years = school_years(swv) or [current_school_year(timezone.localdate())]
    query = {k: str(data.get(k, "")) for k in FILTER_KEYS if k in data}
    return OverviewFilter(years, schools_of(swv), query or None)


def _select(request: HttpRequest, pk: int, view: str) -> Selection:
    swv = access.swv_for(request.user, pk, "read_overview")
    today = timezone.localdate()
    stamp = region_writes()  # first: the school years are kept under it too
    years = school_years(swv, stamp) or [current_school_year(today)]
    schools = schools_of(swv)
    query = {k: request.GET[k] for k in FILTER_KEYS if k in request.GET}
    form = OverviewFilter(years, schools, query or None)
    summaries = view not in NO_SUMMARIES
    region = load_region(
        swv, schools, form.filters(), years, today, with_summaries=summaries, stamp=stamp
    )
    readable = access.states_readable_in_overview(request.user, swv)
    for row in region.rows:
        row.readable = row.profile is not None and row.profile.state in readable
    return Selection(swv, REPORTS[view](region), form)


def _page(
    request: HttpRequest, pk: int, view: str, extra: dict[str, Any] | None = None
) -> HttpResponse:
    selection = _select(request, pk, view)
    swv = selection.swv
    actions = {
        "threshold_form": ThresholdForm(initial={"drempel": swv.coverage_threshold})
        if view == "dekking" and access.may_set_coverage_threshold(request.user, swv)
        else None,
        "may_remind": view == "status" and access.may_send_reminders(request.user, swv),
    }
    return render(
        request,
        "overview/page.html",
        {
            "swv": selection.swv,
            "report": selection.report,
            "form": selection.form,
            "views": [
                {"key": key, "url": reverse(name, args=[pk]), "label": label}
                for key, name, label in VIEWS
            ],
            "export_url": reverse("overview-status", args=[pk]) + view,
            "query": request.GET.urlencode(),
            **actions,
            **(extra or {}),
        },
        status=400 if extra else 200,
    )


@require_safe
def status(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, "status")


@require_safe
def norms(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, "normen")


@require_safe
def coverage(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, "dekking")


@require_safe
def changes(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, "veranderd")


@require_safe
def expertise(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk, "deskundigheid")


@require_POST
def set_threshold(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "read_overview")
    if not access.may_set_coverage_threshold(request.user, swv):
        raise PermissionDenied
    form = ThresholdForm(request.POST)
    if not form.is_valid():
        return _page(request, pk, "dekking", {"threshold_form": form})
    services.set_coverage_threshold(swv, form.cleaned_data["drempel"], access.as_user(request.user))
    messages.success(request, f"De drempel is nu {form.cleaned_data['drempel']}.")
    return redirect(reverse("overview-coverage", args=[pk]) + _query(request.GET))


def _query(data: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    kept.update({k: str(data.get(k)) for k in FILTER_KEYS if data.get(k)})
    return f"?{kept.urlencode()}" if kept else ""


@require_http_methods(["GET", "HEAD", "POST"])
def reminders(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET), then one e-mail per school that has not finished (POST)."""
    swv = access.swv_for(request.user, pk, "read_overview")
    user = access.as_user(request.user)
    if user is None or not access.may_send_reminders(user, swv):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    filters = _filter_form(swv, data).filters()
    choice = SchoolChoice(filters.sector, filters.board_id, filters.municipality)
    if request.method == "POST":
        sent = send_reminders(swv, filters.year, choice, user)
        schools = "school" if sent == 1 else "scholen"
        messages.success(request, f"Herinnering verstuurd aan {sent} {schools}.")
        return redirect(reverse("overview-status", args=[pk]) + _query(data))
    due = reminders_due(swv, filters.year, choice)
    return render(
        request,
        "cycle/reminders.html",
        {
            "swv": swv,
            "filters": filters,
            "hidden": {k: str(data.get(k)) for k in FILTER_KEYS if data.get(k)},
            "reached": [r for r in due if r.addresses],
            "unreached": [r for r in due if not r.addresses],
            "back": reverse("overview-status", args=[pk]) + _query(data),
        },
    )


@require_safe
def download(request: HttpRequest, pk: int, view: str, kind: str) -> HttpResponse:
    if view not in REPORTS or kind not in EXPORTS:
        raise Http404
    report = _select(request, pk, view).report
    content = export.to_xlsx(report) if kind == "xlsx" else export.to_csv(report)
    filters = dict(report.filters)
    name = slugify(f"overzicht {view} {filters['Samenwerkingsverband']} {filters['Schooljaar']}")
    response = HttpResponse(content, content_type=EXPORTS[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


# ------------------------------------------------------------------ national (site admins)


def _national(request: HttpRequest) -> tuple[Report, NationalFilter]:
    if not access.may_read_national_overview(request.user):
        raise Http404
    today = timezone.localdate()
    years = national_years() or [current_school_year(today)]
    query = {k: request.GET[k] for k in ("jaar", "sector") if k in request.GET}
    form = NationalFilter(years, query or None)
    return national_report(form.chosen_year(), form.chosen_sector(), today), form


@require_safe
def national(request: HttpRequest) -> HttpResponse:
    report, form = _national(request)
    return render(
        request,
        "overview/national.html",
        {"report": report, "form": form, "query": request.GET.urlencode()},
    )


@require_safe
def national_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in EXPORTS:
        raise Http404
    report, form = _national(request)
    content = export.to_xlsx(report) if kind == "xlsx" else export.to_csv(report)
    response = HttpResponse(content, content_type=EXPORTS[kind])
    name = slugify(f"landelijk overzicht {form.chosen_year()}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
