"""An e-mail to the SWV's staff for every state change of a profile of one of its schools.

Sent only once the change is committed: a step that is rolled back sends nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from opensop.accounts.models import Role
from opensop.cycle.terms import terms_for
from opensop.workflow.models import StateChange

logger = logging.getLogger(__name__)
_muted: ContextVar[bool] = ContextVar("opensop_state_change_mail_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No e-mail for state changes made inside, e.g. the demo's made-up history."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def state_changed(change: StateChange) -> None:
    """Mail the SWV's staff about `change` when the transaction it was made in commits."""
    if not _muted.get():
        # robust: the change is saved; a mail server that is down must not turn that into an error.
        transaction.on_commit(partial(send_state_change_mail, change), robust=True)


def staff_addresses(swv_id: int) -> list[str]:
    users = User.objects.filter(
        is_active=True, memberships__role=Role.SWV_STAFF, memberships__swv_id=swv_id
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_state_change_mail(change: StateChange) -> int:
    """One message per staff member, so nobody sees the others' addresses."""
    profile = change.profile
    recipients = staff_addresses(profile.school.swv_id)
    if not recipients:
        return 0
    terms = terms_for(profile)
    context = {
        "change": change,
        "terms": terms,
        "from_label": terms.state_label(change.from_state),
        "to_label": terms.state_label(change.to_state),
        "profile": profile,
        "school": profile.school,
        "swv": profile.school.swv,
        "actor": _name(change.actor),
        "url": settings.OPENSOP_BASE_URL + reverse("profile", args=[profile.pk]),
    }
    subject = " ".join(render_to_string("workflow/state_change_subject.txt", context).split())
    body = render_to_string("workflow/state_change_email.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    sent = get_connection().send_messages(messages) or 0
    logger.info("State change %s mailed to %d SWV staff", change.pk, sent)
    return sent


def _name(user: User | None) -> str:
    if user is None:
        return "onbekend"
    return user.get_full_name() or user.username
