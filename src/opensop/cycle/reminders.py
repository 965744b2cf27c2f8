"""Reminders before an SWV's deadline: mailed by `manage.py send_deadline_reminders`
(daily from cron), to the editors of each school whose profile of the year is not
finished. Each school gets one reminder per deadline and per "N days before", however
often the command runs."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from opensop.cycle.models import DeadlineReminder, RegimeYear
from opensop.cycle.terms import terms_for_year
from opensop.overview.region import Filters
from opensop.overview.services import Reminder, reminders_due
from opensop.profiles.registry import registry

logger = logging.getLogger(__name__)


def send_deadline_reminders(today: datetime.date, days_before: int) -> int:
    """Remind every unfinished school of each deadline `days_before` days or less away."""
    years = RegimeYear.objects.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days_before)
    ).select_related("swv")
    sent = 0
    for year in years:
        due = [r for r in reminders_due(year.swv, Filters(year.school_year), today) if r.addresses]
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
            _mail(year, reminder).send()
    except IntegrityError:  # another run sent it just now
        return 0
    return 1


def _mail(year: RegimeYear, reminder: Reminder) -> EmailMessage:
    swv = year.swv
    profile = reminder.profile
    path = reverse("profile", args=[profile.pk]) if profile is not None else reverse("home")
    context = {
        "swv": swv,
        "year": year.school_year,
        "deadline": year.deadline,
        "terms": terms_for_year(
            swv.pk, year.school_year, registry().get(swv.format_id, swv.format_version)
        ),
        "school": reminder.school,
        "profile": profile,
        "url": settings.OPENSOP_BASE_URL + path,
    }
    subject = " ".join(render_to_string("cycle/deadline_reminder_subject.txt", context).split())
    body = render_to_string("cycle/deadline_reminder_email.txt", context)
    return EmailMessage(subject, body, to=reminder.addresses)
