"""The public search's index, in each worker's memory.

Per school with a public profile (`latest_public_rows()`, the one definition of what the
public sees) the few facts a search filters on, in the order results are shown. It is read
from the database once and again only when `public_version()` changes (a publication, a
school or SWV edited), so a search filters ~7,500 small tuples in Python instead of joining
four tables and sorting thousands of names in the database on every request.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from opensop.organisations.models import Swv
from opensop.portal.models import OfferedNeed
from opensop.profiles.published import latest_public_rows, public_version


@dataclass(frozen=True, slots=True)
class IndexedSchool:
    profile_id: int
    name: str  # casefolded, like the place names: matched without regard to case
    sector: str
    swv_id: int
    municipality: str
    city: str
    postcode: str  # as stored ("1234 AB" or "1234AB"), upper case
    needs: frozenset[str]  # offered at least 'aanwezig' (portal.OfferedNeed)


@dataclass(frozen=True)
class PublicIndex:
    version: str
    schools: tuple[IndexedSchool, ...]  # by school name, then BRIN and location
    swv_choices: tuple[tuple[str, str], ...]  # every SWV's id and "code name", by code


class _Held:
    """The worker's current index; its threads read it once per version, not each."""

    index: PublicIndex | None = None
    reading = threading.Lock()


def public_index() -> PublicIndex:
    """The index of what the public sees now: one query to check it is current."""
    version = public_version()
    found = _Held.index
    if found is None or found.version != version:
        with _Held.reading:
            found = _Held.index
            if found is None or found.version != version:
                # Read after the version: the rows are at least as new as it says.
                found = _Held.index = PublicIndex(version, _read(), _swv_choices())
    return found


def forget() -> None:
    """Drop the index (tests: each starts from its own database)."""
    _Held.index = None


def _read() -> tuple[IndexedSchool, ...]:
    rows = latest_public_rows().order_by("school__name", "school__brin", "school__location")
    needs = _offered_needs()
    return tuple(
        IndexedSchool(
            profile_id,
            name.casefold(),
            sector,
            swv_id,
            municipality.casefold(),
            city.casefold(),
            postcode.upper(),
            needs.get(profile_id, frozenset()),
        )
        for profile_id, name, sector, swv_id, municipality, city, postcode in rows.values_list(
            "profile_id",
            "school__name",
            "school__swv__sector",
            "school__swv_id",
            "school__municipality",
            "school__city",
            "school__postcode",
        )
    )


def _swv_choices() -> tuple[tuple[str, str], ...]:
    rows = Swv.objects.order_by("code").values_list("pk", "code", "name")
    return tuple((str(pk), f"{code} {name}") for pk, code, name in rows)


def _offered_needs() -> dict[int, frozenset[str]]:
    """Per stored newest profile the needs it offers (a row of another format than the
    school's SWV's today is read too, and never looked up)."""
    offered: defaultdict[int, set[str]] = defaultdict(set)
    rows = OfferedNeed.objects.filter(profile__latest_published__isnull=False)
    for profile_id, need in rows.values_list("profile_id", "need").order_by():
        offered[profile_id].add(need)
    return {profile_id: frozenset(needs) for profile_id, needs in offered.items()}
