"""Three schools in the region's SWV for the document batch tests: one published profile,
one adopted on the other board, one still a concept (skipped by every batch)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest

from opensop.accounts import access
from opensop.accounts.models import Membership, Role
from opensop.organisations.models import Board, School
from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import PERSONAS, Region
from tests.web.test_workflow_steps import bring_to

YEAR = "2025-2026"


@dataclass(frozen=True)
class Schools:
    published: Profile  # De Verscheidenheid, Stichting A
    adopted: Profile  # De Linde, Stichting B
    concept: Profile  # Het Kompas, Stichting A: no adopted profile this year


def profile_at(
    state: str, school: School, region: Region, answers: dict[str, Any], year: str = YEAR
) -> Profile:
    """A profile of `school` brought to `state` through the workflow, by the region's people
    (who get the roles at that school and its board for it)."""
    for persona, role in (("editor", Role.SCHOOL_EDITOR), ("mr", Role.MR_MEMBER)):
        Membership.objects.get_or_create(user=region.user(persona), role=role, school=school)
    Membership.objects.get_or_create(
        user=region.user("board"), role=Role.BOARD_MEMBER, board=school.board
    )
    for persona in PERSONAS:
        access.forget_roles(region.user(persona))
    editor = region.user("editor")
    profile = services.start_profile(school.pk, year, editor)
    profile = services.save_answers(profile, editor, answers, profile.revision)
    return bring_to(state, profile, region)


@pytest.fixture(name="schools")
def three_schools(region: Region, seed_answers: dict[str, Any]) -> Schools:
    swv = region.school.swv
    other_board = Board.objects.get(name="Stichting B")
    linde = School.objects.create(brin="99XC", name="De Linde", board=other_board, swv=swv)
    kompas = School.objects.create(
        brin="99XD", name="Het Kompas", board=region.school.board, swv=swv
    )
    return Schools(
        published=profile_at("published", region.school, region, seed_answers),
        adopted=profile_at("adopted", linde, region, seed_answers),
        concept=profile_at("concept", kompas, region, seed_answers),
    )


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
