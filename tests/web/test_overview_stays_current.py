"""The overview keeps what it read of a region's profiles in the cache (overview/region.py):
every write shows on the very next page, never a stale figure."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from opensop.accounts.models import Membership, Role
from opensop.demo.data import example_answers
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from tests.formats.conftest import EXAMPLES
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, profile, row, table

STATUS = "Status van het profiel 2025-2026 per school"


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _status(client: Client, checked: HandChecked) -> list[list[str]]:
    response = client.get(f"/swv/{checked.region.school.swv_id}/overzicht/")
    assert response.status_code == 200
    return table(response.content, STATUS)


def test_a_profile_started_shows_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert row(_status(client, checked), "De Mijnlamp")[5] == "niet gestart"
    profile(checked.mijnlamp, "voldoet", State.CONCEPT)
    assert row(_status(client, checked), "De Mijnlamp")[5] == "concept"


def test_answers_saved_change_the_completeness_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert int(row(_status(client, checked), "Het Kompas")[7]) < 100
    concept = Profile.objects.get(school=checked.kompas, state=State.CONCEPT)
    complete = example_answers(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml")
    editor = User.objects.create(username="kompas-editor")
    Membership.objects.create(user=editor, role=Role.SCHOOL_EDITOR, school=checked.kompas)
    services.save_answers(concept, editor, complete, concept.revision)
    assert row(_status(client, checked), "Het Kompas")[7] == "100"


def test_a_school_that_moves_away_leaves_the_overview_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert "Het Lyceum" in [r[0] for r in _status(client, checked)]
    checked.lyceum.swv = Swv.objects.exclude(pk=checked.region.school.swv_id).first()
    checked.lyceum.save()
    assert "Het Lyceum" not in [r[0] for r in _status(client, checked)]


def test_a_school_that_moves_in_brings_its_profile_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    newcomer = checked.region.other_school
    profile(newcomer, "voldoet", State.CONCEPT)
    assert "Maasoever" not in [r[0] for r in _status(client, checked)]
    newcomer.swv_id = checked.region.school.swv_id
    newcomer.save()
    assert row(_status(client, checked), "Maasoever")[5] == "concept"
