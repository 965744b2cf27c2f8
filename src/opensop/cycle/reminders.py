"""Reminders to schools that have not finished their profile of a school year.

Two senders share one rule of who is due: SWV staff reminding schools now from the
overview's status page (`send_reminders`), and `manage.py send_deadline_reminders` (daily
from cron) before an SWV's deadline, once per school, deadline and "N days before",
however often the command runs (`send_deadline_reminders`). Both mail the editors of each
school whose latest profile of the year is missing, a concept or with the council.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from opensop.accounts.models import Membership, Role
from opensop.cycle.models import DeadlineReminder, RegimeYear
from opensop.cycle.terms import TermsBook, deadline_of, terms_for_year
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import registry

logger = logging.getLogger(__name__)

UNFINISHED = (State.CONCEPT, State.ADVICE)


@dataclass(frozen=True)
class SchoolChoice:
    """Which of an SWV's schools to remind (the overview's filters); empty: all of them."""

    sector: str = ""
    board_id: int | None = None
    municipality: str = ""

    def keeps(self, school: School) -> bool:
        return (
            (not self.sector or school.swv.sector == self.sector)
            and (self.board_id is None or school.board_id == self.board_id)
            and (not self.municipality or school.municipality == self.municipality)
        )


@dataclass(frozen=True)
class Reminder:
    school: School
    profile: Profile | None  # the school's latest edition of the year; None: not started
    state_label: str  # the profile's state in the words of the year's regime
    addresses: list[str]  # the school's editors


def reminders_due(swv: Swv, year: str, choice: SchoolChoice | None = None) -> list[Reminder]:
    """One reminder per school of `swv` (as `choice` keeps) without a finished profile of
    `year`, in the order of the overview: by name. Three queries for any number of schools."""
    choice = choice or SchoolChoice()
    schools = [s for s in swv.schools.order_by("name", "pk") if choice.keeps(s)]
    latest: dict[int, Profile] = {}
    for profile in Profile.objects.filter(school__swv=swv, school_year=year).order_by(
        "school_id", "edition"
    ):
        latest[profile.school_id] = profile  # later editions overwrite earlier ones
    book = TermsBook([swv.pk])
    due: list[tuple[School, Profile | None]] = [
        (school, latest.get(school.pk))
        for school in schools
        if school.pk not in latest or latest[school.pk].state in UNFINISHED
    ]
    addresses = _editor_addresses([school.pk for school, _ in due])
    return [
        Reminder(
            school,
            profile,
            book.state_label(swv.pk, profile) if profile is not None else "",
            addresses.get(school.pk, []),
        )
        for school, profile in due
    ]


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


def _context(swv: Swv, year: str, reminder: Reminder) -> dict[str, object]:
    profile = reminder.profile
    path = reverse("profile", args=[profile.pk]) if profile is not None else reverse("home")
    return {
        "swv": swv,
        "year": year,
        "terms": terms_for_year(swv.pk, year, registry().get(swv.format_id, swv.format_version)),
        "school": reminder.school,
        "profile": profile,
        "url": settings.OPENSOP_BASE_URL + path,
    }


# ------------------------------------------------------------------ now, from the overview


@transaction.atomic
def send_reminders(swv: Swv, year: str, choice: SchoolChoice | None, actor: User) -> int:
    """Mail the editors of each school in `swv` that has not finished its profile of
    `year`: one message per school. Returns how many schools were mailed."""
    reminders = [r for r in reminders_due(swv, year, choice) if r.addresses]
    messages = [_reminder_mail(swv, year, r, actor) for r in reminders]
    sent = get_connection().send_messages(messages) or 0 if messages else 0
    logger.info("Reminders for SWV %s, %s: %d sent by %s", swv.pk, year, sent, actor)
    return sent


def _reminder_mail(swv: Swv, year: str, reminder: Reminder, actor: User) -> EmailMessage:
    context = {
        **_context(swv, year, reminder),
        "deadline": deadline_of(swv, year),
        "sender": actor.get_full_name() or actor.username,
        "sender_email": actor.email,
    }
    subject = " ".join(render_to_string("cycle/reminder_subject.txt", context).split())
    body = render_to_string("cycle/reminder_email.txt", context)
    reply_to = [actor.email] if actor.email else None
    return EmailMessage(subject, body, to=reminder.addresses, reply_to=reply_to)


# ------------------------------------------------------------------ before the deadline


def send_deadline_reminders(today: datetime.date, days_before: int) -> int:
    """Remind every unfinished school of each deadline `days_before` days or less away."""
    years = RegimeYear.objects.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days_before)
    ).select_related("swv")
    sent = 0
    for year in years:
        due = [r for r in reminders_due(year.swv, year.school_year) if r.addresses]
        already = set(
            year.reminders_sent.filter(days_before=days_before).values_list("school_id", flat=True)
        )
        for reminder in due:
            if reminder.school.pk not in already:
                sent += _send_once(year, reminder, days_before)
    logger.info("Deadline reminders (%d days before, %s): %d sent", days_before, today, sent)
    return sent


def _send_once(year: RegimeYear, reminder: Reminder, days_before: int) -> int:
    """Record and send in one transaction: a failed send is tried again on the next run."""
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(
                regime_year=year, school_id=reminder.school.pk, days_before=days_before
            )
            _deadline_mail(year, reminder).send()
    except IntegrityError:  # another run sent it just now
        return 0
    return 1


def _deadline_mail(year: RegimeYear, reminder: Reminder) -> EmailMessage:
    context = {**_context(year.swv, year.school_year, reminder), "deadline": year.deadline}
    subject = " ".join(render_to_string("cycle/deadline_reminder_subject.txt", context).split())
    body = render_to_string("cycle/deadline_reminder_email.txt", context)
    return EmailMessage(subject, body, to=reminder.addresses)
