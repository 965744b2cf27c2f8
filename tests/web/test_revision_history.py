"""The history of a profile: every save with who and what, and the history of one answer."""

from __future__ import annotations

from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region, signed_in
from tests.web.test_workflow_steps import bring_to


def test_history_per_profile_and_per_question(region: Region, concept: Profile) -> None:
    editor = region.user("editor")
    profile = services.save_answers(concept, editor, {"directeur": "mw. A"}, concept.revision)  # type: ignore[arg-type]
    profile = services.save_answers(
        profile, editor, {"directeur": "dhr. B", "leerlingen_tm8": 7}, profile.revision
    )  # type: ignore[arg-type]
    client = signed_in(region, "swv_staff")
    page = client.get(f"/profielen/{profile.pk}/revisies/").content.decode()
    assert '<a href="?vraag=directeur">Directeur</a>' in page
    assert "Aantal leerlingen ≤ 8 jr" in page
    one = client.get(f"/profielen/{profile.pk}/revisies/?vraag=directeur").content.decode()
    assert "Geschiedenis van ‘Directeur’" in one
    assert one.index("dhr. B") < one.index("mw. A")  # newest first
    assert "editor" in one


def test_history_is_as_private_as_the_profile(region: Region, concept: Profile) -> None:
    assert Client().get(f"/profielen/{concept.pk}/revisies/").status_code == 404


def test_who_saved_what_is_not_public_even_when_published(region: Region, concept: Profile) -> None:
    published = bring_to("published", concept, region)
    assert Client().get(f"/profielen/{published.pk}/revisies/").status_code == 403
    assert "opslagmomenten" not in Client().get(f"/profielen/{published.pk}/").content.decode()
    assert (
        signed_in(region, "inspectorate").get(f"/profielen/{published.pk}/revisies/").status_code
        == 403
    )
    assert signed_in(region, "board").get(f"/profielen/{published.pk}/revisies/").status_code == 200
