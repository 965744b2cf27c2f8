"""A school that moved to an SWV with another format takes no public profile along
(profiles/published.py): its old published profile's document pages are not public any more,
while the school's own people still read them."""

from __future__ import annotations

from django.test import Client

from opensop.profiles.models import Profile
from tests.web.conftest import Region, signed_in, zuid_kennemerland
from tests.web.test_workflow_steps import bring_to

PAGES = ["/profielen/{pk}/document/profiel/", "/profielen/{pk}/document/samenvatting/"]


def _move_to_secondary(region: Region) -> None:
    region.school.swv = zuid_kennemerland()
    region.school.save()


def test_anyone_reads_the_published_document_while_the_school_stays(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    for page in PAGES:
        assert Client().get(page.format(pk=published.pk)).status_code == 200


def test_after_the_move_the_public_and_other_schools_do_not(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    _move_to_secondary(region)
    for client in (Client(), signed_in(region, "editor_other_school")):
        for page in [*PAGES, "/profielen/{pk}/"]:
            assert client.get(page.format(pk=published.pk)).status_code == 404, page
    assert published.pk not in [
        p.pk for p in Client().get("/").context["profiles"]
    ]  # nor on the public home page


def test_after_the_move_the_school_itself_still_reads_it(region: Region, concept: Profile) -> None:
    published = bring_to("published", concept, region)
    _move_to_secondary(region)
    editor = signed_in(region, "editor")
    for page in PAGES:
        assert editor.get(page.format(pk=published.pk)).status_code == 200
