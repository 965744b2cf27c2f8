"""What the public may see: the one definition shared by the public pages, the API and open data.

A profile is public when it is published and belongs to the SWV its school is in now: a
school that moved to another SWV keeps its old profiles, but they were made in the old
SWV's format and are no longer shown as part of either region.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.db.models import F, Q, QuerySet

from opensop.organisations.models import School, Swv
from opensop.profiles.models import LatestPublished, Profile, State
from opensop.stamps import latest_writes


def is_public() -> Q:
    """A profile's condition to be public (for filtering a wider set, e.g. a key's own SWV)."""
    return Q(state=State.PUBLISHED, format_id=F("school__swv__format_id"))


def is_latest_public() -> Q:
    """Public, and its school's newest public profile (latest school year, then edition).

    Read from the stored newest published profile per school and format
    (`profiles.models.LatestPublished`, kept by `refresh_latest_published` below on
    every publication): of those, the one in the format of the school's SWV today. A join,
    where working out "no newer public profile exists" per school searched the national
    data set's whole history in every query.
    """
    return is_public() & Q(latest_published__isnull=False)


def is_public_profile(profile: Profile) -> bool:
    """`is_public()` for one profile in hand (its school and SWV loaded)."""
    return profile.state == State.PUBLISHED and profile.format_id == profile.school.swv.format_id


def published_profiles() -> QuerySet[Profile]:
    """Every public profile, with its school, board and SWV in the same query."""
    return Profile.objects.select_related("school", "school__swv", "school__board").filter(
        is_public()
    )


def latest_published_profiles() -> QuerySet[Profile]:
    """Per school only its newest public profile."""
    return Profile.objects.select_related("school", "school__swv", "school__board").filter(
        is_latest_public()
    )


def latest_public_id(brin: str, location: str) -> int | None:
    """The id of the newest public profile of the school `brin` + `location`, if any:
    alone, a narrow query (three tables, no planning of a seven-table join)."""
    rows = latest_public_rows().filter(school__brin=brin, school__location=location)
    found: int | None = rows.values_list("profile_id", flat=True).first()
    return found


def public_profiles_of(school: School) -> QuerySet[Profile]:
    """`published_profiles()` of one school in hand (its SWV loaded), without the joins."""
    return Profile.objects.filter(
        state=State.PUBLISHED, school=school, format_id=school.swv.format_id
    )


def latest_public_rows() -> QuerySet[LatestPublished]:
    """`latest_published_profiles()` as their stored rows (profile, school, format), for
    queries that need only ids: the profiles' own wide table is never read. The same set,
    since only published profiles are ever stored there (tested)."""
    return LatestPublished.objects.filter(format_id=F("school__swv__format_id"))


def public_version() -> str:
    """A stamp that changes whenever what the public sees may have changed: a publication
    (it rewrites its school's `LatestPublished` rows, stamped), or a school or SWV added or
    edited (renamed, moved, another format). The public search keys its in-memory index on
    it and the API its cached lists of ids."""
    return latest_writes(
        (LatestPublished, "stored_at"), (School, "updated_at"), (Swv, "updated_at")
    )


@transaction.atomic
def refresh_latest_published(school_ids: Collection[int] | None = None) -> int:
    """Store per school and format its newest published profile (`LatestPublished`, what
    profiles/published.py reads) for the schools `school_ids`, or for every school when None;
    returns how many rows are stored.

    The one writer of that table: `workflow.services.publish` calls it for the school whose
    profile it published (a newer year or edition supersedes the older one; an older one
    published late does not), `portal.services.rebuild_index` for every school after a bulk
    load. A school changing SWV, or an SWV changing format, needs no call: the rows are per
    format.
    """
    published = Profile.objects.filter(state=State.PUBLISHED)
    stored = LatestPublished.objects.all()
    if school_ids is not None:
        # Two publications for one school at once: the second waits and then sees the first.
        list(School.objects.select_for_update().filter(pk__in=school_ids).values_list("pk"))
        published = published.filter(school_id__in=school_ids)
        stored = stored.filter(school_id__in=school_ids)
    newest: dict[tuple[int, str], int] = {}
    ordered = published.order_by("school_id", "format_id", "-school_year", "-edition")
    for pk, school_id, format_id in ordered.values_list("pk", "school_id", "format_id"):
        newest.setdefault((school_id, format_id), pk)
    stored.delete()
    LatestPublished.objects.bulk_create(
        [LatestPublished(profile_id=pk, school_id=s, format_id=f) for (s, f), pk in newest.items()],
        batch_size=1000,
    )
    return len(newest)
