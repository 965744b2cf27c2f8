"""The people page: who may invite whom, the e-mailed link, re-sending, revoking, removing roles."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from opensop.accounts import access, invitations
from opensop.accounts.models import Invitation, Membership, Role
from opensop.organisations.models import Board, School, Swv
from tests.web.conftest import PERSONAS, Region, signed_in

LINK = re.compile(r"https?://\S+(/uitnodiging/([\w-]+)/)")

TARGETS = {
    "swv_staff_here": (Role.SWV_STAFF, "swv", "here"),
    "inspectorate_here": (Role.INSPECTORATE, "swv", "here"),
    "editor_here": (Role.SCHOOL_EDITOR, "school", "here"),
    "mr_here": (Role.MR_MEMBER, "school", "here"),
    "board_here": (Role.BOARD_MEMBER, "board", "here"),
    "swv_staff_there": (Role.SWV_STAFF, "swv", "there"),
    "inspectorate_there": (Role.INSPECTORATE, "swv", "there"),
    "editor_there": (Role.SCHOOL_EDITOR, "school", "there"),
    "mr_there": (Role.MR_MEMBER, "school", "there"),
    "board_there": (Role.BOARD_MEMBER, "board", "there"),
}
ALLOWED = {
    "anonymous": set(),
    "mr": set(),
    "inspectorate": set(),
    "editor": {"editor_here", "mr_here"},
    "editor_other_school": {"editor_there", "mr_there"},
    "board": {"board_here"},
    "swv_staff": {"swv_staff_here", "inspectorate_here", "editor_here", "mr_here", "board_here"},
    "swv_staff_other": {
        "swv_staff_there",
        "inspectorate_there",
        "editor_there",
        "mr_there",
        "board_there",
    },
    "admin": set(TARGETS),
}


def organisation(region: Region, kind: str, where: str) -> School | Board | Swv:
    school = region.school if where == "here" else region.other_school
    return {"school": school, "board": school.board, "swv": school.swv}[kind]


def target(region: Region, name: str) -> tuple[Role, School | Board | Swv]:
    role, kind, where = TARGETS[name]
    return role, organisation(region, kind, where)


def value(region: Region, name: str) -> str:
    role, org = target(region, name)
    return f"{role.value}:{TARGETS[name][1]}:{org.pk}"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """E-mails leave when the transaction commits; the test's own transaction never does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite_by_post(client: Client, send, email: str, target_value: str):
    with send():
        return client.post("/mensen/", {"email": email, "target": target_value})


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_page_only_for_who_may_invite(region: Region, persona: str) -> None:
    client = signed_in(region, persona)
    response = client.get("/mensen/")
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen/")
        return
    if not ALLOWED[persona]:
        assert response.status_code == 404
        assert 'href="/mensen/"' not in client.get("/").content.decode()
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/mensen/"' in page  # the header link
    offered = set(re.findall(r'<option value="([^"]+)"', page))
    assert offered == {value(region, name) for name in ALLOWED[persona]}
    assert ("School De Verscheidenheid (99XA00)" in page) == ("editor_here" in ALLOWED[persona])
    assert ("Bestuur Stichting B" in page) == ("board_there" in ALLOWED[persona])


@pytest.mark.parametrize("name", sorted(TARGETS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_invite_only_as_the_rules_say(
    region: Region, persona: str, name: str, send, mailoutbox
) -> None:
    response = invite_by_post(
        signed_in(region, persona), send, "nieuw@example.nl", value(region, name)
    )
    if name in ALLOWED[persona]:
        assert response.status_code == 302
        assert Invitation.objects.count() == 1
        assert len(mailoutbox) == 1
        return
    expected = 302 if persona == "anonymous" else 403 if ALLOWED[persona] else 404
    assert response.status_code == expected
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_of_choices_follows_the_rule(region: Region, persona: str) -> None:
    user = region.user(persona)
    organisations = [*Swv.objects.all(), *Board.objects.all(), *School.objects.all()]
    by_rule = {
        (role, org) for org in organisations for role in Role if access.may_invite(user, role, org)
    }
    assert set(access.invitable_roles(user)) == by_rule
    assert {name for name in TARGETS if target(region, name) in by_rule} == ALLOWED[persona]


def test_the_email_holds_a_working_link_and_the_database_only_its_hash(
    region: Region, send, mailoutbox, settings
) -> None:
    settings.OPENSOP_BASE_URL = "https://sop.example.nl"
    settings.OPENSOP_INVITATION_DAYS = 3
    editor = region.user("editor")
    editor.first_name, editor.last_name, editor.email = "Ilse", "Bakker", "ib@school.example"  # type: ignore[union-attr]
    editor.save()  # type: ignore[union-attr]
    client = signed_in(region, "editor")
    response = invite_by_post(client, send, " Nieuw.Lid@Example.NL ", value(region, "mr_here"))
    assert response.status_code == 302
    page = client.get("/mensen/").content.decode()
    assert "De uitnodiging is verstuurd naar nieuw.lid@example.nl" in page
    assert "nieuw.lid@example.nl" in page  # under the open invitations
    [message] = mailoutbox
    assert message.to == ["nieuw.lid@example.nl"]
    assert message.subject == "Uitnodiging voor Open SOP: MR-lid bij De Verscheidenheid (99XA00)"
    assert "Ilse Bakker (ib@school.example) nodigt u uit" in message.body
    link = LINK.search(message.body)
    assert link is not None
    assert link.group(0).startswith("https://sop.example.nl/uitnodiging/")
    token = link.group(2)
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(Invitation.objects.values()))
    assert timedelta(days=2, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=3)
    expiry = timezone.localtime(invitation.expires_at)
    assert f"tot {expiry.day} " in message.body
    accept_page = Client().get(link.group(1))
    assert accept_page.status_code == 200
    assert "Ilse Bakker" in accept_page.content.decode()


def test_inviting_again_replaces_the_open_invitation(region: Region, send, mailoutbox) -> None:
    client = signed_in(region, "editor")
    invite_by_post(client, send, "nieuw@example.nl", value(region, "mr_here"))
    invite_by_post(client, send, "NIEUW@example.nl", value(region, "mr_here"))
    assert Invitation.objects.count() == 1
    first, second = (LINK.search(m.body).group(1) for m in mailoutbox)  # type: ignore[union-attr]
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    invite_by_post(client, send, "nieuw@example.nl", value(region, "editor_here"))
    assert Invitation.objects.count() == 2  # another role is another invitation


def test_someone_who_holds_the_role_already_is_not_invited(region: Region, send) -> None:
    mr = region.user("mr")
    mr.email = "mr@school.example"  # type: ignore[union-attr]
    mr.save()  # type: ignore[union-attr]
    response = invite_by_post(
        signed_in(region, "editor"), send, "MR@school.example", value(region, "mr_here")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "mr@school.example heeft de rol MR-lid bij De Verscheidenheid (99XA00) al." in page
    assert not Invitation.objects.exists()


def test_form_errors_beside_the_field_and_in_a_summary(region: Region, send) -> None:
    response = invite_by_post(signed_in(region, "editor"), send, "geen-adres", "")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_email"' in page
    assert 'href="#id_target"' in page
    assert 'id="id_email_error"' in page
    assert re.search(r'<input[^>]*aria-describedby="id_email_error"', page)
    assert not Invitation.objects.exists()


def test_a_made_up_target_is_a_form_error(region: Region, send) -> None:
    response = invite_by_post(signed_in(region, "editor"), send, "a@example.nl", "swv_staff:x:1")
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def open_invitation(region: Region, send, inviter: str = "editor") -> Invitation:
    with send():
        return invitations.invite(
            region.user(inviter), "nieuw@example.nl", "mr_member", region.school
        )


def test_resend_gives_a_new_link_and_the_old_one_stops(region: Region, send, mailoutbox) -> None:
    invitation = open_invitation(region, send)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    old = LINK.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client = signed_in(region, "swv_staff")
    assert "(verlopen)" in client.get("/mensen/").content.decode()
    with send():
        response = client.post(
            f"/mensen/uitnodigingen/{invitation.pk}/opnieuw-versturen/", follow=True
        )
    assert (
        "Er is een nieuwe uitnodiging verstuurd naar nieuw@example.nl" in response.content.decode()
    )
    assert len(mailoutbox) == 2
    new = LINK.search(mailoutbox[1].body).group(1)  # type: ignore[union-attr]
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert Invitation.objects.get().expires_at > timezone.now() + timedelta(days=13)


def test_revoke_stops_the_link(region: Region, send, mailoutbox) -> None:
    invitation = open_invitation(region, send)
    link = LINK.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client = signed_in(region, "editor")
    page = client.post(f"/mensen/uitnodigingen/{invitation.pk}/intrekken/", follow=True)
    assert "De uitnodiging voor nieuw@example.nl is ingetrokken" in page.content.decode()
    response = Client().get(link)
    assert response.status_code == 410
    assert "Deze uitnodiging is ingetrokken." in response.content.decode()
    again = client.post(f"/mensen/uitnodigingen/{invitation.pk}/opnieuw-versturen/", follow=True)
    assert "al gebruikt of ingetrokken" in again.content.decode()
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "persona",
    ["anonymous", "mr", "inspectorate", "editor_other_school", "board", "swv_staff_other"],
)
@pytest.mark.parametrize("action", ["intrekken", "opnieuw-versturen"])
def test_others_cannot_touch_an_invitation(
    region: Region, send, mailoutbox, persona: str, action: str
) -> None:
    invitation = open_invitation(region, send)
    with send():
        response = signed_in(region, persona).post(
            f"/mensen/uitnodigingen/{invitation.pk}/{action}/"
        )
    assert response.status_code == (302 if persona == "anonymous" else 404)
    after = Invitation.objects.get()
    assert (after.revoked_at, after.token_hash) == (None, invitation.token_hash)
    assert len(mailoutbox) == 1


def test_swv_staff_take_a_role_away_after_confirming(region: Region) -> None:
    membership = Membership.objects.get(user__username="editor")
    client = signed_in(region, "swv_staff")
    assert (
        f'href="/mensen/rollen/{membership.pk}/intrekken/"'
        in client.get("/mensen/").content.decode()
    )
    confirm = client.get(f"/mensen/rollen/{membership.pk}/intrekken/").content.decode()
    assert "Ja, rol intrekken" in confirm
    assert Membership.objects.filter(pk=membership.pk).exists()  # looking changes nothing
    done = client.post(f"/mensen/rollen/{membership.pk}/intrekken/", follow=True).content.decode()
    assert "editor heeft de rol Schoolredacteur — De Verscheidenheid (99XA00) niet meer." in done
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(username="editor").exists()  # the account stays


@pytest.mark.parametrize(
    "persona",
    ["anonymous", "mr", "inspectorate", "editor_other_school", "board", "swv_staff_other"],
)
def test_others_cannot_take_a_role_away(region: Region, persona: str) -> None:
    membership = Membership.objects.get(user__username="editor")
    client = signed_in(region, persona)
    get = client.get(f"/mensen/rollen/{membership.pk}/intrekken/")
    post = client.post(f"/mensen/rollen/{membership.pk}/intrekken/")
    expected = 302 if persona == "anonymous" else 404
    assert (get.status_code, post.status_code) == (expected, expected)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_nobody_takes_away_their_own_role(region: Region) -> None:
    own = Membership.objects.get(user__username="swv_staff")
    client = signed_in(region, "swv_staff")
    assert "Uw eigen rol" in client.get("/mensen/").content.decode()
    confirm = client.get(f"/mensen/rollen/{own.pk}/intrekken/").content.decode()
    assert "U kunt uw eigen rol niet intrekken" in confirm
    assert "Ja, rol intrekken" not in confirm
    done = client.post(f"/mensen/rollen/{own.pk}/intrekken/", follow=True).content.decode()
    assert "U kunt uw eigen rol niet intrekken" in done
    assert Membership.objects.filter(pk=own.pk).exists()


def test_the_services_refuse_what_the_rules_forbid(region: Region) -> None:
    with pytest.raises(invitations.InvitationError, match="U mag niemand uitnodigen"):
        invitations.invite(region.user("mr"), "a@example.nl", Role.MR_MEMBER, region.school)
    with pytest.raises(invitations.InvitationError, match="U mag niemand uitnodigen"):
        invitations.invite(region.user("editor"), "a@example.nl", Role.BOARD_MEMBER, region.school)
    membership = Membership.objects.get(user__username="editor")
    with pytest.raises(invitations.InvitationError, match="U mag deze rol niet intrekken"):
        invitations.remove_membership(region.user("board"), membership)
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert mail.outbox == []


def test_the_admin_shows_invitations_without_a_way_to_make_or_read_a_link(
    region: Region, send
) -> None:
    invitation = open_invitation(region, send)
    client = signed_in(region, "admin")
    assert "nieuw@example.nl" in client.get("/beheer/accounts/invitation/").content.decode()
    change = client.get(f"/beheer/accounts/invitation/{invitation.pk}/change/").content.decode()
    assert invitation.token_hash in change
    assert 'name="token_hash"' not in change
    assert client.get("/beheer/accounts/invitation/add/").status_code == 403
