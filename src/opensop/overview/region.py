"""The facts behind an SWV's overview pages, read in a fixed handful of queries.

Each school of the SWV (after the filters) with its latest profile of the chosen school
year, that profile's stored summary, and the date it last had a profile adopted.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Max

from opensop.cycle.terms import Terms, TermsBook
from opensop.formats.definition import FormatDefinition
from opensop.organisations.models import School, Swv
from opensop.overview.models import ProfileSummary
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import registry
from opensop.stamps import latest_writes

T = TypeVar("T")

# The law asks schools to renew their profile at least every four years.
RENEWAL_YEARS = 4
UNFINISHED = (State.CONCEPT, State.ADVICE)


@dataclass(frozen=True)
class SchoolFacts:
    pk: int
    name: str
    code: str
    board_id: int
    board_name: str
    municipality: str
    sector: str


@dataclass(frozen=True)
class StoredSummary:
    norms: dict[str, str]
    needs: dict[str, str | None]
    completeness: int


@dataclass(frozen=True)
class ProfileFacts:
    pk: int
    school_id: int
    school_year: str
    edition: int
    state: str
    updated_at: datetime.datetime
    format_id: str
    format_version: int
    summary: StoredSummary | None  # None until `rebuild_summaries` has run
    # The words of the SWV's regimes (cycle/terms.py), shared by all rows and read once
    # when a page first names a state; None: the state's own label.
    words: tuple[int, TermsBook] | None = field(default=None, compare=False, repr=False)

    @property
    def state_label(self) -> str:
        """E.g. "ter instemming bij de oudergeleding van de MR" in the schoolgids regime."""
        if self.words is None:
            return str(State(self.state).label)
        swv_id, book = self.words
        return book.state_label(swv_id, self)


@dataclass(frozen=True)
class Filters:
    year: str
    sector: str = ""
    board_id: int | None = None
    municipality: str = ""

    def keeps(self, school: SchoolFacts) -> bool:
        return (
            (not self.sector or school.sector == self.sector)
            and (self.board_id is None or school.board_id == self.board_id)
            and (not self.municipality or school.municipality == self.municipality)
        )


@dataclass
class SchoolRow:
    school: SchoolFacts
    profile: ProfileFacts | None
    last_adopted: datetime.date | None
    readable: bool = False  # whether the viewer may open the profile page

    @property
    def summary(self) -> StoredSummary | None:
        return self.profile.summary if self.profile is not None else None

    @property
    def unfinished(self) -> bool:
        return self.profile is not None and self.profile.state in UNFINISHED


@dataclass
class Region:
    swv: Swv
    filters: Filters
    years: list[str]
    rows: list[SchoolRow]
    today: datetime.date
    # Every school before filtering: what the filter form offers.
    all_schools: list[SchoolFacts] = field(default_factory=list)
    book: TermsBook | None = None  # the words of the SWV's regimes, read once
    stamp: str = ""  # `region_writes()` when the rows were read: what the pages cache under

    @property
    def terms(self) -> Terms:
        """The words of the chosen year for the SWV's own format."""
        book = self.book or TermsBook([self.swv.pk])
        swv = self.swv
        return book.terms(swv.pk, self.filters.year, swv.format_id, swv.format_version)

    @property
    def renewal_due_before(self) -> datetime.date:
        return years_before(self.today, RENEWAL_YEARS)

    def overdue(self, row: SchoolRow) -> bool:
        return row.last_adopted is not None and row.last_adopted < self.renewal_due_before

    def definitions(self) -> list[FormatDefinition]:
        """The formats of the profiles shown, the SWV's own first (for the norm columns)."""
        refs = [(self.swv.format_id, self.swv.format_version)]
        refs += sorted(
            {(r.profile.format_id, r.profile.format_version) for r in self.rows if r.profile}
        )
        found = [registry().get(*ref) for ref in dict.fromkeys(refs)]
        return [d for d in found if d is not None]


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def current_school_year(today: datetime.date) -> str:
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


def school_years(swv: Swv, stamp: str | None = None) -> list[str]:
    """The school years with a profile in `swv`, newest first; kept in the cache under
    `stamp` (`region_writes()`) when given: the years change only with a profile written."""

    def read() -> list[str]:
        years = Profile.objects.filter(school__swv=swv).values_list("school_year", flat=True)
        return sorted(set(years.order_by().distinct()), reverse=True)

    return read() if stamp is None else kept(("years", swv.pk), stamp, read)


def schools_of(swv: Swv) -> list[SchoolFacts]:
    """Every school of `swv` as plain values: model instances cost too much for 150 rows."""
    rows = swv.schools.order_by("name", "pk").values_list(
        "pk", "name", "brin", "location", "board_id", "board__name", "municipality"
    )
    return [
        SchoolFacts(pk, name, f"{brin}{location}", board, board_name, place, swv.sector)
        for pk, name, brin, location, board, board_name, place in rows
    ]


def load_region(
    swv: Swv,
    schools: list[SchoolFacts],
    filters: Filters,
    years: list[str],
    today: datetime.date,
    *,
    with_summaries: bool = True,
    stamp: str | None = None,
) -> Region:
    """The rows of `schools` the filters keep, with their profiles: from the cache while
    no profile, summary or school has been written since, else two queries (and one for
    the regimes' words when a page names a state). A page that shows no norms, needs or
    completeness asks `with_summaries=False`: decoding them was a fifth of its time.
    `stamp`: `region_writes()` if the caller has read it already (before `school_years`)."""
    shown = [s for s in schools if filters.keeps(s)]
    book = TermsBook([swv.pk])
    stamp = region_writes() if stamp is None else stamp
    read = _read_profiles(swv, filters.year, with_summaries, stamp)
    latest = {row[1]: _facts(row, swv, book) for row in read.latest}
    rows = [SchoolRow(s, latest.get(s.pk), read.adopted.get(s.pk)) for s in shown]
    return Region(swv, filters, years, rows, today, schools, book, stamp)


# What the region's pages read of its profiles changes only with a write to a profile, a
# summary or a school (one moving in or out), all stamped (stored changes too): the cache
# key has the latest of each. The time limit bounds what no stamp records: a write
# committed after a later one was already read, or a queryset update that skips auto_now.
CACHE_SECONDS = 5 * 60


def region_writes() -> str:
    """When a profile, a summary or a school was last written (one query)."""
    return latest_writes(
        (Profile, "updated_at"), (ProfileSummary, "updated_at"), (School, "updated_at")
    )


@dataclass(frozen=True)
class _ReadProfiles:
    latest: list[tuple[Any, ...]]  # per school its latest edition of the year (PROFILE_FIELDS)
    adopted: dict[int, datetime.date]  # per school the last date a profile was adopted


def _read_profiles(swv: Swv, year: str, with_summaries: bool, stamp: str) -> _ReadProfiles:
    """Reading and converting 150 schools' rows was half of a page's time on PostgreSQL."""
    return kept(
        ("profiles", swv.pk, year, with_summaries),
        stamp,
        lambda: _ReadProfiles(_latest_rows(swv, year, with_summaries), _last_adopted(swv)),
    )


def kept(parts: tuple[object, ...], stamp: str, read: Callable[[], T]) -> T:
    """What `read()` gives, from the cache while no profile, summary or school has been
    written since `stamp` was read (`region_writes()`; the key has `parts` and it)."""
    key = "overview-region-" + hashlib.sha256(repr((*parts, stamp)).encode()).hexdigest()
    found: T | None = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, CACHE_SECONDS)
    return found


PROFILE_FIELDS = (
    "pk",
    "school_id",
    "school_year",
    "edition",
    "state",
    "updated_at",
    "format_id",
    "format_version",
    "summary__profile_id",
    "summary__norms",
    "summary__needs",
    "summary__completeness",
)


def _latest_rows(swv: Swv, year: str, with_summaries: bool) -> list[tuple[Any, ...]]:
    """Per school its latest edition of `year`, with its summary if asked: one query."""
    fields = PROFILE_FIELDS if with_summaries else PROFILE_FIELDS[:-4]
    rows = (
        Profile.objects.filter(school__swv=swv, school_year=year)
        .order_by("school_id", "edition")
        .values_list(*fields)
    )
    latest: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        latest[row[1]] = row  # later editions overwrite earlier ones
    return list(latest.values())


def _facts(row: tuple[Any, ...], swv: Swv, book: TermsBook) -> ProfileFacts:
    """A profile's row with its state in the words of the year's regime (`book` reads them
    once, if a page names a state)."""
    pk, school, year, edition, state, updated, fid, version, *found = row
    stored, *summary = found or [None]
    return ProfileFacts(
        pk,
        school,
        year,
        edition,
        state,
        updated,
        fid,
        version,
        StoredSummary(*summary) if stored is not None else None,
        (swv.pk, book),
    )


def _last_adopted(swv: Swv) -> dict[int, datetime.date]:
    dates = (
        Profile.objects.filter(school__swv=swv, adopted_on__isnull=False)
        .values("school_id")
        .annotate(last=Max("adopted_on"))
        .order_by()
    )
    return {d["school_id"]: d["last"] for d in dates}
