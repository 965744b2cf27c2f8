"""SWV staff remind, from the status page, the schools that have not finished their profile."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from opensop.accounts.models import Membership, Role
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region


@pytest.fixture
def checked(region: Region) -> HandChecked:
    hand = hand_checked_region(region)
    for school, name in [(hand.kompas, "kompas"), (hand.mijnlamp, "mijnlamp")]:
        for n in (1, 2):
            user = User.objects.create_user(f"{name}{n}", email=f"{name}{n}@school.example")
            Membership.objects.create(user=user, role=Role.SCHOOL_EDITOR, school=school)
    return hand


def _url(checked: HandChecked) -> str:
    return f"/swv/{checked.region.school.swv_id}/overzicht/herinneren/"


def test_staff_confirm_and_each_unfinished_school_gets_one_mail(
    checked: HandChecked, mailoutbox: list[Any]
) -> None:
    client = signed_in(checked.region, "swv_staff")
    status = client.get(f"/swv/{checked.region.school.swv_id}/overzicht/").content.decode()
    assert "Herinnering sturen aan scholen die niet klaar zijn" in status
    confirm = client.get(_url(checked)).content.decode()
    assert "Deze 2 scholen krijgen een herinnering" in confirm
    assert "Het Lyceum (99XE00)" in confirm  # not finished, but nobody to mail
    assert "geen invuller met een e-mailadres" in confirm
    assert not mailoutbox
    response = client.post(_url(checked))
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    kompas = next(m for m in mailoutbox if "Het Kompas" in m.subject)
    assert kompas.to == ["kompas1@school.example", "kompas2@school.example"]
    assert "Het profiel is nog een concept." in kompas.body
    assert "/profielen/" in kompas.body
    mijnlamp = next(m for m in mailoutbox if "De Mijnlamp" in m.subject)
    assert "nog geen profiel gestart" in mijnlamp.body
    assert (
        "Herinnering verstuurd aan 2 scholen." in client.get(response["Location"]).content.decode()
    )


def test_the_filters_choose_which_schools_are_reminded(
    checked: HandChecked, mailoutbox: list[Any]
) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert (
        "Deze 1 school krijgt" in client.get(_url(checked) + "?gemeente=Heerlen").content.decode()
    )
    client.post(_url(checked), {"gemeente": "Heerlen"})
    assert [m.to for m in mailoutbox] == [["kompas1@school.example", "kompas2@school.example"]]


def test_the_inspectorate_may_not_send_reminders(
    checked: HandChecked, mailoutbox: list[Any]
) -> None:
    client = signed_in(checked.region, "inspectorate")
    status = client.get(f"/swv/{checked.region.school.swv_id}/overzicht/").content.decode()
    assert "Herinnering sturen" not in status
    assert client.get(_url(checked)).status_code == 403
    assert client.post(_url(checked)).status_code == 403
    assert not mailoutbox


@pytest.mark.parametrize("persona", ["editor", "swv_staff_other"])
def test_others_do_not_find_the_page(
    checked: HandChecked, persona: str, mailoutbox: list[Any]
) -> None:
    assert signed_in(checked.region, persona).post(_url(checked)).status_code == 404
    assert not mailoutbox
