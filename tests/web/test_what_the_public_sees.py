"""Only published profiles of a school's current SWV are public; per school the newest one."""

from __future__ import annotations

from opensop.portal.index import public_index
from opensop.profiles.models import Profile
from opensop.profiles.published import (
    latest_public_rows,
    latest_published_profiles,
    published_profiles,
)
from opensop.workflow import services
from tests.web.conftest import Region, zuid_kennemerland
from tests.web.portal_world import public_world
from tests.web.test_workflow_steps import bring_to


def test_only_published_profiles_are_public(region: Region, concept: Profile) -> None:
    assert list(published_profiles()) == []
    adopted = bring_to("adopted", concept, region)
    assert list(published_profiles()) == []
    published = services.publish(adopted, region.user("board"))
    assert list(published_profiles()) == [published]


def test_per_school_only_the_newest_edition_and_year(region: Region, concept: Profile) -> None:
    first = bring_to("published", concept, region)
    correction = services.start_correction(first, region.user("editor"))  # type: ignore[arg-type]
    assert list(latest_published_profiles()) == [first]  # the correction is still a concept
    second = bring_to("published", correction, region)
    assert set(published_profiles()) == {first, second}
    assert list(latest_published_profiles()) == [second]


def test_a_school_that_left_the_swv_takes_no_profile_along(
    region: Region, concept: Profile
) -> None:
    bring_to("published", concept, region)
    secondary = zuid_kennemerland()
    region.school.swv = secondary
    region.school.save()
    assert list(published_profiles()) == []
    assert list(latest_published_profiles()) == []


def test_the_stored_rows_the_search_reads_are_the_same_set(
    region: Region, concept: Profile
) -> None:
    """The search reads `latest_public_rows()`, through its index in memory: in every state
    of the world below both hold exactly the profiles of `latest_published_profiles()`."""

    def same() -> None:
        rows = set(latest_public_rows().values_list("profile_id", flat=True))
        assert rows == set(latest_published_profiles().values_list("pk", flat=True))
        assert {school.profile_id for school in public_index().schools} == rows

    world = public_world(region, concept)  # concept, advice, adopted, moved, corrections
    same()
    assert world.moved_profile.pk not in set(
        latest_public_rows().values_list("profile_id", flat=True)
    )
    correction = services.start_correction(world.verscheidenheid, region.user("editor"))  # type: ignore[arg-type]
    same()
    bring_to("published", correction, region)
    same()
