"""Roles × pages: every persona sees exactly the profiles it may, in every workflow state."""

from __future__ import annotations

import pytest
from django.test import Client

from opensop.profiles.models import Profile
from tests.web.conftest import PERSONAS, Region, signed_in
from tests.web.test_workflow_steps import STATES, bring_to

EVERYONE = set(PERSONAS)
SCHOOL_SIDE = {"editor", "mr", "board", "swv_staff", "admin"}
READERS = {
    "concept": SCHOOL_SIDE,
    "advice": SCHOOL_SIDE,
    "advice_recorded": SCHOOL_SIDE,
    "adopted": SCHOOL_SIDE | {"inspectorate"},
    "published": EVERYONE,
}


def client_for(region: Region, persona: str) -> Client:
    return signed_in(region, persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", STATES)
def test_profile_page(region: Region, concept: Profile, state: str, persona: str) -> None:
    profile = bring_to(state, concept, region)
    response = client_for(region, persona).get(f"/profielen/{profile.pk}/")
    if persona in READERS[state]:
        assert response.status_code == 200
        assert "De Verscheidenheid" in response.content.decode()
    else:
        assert response.status_code == 404  # not even its existence is shown


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", STATES)
def test_profile_list(region: Region, concept: Profile, state: str, persona: str) -> None:
    bring_to(state, concept, region)
    page = client_for(region, persona).get("/").content.decode()
    assert ("De Verscheidenheid" in page) == (persona in READERS[state])


@pytest.mark.parametrize("persona", PERSONAS)
def test_step_buttons_only_for_who_may_take_them(
    region: Region, concept: Profile, persona: str
) -> None:
    page = client_for(region, persona).get(f"/profielen/{concept.pk}/").content.decode()
    assert ("Ter advies aanbieden" in page) == (persona == "editor")


def test_a_forbidden_post_changes_nothing(region: Region, concept: Profile) -> None:
    response = client_for(region, "mr").post(f"/profielen/{concept.pk}/stap/submit_for_advice/")
    assert response.status_code == 403
    concept.refresh_from_db()
    assert concept.state == "concept"


def test_the_whole_trail_through_the_pages(region: Region, concept: Profile) -> None:
    url = f"/profielen/{concept.pk}/"
    editor, mr, board = (client_for(region, p) for p in ("editor", "mr", "board"))
    editor.post(url + "stap/submit_for_advice/")
    page = mr.post(
        url + "stap/record_advice/",
        {"advice_date": "2026-01-20", "advice_text": "Positief"},
        follow=True,
    )
    assert "Het advies van de (G)MR is vastgelegd." in page.content.decode()
    page = board.post(
        url + "stap/adopt/",
        {"adopted_on": "2026-02-03", "signatory_school": "A", "signatory_board": ""},
        follow=True,
    )
    assert "Vul de namen in van wie tekent" in page.content.decode()
    board.post(
        url + "stap/adopt/",
        {"adopted_on": "2026-02-03", "signatory_school": "A", "signatory_board": "B"},
    )
    board.post(url + "stap/publish/")
    concept.refresh_from_db()
    assert concept.state == "published"
    public = Client().get(url).content.decode()
    assert "gepubliceerd" in public
    assert "namens school: A; namens bestuur: B" in public
