"""The public search: from what a parent typed to a page of schools with their levels.

Only the index of `latest_public_rows()` (`latest_published_profiles()` as stored rows,
portal/index.py) is ever searched: that is what the public may see. Levels come from the
stored overview summary, reasons and texts from the portal's own entry, so a page of
results costs the same few queries however many schools match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models.expressions import RawSQL

from opensop.formats.vocabulary import default_vocabulary, normalise
from opensop.portal.index import IndexedSchool, PublicIndex
from opensop.portal.levels import LevelWords, words_for
from opensop.portal.models import SearchEntry
from opensop.profiles.models import Profile

DUTCH = "dutch"
SQLITE_MATCH = "SELECT rowid FROM portal_searchentry_fts WHERE portal_searchentry_fts MATCH %s"
POSTCODE = re.compile(r"^\d{4}(\s?[a-z]{2})?$", re.IGNORECASE)


@dataclass(frozen=True)
class Criteria:
    words: str = ""  # a school's name, a need in the parent's words, or any word
    place: str = ""  # municipality, city or postcode
    sector: str = ""
    swv_id: int | None = None
    chosen_needs: tuple[str, ...] = ()
    # Also list schools that do not (yet) offer the needs asked for.
    everyone: bool = False

    @cached_property
    def words_needs(self) -> list[str]:
        """The needs the parent's own words point at (synonyms from the vocabulary)."""
        return default_vocabulary().match(self.words)

    @property
    def words_need_names(self) -> list[str]:
        names = need_names()
        return [names[code] for code in self.words_needs]

    @property
    def needs(self) -> list[str]:
        found = [*self.chosen_needs, *self.words_needs]
        return [n.code for n in default_vocabulary().needs if n.code in found]

    @property
    def text(self) -> str:
        """What is left to find in names and texts: the words, unless they named a need."""
        return "" if self.words_needs else self.words.strip()

    @property
    def empty(self) -> bool:
        return not (self.words.strip() or self.place.strip() or self.sector or self.swv_id) and (
            not self.chosen_needs
        )


@dataclass(frozen=True)
class NeedResult:
    code: str
    name: str
    level: LevelWords
    reason: str


@dataclass
class SchoolResult:
    profile: Profile
    needs: list[NeedResult] = field(default_factory=list)


def need_names() -> dict[str, str]:
    return {n.code: n.name for n in default_vocabulary().needs}


def search(criteria: Criteria, index: PublicIndex) -> list[int]:
    """The ids of the newest public profile of every school that fits, by school name:
    filtered from the in-memory index of what the public sees (portal/index.py); only full
    text asks the database, for the ids of the profiles whose texts hold the words."""
    schools: Iterable[IndexedSchool] = index.schools
    for test in _tests(criteria):  # one pass per test: cheaper than all() per school
        schools = [s for s in schools if test(s)]
    return [s.profile_id for s in schools]


Test = Callable[[IndexedSchool], bool]


def _tests(criteria: Criteria) -> list[Test]:
    tests: list[Test] = []
    if criteria.place.strip():
        tests.append(_place(criteria.place.strip()))
    if criteria.sector:
        tests.append(lambda s: s.sector == criteria.sector)
    if criteria.swv_id is not None:
        tests.append(lambda s: s.swv_id == criteria.swv_id)
    if criteria.text:
        name, written = criteria.text.casefold(), _full_text_ids(criteria.text)
        tests.append(lambda s: name in s.name or s.profile_id in written)
    if not criteria.everyone and criteria.needs:
        needs = frozenset(criteria.needs)
        tests.append(lambda s: needs <= s.needs)
    return tests


@dataclass(frozen=True)
class ResultRow:
    """What one result shows: the school, its newest public profile's year and its level
    and reason for each need asked for."""

    code: str
    name: str
    place: str  # the city, else the municipality
    sector: str
    swv_code: str
    school_year: str
    needs: list[NeedResult]


@dataclass(frozen=True)
class ResultPage:
    """One page of results and how many there are: the ids come from the index, the page's
    rows from one query of plain values."""

    count: int
    number: int
    pages: int
    results: list[ResultRow]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.pages > 1


# Only what a result shows: on SQLite a column after the answers costs a walk through
# their overflow pages, and model objects cost more than the page's other work.
RESULT_COLUMNS = (
    "pk",
    "school__brin",
    "school__location",
    "school__name",
    "school__city",
    "school__municipality",
    "school__swv__sector",
    "school__swv__code",
    "school_year",
    "summary__needs",
    "search_entry__reasons",
)


def result_page(
    criteria: Criteria, index: PublicIndex, number: str | None, size: int
) -> ResultPage:
    ids = search(criteria, index)
    pages = max(1, -(-len(ids) // size))
    page = int(number) if number and number.isdigit() else 1
    page = min(max(page, 1), pages)
    chosen = ids[(page - 1) * size : page * size]
    rows = Profile.objects.filter(pk__in=chosen).values_list(*RESULT_COLUMNS)
    found = {row[0]: row for row in rows}
    needs, names = criteria.needs, need_names()
    results = [_result(found[pk], needs, names) for pk in chosen if pk in found]
    return ResultPage(len(ids), page, pages, results)


def _result(row: tuple[Any, ...], needs: list[str], names: dict[str, str]) -> ResultRow:
    _, brin, location, name, city, municipality, sector, swv_code, year, levels, reasons = row
    levels, reasons = levels or {}, reasons or {}
    return ResultRow(
        f"{brin}{location}",
        name,
        city or municipality,
        sector,
        swv_code,
        year,
        [
            NeedResult(code, names[code], words_for(levels.get(code)), reasons.get(code, ""))
            for code in needs
        ],
    )


def _place(place: str) -> Test:
    if POSTCODE.match(place):
        # Postcodes are stored as written ("1234 AB" or "1234AB"): match the four digits
        # and, when given, the letters.
        digits, letters = place[:4], place[4:].strip().upper()
        return lambda s: s.postcode.startswith(digits) and s.postcode.endswith(letters)
    wanted = place.casefold()
    return lambda s: wanted in (s.municipality, s.city)


def _full_text_ids(text: str) -> set[int]:
    """The profiles whose own texts hold the words: Dutch stemming on PostgreSQL, word
    prefixes in SQLite's FTS5 index (migration 0003), a plain scan on any other database."""
    entries = SearchEntry.objects.all()
    if connection.vendor == "postgresql":
        entries = entries.filter(vector=SearchQuery(text, config=DUTCH, search_type="websearch"))
    else:
        words = normalise(text).split()
        if not words:
            return set()
        if connection.vendor == "sqlite":
            # normalise() left only [a-z0-9 ]: safe inside FTS5's quotes. All words, as prefixes.
            terms = " ".join(f'"{word}"*' for word in words)
            entries = entries.filter(profile_id__in=RawSQL(SQLITE_MATCH, (terms,)))  # noqa: S611 - a constant, one parameter
        else:
            for word in words:
                entries = entries.filter(text__icontains=word)
    return set(entries.values_list("profile_id", flat=True))


def with_levels(profiles: Iterable[Profile], needs: list[str]) -> list[SchoolResult]:
    """Each profile with its level and reason for each need asked for (no extra queries:
    the summary and entry came along in the search's one query)."""
    names = need_names()
    results = []
    for profile in profiles:
        stored = getattr(profile, "summary", None)
        entry = getattr(profile, "search_entry", None)
        levels = stored.needs if stored is not None else {}
        reasons = entry.reasons if entry is not None else {}
        results.append(
            SchoolResult(
                profile,
                [
                    NeedResult(
                        code, names[code], words_for(levels.get(code)), reasons.get(code, "")
                    )
                    for code in needs
                ],
            )
        )
    return results
