"""A filled PDF form of the seed-000 family: every field read, mapped to the format's items."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from opensop.formats.definition import FormatDefinition
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import FieldOutcome, ItemOutcome, map_form, normalise
from opensop.imports.pdf_form import FieldKind, read_form_fields
from tests.formats.conftest import EXAMPLES, SEEDS
from tests.imports.pdf_maker import Choice, Radio, filled_form


def seed_fields() -> dict[str, str | bool]:
    """The filled fields at the end of seed 000: `\\tName: value`, texts over several lines."""
    [seed] = SEEDS.glob("000_*.txt")
    fields: dict[str, str | bool] = {}
    name = None
    for line in seed.read_text("utf-8").splitlines():
        if line.startswith("\t") and ": " in line:
            name, value = line[1:].split(": ", 1)
            fields[name] = {"On": True, "Off": False}.get(value, value)
        elif name is not None and isinstance(fields[name], str):
            fields[name] = f"{fields[name]}\n{line}"
    return fields


def example() -> dict[str, Any]:
    document = YAML(typ="safe").load(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml")
    return dict(document["answers"])


GENERAL = {  # section 2.1 as a form names its fields: the labels, or the format's aliases
    "School": "school_naam",
    "Adres-Straat": "adres_straat",
    "Adres-Postcode": "adres_postcode",
    "Adres-Plaats": "adres_plaats",
    "Brinnummer": "brin",
    "Directeur": "directeur",
    "Telefoon": "telefoon",
    "Email": "email",
    "Intern begeleider(s)": "intern_begeleiders",
    "Bestuur": "bestuur",
}


def seed_form() -> bytes:
    answers = example()
    general = {name: str(answers[key]) for name, key in GENERAL.items()}
    return filled_form({**general, **seed_fields()}, parent="form1")


def test_every_field_of_the_seed_form_is_read() -> None:
    fields = {f.partial: f for f in read_form_fields(seed_form())}
    assert fields["PO 3106 Heerlen eo"].kind == FieldKind.CHECKBOX
    assert fields["PO 3106 Heerlen eo"].checked
    assert fields["PO 3106 Heerlen eo"].text == "On"
    assert not fields["PO 3105 MaastrichtHeuvelland"].checked
    assert fields[["form1", "HAVOVWO"][1]].name == "form1.HAVOVWO"
    concept = fields["Het pedagogisch en didactisch concept"]
    assert concept.kind == FieldKind.TEXT
    assert "\n\nPedagogisch: Vanwege" in concept.text


def test_the_seed_values_come_through(zuid_limburg: FormatDefinition) -> None:
    mapping = map_form(zuid_limburg, read_form_fields(seed_form()), {})
    answers, expected = mapping.answers, example()
    assert answers["samenwerkingsverband"] == "po_31_06" == expected["samenwerkingsverband"]
    assert answers["onderwijsconcept"] == expected["onderwijsconcept"]
    assert answers["onderwijsconcept_kern"] == expected["onderwijsconcept_kern"]
    for key in GENERAL.values():
        assert answers[key] == expected[key], key
    outcomes = {r.field.partial: r for r in mapping.fields}
    assert outcomes["PO 3106 Heerlen eo"].outcome == FieldOutcome.TAKEN
    assert outcomes["PO 3104 Westelijke Mijnstreek"].outcome == FieldOutcome.EMPTY
    assert outcomes["PO 3104 Westelijke Mijnstreek"].note == "niet aangevinkt"
    # The form only ticks which kinds of secondary school pupils went to; the format asks
    # for percentages: recognised, and said plainly why nothing is taken over.
    havo = outcomes["HAVOVWO"]
    assert havo.outcome == FieldOutcome.UNUSABLE
    assert havo.item_key == "uitstroom_havo_vwo"
    assert "alleen een vinkje (aangevinkt)" in havo.note
    assert not any(r.outcome == FieldOutcome.UNKNOWN for r in mapping.fields)
    items = {i.key: i.outcome for i in mapping.items}
    assert items["onderwijsconcept"] == ItemOutcome.FILLED
    assert items["uitstroom_havo_vwo"] == ItemOutcome.EMPTY
    assert items["zorgindicator_01"] == ItemOutcome.EMPTY


def test_field_names_match_labels_with_punctuation_dropped() -> None:
    assert normalise("PO 31-05 (Maastricht-Heuvelland)") == normalise(
        "PO 3105 MaastrichtHeuvelland"
    )
    assert normalise("VMBO basis/LWOO") == "vmbo basislwoo"
    assert normalise("  Intern   Begeleider(s) ") == "intern begeleiders"
    assert normalise("Coördinator") == "coordinator"


def test_similar_labels_that_fold_to_the_same_name_match_only_as_written(
    zuid_limburg: FormatDefinition,
) -> None:
    pdf = filled_form({"Aantal leerlingen > 8 jr": "148", "aantal leerlingen 8 jr": "3"})
    mapping = map_form(zuid_limburg, read_form_fields(pdf), {})
    assert mapping.answers == {"leerlingen_8plus": 148}
    assert mapping.fields[1].outcome == FieldOutcome.UNKNOWN


def test_radio_groups_choice_fields_dutch_numbers_and_dates(
    zuid_limburg: FormatDefinition,
) -> None:
    pdf = filled_form(
        {
            "Samenwerkingsverband": Radio(
                ["PO 3104 Westelijke Mijnstreek", "PO 3105 MaastrichtHeuvelland"],
                "PO 3105 MaastrichtHeuvelland",
            ),
            "Datum": "18-11-2025",
            "Schoolgroep": Choice(["3", "4", "5"], ["4"]),
            "Aantal leerlingen ≤ 8 jr": "1.214",
            "VMBO basis": "12,5 %",
            "Schooljaar": "2025 / 2026",
        }
    )
    mapping = map_form(zuid_limburg, read_form_fields(pdf), {})
    assert mapping.answers == {
        "samenwerkingsverband": "po_31_05",
        "vastgesteld_datum": "2025-11-18",
        "schoolgroep": 4,
        "leerlingen_tm8": 1214,
        "uitstroom_vmbo_basis": 12.5,
    }
    assert mapping.school_year == "2025-2026"


def test_a_value_that_does_not_fit_is_not_taken_over(zuid_limburg: FormatDefinition) -> None:
    pdf = filled_form({"Email": "geen adres", "Aantal locaties": "twee", "School": "De Linde"})
    mapping = map_form(zuid_limburg, read_form_fields(pdf), {})
    notes = {r.field.partial: (r.outcome, r.note) for r in mapping.fields}
    assert notes["Email"] == (
        FieldOutcome.UNUSABLE,
        "'geen adres' is geen een geldig e-mailadres (naam@school.nl)",
    )
    assert notes["Aantal locaties"] == (FieldOutcome.UNUSABLE, "‘twee’ is geen getal")
    assert mapping.answers == {"school_naam": "De Linde"}


def test_answers_already_given_are_conflicts_unless_the_same(
    zuid_limburg: FormatDefinition,
) -> None:
    pdf = filled_form({"School": "De Linde", "Directeur": "mw. A. Janssen"})
    existing = {"school_naam": "De Oude Linde", "directeur": "mw. A. Janssen", "bestuur": "X"}
    mapping = map_form(zuid_limburg, read_form_fields(pdf), existing)
    assert mapping.conflicts == {"school_naam": ("De Oude Linde", "De Linde")}
    assert mapping.answers == {"directeur": "mw. A. Janssen"}
    assert mapping.answers_to_save(["school_naam"]) == {
        "directeur": "mw. A. Janssen",
        "school_naam": "De Linde",
    }
    items = {i.key: i.outcome for i in mapping.items}
    assert items["bestuur"] == ItemOutcome.KEPT
    assert items["school_naam"] == ItemOutcome.CONFLICT


def test_a_pdf_of_another_form_is_refused(zuid_limburg: FormatDefinition) -> None:
    pdf = filled_form({"Naam aanvrager": "J. Jansen", "Kenteken": "AB-12-CD", "Akkoord": True})
    with pytest.raises(UnreadableFileError, match="Geen enkel veld van dit formulier hoort bij"):
        map_form(zuid_limburg, read_form_fields(pdf), {})
