"""The SWV keeps its basisondersteuning once: a new version reaches every profile of its
period without copying; each profile shows the version in force on its date, with what
changed; SWV staff write a draft and publish it; a YAML file is loaded by command."""

from __future__ import annotations

import copy
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opensop.basisondersteuning import services
from opensop.basisondersteuning.models import BaseSupportDraft, BaseSupportVersion
from opensop.basisondersteuning.text import read_yaml
from opensop.documents.models import Kind
from opensop.documents.services import document_html
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile, State
from tests.web.conftest import Region, signed_in, zuid_kennemerland
from tests.web.overview_data import profile as made_profile

DATA = Path(__file__).resolve().parents[2] / "src" / "opensop" / "basisondersteuning" / "data"
VO_YAML = DATA / "zuid-kennemerland.yaml"
NEW_SAFETY = "De school heeft een anti-pestcoördinator die elke klas kent."


@pytest.fixture
def kennemerland(region: Region) -> Swv:
    return zuid_kennemerland()


def _school(swv: Swv, brin: str) -> School:
    return School.objects.create(
        brin=brin, name=f"School {brin}", board=Board.objects.create(name=brin), swv=swv
    )


def _second_version(swv: Swv, valid_from: datetime.date) -> BaseSupportVersion:
    first = read_yaml(VO_YAML.read_text(encoding="utf-8"))
    parts = [p for p in first.parts if p.key != "basis_medisch"]
    safety = next(p for p in parts if p.key == "basis_veiligheid")
    parts[parts.index(safety)] = type(safety)(safety.key, safety.title, NEW_SAFETY)
    new = type(first)(first.title, tuple(parts))
    return services.publish_text(swv, None, new, valid_from)


def test_a_new_version_reaches_every_profile_of_its_period_without_copying(
    region: Region, kennemerland: Swv
) -> None:
    call_command("load_basisondersteuning", str(VO_YAML), swv="VO 27-05", stdout=StringIO())
    adopted_early = made_profile(
        _school(kennemerland, "99ZA"),
        "vo/voldoet",
        State.ADOPTED,
        adopted_on=datetime.date(2026, 2, 3),
    )
    concept = made_profile(_school(kennemerland, "99ZB"), "vo/voldoet-niet", State.CONCEPT)
    answers_before = {p.pk: copy.deepcopy(p.answers) for p in (adopted_early, concept)}
    _second_version(kennemerland, datetime.date(2026, 3, 1))

    staff = signed_in(region, "admin")
    # The concept of 2025-2026 is read on the last day of its year: version 2 is in force.
    page = staff.get(f"/profielen/{concept.pk}/").content.decode()
    assert "versie 2" in page
    assert NEW_SAFETY in page
    assert "Wat is veranderd sinds versie 1" in page
    assert "Protocol voor verpleegkundige en medische handelingen</strong>: vervallen" in page
    assert "<ins>De school heeft een anti-pestcoördinator die elke klas kent.</ins>" in page
    assert "<del>een verzuimprotocol</del>" in page
    edit = signed_in(region, "admin").get(f"/profielen/{concept.pk}/bewerken/3.2/")
    assert edit.status_code == 403  # only its editors edit; the text shows for them below
    assert NEW_SAFETY in document_html(concept, Kind.FULL)

    # The profile adopted before 1 March keeps the version it was adopted with.
    early = staff.get(f"/profielen/{adopted_early.pk}/").content.decode()
    assert "versie 1" in early
    assert NEW_SAFETY not in early
    assert "een verzuimprotocol" in document_html(adopted_early, Kind.FULL)

    # Nothing was copied into the profiles.
    for stored in Profile.objects.filter(pk__in=answers_before):
        assert stored.answers == answers_before[stored.pk]
        assert "basis_veiligheid" not in stored.answers


def test_the_edit_page_shows_the_version_in_force(
    region: Region, secondary_concept: Profile
) -> None:
    swv = secondary_concept.school.swv
    call_command("load_basisondersteuning", str(VO_YAML), swv=swv.code, stdout=StringIO())
    _second_version(swv, datetime.date(2025, 9, 1))
    page = signed_in(region, "editor").get(f"/profielen/{secondary_concept.pk}/bewerken/3.2/")
    text = page.content.decode()
    assert page.status_code == 200
    assert NEW_SAFETY in text
    assert "Basisondersteuning Zuid-Kennemerland, versie 2, geldig vanaf 1 september 2025" in text


def test_four_anchor_points_show_as_a_block_of_their_own(region: Region, concept: Profile) -> None:
    call_command(
        "load_basisondersteuning",
        str(DATA / "zuid-limburg.yaml"),
        swv="PO 31-06",
        stdout=StringIO(),
    )
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    assert "Ankerpunt 4: Ondersteuningsstructuur" in page
    assert "Ankerpunt 4: Ondersteuningsstructuur" in document_html(concept, Kind.FULL)


def test_without_a_version_the_format_text_shows(
    region: Region, secondary_concept: Profile
) -> None:
    page = signed_in(region, "editor").get(f"/profielen/{secondary_concept.pk}/").content.decode()
    assert "een verzuimprotocol" in page
    assert "Basisondersteuning van het samenwerkingsverband" not in page


def test_swv_staff_write_a_draft_and_publish_it(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    url = f"/swv/{region.school.swv_id}/basisondersteuning/"
    assert client.get(url).status_code == 200
    form = {
        "title": "Basisondersteuning Heerlen",
        "valid_from": "2025-08-01",
        "onderdeel-TOTAL_FORMS": "2",
        "onderdeel-INITIAL_FORMS": "0",
        "onderdeel-0-title": "Veilig klimaat",
        "onderdeel-0-text": "Elke school heeft:\n- een pestprotocol",
        "onderdeel-1-title": "",
        "onderdeel-1-text": "",
    }
    assert client.post(url, form).status_code == 302
    draft = BaseSupportDraft.objects.get(swv=region.school.swv)
    assert draft.parts == [
        {
            "key": "veilig_klimaat",
            "title": "Veilig klimaat",
            "text": "Elke school heeft:\n- een pestprotocol",
        }
    ]
    assert not BaseSupportVersion.objects.exists()  # a draft is not yet in force
    client.post(url + "publiceren/")
    version = BaseSupportVersion.objects.get()
    assert (version.number, version.published_by) == (1, region.user("swv_staff"))
    page = client.get(url).content.decode()
    assert "Versie 1 is gepubliceerd" in page
    assert "eerste versie" in page


def test_a_part_without_text_is_refused_and_nothing_is_saved(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    response = client.post(
        f"/swv/{region.school.swv_id}/basisondersteuning/",
        {
            "title": "Basisondersteuning",
            "valid_from": "2025-08-01",
            "onderdeel-TOTAL_FORMS": "1",
            "onderdeel-INITIAL_FORMS": "0",
            "onderdeel-0-title": "Veilig klimaat",
            "onderdeel-0-text": "",
        },
    )
    assert response.status_code == 400
    assert "de tekst (text) ontbreekt" in response.content.decode()
    assert not BaseSupportDraft.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [kapot\n", "geen geldige YAML"),
        (
            "title: T\nsections:\n  - {key: a, title: A}\n",
            "onderdeel 1 (a): de tekst (text) ontbreekt",
        ),
    ],
)
def test_bad_yaml_is_refused_in_dutch_and_nothing_is_stored(
    region: Region, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "basis.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("load_basisondersteuning", str(path), swv="PO 31-06")
    assert not BaseSupportVersion.objects.exists()


def test_an_unknown_swv_is_named(region: Region) -> None:
    with pytest.raises(CommandError, match="Onbekend samenwerkingsverband: XX 00-00"):
        call_command("load_basisondersteuning", str(VO_YAML), swv="XX 00-00")


def test_a_file_that_is_not_text_is_refused(region: Region, tmp_path: Path) -> None:
    path = tmp_path / "basis.yaml"
    path.write_bytes(b"title: \xff\xfe kapot\n")
    with pytest.raises(CommandError, match=r"basis\.yaml: het bestand is geen UTF-8-tekst"):
        call_command("load_basisondersteuning", str(path), swv="PO 31-06")
    with pytest.raises(CommandError, match="kan het bestand niet lezen"):
        call_command("load_basisondersteuning", str(tmp_path / "weg.yaml"), swv="PO 31-06")
    assert not BaseSupportVersion.objects.exists()
