"""The SWV's basisondersteuning as data: the shipped YAML files, mistakes said in Dutch,
what changed between two versions, and the parts standing in for a format's fixed texts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from opensop.basisondersteuning.text import (
    BaseSupportError,
    BaseSupportText,
    Part,
    apply_to,
    changes,
    read_yaml,
    unplaced_parts,
)
from opensop.formats.definition import FixedTextItem
from opensop.formats.registry import FormatRegistry

DATA = Path(__file__).resolve().parents[2] / "src" / "opensop" / "basisondersteuning" / "data"


def _format(format_id: str):
    found = FormatRegistry.builtin().get(format_id, 1)
    assert found is not None
    return found


def test_the_seed_002_texts_are_shipped_as_one_document_that_fits_the_format() -> None:
    text = read_yaml((DATA / "zuid-kennemerland.yaml").read_text(encoding="utf-8"))
    definition = _format("zuid-kennemerland-vo")
    assert text.title == "Basisondersteuning Zuid-Kennemerland"
    assert len(text.parts) == 10
    # Every part stands in for a fixed text of the format: word for word the seed's text.
    assert unplaced_parts(definition, text) == []
    for part in text.parts:
        item = definition.item(part.key)
        assert isinstance(item, FixedTextItem)
        assert item.text == part.text
    veiligheid = text.part("basis_veiligheid")
    assert veiligheid is not None
    checklist = [b for b in veiligheid.blocks() if b.is_list]
    assert checklist[0].lines[0] == "een verzuimprotocol"


def test_the_four_anchor_points_of_seed_000_stand_on_their_own() -> None:
    text = read_yaml((DATA / "zuid-limburg.yaml").read_text(encoding="utf-8"))
    definition = _format("zuid-limburg-po")
    assert [p.title for p in unplaced_parts(definition, text)] == [
        "Ankerpunt 1: Kwaliteitsstandaard",
        "Ankerpunt 2: Planmatig en handelingsgericht werken",
        "Ankerpunt 3: Specifieke ondersteuning",
        "Ankerpunt 4: Ondersteuningsstructuur",
    ]
    assert apply_to(definition, text) is definition  # nothing to put in place


def test_a_new_version_takes_the_place_of_the_fixed_text_in_a_copy_of_the_format() -> None:
    definition = _format("zuid-kennemerland-vo")
    new = BaseSupportText("Basisondersteuning", (Part("basis_medisch", "Medisch", "Nieuw."),))
    shown = apply_to(definition, new)
    item = shown.item("basis_medisch")
    assert isinstance(item, FixedTextItem)
    assert item.text == "Nieuw."
    original = definition.item("basis_medisch")
    assert isinstance(original, FixedTextItem)
    assert original.text.startswith("Er is vastgelegd")  # the registry's format is untouched


def test_what_changed_between_two_versions() -> None:
    old = BaseSupportText(
        "B",
        (
            Part(
                "veilig",
                "Veilig klimaat",
                "Er is:\n- een verzuimprotocol\n- een vertrouwenspersoon",
            ),
            Part("overdracht", "Overdracht", "Warme overdracht."),
            Part("lvs", "Leerlingvolgsysteem", "Een digitaal systeem."),
        ),
    )
    new = BaseSupportText(
        "B",
        (
            Part(
                "veilig",
                "Veilig klimaat",
                "Er is:\n- een verzuimprotocol\n- een anti-pestcoördinator",
            ),
            Part("lvs", "Leerlingvolgsysteem", "Een   digitaal\nsysteem."),  # only spacing
            Part("dyslexie", "Dyslexie", "Een dyslexieprotocol."),
        ),
    )
    found = {c.title: c for c in changes(old, new)}
    assert set(found) == {"Veilig klimaat", "Dyslexie", "Overdracht"}
    assert found["Veilig klimaat"].kind == "gewijzigd"
    assert found["Veilig klimaat"].added == ["een anti-pestcoördinator"]
    assert found["Veilig klimaat"].removed == ["een vertrouwenspersoon"]
    assert found["Dyslexie"].kind == "toegevoegd"
    assert found["Overdracht"].kind == "vervallen"
    assert changes(new, new) == []


GOOD = "title: T\nsections:\n  - {key: a, title: A, text: Tekst}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [T\n", "geen geldige YAML"),
        ("- a\n- b\n", "verwacht de velden title en sections"),
        ("sections:\n  - {key: a, title: A, text: T}\n", "de titel (title) ontbreekt"),
        ("title: T\n", "geef ten minste één onderdeel"),
        ("title: T\nsections:\n  - {key: A B, title: A, text: T}\n", "sleutel (key) 'A B'"),
        ("title: T\nsections:\n  - {key: a, text: T}\n", "onderdeel 1 (a): de titel"),
        ("title: T\nsections:\n  - {key: a, title: A}\n", "onderdeel 1 (a): de tekst"),
        (GOOD + "  - {key: a, title: B, text: U}\n", "onderdeel 2: de sleutel 'a' komt twee keer"),
        (GOOD + "valid_from: morgen\n", "valid_from 'morgen' is geen datum"),
        (GOOD + "versie: 2\n", "onbekend veld versie"),
        (
            "title: T\nsections:\n  - {key: a, title: A, text: T, kleur: rood}\n",
            "onbekend veld kleur",
        ),
    ],
)
def test_a_mistake_in_the_yaml_is_said_in_dutch(text: str, message: str) -> None:
    with pytest.raises(BaseSupportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_yaml(text, file="basis.yaml")


def test_the_file_name_is_in_the_message() -> None:
    with pytest.raises(BaseSupportError, match=r"^basis\.yaml: "):
        read_yaml("title: T\n", file="basis.yaml")
    assert dataclasses.asdict(read_yaml(GOOD).parts[0]) == {
        "key": "a",
        "title": "A",
        "text": "Tekst",
    }
