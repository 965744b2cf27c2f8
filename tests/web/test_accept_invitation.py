"""Accepting an invitation: a new account, an existing one, and links that no longer work."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from opensop.accounts import invitations
from opensop.accounts.models import Invitation, Membership, Role
from tests.web.conftest import Region, signed_in

LINK = re.compile(r"https?://\S+(/uitnodiging/[\w-]+/)")
NEW_ACCOUNT = {
    "first_name": "Nadia",
    "last_name": "El Amrani",
    "password1": "Zonnebloem-Heerlen-42",
    "password2": "Zonnebloem-Heerlen-42",
}


@pytest.fixture
def invite(region: Region, django_capture_on_commit_callbacks, mailoutbox):
    """Invite someone as `inviter` would on the people page; returns the link's path."""

    def invite(
        email: str = "nadia@school.example",
        role: Role = Role.MR_MEMBER,
        inviter: str = "editor",
    ) -> str:
        organisation = region.school.swv if role == Role.SWV_STAFF else region.school
        with django_capture_on_commit_callbacks(execute=True):
            invitations.invite(region.user(inviter), email, role, organisation)
        link = LINK.search(mailoutbox[-1].body)
        assert link is not None
        return link.group(1)

    return invite


def test_a_new_person_creates_an_account_and_gets_the_role(region: Region, invite) -> None:
    path = invite()
    client = Client()
    page = client.get(path).content.decode()
    assert "Uitnodiging voor Open SOP" in page
    assert "MR-lid" in page
    assert "De Verscheidenheid (99XA00)" in page
    assert "Maak uw account" in page
    response = client.post(path, NEW_ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="nadia@school.example")
    assert (user.email, user.first_name, user.last_name) == (
        "nadia@school.example",
        "Nadia",
        "El Amrani",
    )
    assert user.check_password("Zonnebloem-Heerlen-42")
    assert Membership.objects.filter(user=user, role=Role.MR_MEMBER, school=region.school).exists()
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    home = client.get("/").content.decode()
    assert "Ingelogd als Nadia El Amrani" in home
    assert "Welkom. U hebt nu de rol MR-lid — De Verscheidenheid (99XA00)." in home


@pytest.mark.parametrize(
    ("fields", "error_field", "message"),
    [
        ({"password1": "kort", "password2": "kort"}, "password1", "te kort"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "alleen cijfers"),
        ({"password2": "Iets-anders-helemaal-99"}, "password2", "niet hetzelfde"),
        ({"first_name": ""}, "first_name", "verplicht"),
    ],
)
def test_a_weak_or_mistyped_password_is_refused_beside_its_field(
    region: Region, invite, fields: dict[str, str], error_field: str, message: str
) -> None:
    response = Client().post(invite(), {**NEW_ACCOUNT, **fields})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    error = re.search(rf'id="id_{error_field}_error">([^<]*)<', page)
    assert error is not None
    assert message in error.group(1)
    assert not User.objects.filter(username="nadia@school.example").exists()
    assert Invitation.objects.get().accepted_at is None


def test_new_swv_staff_go_to_two_factor_setup(region: Region, invite) -> None:
    path = invite("collega@swv.example", Role.SWV_STAFF, inviter="swv_staff")
    client = Client()
    response = client.post(path, NEW_ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == "/tweestapsverificatie/instellen/"
    page = client.get(response["Location"]).content.decode()
    assert "Tweestapsverificatie instellen" in page
    assert client.get("/").status_code == 302  # nothing else before the second step


def test_an_existing_account_logs_in_first(region: Region, invite) -> None:
    mr = region.user("mr")
    mr.email = "MR@School.example"  # type: ignore[union-attr]
    mr.save()  # type: ignore[union-attr]
    path = invite("mr@school.example", Role.SCHOOL_EDITOR, inviter="swv_staff")
    client = Client()
    page = client.get(path).content.decode()
    assert "Er is al een account met het e-mailadres mr@school.example" in page
    assert f'href="/inloggen/?next={path}"' in page
    assert "Maak uw account" not in page
    client.post(path, NEW_ACCOUNT)  # the account form is not there; posting it anyway does nothing
    assert User.objects.count() == 8
    response = client.post(
        "/inloggen/", {"username": "mr", "password": "wachtwoord-123", "next": path}
    )
    assert response["Location"] == path
    assert "Uitnodiging aannemen" in client.get(path).content.decode()
    welcome = client.post(path, follow=True).content.decode()
    assert "U hebt nu de rol Schoolredacteur — De Verscheidenheid (99XA00)" in welcome
    assert Membership.objects.filter(user=mr, role=Role.SCHOOL_EDITOR).exists()


def test_only_the_invited_address_may_accept(region: Region, invite) -> None:
    path = invite("nadia@school.example")
    client = signed_in(region, "board")
    page = client.get(path).content.decode()
    assert "alleen dat account kan hem aannemen" in page
    assert "Uitnodiging aannemen" not in page
    assert client.post(path).status_code == 403
    assert not Membership.objects.filter(user__username="board", role=Role.MR_MEMBER).exists()
    assert Invitation.objects.get().accepted_at is None


def expire(invitation: Invitation) -> None:
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()


def revoke(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save()


def use(invitation: Invitation) -> None:
    invitation.accepted_at = timezone.now()
    invitation.save()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (expire, "Deze uitnodiging is verlopen op"),
        (revoke, "Deze uitnodiging is ingetrokken."),
        (use, "Deze uitnodiging is al gebruikt."),
    ],
)
def test_a_link_that_no_longer_works_is_refused(region: Region, invite, spoil, message) -> None:
    editor = region.user("editor")
    editor.first_name, editor.email = "Ilse", "ib@school.example"  # type: ignore[union-attr]
    editor.save()  # type: ignore[union-attr]
    path = invite()
    spoil(Invitation.objects.get())
    client = Client()
    response = client.get(path)
    assert response.status_code == 410
    page = response.content.decode()
    assert message in page
    assert "Vraag Ilse (" in page  # who to ask for a new one
    assert client.post(path, NEW_ACCOUNT).status_code == 410
    assert not User.objects.filter(username="nadia@school.example").exists()
    assert not Membership.objects.filter(role=Role.MR_MEMBER).exclude(user__username="mr").exists()


def test_an_unknown_link_is_not_found(region: Region) -> None:
    response = Client().get("/uitnodiging/verzonnen-token/")
    assert response.status_code == 404
    assert "Deze uitnodiging bestaat niet" in response.content.decode()


def test_an_invitation_works_once(region: Region, invite) -> None:
    path = invite()
    assert Client().post(path, NEW_ACCOUNT).status_code == 302
    again = Client().post(path, {**NEW_ACCOUNT, "first_name": "Tweede"})
    assert again.status_code == 410
    assert User.objects.filter(first_name="Tweede").count() == 0
    user = User.objects.get(username="nadia@school.example")
    token = path.split("/")[2]
    with pytest.raises(invitations.InvitationError, match="al gebruikt"):
        invitations.accept_invitation(token, user)
    assert Membership.objects.filter(user=user).count() == 1
