"""Keeping the stored summaries in step with the answers they derive from, and the
coverage threshold (the reminders of the status page are the cycle's: cycle/reminders.py)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from opensop.formats.profile import evaluate_answers
from opensop.formats.summary import Summary, summarise
from opensop.organisations.models import Swv
from opensop.overview.models import ProfileSummary
from opensop.overview.stored_changes import rebuild_changes, refresh_changes
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of

logger = logging.getLogger(__name__)


def summary_of(profile: Profile) -> Summary:
    return summarise(evaluate_answers(format_of(profile), profile.answers))


def _row(profile: Profile) -> ProfileSummary:
    summary = summary_of(profile)
    return ProfileSummary(
        profile=profile,
        norms=summary.norms,
        needs=summary.needs,
        missing_required=summary.missing_required,
        completeness=summary.completeness,
        complete=summary.complete,
        scores=summary.scores,
        offers=summary.offers,
        expertise=summary.expertise,
        offered=summary.offered_text,
        outcomes=summary.outcomes_text,
        revision=profile.revision,
    )


def refresh_summary(profile: Profile) -> ProfileSummary:
    """Store what the overview needs of `profile`; call it wherever its answers change
    or a profile is added. The stored changes follow: this profile's own, and those of
    the school's next year's profiles, which are compared with it."""
    row = _row(profile)
    row.save()
    refresh_changes(Profile, ProfileSummary, profile.school_id, profile.school_year)
    return row


BATCH = 500


def rebuild_summaries(profiles: Iterable[Profile] | None = None) -> int:
    """Rewrite the summaries of `profiles` (all when None), in batches, and then the stored
    changes of their schools' profiles; returns the number of summaries."""
    every = profiles is None
    if profiles is None:
        profiles = Profile.objects.order_by("pk").iterator(chunk_size=BATCH)
    count = 0
    batch: list[ProfileSummary] = []
    schools: set[int] = set()
    for profile in profiles:
        batch.append(_row(profile))
        schools.add(profile.school_id)
        if len(batch) == BATCH:
            count += _write(batch)
            batch = []
    count += _write(batch)
    rebuild_changes(Profile, ProfileSummary, None if every else schools)
    return count


def _write(rows: list[ProfileSummary]) -> int:
    with transaction.atomic():
        ProfileSummary.objects.filter(profile_id__in=[r.profile_id for r in rows]).delete()
        ProfileSummary.objects.bulk_create(rows)
    return len(rows)


# ------------------------------------------------------------------ acting from the overview


@transaction.atomic
def set_coverage_threshold(swv: Swv, threshold: int, actor: User | None) -> Swv:
    """Set below how many offering schools a support need counts as a gap in `swv`."""
    locked = Swv.objects.select_for_update().get(pk=swv.pk)
    locked.coverage_threshold = threshold
    locked.save(update_fields=["coverage_threshold"])
    logger.info("Coverage threshold of SWV %s set to %d by %s", swv.pk, threshold, actor)
    return locked
