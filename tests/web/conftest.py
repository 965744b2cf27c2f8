"""Personas and a small region for the web tests: two SWVs, two schools, one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensop.accounts.models import Membership, Role
from opensop.accounts.two_factor import needs_two_factor
from opensop.demo.data import example_answers
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.formats.conftest import EXAMPLES


@dataclass
class Region:
    school: School
    other_school: School
    users: dict[str, User | AnonymousUser]

    def user(self, persona: str) -> User | AnonymousUser:
        return self.users[persona]


def _user(username: str, **extra: Any) -> User:
    return User.objects.create_user(username=username, password="wachtwoord-123", **extra)  # noqa: S106


PERSONAS = [
    "anonymous",
    "editor",
    "editor_other_school",
    "mr",
    "board",
    "swv_staff",
    "swv_staff_other",
    "inspectorate",
    "admin",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # Real hashing costs ~0.3 s per user; the tests are about roles, not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(db: None) -> Region:
    swv = Swv.objects.create(
        code="PO 31-06",
        name="Heerlen e.o.",
        sector="PO",
        format_id="zuid-limburg-po",
        format_version=1,
    )
    other_swv = Swv.objects.create(
        code="PO 31-05",
        name="Maastricht-Heuvelland",
        sector="PO",
        format_id="zuid-limburg-po",
        format_version=1,
    )
    board = Board.objects.create(name="Stichting A")
    other_board = Board.objects.create(name="Stichting B")
    school = School.objects.create(brin="99XA", name="De Verscheidenheid", board=board, swv=swv)
    other_school = School.objects.create(
        brin="99XB", name="Maasoever", board=other_board, swv=other_swv
    )
    users: dict[str, User | AnonymousUser] = {
        "anonymous": AnonymousUser(),
        "admin": _user("admin", is_superuser=True, is_staff=True),
    }
    memberships = {
        "editor": {"role": Role.SCHOOL_EDITOR, "school": school},
        "editor_other_school": {"role": Role.SCHOOL_EDITOR, "school": other_school},
        "mr": {"role": Role.MR_MEMBER, "school": school},
        "board": {"role": Role.BOARD_MEMBER, "board": board},
        "swv_staff": {"role": Role.SWV_STAFF, "swv": swv},
        "swv_staff_other": {"role": Role.SWV_STAFF, "swv": other_swv},
        "inspectorate": {"role": Role.INSPECTORATE, "swv": swv},
    }
    for persona, membership in memberships.items():
        users[persona] = _user(persona)
        Membership.objects.create(user=users[persona], **membership)
    return Region(school, other_school, users)


@pytest.fixture
def seed_answers() -> dict[str, Any]:
    return example_answers(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml")


@pytest.fixture
def concept(region: Region, seed_answers: dict[str, Any]) -> Profile:
    editor = region.user("editor")
    profile = services.start_profile(region.school.pk, "2025-2026", editor)
    return services.save_answers(profile, editor, seed_answers, profile.revision)


def signed_in(region: Region, persona: str) -> Client:
    """A browser session for `persona`, past the second step where the role requires one."""
    client = Client()
    user = region.user(persona)
    if not user.is_authenticated:
        return client
    assert isinstance(user, User)
    client.force_login(user)
    if needs_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def empty_concept(region: Region) -> Profile:
    return services.start_profile(region.school.pk, "2025-2026", region.user("editor"))


@pytest.fixture
def colleague(region: Region) -> User:
    """A second school editor of the same school: the one who saves in between."""
    user = _user("collega", first_name="Mieke", last_name="de Vries")
    Membership.objects.create(user=user, role=Role.SCHOOL_EDITOR, school=region.school)
    return user


def zuid_kennemerland() -> Swv:
    """A secondary SWV with the seed-002 format: another region, another format."""
    return Swv.objects.create(
        code="VO 27-05",
        name="Zuid-Kennemerland",
        sector="VO",
        format_id="zuid-kennemerland-vo",
        format_version=1,
    )


@pytest.fixture
def secondary_concept(region: Region) -> Profile:
    """An empty concept of a secondary school in Zuid-Kennemerland (the seed-002 format),
    whose editor is the region's editor too."""
    swv = zuid_kennemerland()
    board = Board.objects.create(name="Stichting C")
    school = School.objects.create(brin="99ZK", name="Het Lyceum", board=board, swv=swv)
    editor = region.user("editor")
    Membership.objects.create(user=editor, role=Role.SCHOOL_EDITOR, school=school)  # type: ignore[misc]
    return services.start_profile(school.pk, "2025-2026", editor)
