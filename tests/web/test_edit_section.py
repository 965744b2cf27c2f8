"""Filling in a section in the browser: fields from the format, errors beside the field, no lost work."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region, signed_in


def editor_client(region: Region) -> Client:
    client = Client()
    client.force_login(region.user("editor"))  # type: ignore[arg-type]
    return client


def post(client: Client, profile: Profile, section: str, data: dict[str, Any]) -> Any:
    return client.post(
        f"/profielen/{profile.pk}/bewerken/{section}/", {"revision": profile.revision, **data}
    )


def test_every_section_renders_its_questions(region: Region, concept: Profile) -> None:
    client = editor_client(region)
    page = client.get(f"/profielen/{concept.pk}/bewerken/3.3/").content.decode()
    assert "Specifieke ondersteuning: preventieve en licht curatieve interventies" in page
    assert 'name="a-interventies-r-rekenen-beleid"' in page
    assert (
        '<label class="visually-hidden" for="a-interventies-r-rekenen-beleid">Beleid, 1. De school biedt'
        in page
    )
    for number in ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.4", "4", "5"):
        assert client.get(f"/profielen/{concept.pk}/bewerken/{number}/").status_code == 200


def test_saving_simple_answers_with_a_dutch_decimal_comma(
    region: Region, empty_concept: Profile
) -> None:
    response = post(
        editor_client(region),
        empty_concept,
        "2.2",
        {"a-leerlingen_tm8": "120", "a-uitstroom_pro": "12,5"},
    )
    assert response.status_code == 302
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {"leerlingen_tm8": 120, "uitstroom_pro": 12.5}


def test_an_error_is_shown_beside_its_field_and_nothing_is_saved(
    region: Region, empty_concept: Profile
) -> None:
    response = post(
        editor_client(region),
        empty_concept,
        "2.2",
        {"a-leerlingen_tm8": "120", "a-leerlingen_8plus": "-3"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="e-leerlingen_8plus"' in page
    assert "-3 is te laag; de waarde moet minstens 0 zijn" in page
    assert '<a href="#f-leerlingen_8plus">Aantal leerlingen &gt; 8 jr</a>' in page
    assert 'value="-3"' in page  # what the user typed stays in the field
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {}


def test_grid_answers_turn_a_norm_from_not_met_to_met(
    region: Region, empty_concept: Profile
) -> None:
    client = editor_client(region)
    cells = {
        f"a-interventies-r-{row}-{col}": "ja"
        for row in ("rekenen", "lezen", "hoogbegaafdheid", "gedrag")
        for col in ("beleid", "specialisme", "gesloten_keten", "proceseigenaar")
    }
    cells["a-interventies-r-gedrag-specialisme"] = "nee"
    post(client, empty_concept, "3.3", cells)
    page = client.get(f"/profielen/{empty_concept.pk}/bewerken/3.3/").content.decode()
    assert "Voldoet niet:</strong> Passende ondersteuning op de eerste vier interventies" in page
    empty_concept.refresh_from_db()
    post(client, empty_concept, "3.3", {**cells, "a-interventies-r-gedrag-specialisme": "ja"})
    page = client.get(f"/profielen/{empty_concept.pk}/bewerken/3.3/").content.decode()
    assert "Voldoet:</strong> Passende ondersteuning op de eerste vier interventies" in page


def test_a_stale_form_is_refused_with_what_changed(
    region: Region, empty_concept: Profile, colleague: User
) -> None:
    client = editor_client(region)
    stale_revision = empty_concept.revision
    services.save_answers(empty_concept, colleague, {"directeur": "mw. Eerder"}, stale_revision)
    response = client.post(
        f"/profielen/{empty_concept.pk}/bewerken/2.1/",
        {"revision": stale_revision, "a-directeur": "dhr. Later", "a-school_naam": "De Bron"},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Niet opgeslagen: iemand anders was u voor" in page
    # What changed, beside what the user typed: question, their input, what is stored now.
    assert '<tr><th scope="row">Directeur</th><td>dhr. Later</td><td>mw. Eerder</td></tr>' in page
    assert 'value="dhr. Later"' in page  # the user's own input is still there to save again
    empty_concept.refresh_from_db()
    assert empty_concept.answers["directeur"] == "mw. Eerder"


def test_only_the_schools_editor_opens_the_form(region: Region, concept: Profile) -> None:
    for persona, status in [
        ("mr", 403),
        ("board", 403),
        ("editor_other_school", 404),
        ("swv_staff", 403),
    ]:
        client = signed_in(region, persona)
        assert client.get(f"/profielen/{concept.pk}/bewerken/2.1/").status_code == status, persona
    assert Client().get(f"/profielen/{concept.pk}/bewerken/2.1/").status_code == 404


def test_offers_and_own_offers_of_a_checklist(region: Region, secondary_concept: Profile) -> None:
    profile = secondary_concept
    response = post(
        editor_client(region),
        profile,
        "3.8",
        {
            "a-aanbod_toegankelijkheid-o-lift": "deels",
            "a-aanbod_toegankelijkheid-o-rolstoeltoegankelijkheid": "niet",
            "a-aanbod_toegankelijkheid-own0-label": "Invalidentoilet",
            "a-aanbod_toegankelijkheid-own0-state": "aanwezig",
            "a-aanbod_toegankelijkheid-own1-label": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.answers["aanbod_toegankelijkheid"] == {
        "offers": {"lift": "deels"},
        "own": [{"label": "Invalidentoilet", "state": "aanwezig"}],
    }


def test_progress_per_section_counts_open_required_questions(
    region: Region, empty_concept: Profile
) -> None:
    client = editor_client(region)
    page = client.get(f"/profielen/{empty_concept.pk}/bewerken/2.1/").content.decode()
    assert (
        '2.1 Algemene gegevens van de school</a>\n      <span class="todo">— nog 11 open</span>'
        in page
    )
    post(
        client,
        empty_concept,
        "5",
        {"a-ambities-0-ontwikkeldoel": "Rekenen op maat", "a-ambities-0-tijdpad": "2026"},
    )
    page = client.get(f"/profielen/{empty_concept.pk}/bewerken/2.1/").content.decode()
    assert '5 Ambities en ontwikkeldoelen</a>\n      <span class="done">— volledig</span>' in page
