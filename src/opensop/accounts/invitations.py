"""Who holds which role: every invitation, acceptance and removal goes through here.

Each function asks the rule in access.py, changes the database in one transaction and
refuses with a Dutch message (InvitationError). An invitation's token is only ever in the
e-mailed link; the database keeps its SHA-256 hash, so a copy of the database opens nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.accounts.models import (
    SHORT_ROLE_NAMES,
    Invitation,
    Membership,
    Organisation,
    Role,
    organisation_field,
)
from opensop.refused import Refused

UNKNOWN = "Deze uitnodiging bestaat niet. Kijk of u de hele link uit de e-mail hebt gebruikt."


class InvitationError(Refused):
    """A refused step; the message is Dutch and says why."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise InvitationError(message)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    # Addresses are compared without regard to case; storing them lower case lets the
    # database refuse a second open invitation for the same person.
    return email.strip().lower()


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("school", "board", "swv", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def account_exists(email: str) -> bool:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def is_for(invitation: Invitation, user: User) -> bool:
    """Only the person at the invited address may accept: the link may have been forwarded."""
    return normalise_email(user.email) == invitation.email


def role_description(role: str, organisation: Organisation) -> str:
    """E.g. "Schoolredacteur — De Verscheidenheid (99XA00)"."""
    return f"{SHORT_ROLE_NAMES[Role(role)]} — {organisation}"


# ------------------------------------------------------------------ inviting


def invite(inviter: AnyUser, email: str, role: str, organisation: Organisation) -> Invitation:
    """Invite `email` for `role` in `organisation`; an open invitation for the same is renewed."""
    email, role = normalise_email(email), Role(role)
    where = {organisation_field(role): organisation}
    with transaction.atomic():
        _require(
            access.may_invite(inviter, role, organisation),
            "U mag niemand uitnodigen voor deze rol bij deze organisatie.",
        )
        holders = Membership.objects.filter(
            Q(user__email__iexact=email) | Q(user__username__iexact=email), role=role, **where
        )
        _require(
            not holders.exists(),
            f"{email} heeft de rol {SHORT_ROLE_NAMES[role]} bij {organisation} al.",
        )
        invitation = Invitation.objects.select_for_update().filter(
            email=email, role=role, accepted_at__isnull=True, revoked_at__isnull=True, **where
        ).first() or Invitation(email=email, role=role, **where)
        _issue(invitation, inviter)
    return invitation


def resend_invitation(actor: AnyUser, invitation: Invitation) -> Invitation:
    """A new link and a new expiry date; the old link stops working."""
    with transaction.atomic():
        invitation = _locked(invitation)
        _require(
            access.may_manage_invitation(actor, invitation),
            "U mag deze uitnodiging niet opnieuw versturen.",
        )
        _require(invitation.is_pending, "Deze uitnodiging is al gebruikt of ingetrokken.")
        _issue(invitation, actor)
    return invitation


def revoke_invitation(actor: AnyUser, invitation: Invitation) -> Invitation:
    with transaction.atomic():
        invitation = _locked(invitation)
        _require(
            access.may_manage_invitation(actor, invitation),
            "U mag deze uitnodiging niet intrekken.",
        )
        _require(invitation.is_pending, "Deze uitnodiging is al gebruikt of ingetrokken.")
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


def _issue(invitation: Invitation, inviter: AnyUser) -> None:
    """A fresh token and expiry date; the e-mail goes out only once the transaction commits."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + datetime.timedelta(
        days=settings.OPENSOP_INVITATION_DAYS
    )
    invitation.invited_by = access.as_user(inviter)
    invitation.save()
    transaction.on_commit(lambda: send_invitation_email(invitation, token))


def send_invitation_email(invitation: Invitation, token: str) -> None:
    inviter = invitation.invited_by
    context = {
        "inviter": (inviter.get_full_name() or inviter.username) if inviter else "Open SOP",
        "inviter_email": inviter.email if inviter else "",
        "role": SHORT_ROLE_NAMES[Role(invitation.role)],
        "organisation": invitation.organisation,
        "link": settings.OPENSOP_BASE_URL + reverse("invitation-accept", args=[token]),
        "expires_at": invitation.expires_at,
    }
    # Sent after the request's commit, perhaps outside any request: Dutch dates explicitly.
    with translation.override("nl"):
        subject = render_to_string("accounts/invitation_subject.txt", context)
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


# ------------------------------------------------------------------ accepting


def accept_invitation(token: str, user: User) -> Membership:
    """Give `user` the invited role. An invitation works once, until it expires or is revoked."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None:
            raise InvitationError(UNKNOWN)
        _require(not invitation.problem, invitation.problem)
        _require(
            is_for(invitation, user),
            f"Deze uitnodiging is voor {invitation.email}. U bent ingelogd met een ander "
            "e-mailadres.",
        )
        membership, _ = Membership.objects.get_or_create(
            user=user,
            role=invitation.role,
            school=invitation.school,
            board=invitation.board,
            swv=invitation.swv,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    access.forget_roles(user)
    return membership


def create_account_and_accept(token: str, first_name: str, last_name: str, password: str) -> User:
    """A new account for the invited address (its user name), with the invited role.

    The password has been checked by the form with Django's password validators.
    """
    with transaction.atomic():
        invitation = find_invitation(token)
        if invitation is None:
            raise InvitationError(UNKNOWN)
        _require(not invitation.problem, invitation.problem)
        _require(
            not account_exists(invitation.email),
            "Er is al een account met dit e-mailadres. Log in om de uitnodiging aan te nemen.",
        )
        user = User.objects.create_user(
            username=invitation.email,
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
        accept_invitation(token, user)
    return user


# ------------------------------------------------------------------ taking a role away


def remove_membership(actor: AnyUser, membership: Membership) -> None:
    with transaction.atomic():
        locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
        if locked is None:
            raise InvitationError("Deze rol is al ingetrokken.")
        _require(access.may_manage_membership(actor, locked), "U mag deze rol niet intrekken.")
        # Taking away one's own role could lock the last SWV member out; a colleague does it.
        _require(
            locked.user_id != getattr(actor, "pk", None),
            "U kunt uw eigen rol niet intrekken. Vraag een collega om dat te doen.",
        )
        locked.delete()
