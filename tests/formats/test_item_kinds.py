"""Every item kind accepts its answers, normalises them, and names the place of a wrong one."""

from __future__ import annotations

from typing import Any

import pytest

from opensop.formats.answers import check_answers, count_lines, is_filled, missing_required
from opensop.formats.definition import FormatDefinition
from tests.formats.conftest import format_of

SCALE = {
    "key": "score",
    "kind": "scale",
    "label": "Score",
    "levels": [{"value": v, "label": f"{25 * (v - 1)}–{25 * v} %"} for v in (1, 2, 3, 4)],
}
GRID = {
    "key": "interventies",
    "kind": "yes_no_grid",
    "label": "Interventies",
    "rows": [{"key": "rekenen", "label": "Rekenen"}],
    "columns": [
        {"key": "beleid", "label": "Beleid"},
        {"key": "specialisme", "label": "Specialisme"},
    ],
    "free_rows": 1,
}
TABLE = {
    "key": "fte",
    "kind": "table",
    "label": "Formatie",
    "columns": [{"key": "fte", "label": "FTE", "max": 50}],
    "groups": [{"key": "niveau_1", "label": "Niveau 1", "free_rows": 2}],
    "rows": [{"key": "leraar", "label": "leraar", "group": "niveau_1"}],
}
CHECKLIST = {
    "key": "aanbod",
    "kind": "offer_checklist",
    "label": "Daarnaast bieden wij",
    "catalogue": [{"key": "lift", "label": "Lift"}, {"key": "rolstoel", "label": "Rolstoel"}],
}
ROWS = {
    "key": "ambities",
    "kind": "repeating_rows",
    "label": "Ambities",
    "row_label": "Ambitie",
    "max_rows": 2,
    "fields": [
        {"key": "doel", "kind": "long_text", "label": "Ontwikkeldoel", "required": True},
        {"key": "tijdpad", "kind": "text", "label": "Tijdpad"},
    ],
}
CHOICES = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]

# kind → (extra definition fields, valid answer, normalised answer, wrong answer, words in message)
CASES: dict[str, tuple[dict[str, Any], Any, Any, Any, str]] = {
    "text": ({}, "  De Bron ", "De Bron", 12, "verwacht tekst"),
    "long_text": (
        {"max_lines": 2, "line_width": 20},
        "Kort.",
        "Kort.",
        "x " * 60,
        "maximaal 2 regels",
    ),
    "integer": ({"max": 500}, 12, 12, -3, "minstens 0"),
    "decimal": ({"decimals": 1}, 1.5, 1.5, 1.25, "te veel decimalen"),
    "percentage": ({}, 12.5, 12.5, 120, "hoogstens 100 %"),
    "date": ({}, "2025-10-01", "2025-10-01", "1 oktober", "JJJJ-MM-DD"),
    "email": ({}, "ib@school.nl", "ib@school.nl", "ib-at-school", "geen een geldig e-mailadres"),
    "phone": ({}, "045 123 45 67", "045 123 45 67", "12", "geen telefoonnummer"),
    "brin": ({}, "99ab", "99AB", "9ABC", "geen brinnummer"),
    "postcode": ({}, "6411ab", "6411 AB", "641 AB", "postcode als 1234 AB"),
    "choice": ({"options": CHOICES}, "a", "a", "c", "kies uit a, b"),
    "multi_choice": ({"options": CHOICES}, ["a", "b"], ["a", "b"], ["a", "a"], "meer dan eens"),
    "yes_no": ({}, "Ja", True, "misschien", "verwacht ja of nee"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_simple_kind_accepts_normalises_and_rejects(kind: str) -> None:
    extra, valid, normalised, wrong, words = CASES[kind]
    definition = format_of({"key": "vraag", "kind": kind, "label": "De vraag", **extra})

    accepted = check_answers(definition, {"vraag": valid})
    assert accepted.errors == []
    assert accepted.values == {"vraag": normalised}

    rejected = check_answers(definition, {"vraag": wrong})
    assert len(rejected.errors) == 1
    problem = rejected.errors[0]
    assert words in problem.message
    assert problem.path == "answers.vraag"
    assert problem.where == "1 Proef › De vraag"
    assert "vraag" not in rejected.values


def test_scale_takes_only_its_levels() -> None:
    definition = format_of(SCALE)
    assert check_answers(definition, {"score": 4}).values == {"score": 4}
    message = check_answers(definition, {"score": 5}).errors[0].message
    assert "kies uit 1, 2, 3, 4" in message
    assert definition.item("score").level_label(1) == "0–25 %"  # type: ignore[union-attr]


def test_grid_counts_yes_and_names_a_wrong_cell() -> None:
    definition = format_of(GRID)
    answer = {
        "rows": {"rekenen": {"beleid": True, "specialisme": False}},
        "extra_rows": [{"label": "Executieve functies", "cells": {"beleid": True}}],
    }
    assert check_answers(definition, {"interventies": answer}).errors == []

    answer["rows"]["rekenen"]["beleid"] = "yes"  # type: ignore[index]
    answer["rows"]["onbekend"] = {}  # type: ignore[index]
    errors = check_answers(definition, {"interventies": answer}).errors
    where = sorted(e.where for e in errors)
    assert where == [
        "1 Proef › Interventies › rijen › Rekenen › Beleid",
        "1 Proef › Interventies › rijen › onbekend",
    ]


def test_grid_refuses_more_free_rows_than_the_form_has() -> None:
    definition = format_of(GRID)
    rows = [{"label": f"Eigen {n}", "cells": {}} for n in range(3)]
    errors = check_answers(definition, {"interventies": {"extra_rows": rows}}).errors
    assert any("hoogstens 1 toegestaan" in e.message for e in errors)


def test_table_checks_cells_and_free_rows_per_group() -> None:
    definition = format_of(TABLE)
    answer = {
        "rows": {"leraar": {"fte": 12.4}},
        "extra_rows": [{"group": "niveau_1", "label": "Vakleerkracht gym", "cells": {"fte": 0.6}}],
    }
    assert check_answers(definition, {"fte": answer}).values["fte"]["extra_rows"][0]["cells"] == {
        "fte": 0.6
    }
    answer["rows"]["leraar"]["fte"] = 80  # type: ignore[index]
    answer["extra_rows"].append({"group": "niveau_9", "label": "X", "cells": {}})  # type: ignore[attr-defined]
    messages = [e.message for e in check_answers(definition, {"fte": answer}).errors]
    assert any("mag hoogstens 50 zijn" in m for m in messages)
    assert any("kies de groep" in m for m in messages)


def test_offer_checklist_states_and_own_offers() -> None:
    definition = format_of(CHECKLIST)
    answer = {"offers": {"lift": "deels"}, "own": [{"label": "Buddy", "state": "aanwezig"}]}
    assert check_answers(definition, {"aanbod": answer}).values["aanbod"] == answer

    bad = {"offers": {"lift": "half", "trap": "aanwezig"}, "own": [{"state": "aanwezig"}]}
    messages = sorted(e.message for e in check_answers(definition, {"aanbod": bad}).errors)
    assert messages == [
        "'half' is geen geldige stand; kies uit aanwezig, in_ontwikkeling, deels, niet",
        "eigen aanbod heeft een omschrijving nodig (label)",
        "onbekend onderdeel 'trap'",
    ]


def test_repeating_rows_check_each_field_and_the_row_limit() -> None:
    definition = format_of(ROWS)
    rows = [{"doel": "Rekenen op maat", "tijdpad": "2026"}]
    assert check_answers(definition, {"ambities": rows}).values["ambities"] == rows

    errors = check_answers(
        definition, {"ambities": [{"doel": 3}, {"doel": "a"}, {"doel": "b"}]}
    ).errors
    assert [e.where for e in errors] == [
        "1 Proef › Ambities",
        "1 Proef › Ambities › Ambitie 1 › Ontwikkeldoel",
    ]


def test_fixed_text_takes_no_answer() -> None:
    definition = format_of(
        {"key": "basis", "kind": "fixed_text", "label": "Basis", "text": "Tekst."}
    )
    errors = check_answers(definition, {"basis": "iets"}).errors
    assert "vaste tekst" in errors[0].message


def test_unknown_item_is_named_with_the_format_version() -> None:
    definition = format_of(SCALE)
    errors = check_answers(definition, {"scoer": 3}).errors
    assert errors[0].message == "onbekend item 'scoer' in formaat proef@1"


def test_long_text_counts_printed_lines() -> None:
    assert count_lines("een\n\ntwee", 90) == 3
    assert count_lines("woord " * 30, 90) == 2


@pytest.mark.parametrize(
    ("item", "value", "filled"),
    [
        (GRID, {"rows": {"rekenen": {"beleid": True}}}, False),
        (GRID, {"rows": {"rekenen": {"beleid": True, "specialisme": False}}}, True),
        (CHECKLIST, {"offers": {}, "own": []}, False),
        (ROWS, [], False),
        ({"key": "v", "kind": "yes_no", "label": "V"}, False, True),
    ],
)
def test_when_an_item_counts_as_answered(item: dict[str, Any], value: Any, filled: bool) -> None:
    definition: FormatDefinition = format_of(item)
    assert is_filled(definition.item(item["key"]), value) is filled


def test_show_if_hides_an_item_and_its_requirement() -> None:
    definition = format_of(
        {
            "key": "oordeel",
            "kind": "choice",
            "label": "Oordeel",
            "options": [
                {"value": "inspectie", "label": "Inspectie"},
                {"value": "eigen", "label": "Eigen"},
            ],
        },
        {
            "key": "onderbouwing",
            "kind": "long_text",
            "label": "Onderbouwing",
            "required": True,
            "show_if": {"item": "oordeel", "equals": "eigen"},
        },
    )
    assert missing_required(definition, {"oordeel": "inspectie"}) == []
    assert [p.where for p in missing_required(definition, {"oordeel": "eigen"})] == [
        "1 Proef › Onderbouwing"
    ]
    warnings = check_answers(definition, {"oordeel": "inspectie", "onderbouwing": "x"}).warnings
    assert "niet van toepassing" in warnings[0].message
