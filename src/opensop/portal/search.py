"""The public search: from what a parent typed to a page of schools with their levels.

Only `latest_public_rows()` (`latest_published_profiles()` as stored rows) is ever
searched: that is what the public may see. Levels come from the stored overview summary,
reasons and texts from the portal's own entry, so a page of results costs the same few
queries however many schools match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from opensop.formats.vocabulary import default_vocabulary, normalise
from opensop.portal.levels import LevelWords, words_for
from opensop.portal.models import LatestPublished, OfferedNeed, SearchEntry
from opensop.profiles.models import Profile
from opensop.profiles.published import latest_public_rows

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

    @property
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


def search(criteria: Criteria) -> QuerySet[LatestPublished]:
    """The newest public profile of every school that fits, by school name, as the stored
    rows of `latest_public_rows()`: the ids come from small tables only (school, SWV,
    offered needs, search entries), never from the profiles' wide table."""
    found = latest_public_rows()
    if criteria.place.strip():
        found = found.filter(_place(criteria.place.strip()))
    if criteria.sector:
        found = found.filter(school__swv__sector=criteria.sector)
    if criteria.swv_id is not None:
        found = found.filter(school__swv_id=criteria.swv_id)
    if criteria.text:
        found = found.filter(Q(school__name__icontains=criteria.text) | _full_text(criteria.text))
    if not criteria.everyone:
        for code in criteria.needs:
            offers = OfferedNeed.objects.filter(profile_id=OuterRef("profile_id"), need=code)
            found = found.filter(Exists(offers))
    return found.order_by("school__name", "school__brin", "school__location")


@dataclass(frozen=True)
class ResultPage:
    """One page of results and how many there are, from one query for the matching ids
    (the ordering needs all of them anyway) and one for the page's rows."""

    count: int
    number: int
    pages: int
    profiles: list[Profile]

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


RESULT_FIELDS = (
    "school_year",
    "edition",
    "school__name",
    "school__brin",
    "school__location",
    "school__city",
    "school__municipality",
    "school__swv__code",
    "school__swv__sector",
    "summary__needs",
    "search_entry__reasons",
)


def result_page(criteria: Criteria, number: str | None, size: int) -> ResultPage:
    ids = list(search(criteria).values_list("profile_id", flat=True))
    pages = max(1, -(-len(ids) // size))
    page = int(number) if number and number.isdigit() else 1
    page = min(max(page, 1), pages)
    chosen = ids[(page - 1) * size : page * size]
    rows = (
        Profile.objects.select_related("school", "school__swv", "summary", "search_entry")
        # Only what a result shows: on SQLite a column after the answers costs a walk
        # through their overflow pages.
        .only(*RESULT_FIELDS)
        .in_bulk(chosen)
    )
    return ResultPage(len(ids), page, pages, [rows[pk] for pk in chosen])


def _place(place: str) -> Q:
    if POSTCODE.match(place):
        # Postcodes are stored as written ("1234 AB" or "1234AB"): match the four digits
        # and, when given, the letters.
        digits, letters = place[:4], place[4:].strip().upper()
        q = Q(school__postcode__startswith=digits)
        if letters:
            q &= Q(school__postcode__iendswith=letters)
        return q
    return Q(school__municipality__iexact=place) | Q(school__city__iexact=place)


def _full_text(text: str) -> Q:
    """Words in the profile's own texts: Dutch stemming on PostgreSQL, word prefixes in
    SQLite's FTS5 index (migration 0003), a plain scan on any other database."""
    entries = SearchEntry.objects.filter(profile_id=OuterRef("profile_id"))
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=DUTCH, search_type="websearch")
        return Q(Exists(entries.filter(vector=query)))
    words = normalise(text).split()
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "sqlite":
        # normalise() left only [a-z0-9 ]: safe inside FTS5's quotes. All words, as prefixes.
        terms = " ".join(f'"{word}"*' for word in words)
        return Q(profile_id__in=RawSQL(SQLITE_MATCH, (terms,)))  # noqa: S611 - a constant, one parameter
    for word in words:
        entries = entries.filter(text__icontains=word)
    return Q(Exists(entries))


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
