"""Keeping the stored summaries in step with the answers they derive from."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from opensop.accounts.models import Membership, Role
from opensop.cycle.terms import deadline_of, terms_for_year
from opensop.formats.profile import evaluate_answers
from opensop.formats.summary import Summary, summarise
from opensop.organisations.models import Swv
from opensop.overview.models import ProfileSummary
from opensop.overview.region import Filters, ProfileFacts, SchoolFacts, load_region, schools_of
from opensop.overview.stored_changes import rebuild_changes, refresh_changes
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of, registry

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


@dataclass(frozen=True)
class Reminder:
    school: SchoolFacts
    profile: ProfileFacts | None
    addresses: list[str]  # the school's editors


def reminders_due(swv: Swv, filters: Filters, today: datetime.date) -> list[Reminder]:
    """One reminder per school (after `filters`) without a finished profile of the year."""
    schools = schools_of(swv)
    region = load_region(swv, schools, filters, [filters.year], today)
    due = [row for row in region.rows if row.profile is None or row.unfinished]
    addresses = _editor_addresses([row.school.pk for row in due])
    return [Reminder(row.school, row.profile, addresses.get(row.school.pk, [])) for row in due]


def _editor_addresses(school_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, set[str]] = {}
    rows = (
        Membership.objects.filter(role=Role.SCHOOL_EDITOR, school_id__in=school_ids)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("school_id", "user__email")
    )
    for school_id, email in rows:
        found.setdefault(school_id, set()).add(email)
    return {school_id: sorted(emails) for school_id, emails in found.items()}


@transaction.atomic
def send_reminders(swv: Swv, filters: Filters, actor: User, today: datetime.date) -> int:
    """Mail the editors of each school in `swv` that has not finished its profile of the
    year: one message per school. Returns how many schools were mailed."""
    reminders = [r for r in reminders_due(swv, filters, today) if r.addresses]
    messages = [_reminder_mail(swv, filters.year, r, actor) for r in reminders]
    sent = get_connection().send_messages(messages) or 0 if messages else 0
    logger.info("Reminders for SWV %s, %s: %d sent by %s", swv.pk, filters.year, sent, actor)
    return sent


def _reminder_mail(swv: Swv, year: str, reminder: Reminder, actor: User) -> EmailMessage:
    profile = reminder.profile
    path = reverse("profile", args=[profile.pk]) if profile is not None else reverse("home")
    context = {
        "swv": swv,
        "year": year,
        "terms": terms_for_year(swv.pk, year, registry().get(swv.format_id, swv.format_version)),
        "deadline": deadline_of(swv, year),
        "school": reminder.school,
        "profile": profile,
        "url": settings.OPENSOP_BASE_URL + path,
        "sender": actor.get_full_name() or actor.username,
        "sender_email": actor.email,
    }
    subject = " ".join(render_to_string("overview/reminder_subject.txt", context).split())
    body = render_to_string("overview/reminder_email.txt", context)
    reply_to = [actor.email] if actor.email else None
    return EmailMessage(subject, body, to=reminder.addresses, reply_to=reply_to)
