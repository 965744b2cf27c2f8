"""What each API list reads: public data only through profiles/published.py, a key's own
SWV through accounts/access.py, the levels and outcomes from the stored ProfileSummary.

Every list is one query for its rows (plus one prefetch for schools), however long the page:
tests/api/test_query_counts.py asserts it.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db.models import QuerySet

from opensop.accounts.access import profiles_readable_with_key
from opensop.formats.definition import SupportLevel
from opensop.organisations.models import School
from opensop.profiles.models import Profile
from opensop.profiles.published import (
    is_latest_public,
    latest_published_profiles,
    published_profiles,
)

# The large JSON a list never shows (a profile's answers; a summary's offers and scores).
HEAVY = ("answers", "summary__offers", "summary__expertise", "summary__scores")
PROFILE_ORDER = ("school__brin", "school__location", "-school_year", "-edition", "pk")


def levels_at_least(code: str) -> list[str]:
    lowest = SupportLevel[code.upper()]
    return [level.code for level in SupportLevel if level >= lowest]


def profiles(key_swv_id: int | None, *, with_answers: bool = False) -> QuerySet[Profile]:
    rows = published_profiles() if key_swv_id is None else profiles_readable_with_key(key_swv_id)
    rows = rows.select_related("summary").order_by(*PROFILE_ORDER)
    return rows if with_answers else rows.defer(*HEAVY)


# Only the columns a list shows: a page of 100 rows made whole School, Swv, Board and
# ProfileSummary objects (and decoded their JSON) for a handful of values each.
PROFILE_LIST_COLUMNS = (
    "school_year",
    "edition",
    "state",
    "format_id",
    "format_version",
    "adopted_on",
    "published_at",
    "school__brin",
    "school__location",
    "school__name",
    "school__swv__publishes_norm_results",
    "summary__needs",
    "summary__norms",
)
SCHOOL_COLUMNS = (
    "brin",
    "location",
    "name",
    "street",
    "postcode",
    "city",
    "municipality",
    "swv__sector",
    "board__name",
)


def profile_rows(ids: list[int]) -> QuerySet[Profile]:
    """The rows of a page whose ids `profiles()` (filtered) already chose."""
    rows = Profile.objects.select_related("school", "school__swv", "summary")
    return rows.filter(pk__in=ids).only(*PROFILE_LIST_COLUMNS)


def latest_public_profile_ids() -> QuerySet[Profile]:
    return latest_published_profiles()


def schools() -> QuerySet[School]:
    """Every school, with its SWV and board (`newest_public_profiles` adds the profile)."""
    return (
        School.objects.select_related("swv", "board")
        .only(*SCHOOL_COLUMNS)
        .order_by("brin", "location")
    )


class NewestProfile(NamedTuple):
    """A school's newest public profile, as far as a school in the API shows it."""

    id: int
    school_year: str
    edition: int
    published_at: datetime.datetime | None
    needs: dict[str, str | None]


def newest_public_profiles(school_ids: list[int]) -> dict[int, NewestProfile]:
    """School id → its newest public profile (levels only), for the schools that have one:
    one query of plain values, where a prefetch made a Profile and a ProfileSummary per row."""
    rows = Profile.objects.filter(is_latest_public(), school_id__in=school_ids)
    newest: dict[int, NewestProfile] = {}
    for school_id, *values in rows.values_list(
        "school_id", "pk", "school_year", "edition", "published_at", "summary__needs"
    ):
        pk, year, edition, published_at, needs = values
        newest.setdefault(school_id, NewestProfile(pk, year, edition, published_at, needs or {}))
    return newest
