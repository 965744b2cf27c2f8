"""The national overview for site admins: per SWV the status, coverage of support and gaps,
and per format the norm outcomes. One row per SWV, never one per school: the database
counts 7,500 schools' summaries, so no profile is read into Python.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from opensop.formats.norms import Outcome
from opensop.formats.vocabulary import default_vocabulary
from opensop.organisations.models import School, Swv
from opensop.overview.region import RENEWAL_YEARS, UNFINISHED, region_writes, years_before
from opensop.overview.tables import Cell, Report, Table
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import registry


@dataclass
class ProfileCounts:
    """What one SWV's figures count of its schools' profiles."""

    started: int = 0
    unfinished: int = 0
    finished: int = 0
    overdue: int = 0
    adopted_ever: int = 0
    # need code → schools offering it aanwezig or specialistisch
    offered: Counter[str] = field(default_factory=Counter)


@dataclass
class SwvFigures:
    swv: Swv
    schools: int = 0
    profiles: ProfileCounts = field(default_factory=ProfileCounts)


def national_years() -> list[str]:
    years = Profile.objects.values_list("school_year", flat=True).order_by().distinct()
    return sorted(set(years), reverse=True)


def national_report(year: str, sector: str, today: datetime.date) -> Report:
    swvs = Swv.objects.order_by("code")
    if sector:
        swvs = swvs.filter(sector=sector)
    figures = {swv.pk: SwvFigures(swv) for swv in swvs}
    schools = dict(School.objects.values_list("swv_id").annotate(n=Count("id")).order_by())
    for swv_id, count in schools.items():
        if swv_id in figures:
            figures[swv_id].schools = count
    per_swv, norms = _counted(year, list(figures), years_before(today, RENEWAL_YEARS), schools)
    for swv_id, counts in per_swv.items():
        figures[swv_id].profiles = counts
    filters = [
        ("Schooljaar", year),
        ("Sector", sector or "alle"),
        ("Peildatum", today.strftime("%d-%m-%Y")),
    ]
    tables = [_status(figures), _coverage(figures), _norms(norms)]
    return Report("landelijk", "Landelijk overzicht", filters, tables)


def _latest_of_year(year: str, swv_ids: list[int]) -> QuerySet[Profile]:
    """Each school's latest edition in `year`: no later edition of the same year exists."""
    later = Profile.objects.filter(
        school_id=OuterRef("school_id"), school_year=year, edition__gt=OuterRef("edition")
    )
    return Profile.objects.filter(school_year=year, school__swv_id__in=swv_ids).exclude(
        Exists(later)
    )


FormatRef = tuple[str, int]
NormCounts = dict[FormatRef, Counter[str]]
Counted = tuple[dict[int, ProfileCounts], NormCounts]
# The key changes with every write the figures depend on; the time limit only bounds how
# long a write committed out of order (older than one already counted) stays hidden.
CACHE_SECONDS = 5 * 60


def _counted(
    year: str, swv_ids: list[int], due_before: datetime.date, schools: dict[int, int]
) -> Counted:
    """The profiles' part of the figures, from Django's cache while nothing it counts has
    changed: counting 7,500 schools' summaries was most of the national page's time."""
    key = _cache_key(year, swv_ids, due_before, schools)
    counted: Counted | None = cache.get(key)
    if counted is None:
        per_swv = {swv_id: ProfileCounts() for swv_id in swv_ids}
        norms = _count_latest(_latest_of_year(year, swv_ids), per_swv)
        _renewals(per_swv, due_before)
        counted = (per_swv, norms)
        cache.set(key, counted, CACHE_SECONDS)
    return counted


def _cache_key(
    year: str, swv_ids: list[int], due_before: datetime.date, schools: dict[int, int]
) -> str:
    """A key that changes with any summary, profile or school written (`region.latest_writes`)
    and any school added, removed or moved (the schools per SWV); the SWVs themselves are
    read anew for every page. Profiles are never deleted (a school's profiles protect it;
    no page or admin deletes one)."""
    stamp = (year, swv_ids, due_before, sorted(schools.items()), region_writes())
    return "overview-national-" + hashlib.sha256(repr(stamp).encode()).hexdigest()


def _count_latest(latest: QuerySet[Profile], figures: dict[int, ProfileCounts]) -> NormCounts:
    """Per SWV: profiles started, unfinished and finished, and schools offering each need;
    per format: the schools per norm and outcome. Read from the summaries' plain text:
    splitting a short text costs a microsecond, decoding JSON for 7,500 schools does not."""
    rows = latest.order_by().values_list(  # no sort by school name: it is only counted
        "school__swv_id",
        "state",
        "format_id",
        "format_version",
        "summary__offered",
        "summary__outcomes",
    )
    norms: NormCounts = defaultdict(Counter)
    for swv_id, state, format_id, version, offered, outcomes in rows:
        swv = figures[swv_id]
        swv.started += 1
        swv.unfinished += state in UNFINISHED
        swv.finished += state in (State.ADOPTED, State.PUBLISHED)
        swv.offered.update((offered or "").split())
        norms[(format_id, version)].update((outcomes or "").split())
    return norms


def _renewals(figures: dict[int, ProfileCounts], due_before: datetime.date) -> None:
    """Per SWV: schools that ever had a profile adopted, and those whose latest adoption
    is older than four years (ever adopted, but not since `due_before`)."""
    rows = (
        Profile.objects.filter(adopted_on__isnull=False, school__swv_id__in=list(figures))
        .values("school__swv_id")
        .annotate(
            ever=Count("school", distinct=True),
            recent=Count("school", distinct=True, filter=Q(adopted_on__gte=due_before)),
        )
        .order_by()
    )
    for row in rows:
        swv = figures[row["school__swv_id"]]
        swv.adopted_ever, swv.overdue = row["ever"], row["ever"] - row["recent"]


def _status(figures: dict[int, SwvFigures]) -> Table:
    table = Table(
        "Status per SWV",
        "Status van de profielen per samenwerkingsverband",
        [
            "Samenwerkingsverband",
            "Sector",
            "Scholen",
            "Niet gestart",
            "Niet afgerond",
            "Vastgesteld of gepubliceerd",
            "Vaststelling ouder dan vier jaar",
            "Nog nooit vastgesteld",
        ],
    )
    for f in figures.values():
        p = f.profiles
        table.add(
            str(f.swv),
            f.swv.sector,
            f.schools,
            f.schools - p.started,
            p.unfinished,
            p.finished,
            p.overdue,
            f.schools - p.adopted_ever,
        )
    return table


def _coverage(figures: dict[int, SwvFigures]) -> Table:
    needs = default_vocabulary().needs
    table = Table(
        "Dekking per SWV",
        "Aantal scholen per samenwerkingsverband dat een ondersteuningsbehoefte aanwezig of "
        "specialistisch biedt (een gat: minder dan de drempel van het SWV)",
        ["Samenwerkingsverband", *(n.name for n in needs), "Aantal gaten"],
    )
    for f in figures.values():
        threshold = f.swv.coverage_threshold
        offered = f.profiles.offered
        cells = [
            Cell(offered[n.code], "gap gap-yes" if offered[n.code] < threshold else "")
            for n in needs
        ]
        gaps = sum(1 for n in needs if offered[n.code] < threshold)
        table.add(str(f.swv), *cells, gaps)
    return table


def _norms(norms: NormCounts) -> Table:
    outcomes = [Outcome.VOLDOET, Outcome.VOLDOET_NIET, Outcome.ONVOLLEDIG]
    table = Table(
        "Normen per formaat",
        "Aantal scholen per norm en uitkomst, per formaat",
        ["Norm", "Formaat", *(o.label for o in outcomes)],
    )
    for ref, counts in sorted(norms.items()):
        definition = registry().get(*ref)
        if definition is None:
            continue
        for norm in definition.norms:
            table.add(
                norm.title,
                f"{definition.title} (versie {definition.version})",
                *(counts[f"{norm.key}={o.value}"] for o in outcomes),
            )
    return table
