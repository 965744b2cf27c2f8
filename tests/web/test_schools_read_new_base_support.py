"""A new version of the SWV's basisondersteuning reaches every school: its profile page shows
what changed until an editor of that school marks it as read ("Gelezen"), recorded with who
and when; the SWV's page shows which schools read the newest version and which not."""

from __future__ import annotations

import datetime
import re

import pytest

from opensop.basisondersteuning import services
from opensop.basisondersteuning.models import BaseSupportAcknowledgement, BaseSupportVersion
from opensop.basisondersteuning.text import BaseSupportText, parts_from_data
from opensop.organisations.models import School
from opensop.profiles.models import Profile, State
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import profile as made_profile

NOTICE = "Nieuwe basisondersteuning van het samenwerkingsverband"


def _text(safety: str, extra: bool = False) -> BaseSupportText:
    parts = [{"key": "veiligheid", "title": "Veilig klimaat", "text": f"- {safety}"}]
    if extra:
        parts.append({"key": "dyslexie", "title": "Dyslexie", "text": "- een dyslexieprotocol"})
    return BaseSupportText("Basisondersteuning Heerlen", parts_from_data(parts))


@pytest.fixture
def versions(region: Region) -> BaseSupportVersion:
    swv = region.school.swv
    services.publish_text(swv, None, _text("een pestprotocol"), datetime.date(2025, 8, 1))
    return services.publish_text(
        swv, None, _text("een anti-pestcoördinator", extra=True), datetime.date(2026, 8, 1)
    )


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _read(region: Region, profile: Profile, version: BaseSupportVersion, persona: str) -> int:
    client = signed_in(region, persona)
    url = f"/profielen/{profile.pk}/basisondersteuning/gelezen/"
    return client.post(url, {"version": version.pk}).status_code


def test_every_school_sees_what_changed_until_an_editor_marks_it_read(
    region: Region, concept: Profile, versions: BaseSupportVersion
) -> None:
    swv = region.school.swv
    second = School.objects.create(
        brin="99XD", name="Sint-Servaas", board=region.school.board, swv=swv
    )
    other = made_profile(second, "voldoet", State.PUBLISHED)
    for persona in ("editor", "mr", "board"):
        page = _plain(signed_in(region, persona).get(f"/profielen/{concept.pk}/").content.decode())
        assert NOTICE in page, persona
        assert "versie 2" in page
        assert "Wat is veranderd sinds versie 1" in page
        assert "Dyslexie : toegevoegd" in page
        assert "een anti-pestcoördinator" in page
    assert (
        "Gelezen</button>"
        in signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    )
    assert (
        "Gelezen</button>"
        not in signed_in(region, "mr").get(f"/profielen/{concept.pk}/").content.decode()
    )

    assert _read(region, concept, versions, "editor") == 302
    read = BaseSupportAcknowledgement.objects.get()
    assert (read.school, read.version, read.acknowledged_by) == (
        region.school,
        versions,
        region.user("editor"),
    )
    for persona in ("editor", "mr", "board"):
        page = signed_in(region, persona).get(f"/profielen/{concept.pk}/").content.decode()
        assert NOTICE not in page, persona
    # The other school has not read it: it still sees the notice on its profile.
    assert services.unread_version(other.school) is not None


def test_a_second_click_keeps_the_first_reader(
    region: Region, concept: Profile, versions: BaseSupportVersion, colleague: object
) -> None:
    assert _read(region, concept, versions, "editor") == 302
    client = signed_in(region, "editor")
    client.force_login(colleague)  # type: ignore[arg-type]
    client.post(f"/profielen/{concept.pk}/basisondersteuning/gelezen/", {"version": versions.pk})
    assert BaseSupportAcknowledgement.objects.get().acknowledged_by == region.user("editor")


def test_a_newer_version_shows_the_notice_again(
    region: Region, concept: Profile, versions: BaseSupportVersion
) -> None:
    _read(region, concept, versions, "editor")
    services.publish_text(
        region.school.swv, None, _text("een vertrouwenspersoon"), datetime.date(2027, 8, 1)
    )
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    assert NOTICE in page
    assert "Wat is veranderd sinds versie 2" in page


@pytest.mark.parametrize(
    "persona", ["mr", "board", "swv_staff", "editor_other_school", "inspectorate", "admin"]
)
def test_only_an_editor_of_the_school_marks_it_read(
    region: Region, concept: Profile, versions: BaseSupportVersion, persona: str
) -> None:
    assert _read(region, concept, versions, persona) in (403, 404)
    assert not BaseSupportAcknowledgement.objects.exists()


def test_the_public_and_strangers_are_refused(
    region: Region, concept: Profile, versions: BaseSupportVersion
) -> None:
    response = signed_in(region, "anonymous").post(
        f"/profielen/{concept.pk}/basisondersteuning/gelezen/", {"version": versions.pk}
    )
    assert response.status_code in (302, 404)
    assert not BaseSupportAcknowledgement.objects.exists()


def test_a_version_of_another_swv_is_refused(
    region: Region, concept: Profile, versions: BaseSupportVersion
) -> None:
    foreign = services.publish_text(
        region.other_school.swv, None, _text("iets anders"), datetime.date(2025, 8, 1)
    )
    response = signed_in(region, "editor").post(
        f"/profielen/{concept.pk}/basisondersteuning/gelezen/",
        {"version": foreign.pk},
        follow=True,
    )
    assert "hoort niet bij het samenwerkingsverband van deze school" in response.content.decode()
    assert not BaseSupportAcknowledgement.objects.exists()


def test_the_swv_sees_which_schools_read_the_newest_version(
    region: Region, concept: Profile, versions: BaseSupportVersion
) -> None:
    swv = region.school.swv
    School.objects.create(brin="99XD", name="Sint-Servaas", board=region.school.board, swv=swv)
    _read(region, concept, versions, "editor")
    page = _plain(
        signed_in(region, "swv_staff").get(f"/swv/{swv.pk}/basisondersteuning/").content.decode()
    )
    assert "Gelezen door de scholen: versie 2" in page
    assert "1 van de 2 scholen heeft de nieuwste versie gelezen" in page
    assert "De Verscheidenheid (99XA00) Gelezen op" in page
    assert "door editor" in page
    assert "Sint-Servaas (99XD00) Nog niet gelezen" in page


def test_without_any_version_there_is_no_notice(region: Region, concept: Profile) -> None:
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    assert NOTICE not in page
