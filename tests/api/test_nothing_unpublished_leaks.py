"""Anonymous clients and other SWVs' keys never see a profile that is not public, in any
state; the SWV's own key sees all states of its own schools' profiles."""

from __future__ import annotations

import pytest

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.api.conftest import Keys, Region, api_get
from tests.web.conftest import signed_in, zuid_kennemerland
from tests.web.test_workflow_steps import bring_to

UNPUBLISHED = ["concept", "advice", "advice_recorded", "adopted"]


def _seen(key: str | None) -> tuple[set[int], int | None]:
    """The profile ids in the list, and the school's public profile."""
    listed = api_get("/api/v1/profielen/", key).json()
    school = api_get("/api/v1/scholen/99XA00/", key).json()
    public = school["gepubliceerd_profiel"]
    return {p["id"] for p in listed["results"]}, public and public["id"]


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_anonymous_and_other_swv_never_see_it(
    region: Region, concept: Profile, keys: Keys, state: str
) -> None:
    profile = bring_to(state, concept, region)
    for key in (None, keys.other):
        listed, public = _seen(key)
        assert profile.pk not in listed, (state, key)
        assert public is None
        assert api_get(f"/api/v1/profielen/{profile.pk}/", key).status_code == 404
        for status in ("concept", "advice", "adopted"):
            found = api_get("/api/v1/profielen/", key, status=status).json()
            assert found["count"] == 0


@pytest.mark.parametrize("state", [*UNPUBLISHED, "published"])
def test_the_swvs_own_key_sees_every_state(
    region: Region, concept: Profile, keys: Keys, state: str
) -> None:
    profile = bring_to(state, concept, region)
    listed, _ = _seen(keys.own)
    assert profile.pk in listed
    detail = api_get(f"/api/v1/profielen/{profile.pk}/", keys.own)
    assert detail.status_code == 200
    assert detail.json()["status"] == profile.state


def test_a_correction_in_progress_stays_hidden_but_the_published_one_shows(
    region: Region, concept: Profile, keys: Keys
) -> None:
    published = bring_to("published", concept, region)
    correction = services.start_correction(published, region.user("editor"))  # type: ignore[arg-type]
    for key in (None, keys.other):
        listed, public = _seen(key)
        assert listed == {published.pk}
        assert public == published.pk
        assert api_get(f"/api/v1/profielen/{correction.pk}/", key).status_code == 404
    assert correction.pk in _seen(keys.own)[0]


def test_a_school_that_moved_shows_no_profile_of_its_old_swv(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    region.school.swv = zuid_kennemerland()
    region.school.save()
    listed, public = _seen(None)
    assert listed == set()
    assert public is None
    assert api_get(f"/api/v1/profielen/{published.pk}/").status_code == 404


def test_a_session_login_does_not_widen_the_api(region: Region, concept: Profile) -> None:
    """The API reads keys only: SWV staff signed in to the site see what the public sees."""
    client = signed_in(region, "swv_staff")
    assert client.get(f"/api/v1/profielen/{concept.pk}/").status_code == 404


def test_the_public_lists_follow_a_publication_and_a_move_at_once(
    region: Region, concept: Profile
) -> None:
    """The public lists' ids are kept per version of the public data: read before each
    change, they still show it on the very next request."""
    adopted = bring_to("adopted", concept, region)
    assert _seen(None)[0] == set()
    assert api_get("/api/v1/profielen/", None, laatste="true").json()["count"] == 0
    published = services.publish(adopted, region.user("board"))  # type: ignore[arg-type]
    assert _seen(None)[0] == {published.pk}
    assert api_get("/api/v1/profielen/", None, laatste="true").json()["count"] == 1
    region.school.swv = zuid_kennemerland()
    region.school.save()
    assert _seen(None)[0] == set()
    assert api_get("/api/v1/profielen/", None, laatste="true").json()["count"] == 0
