"""What the public may see: the one definition shared by the public pages, the API and open data.

A profile is public when it is published and belongs to the SWV its school is in now: a
school that moved to another SWV keeps its old profiles, but they were made in the old
SWV's format and are no longer shown as part of either region.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from opensop.profiles.models import Profile, State


def published_profiles() -> QuerySet[Profile]:
    """Every public profile, with its school, board and SWV in the same query."""
    return Profile.objects.select_related("school", "school__swv", "school__board").filter(
        state=State.PUBLISHED, format_id=F("school__swv__format_id")
    )


def latest_published_profiles() -> QuerySet[Profile]:
    """Per school only its newest public profile (latest school year, then latest edition).

    Said as "no newer public profile of the same school exists": PostgreSQL runs that as one
    hash anti-join, where a per-row "newest of this school" subquery took seconds on the
    national data set; SQLite probes the covering index `profile_public` per row.
    """
    newer = Profile.objects.filter(
        school_id=OuterRef("school_id"),
        state=State.PUBLISHED,
        format_id=OuterRef("school__swv__format_id"),
    ).filter(
        Q(school_year__gt=OuterRef("school_year"))
        | Q(school_year=OuterRef("school_year"), edition__gt=OuterRef("edition"))
    )
    return published_profiles().exclude(Exists(newer))
