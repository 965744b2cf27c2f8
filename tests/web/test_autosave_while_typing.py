"""Autosave: htmx posts the section while the user types; the page shows what was saved,
what was not and why, and the totals and norms as they stand with what was typed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region
from tests.web.test_edit_section import editor_client


def autosave(client: Client, profile: Profile, section: str, data: dict[str, Any]) -> str:
    response = client.post(
        f"/profielen/{profile.pk}/bewerken/{section}/",
        {"revision": profile.revision, **data},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200  # htmx swaps every outcome into the page
    return response.content.decode()


def test_the_section_page_loads_htmx_and_autosaves_the_form(
    region: Region, empty_concept: Profile
) -> None:
    page = editor_client(region).get(f"/profielen/{empty_concept.pk}/bewerken/2.2/")
    html = page.content.decode()
    assert "django_htmx/htmx-2.min.js" in html
    assert 'hx-trigger="input changed delay:1s, change"' in html
    assert 'id="save-status" role="status"' in html
    assert '<button type="submit">Opslaan</button>' in html  # works without JavaScript too


def test_typing_saves_and_returns_the_new_revision(region: Region, empty_concept: Profile) -> None:
    html = autosave(editor_client(region), empty_concept, "2.2", {"a-leerlingen_tm8": "120"})
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {"leerlingen_tm8": 120}
    assert "Alles is opgeslagen" in html
    assert (
        f'<input type="hidden" name="revision" id="revision" value="{empty_concept.revision}" '
        'hx-swap-oob="true">' in html
    )


def test_totals_update_with_what_was_typed(region: Region, empty_concept: Profile) -> None:
    html = autosave(
        editor_client(region),
        empty_concept,
        "2.2",
        {"a-leerlingen_tm8": "120", "a-leerlingen_8plus": "15", "a-uitstroom_pro": "40"},
    )
    assert "<dt>Totaal aantal leerlingen</dt><dd>135</dd>" in html
    assert "<dt>Totale uitstroom (%)</dt><dd>40</dd>" in html
    # The format's check on the total is shown while typing, not only at the end.
    assert "De uitstroompercentages tellen samen op tot 40 %; dat moet 100 % zijn." in html


def test_an_error_saves_nothing_and_is_shown_beside_its_field(
    region: Region, empty_concept: Profile
) -> None:
    html = autosave(
        editor_client(region),
        empty_concept,
        "2.2",
        {"a-leerlingen_tm8": "120", "a-leerlingen_8plus": "twaalf"},
    )
    assert 'Niet opgeslagen: <a href="#f-leerlingen_8plus">Aantal leerlingen &gt; 8 jr</a>' in html
    assert (
        '<div class="field-errors" id="e-leerlingen_8plus" hx-swap-oob="true"><ul>'
        "<li>‘twaalf’ is geen getal</li></ul></div>" in html
    )
    # The readable part still counts in the live total, though nothing was saved.
    assert "<dt>Totaal aantal leerlingen</dt><dd>120</dd>" in html
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {}


def test_a_norm_turns_while_typing(region: Region, empty_concept: Profile) -> None:
    client = editor_client(region)
    cells = {
        f"a-interventies-r-{row}-{col}": "ja"
        for row in ("rekenen", "lezen", "hoogbegaafdheid", "gedrag")
        for col in ("beleid", "specialisme", "gesloten_keten", "proceseigenaar")
    }
    title = "Passende ondersteuning op de eerste vier interventies"
    html = autosave(
        client, empty_concept, "3.3", {**cells, "a-interventies-r-gedrag-beleid": "nee"}
    )
    assert f"Voldoet niet:</strong> {title}" in html
    empty_concept.refresh_from_db()
    html = autosave(client, empty_concept, "3.3", cells)
    assert f"Voldoet:</strong> {title}" in html


def test_progress_and_missing_marks_update(region: Region, empty_concept: Profile) -> None:
    html = autosave(editor_client(region), empty_concept, "2.1", {"a-directeur": "mw. Jansen"})
    assert '<span id="m-directeur" hx-swap-oob="true"></span>' in html
    assert '<span id="m-school_naam" hx-swap-oob="true"> <span class="todo">' in html
    assert '2.1 Algemene gegevens van de school</a>\n      <span class="todo">— nog 10 open' in html


def test_others_answers_elsewhere_are_kept_without_a_conflict(
    region: Region, empty_concept: Profile, colleague: User
) -> None:
    """Two people fill in different sections at the same time: both saves stay."""
    stale = Profile.objects.get(pk=empty_concept.pk)
    services.save_answers(empty_concept, colleague, {"leerlingen_tm8": 80}, stale.revision)
    html = autosave(editor_client(region), stale, "2.1", {"a-directeur": "mw. Jansen"})
    assert "Alles is opgeslagen" in html
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {"leerlingen_tm8": 80, "directeur": "mw. Jansen"}


def test_a_conflict_shows_both_versions_and_saves_nothing(
    region: Region, empty_concept: Profile, colleague: User
) -> None:
    stale = Profile.objects.get(pk=empty_concept.pk)
    services.save_answers(empty_concept, colleague, {"directeur": "mw. Eerder"}, stale.revision)
    html = autosave(editor_client(region), stale, "2.1", {"a-directeur": "dhr. Later"})
    assert "Niet opgeslagen: iemand anders was u voor" in html
    assert "Mieke de Vries heeft intussen deze vraag opgeslagen" in html
    assert "<td>dhr. Later</td><td>mw. Eerder</td>" in html
    assert 'name="overwrite" value="' in html
    empty_concept.refresh_from_db()
    assert empty_concept.answers["directeur"] == "mw. Eerder"


def test_saving_mine_after_a_conflict_is_a_deliberate_choice(
    region: Region, empty_concept: Profile, colleague: User
) -> None:
    base = empty_concept.revision
    saved = services.save_answers(empty_concept, colleague, {"directeur": "mw. Eerder"}, base)
    response = editor_client(region).post(
        f"/profielen/{empty_concept.pk}/bewerken/2.1/",
        {"revision": base, "overwrite": saved.revision, "a-directeur": "dhr. Later"},
    )
    assert response.status_code == 302
    empty_concept.refresh_from_db()
    assert empty_concept.answers["directeur"] == "dhr. Later"
    last = empty_concept.revisions.order_by("-number").first()
    assert last is not None
    assert last.changed_keys == ["directeur"]
