"""Public pages for parents: search, a school's page, compare, an SWV's page, the levels.

No login, GET only, no cookies: every profile shown comes from `published_profiles()` /
`latest_published_profiles()`, the one definition of what the public may see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from opensop.cycle.terms import terms_for
from opensop.documents.models import Kind
from opensop.documents.services import document_html, public_school_parts
from opensop.formats.changes import Facts
from opensop.formats.vocabulary import default_vocabulary
from opensop.organisations.models import Swv
from opensop.overview.models import ProfileSummary
from opensop.portal.forms import SearchForm
from opensop.portal.index import public_index
from opensop.portal.levels import LEVELS, LevelWords, words_for
from opensop.portal.search import result_page, with_levels
from opensop.profiles.history import ChangesSince, changes_since_previous
from opensop.profiles.models import Profile
from opensop.profiles.published import (
    latest_public_id,
    latest_published_profiles,
    public_profiles_of,
    published_profiles,
)

PAGE_SIZE = 20
COMPARE_MIN, COMPARE_MAX = 2, 4
ALL_NEEDS = [n.code for n in default_vocabulary().needs]
# A published profile never changes, so its rendered document may be kept (key has revision).
DOCUMENT_CACHE_SECONDS = 3600


def _swvs() -> list[Swv]:
    return list(Swv.objects.order_by("code"))


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    index = public_index()
    form = SearchForm(request.GET or None, index.swv_choices)
    criteria = form.criteria()
    context: dict[str, object] = {
        "form": form,
        "criteria": criteria,
        "sector_options": form.select_options("sector"),
        "swv_options": form.select_options("swv"),
        "need_options": form.checkboxes("behoefte"),
    }
    if not criteria.empty:
        page = result_page(criteria, index, request.GET.get("pagina"), PAGE_SIZE)
        query = request.GET.copy()
        query.pop("pagina", None)
        context |= {
            "searched": True,
            "page": page,
            "results": page.results,
            "query": query.urlencode(),
        }
    return render(request, "portal/search.html", context)


# What the school page never reads of a profile: the answers (its document is cached per
# revision; a miss loads them) and the search entry's text. Decoding them was most of the
# page's time.
UNREAD = ("answers", "summary__expertise", "search_entry__text", "search_entry__vector")


def _latest_of(code: str) -> Profile:
    """In two narrow queries: as one, PostgreSQL spent ten times longer planning its seven
    joins than running it."""
    return _profile(_latest_id(code))


def _latest_id(code: str) -> int:
    pk = latest_public_id(code[:4].upper(), code[4:])
    if pk is None:
        raise Http404("Deze school heeft geen gepubliceerd profiel.")
    return pk


def _profile(pk: int) -> Profile:
    return (
        Profile.objects.select_related(
            "school", "school__swv", "school__board", "summary", "search_entry"
        )
        .defer(*UNREAD)
        .get(pk=pk)
    )


@require_safe
def school(request: HttpRequest, code: str) -> HttpResponse:
    profile = _latest_of(code)
    older = list(
        public_profiles_of(profile.school)
        .select_related("summary")
        .defer(*UNREAD[:2])
        .exclude(pk=profile.pk)
        .order_by("-school_year", "-edition")
    )
    context = {
        "profile": profile,
        "school": profile.school,
        "terms": terms_for(profile),
        "needs": with_levels([profile], ALL_NEEDS)[0].needs,
        "older": older,
        "changes": _changes_since_last_year(profile, older),
    }
    context["contact"], context["document"] = _school_parts(profile)
    return render(request, "portal/school.html", context)


def _school_parts(profile: Profile) -> tuple[list[tuple[str, str]], str]:
    """The contact for parents and the embedded document (both without personal data, but
    the contact person where the school chose to show it), kept in the cache per revision
    and choice: a school that changes its mind is seen at once."""
    shown = int(profile.school.shows_contact_person)
    key = f"portal-school-{profile.pk}-{profile.revision}-{shown}"
    parts: tuple[list[tuple[str, str]], str] | None = cache.get(key)
    if parts is None:
        parts = public_school_parts(profile)
        cache.set(key, parts, DOCUMENT_CACHE_SECONDS)
    return parts


def _changes_since_last_year(profile: Profile, older: list[Profile]) -> ChangesSince | None:
    """What changed since the previous profile the public has seen (profiles/history.py:
    `older` are the school's other public profiles), from both stored summaries: no
    answers are judged again."""
    return changes_since_previous(profile, older, _stored_facts)


def _stored_facts(profile: Profile) -> Facts | None:
    try:
        return profile.summary.facts()
    except ProfileSummary.DoesNotExist:  # not summarised yet
        return None


def _cached(key: str, load: Callable[[], Profile]) -> str:
    """The profile's HTML document as a whole page, kept in the cache: a published profile
    never changes, and the key has its revision. The profile is only loaded (`load`) to
    render it."""
    html: str | None = cache.get(key)
    if html is None:
        html = document_html(load(), Kind.FULL)
        cache.set(key, html, DOCUMENT_CACHE_SECONDS)
    return html


@require_safe
def school_document(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """The accessible HTML document of the school's newest published profile, or of an
    older published version of the same school."""
    latest = _latest_id(code)
    if pk is None or pk == latest:
        pk = latest
        revision = Profile.objects.values_list("revision", flat=True).get(pk=pk)
    else:  # an older version: public, and of the same school
        school = {"school__brin": code[:4].upper(), "school__location": code[4:]}
        older = published_profiles().filter(pk=pk, **school).values_list("revision", flat=True)
        found: int | None = older.first()
        if found is None:
            raise Http404("Deze versie van het profiel is niet openbaar.")
        revision = found
    key = f"portal-document-{pk}-{revision}"
    return HttpResponse(_cached(key, partial(_profile, pk)))


@dataclass(frozen=True)
class CompareRow:
    name: str
    cells: list[tuple[LevelWords, str]]


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    codes = list(dict.fromkeys(c.strip().upper() for c in request.GET.getlist("school") if c))
    problem = ""
    profiles: list[Profile] = []
    if not COMPARE_MIN <= len(codes) <= COMPARE_MAX:
        problem = "Kies twee, drie of vier scholen om te vergelijken."
    else:
        found = {
            p.school.code.upper(): p
            for p in latest_published_profiles()
            .select_related("summary", "search_entry")
            .filter(school__brin__in=[c[:4] for c in codes])
        }
        missing = [c for c in codes if c not in found]
        profiles = [found[c] for c in codes if c in found]
        if missing:
            problem = f"Geen gepubliceerd profiel gevonden voor: {', '.join(missing)}."
            profiles = []
    rows = []
    if profiles:
        results = with_levels(profiles, ALL_NEEDS)
        for index in range(len(ALL_NEEDS)):
            cells = [(r.needs[index].level, r.needs[index].reason) for r in results]
            rows.append(CompareRow(results[0].needs[index].name, cells))
    status = 400 if problem and codes else 200
    return render(
        request,
        "portal/compare.html",
        {"profiles": profiles, "rows": rows, "problem": problem, "codes": codes},
        status=status,
    )


@require_safe
def swvs(request: HttpRequest) -> HttpResponse:
    counts = dict(
        latest_published_profiles()
        .values_list("school__swv_id")
        .annotate(n=Count("pk"))
        .values_list("school__swv_id", "n")
    )
    rows = [(swv, counts.get(swv.pk, 0)) for swv in _swvs()]
    return render(request, "portal/swvs.html", {"rows": rows})


@dataclass(frozen=True)
class Coverage:
    name: str
    counts: list[int]  # per level, in the order of LEVELS
    offering: int  # aanwezig or specialistisch


@require_safe
def swv(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_object_or_404(Swv, pk=pk)
    profiles = list(
        latest_published_profiles()
        .filter(school__swv=region)
        .select_related("summary")
        .order_by("school__name")
    )
    names = {n.code: n.name for n in default_vocabulary().needs}
    coverage = []
    for code in ALL_NEEDS:
        tally = Counter(
            words_for(p.summary.needs.get(code) if hasattr(p, "summary") else None).code
            for p in profiles
        )
        counts = [tally[level.code] for level in LEVELS]
        coverage.append(Coverage(names[code], counts, tally["aanwezig"] + tally["specialistisch"]))
    return render(
        request,
        "portal/swv.html",
        {"swv": region, "profiles": profiles, "coverage": coverage, "levels": LEVELS},
    )


@require_safe
def levels(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/levels.html", {"levels": LEVELS, "needs": default_vocabulary().needs}
    )
