"""Pages about who holds which role: the people page, and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from opensop.accounts import access, invitations
from opensop.accounts.forms import InviteForm, NewAccountForm
from opensop.accounts.invitations import InvitationError, role_description
from opensop.accounts.models import Invitation, Membership
from opensop.accounts.people import parse_target, people_overview
from opensop.accounts.two_factor import has_confirmed_app, needs_two_factor


def _until(invitation: Invitation) -> str:
    return formats.date_format(timezone.localtime(invitation.expires_at), "j F Y")


# ------------------------------------------------------------------ the people page


@login_required
def people(request: HttpRequest) -> HttpResponse:
    targets = access.invitable_roles(request.user)
    if not targets:
        raise Http404
    form = InviteForm(targets, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        requested = parse_target(request.POST.get("target", ""))
        if requested is not None and not access.may_invite(request.user, *requested):
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation = invitations.invite(
                    request.user, form.cleaned_data["email"], *form.chosen()
                )
            except InvitationError as exc:
                form.add_error("email", str(exc))
            else:
                messages.success(
                    request,
                    f"De uitnodiging is verstuurd naar {invitation.email}. "
                    f"De link werkt tot {_until(invitation)}.",
                )
                return redirect("people")
    context = {"form": form, "organisations": people_overview(targets)}
    return render(request, "accounts/people.html", context, status=400 if form.errors else 200)


def _managed_invitation(request: HttpRequest, pk: int) -> Invitation:
    invitation = Invitation.objects.select_related("school", "board", "swv").filter(pk=pk).first()
    if invitation is None or not access.may_manage_invitation(request.user, invitation):
        raise Http404
    return invitation


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed_invitation(request, pk)
    try:
        invitations.revoke_invitation(request.user, invitation)
    except InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"De uitnodiging voor {invitation.email} is ingetrokken. De link werkt niet meer.",
        )
    return redirect("people")


@login_required
@require_POST
def resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed_invitation(request, pk)
    try:
        invitation = invitations.resend_invitation(request.user, invitation)
    except InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Er is een nieuwe uitnodiging verstuurd naar {invitation.email}. De oude link "
            f"werkt niet meer; de nieuwe werkt tot {_until(invitation)}.",
        )
    return redirect("people")


@login_required
def remove_membership(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET) and the removal itself (POST)."""
    membership = (
        Membership.objects.select_related("user", "school", "board", "swv").filter(pk=pk).first()
    )
    if membership is None or not access.may_manage_membership(request.user, membership):
        raise Http404
    if request.method == "POST":
        try:
            invitations.remove_membership(request.user, membership)
        except InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{_name(membership.user)} heeft de rol "
                f"{role_description(membership.role, membership.organisation)} niet meer.",
            )
        return redirect("people")
    context = {
        "membership": membership,
        "description": role_description(membership.role, membership.organisation),
        "own": membership.user_id == request.user.pk,
    }
    return render(request, "accounts/remove_membership.html", context)


def _name(user: User) -> str:
    return user.get_full_name() or user.username


# ------------------------------------------------------------------ accepting an invitation


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitations.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_unusable.html", status=404)
    if invitation.problem:
        context = {"invitation": invitation, "problem": invitation.problem}
        return render(request, "accounts/invitation_unusable.html", context, status=410)
    user = access.as_user(request.user)
    if user is not None:
        return _accept_signed_in(request, token, invitation, user)
    if invitations.account_exists(invitation.email):
        return _invitation_page(request, invitation, "log_in_first")
    return _create_account(request, token, invitation)


def _invitation_page(
    request: HttpRequest,
    invitation: Invitation,
    situation: str,
    form: NewAccountForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "invitation": invitation,
        "situation": situation,
        "description": role_description(invitation.role, invitation.organisation),
        "form": form,
    }
    return render(request, "accounts/invitation_accept.html", context, status=status)


def _accept_signed_in(
    request: HttpRequest, token: str, invitation: Invitation, user: User
) -> HttpResponse:
    if not invitations.is_for(invitation, user):
        status = 403 if request.method == "POST" else 200
        return _invitation_page(request, invitation, "other_address", status=status)
    if request.method != "POST":
        return _invitation_page(request, invitation, "accept")
    try:
        invitations.accept_invitation(token, user)
    except InvitationError as exc:
        messages.error(request, str(exc))
        return redirect("invitation-accept", token=token)
    return _welcome(request, invitation, user)


def _create_account(request: HttpRequest, token: str, invitation: Invitation) -> HttpResponse:
    form = NewAccountForm(invitation.email, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.create_account_and_accept(
                token,
                form.cleaned_data["first_name"],
                form.cleaned_data["last_name"],
                form.cleaned_data["password1"],
            )
        except InvitationError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation, user)
    status = 400 if form.errors else 200
    return _invitation_page(request, invitation, "new_account", form, status)


def _welcome(request: HttpRequest, invitation: Invitation, user: User) -> HttpResponse:
    messages.success(
        request,
        f"Welkom. U hebt nu de rol {role_description(invitation.role, invitation.organisation)}.",
    )
    # A role such as SWV staff needs the second step; whoever has an app already is asked
    # for its code by RequireTwoFactorMiddleware on the way home.
    if needs_two_factor(user) and not has_confirmed_app(user):
        return redirect("two-factor-setup")
    return redirect("home")
