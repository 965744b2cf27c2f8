"""Demo data: the Zuid-Limburg and Zuid-Kennemerland SWVs, two boards, ten schools,
profiles in every workflow state and one user per role. All names and numbers are made up
(BRIN numbers start with 99), except the seed school's answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from opensop.accounts.models import Membership, Role
from opensop.basisondersteuning import services as base_support
from opensop.basisondersteuning.text import read_yaml
from opensop.formats.source import load_yaml
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile, State
from opensop.workflow import services

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
BASE_SUPPORT_DIR = Path(__file__).resolve().parents[1] / "basisondersteuning" / "data"
PASSWORD = "demo-wachtwoord"  # noqa: S105 - demo accounts only, printed by the run command
YEAR = "2025-2026"

SWVS = [
    ("PO 31-04", "Westelijke Mijnstreek", "PO", "zuid-limburg-po"),
    ("PO 31-05", "Maastricht-Heuvelland", "PO", "zuid-limburg-po"),
    ("PO 31-06", "Heerlen e.o.", "PO", "zuid-limburg-po"),
    ("VO 27-05", "Zuid-Kennemerland", "VO", "zuid-kennemerland-vo"),
]
# name, brin, city, SWV code, board, example answers, state the demo brings it to
SCHOOLS = [
    (
        "Basisschool De Verscheidenheid",
        "99XA",
        "Heerlen",
        "PO 31-06",
        "po",
        "voldoet",
        State.PUBLISHED,
    ),
    ("Basisschool Het Kompas", "99XB", "Heerlen", "PO 31-06", "po", "voldoet-niet", State.ADVICE),
    ("Basisschool De Bron", "99XC", "Maastricht", "PO 31-05", "po", "onvolledig", State.CONCEPT),
    ("Basisschool De Sterrenwacht", "99XD", "Sittard", "PO 31-04", "po", "voldoet", State.ADOPTED),
    ("Basisschool Op de Heuvel", "99XE", "Vaals", "PO 31-05", "po", None, None),
    (
        "Basisschool De Mijnlamp",
        "99XF",
        "Brunssum",
        "PO 31-06",
        "po",
        "voldoet-niet",
        State.CONCEPT,
    ),
    ("Basisschool Maasoever", "99XG", "Maastricht", "PO 31-05", "po", "voldoet", State.PUBLISHED),
    ("Het Voorbeeldlyceum", "99ZK", "Haarlem", "VO 27-05", "vo", "voldoet", State.PUBLISHED),
    ("Duinrand College", "99ZL", "Heemstede", "VO 27-05", "vo", "voldoet-niet", State.ADVICE),
    (
        "Scholengemeenschap Voorbeeldhaven",
        "99ZM",
        "Haarlem",
        "VO 27-05",
        "vo",
        "onvolledig",
        State.CONCEPT,
    ),
]


BOARD_NAMES = {
    "po": "Stichting Voorbeeldonderwijs Zuid-Limburg",
    "vo": "Stichting Voortgezet Voorbeeld Kennemerland",
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role: Role | None
    organisation: str  # school BRIN, board key or SWV code


# Every school gets an editor ib.<brin> and an MR member mr.<brin>; these are the others.
USERS = [
    DemoUser("bestuurder.po", "Paul Hendriks (bestuur)", Role.BOARD_MEMBER, "po"),
    DemoUser("bestuurder.vo", "Vera de Wit (bestuur)", Role.BOARD_MEMBER, "vo"),
    DemoUser("swv.heerlen", "Sanne Wetzels (SWV Heerlen)", Role.SWV_STAFF, "PO 31-06"),
    DemoUser(
        "swv.kennemerland", "Joost Bakker (SWV Zuid-Kennemerland)", Role.SWV_STAFF, "VO 27-05"
    ),
    DemoUser("inspectie.heerlen", "Ingrid Thijssen (inspectie)", Role.INSPECTORATE, "PO 31-06"),
    DemoUser("beheer", "Beheerder Open SOP", None, ""),
]


def school_users(brin: str, name: str) -> list[DemoUser]:
    return [
        DemoUser(f"ib.{brin.lower()}", f"IB {name}", Role.SCHOOL_EDITOR, brin),
        DemoUser(f"mr.{brin.lower()}", f"MR {name}", Role.MR_MEMBER, brin),
    ]


def all_users() -> list[DemoUser]:
    per_school = [u for _, brin, *_ in SCHOOLS for u in school_users(brin, _school_name(brin))]
    return [*per_school, *USERS]


def _school_name(brin: str) -> str:
    return next(name for name, code, *_ in SCHOOLS if code == brin)


def demo_loaded() -> bool:
    return Swv.objects.filter(code="PO 31-06").exists()


@transaction.atomic
def load_demo() -> None:
    swvs = {
        code: Swv.objects.create(
            code=code, name=name, sector=sector, format_id=format_id, format_version=1
        )
        for code, name, sector, format_id in SWVS
    }
    boards = {
        key: Board.objects.create(number=f"9900{index + 1}", name=name)
        for index, (key, name) in enumerate(BOARD_NAMES.items())
    }
    schools = {
        brin: School.objects.create(
            brin=brin,
            name=name,
            city=city,
            board=boards[board],
            swv=swvs[swv_code],
            street="Schoolstraat 1",
        )
        for name, brin, city, swv_code, board, _, _ in SCHOOLS
    }
    _base_support(swvs)
    users = {user.username: _user(user, schools, boards, swvs) for user in all_users()}
    for _, brin, _, swv_code, board, example, state in SCHOOLS:
        if example is None or state is None:
            continue
        sector_dir = swvs[swv_code].format_id
        _profile(schools[brin], EXAMPLES / sector_dir / f"{example}.yaml", state, users, board)


# The SWVs' basisondersteuning as versioned SWV documents (the shipped YAML files), and a
# made-up ouder- en jeugdsteunpunt for each, as the schoolgids chapter names them.
BASE_SUPPORT = {
    "zuid-kennemerland-vo": "zuid-kennemerland.yaml",
    "zuid-limburg-po": "zuid-limburg.yaml",
}


def _base_support(swvs: dict[str, Swv]) -> None:
    for swv in swvs.values():
        text = read_yaml((BASE_SUPPORT_DIR / BASE_SUPPORT[swv.format_id]).read_text("utf-8"))
        base_support.publish_text(swv, None, text, text.valid_from or datetime.date(2025, 8, 1))
        swv.parent_help_name = f"Ouder- en jeugdsteunpunt {swv.name}"
        swv.parent_help_phone = "088 000 00 00"
        swv.parent_help_email = "steunpunt@example.nl"
        swv.parent_help_website = "https://steunpunt.example.nl"
        swv.parent_help_text = (
            "Onafhankelijk advies voor ouders over passend onderwijs en extra ondersteuning. "
            "Bereikbaar op werkdagen van 9 tot 16 uur."
        )
        swv.save()


def _user(
    demo: DemoUser, schools: dict[str, School], boards: dict[str, Board], swvs: dict[str, Swv]
) -> User:
    first, _, last = demo.name.partition(" ")
    user = User.objects.create_user(
        username=demo.username,
        email=f"{demo.username}@voorbeeld.invalid",
        password=PASSWORD,
        first_name=first,
        last_name=last,
        is_staff=demo.role is None,
        is_superuser=demo.role is None,
    )
    if demo.role in (Role.SCHOOL_EDITOR, Role.MR_MEMBER):
        Membership.objects.create(user=user, role=demo.role, school=schools[demo.organisation])
    elif demo.role == Role.BOARD_MEMBER:
        Membership.objects.create(user=user, role=demo.role, board=boards[demo.organisation])
    elif demo.role is not None:
        Membership.objects.create(user=user, role=demo.role, swv=swvs[demo.organisation])
    return user


def example_answers(path: Path) -> dict[str, Any]:
    data, _ = load_yaml(path.read_text("utf-8"), str(path))
    answers: dict[str, Any] = data["answers"]
    return answers


def _profile(
    school: School, example: Path, state: State, users: dict[str, User], board: str
) -> Profile:
    editor, mr = users[f"ib.{school.brin.lower()}"], users[f"mr.{school.brin.lower()}"]
    profile = services.start_profile(school.pk, YEAR, editor)
    answers = example_answers(example)
    answers["school_naam"] = school.name
    profile = services.save_answers(profile, editor, answers, profile.revision)
    if state == State.CONCEPT:
        return profile
    profile = services.submit_for_advice(profile, editor)
    if state == State.ADVICE:
        return profile
    profile = services.record_advice(profile, mr, datetime.date(2026, 1, 20), "Positief advies.")
    board_member = users[f"bestuurder.{board}"]
    profile = services.adopt(
        profile,
        board_member,
        datetime.date(2026, 2, 3),
        f"directeur van {school.name}",
        board_member.get_full_name(),
    )
    if state == State.ADOPTED:
        return profile
    return services.publish(profile, board_member)
